import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { describeWithService } from '@test/support/requires-service';
import { StoreUnavailableError } from '../port';
import { migrateEventStore } from '../sql';
import { describeEventStoreConformance } from '../testing/conformance';
import {
  Collector,
  freshStreamId,
  newEvents,
  readAllOf,
  readAllUntil,
} from '../testing/conformance-fixtures';
import { dropSchema, postgresHarness } from '../testing/postgres-harness';
import { describeSqlStoreCases } from '../testing/sql-store-cases';
import { PgDatabase } from './pg-database';
import { createPgPool } from './create-pg-pool';
import { createPostgresEventStore, type PostgresEventStore } from './postgres-event-store';
import { type AppLogger, silentLogger } from '../logging';

jest.setTimeout(60_000);

const testSchema = (): string => `es_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;

describeWithService('postgres', 'PostgreSQL event store', (url) => {
  const schema = testSchema();
  const created: string[] = [schema];

  beforeAll(() => {
    process.stdout.write(
      `\n[event-store] PostgreSQL at ${url.replace(/:[^:@/]+@/, ':***@')}, schema ${schema}\n`,
    );
  });
  afterAll(async () => {
    for (const name of created) await dropSchema(url, name);
  });

  describeEventStoreConformance(postgresHarness(url, schema));

  describe('beyond the port', () => {
    let store: PostgresEventStore;
    beforeAll(async () => {
      store = await createPostgresEventStore({
        connectionString: url,
        schema,
        heldBackCheckIntervalMs: 0,
      });
    });
    afterAll(async () => {
      await store.close();
    });

    describeSqlStoreCases('postgres', () => ({ store, db: store.database }));

    it('applies each migration once when two processes start at once', async () => {
      const fresh = testSchema();
      created.push(fresh);
      const pool = () =>
        createPgPool({ connectionString: url, onConnectionError: () => undefined });
      const pools = [pool(), pool()];
      try {
        const applied = await Promise.all(
          pools.map((pool) => migrateEventStore(new PgDatabase(pool, false), fresh)),
        );
        expect(applied.flat().sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
      } finally {
        await Promise.all(pools.map((pool) => pool.end()));
      }
    });

    it('wakes a subscriber of another store instance through LISTEN/NOTIFY, not polling', async () => {
      const other = await createPostgresEventStore({
        connectionString: url,
        schema,
        heldBackCheckIntervalMs: 0,
        subscription: { pollIntervalMs: 600_000 },
      });
      const streamId = freshStreamId();
      const collector = new Collector(other, await other.headPosition(), new Set([streamId]));
      try {
        await store.append(streamId, newEvents(1), 'no-stream');
        await collector.waitFor(1, 20_000);
      } finally {
        await collector.stop();
        await other.close();
      }
    });

    it('names the transaction that holds readers back, and readers wait for it', async () => {
      const warnings: string[] = [];
      const logger: AppLogger = { ...silentLogger, warn: (message) => warnings.push(message) };
      const watcher = await createPostgresEventStore({
        connectionString: url,
        schema,
        logger,
        heldBackWarningMs: 0,
        heldBackCheckIntervalMs: 0,
      });
      const blocker = new Client({ connectionString: url, application_name: 'slow-writer' });
      await blocker.connect();
      try {
        const head = await store.headPosition();
        await blocker.query('BEGIN');
        const { rows } = await blocker.query<{ xid: string }>(
          'SELECT pg_current_xact_id()::text AS xid',
        );
        const streamId = freshStreamId();
        await store.append(streamId, newEvents(1), 'no-stream');
        expect(await readAllOf(store, head, new Set([streamId]))).toEqual([]);

        const held = await watcher.heldBackMonitor.check();
        expect(held).toContainEqual(
          expect.objectContaining({ transactionId: rows[0].xid, applicationName: 'slow-writer' }),
        );
        expect(warnings.some((message) => message.includes(rows[0].xid))).toBe(true);

        await blocker.query('COMMIT');
        expect(await readAllUntil(store, head, new Set([streamId]), 1)).toHaveLength(1);
      } finally {
        await blocker.end();
        await watcher.close();
      }
    });

    it('ends a transaction left idle longer than the timeout, so it cannot hold readers forever', async () => {
      const bounded = await createPostgresEventStore({
        connectionString: url,
        schema,
        applicationName: `idle-bound-${schema}`,
        idleInTransactionTimeoutMs: 200,
        heldBackCheckIntervalMs: 0,
        logger: silentLogger,
      });
      const observer = new Client({ connectionString: url });
      await observer.connect();
      const streamId = freshStreamId();
      try {
        const outcome = bounded.transaction(async (tx) => {
          await tx.append(streamId, newEvents(1), 'no-stream');
          // Idle inside the transaction until the server has ended the session.
          for (;;) {
            const { rows } = await observer.query(
              `SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND state LIKE 'idle in transaction%'`,
              [`idle-bound-${schema}`],
            );
            if (rows.length === 0) return;
          }
        });
        await expect(outcome).rejects.toBeInstanceOf(StoreUnavailableError);
        await expect(store.readStream(streamId)).rejects.toMatchObject({
          name: 'StreamNotFoundError',
        });
      } finally {
        await observer.end();
        await bounded.close();
      }
    });

    it('reports an unreachable server as StoreUnavailableError', async () => {
      await expect(
        createPostgresEventStore({ connectionString: 'postgres://postgres@127.0.0.1:1/test' }),
      ).rejects.toBeInstanceOf(StoreUnavailableError);
    });
  });
});
