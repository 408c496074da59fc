import { describeWithService } from '@test/support/requires-service';
import { Client } from 'pg';
import { createPostgresReadModels, type ReadModels } from '../read-models';
import { InMemoryEventStore } from '@app/event-store/testing';
import { SessionWriter, uniqueSchema } from '../testing';
import { waitUntil } from '../testing';
import { PgAdvisoryLeaseProvider } from '@app/consumers';

jest.setTimeout(60_000);

describeWithService('postgres', 'projection leases on PostgreSQL advisory locks', (url) => {
  const schema = uniqueSchema('rm_lease');
  let readModels: ReadModels;
  let admin: Client;

  beforeAll(async () => {
    readModels = await createPostgresReadModels({ connectionString: url, schema });
    admin = new Client({ connectionString: url });
    await admin.connect();
  });
  afterAll(async () => {
    await readModels.close();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });

  const leaseBackends = async (): Promise<number[]> =>
    (
      await admin.query<{ pid: number }>(
        'SELECT pid FROM pg_stat_activity WHERE application_name = $1 ORDER BY pid',
        [`read-models-lease:${schema}`],
      )
    ).rows.map((row) => row.pid);

  it('keeps a lease from other replicas, and re-acquires it after its connection is cut', async () => {
    const store = new InMemoryEventStore();
    const writer = new SessionWriter(store);
    await writer.schedule({
      sessionId: 'l1',
      professionalId: 'pro-1',
      startsAt: '2026-03-10T09:00:00.000Z',
    });
    const projector = readModels.createProjector(store, {
      leaseRetryMs: 50,
      backoff: { initialMs: 50, maxMs: 200 },
    });
    projector.start();
    try {
      await waitUntil(async () => (await leaseBackends()).length === 3);
      const other = new PgAdvisoryLeaseProvider({
        connectionString: url,
        scope: schema,
        applicationName: 'rm-other-replica',
      });
      expect(await other.tryAcquire('calendar')).toBeUndefined();

      const before = await leaseBackends();
      await admin.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [before]);
      await waitUntil(async () => {
        const now = await leaseBackends();
        return now.length === 3 && now.every((pid) => !before.includes(pid));
      });
      const { position } = await writer.schedule({
        sessionId: 'l2',
        professionalId: 'pro-1',
        startsAt: '2026-03-10T11:00:00.000Z',
      });
      await projector.waitForPosition(position, 10_000);
      expect(projector.consumers.map((c) => c.state)).toEqual(['running', 'running', 'running']);
    } finally {
      await projector.stop();
    }
    // Stopping released every lease: another replica gets it at once.
    expect(await leaseBackends()).toEqual([]);
    const next = new PgAdvisoryLeaseProvider({ connectionString: url, scope: schema });
    const lease = await next.tryAcquire('calendar');
    expect(lease).toBeDefined();
    await lease?.release();
  });
});
