import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { listSetAside, readActiveCheckpoint } from '@app/consumers';
import { silentLogger } from '@app/event-store';
import { createPostgresEventStore } from '@app/event-store/postgres';
import { defaultUpcasterRegistry, withUpcasting } from '@app/event-store/upcasting';
import { createPostgresReadModels } from '@app/read-models';
import { SessionWriter, waitUntil } from '@app/read-models/testing';
import {
  privatePostgresProblem,
  startPrivatePostgres,
  type PrivatePostgres,
} from '@test/support/private-postgres';
import { itUnless } from '@test/support/requires-service';
import { loadProjectorConfig } from './projector-config';
import { startProjector, type RunningProjector } from './projector-process';

jest.setTimeout(120_000);

const SESSIONS = 400;

/**
 * Faults of the database under the projector, on a private PostgreSQL (never the shared one,
 * and its transactions cannot hold the shared server's readers back): an outage is transient,
 * the consumers retry with backoff and never blame an event for it; a transaction left open
 * holds every reader back, and readiness says so.
 */
describe('the projector across database faults', () => {
  let server: PrivatePostgres | undefined;
  let running: RunningProjector | undefined;
  let client: Client | undefined;

  afterAll(async () => {
    await client?.end().catch(() => undefined);
    await running?.stop().catch(() => undefined);
    await server?.destroy();
  });

  itUnless(
    privatePostgresProblem(),
    'retries for ever, says down meanwhile, sets nothing aside, and catches up once the database is back',
    async () => {
      server = await startPrivatePostgres();
      const url = server.url();
      const raw = await createPostgresEventStore({
        connectionString: url,
        heldBackCheckIntervalMs: 0,
        heldBackWarningMs: 300,
        logger: silentLogger,
      });
      const readModels = await createPostgresReadModels({ connectionString: url });
      const writer = new SessionWriter(raw);
      for (let i = 0; i < SESSIONS; i += 1) {
        const sessionId = randomUUID();
        const startsAt = new Date(Date.parse('2026-05-01T08:00:00Z') + i * 3_600_000).toISOString();
        await writer.schedule({ sessionId, professionalId: `pro-${i % 7}`, startsAt });
        await writer.cancel(sessionId, `pro-${i % 7}`, {
          reason: 'cancelled-by-client',
          cancelledAt: '2026-04-01T10:00:00.000Z',
        });
      }
      const head = (await raw.headPosition())!;
      const env = { EVENT_STORE: 'postgres', READ_MODEL_STORE: 'postgres', DATABASE_URL: url };
      running = await startProjector(loadProjectorConfig(env), silentLogger, {
        env,
        listen: false,
        stores: {
          eventStore: withUpcasting(raw, defaultUpcasterRegistry()),
          readModels,
          heldBack: () => raw.heldBack(),
          close: async () => {
            await readModels.close();
            await raw.close();
          },
        },
      });
      const ready = async () => {
        const answer = await running!.app.inject({ method: 'GET', url: '/health/ready' });
        return { code: answer.statusCode, body: answer.json<Record<string, unknown>>() };
      };

      // Mid catch-up: some batches committed, the head not reached.
      await waitUntil(async () => {
        const calendar = await readActiveCheckpoint(readModels.executor, 'calendar');
        return calendar?.position !== undefined;
      }, 30_000);
      await server.stop('immediate');

      // Down meanwhile: 503 naming the checks; every consumer fails and retries.
      await waitUntil(async () => (await ready()).code === 503, 20_000);
      expect((await ready()).body).toMatchObject({
        status: 'down',
        checks: { eventStore: { state: 'down' }, readModels: { state: 'down' } },
      });
      await waitUntil(
        () =>
          running!.runtime
            .consumerNames()
            .every((name) => (running!.runtime.live(name)?.totals.errors ?? 0) >= 2),
        30_000,
      );

      await server.start();
      await running.runtime.waitForPosition(head, 60_000);
      await waitUntil(async () => (await ready()).code === 200, 20_000);
      // At the head is not yet recovered: a consumer that was already at the head and whose last
      // attempt met the server starting up clears its error on its next attempt, after its backoff.
      await waitUntil(async () => {
        const current = await running!.runtime.status();
        return current.every((status) => status.lastError === null && status.health.state === 'up');
      }, 30_000);
      const statuses = await running.runtime.status();
      for (const status of statuses) {
        expect(status).toMatchObject({ position: head, setAsideCount: 0, lastError: null });
        expect(status.health.state).toBe('up');
        expect(status.totals.errors).toBeGreaterThanOrEqual(2);
        const generation = status.generation ?? 1;
        expect((await listSetAside(readModels.executor, status.name, generation)).count).toBe(0);
      }
      const calendar = await readModels.executor.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM calendar_sessions_g1 WHERE status = 'cancelled'`,
      );
      expect(calendar[0]?.n).toBe(String(SESSIONS));
    },
  );

  itUnless(
    privatePostgresProblem(),
    'says degraded, naming the transaction, while an open transaction holds the consumers back',
    async () => {
      if (running === undefined || server === undefined) throw new Error('needs the first test');
      const projector = running;
      const ready = async () =>
        (await projector.app.inject({ method: 'GET', url: '/health/ready' })).json<{
          status: string;
          checks: Record<string, { state: string; reason?: string }>;
        }>();
      expect((await ready()).status).toBe('ok');
      client = new Client({ connectionString: server.url(), application_name: 'left-open' });
      await client.connect();
      await client.query('BEGIN');
      const [{ xid }] = (
        await client.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid')
      ).rows;
      // Committed after the open transaction began: no reader may see it until that one ends.
      const other = await createPostgresEventStore({
        connectionString: server.url(),
        listen: false,
        heldBackCheckIntervalMs: 0,
      });
      const writer = new SessionWriter(other);
      const { position } = await writer.schedule({
        sessionId: randomUUID(),
        professionalId: 'pro-held',
        startsAt: '2026-06-01T10:00:00.000Z',
      });
      await waitUntil(async () => (await ready()).status === 'degraded', 20_000);
      const held = await ready();
      expect(held.checks['consumer:calendar']).toMatchObject({
        state: 'degraded',
        reason: expect.stringContaining(`held back by transaction ${xid}`),
      });
      expect(held.checks['consumer:calendar']?.reason).toContain('left-open');
      await client.query('COMMIT');
      await projector.runtime.waitForPosition(position, 20_000);
      await waitUntil(async () => (await ready()).status === 'ok', 20_000);
      await other.close();
    },
  );
});
