import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { describeWithService } from '@test/support/requires-service';
import { silentMessagingLogger } from '../support';
import { postgresAdvisoryLease } from './postgres-advisory-lease';

jest.setTimeout(30_000);

describeWithService('postgres', 'Publisher lease (PostgreSQL advisory lock)', (url) => {
  const lease = (name: string) =>
    postgresAdvisoryLease({
      connectionString: url,
      name,
      retryMs: 50,
      heartbeatMs: 100,
      logger: silentMessagingLogger,
    });

  it('is held by one replica at a time; the standby takes over once it is released', async () => {
    const name = `p-${randomUUID().slice(0, 8)}`;
    const stop = new AbortController();
    const first = await lease(name).acquire(stop.signal);
    let secondHeld = false;
    const second = lease(name)
      .acquire(stop.signal)
      .then((held) => {
        secondHeld = true;
        return held;
      });
    // The standby keeps trying while the first holds it: it must not get it before the release.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(secondHeld).toBe(false);
    await first.release();
    const held = await second;
    expect(held.lost.aborted).toBe(false);
    await held.release();
  });

  it('is reported lost when its connection is terminated, and freed for another replica', async () => {
    const name = `p-${randomUUID().slice(0, 8)}`;
    const stop = new AbortController();
    const held = await lease(name).acquire(stop.signal);
    const admin = new Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
        [`kafka-publisher-lease:${name}`],
      );
    } finally {
      await admin.end();
    }
    await new Promise<void>((resolve) => {
      if (held.lost.aborted) resolve();
      else held.lost.addEventListener('abort', () => resolve(), { once: true });
    });
    const next = await lease(name).acquire(stop.signal);
    await next.release();
    await held.release();
  });
});
