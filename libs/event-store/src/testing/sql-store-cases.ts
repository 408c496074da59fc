import { randomUUID } from 'node:crypto';
import { StreamDeletedError, StreamNotFoundError, WrongExpectedVersionError } from '../port';
import { migrateEventStore, MIGRATIONS, SqlEventStore, type SqlDatabase } from '../sql';
import { statementsFor } from '../sql/statements';
import {
  Collector,
  freshStreamId,
  newEvent,
  newEvents,
  readAllUntil,
} from './conformance-fixtures';
import { describeSqlBatchCases } from './sql-batch-cases';

export interface SqlStoreFixture {
  readonly store: SqlEventStore;
  readonly db: SqlDatabase;
}

/**
 * Cases of the SQL stores beyond the port: migrations, several operations in one transaction,
 * sequence gaps from rollbacks, input checks. Both the PostgreSQL and the embedded spec run them.
 */
export function describeSqlStoreCases(name: string, fixture: () => SqlStoreFixture): void {
  describe(`SQL event store: ${name}`, () => {
    it('migrations are recorded and running them again changes nothing', async () => {
      const { db, store } = fixture();
      expect(await migrateEventStore(db, store.schema)).toEqual([]);
      const rows = await db.query<{ id: number }>(
        `SELECT id FROM "${store.schema}".schema_migrations ORDER BY id`,
      );
      expect(rows.map((row) => row.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    });

    it('has one append function, without the unused notify channel (migration 5)', async () => {
      const { db, store } = fixture();
      const functions = await db.query<{ args: string }>(
        `SELECT oidvectortypes(p.proargtypes) AS args
           FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
          WHERE n.nspname = $1 AND p.proname = 'append_events'`,
        [store.schema],
      );
      expect(functions.map((row) => row.args)).toEqual(['text, bigint, jsonb']);
    });

    it('probes keys in any plan a prepared statement may keep (generic plans over never-analysed tables)', async () => {
      const { db } = fixture();
      // A schema of its own, empty and never analysed: what a new deployment plans against.
      const schema = `${fixture().store.schema}_plans`.slice(0, 60);
      await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await migrateEventStore(db, schema);
      const statements = statementsFor(schema);
      const genericPlan = (types: string, statement: string, args: string): Promise<string> =>
        db.transaction(async (tx) => {
          await tx.query('SET LOCAL plan_cache_mode = force_generic_plan');
          await tx.query(`PREPARE plan_under_test (${types}) AS ${statement}`);
          try {
            const rows = await tx.query<Record<string, string>>(
              `EXPLAIN EXECUTE plan_under_test (${args})`,
            );
            return rows.map((row) => Object.values(row)[0] ?? '').join('\n');
          } finally {
            await tx.query('DEALLOCATE plan_under_test');
          }
        });
      try {
        const read = await genericPlan(
          'text[]',
          statements.readStreams,
          `'{session-a,session-deletion-a,workstation-b}'`,
        );
        expect(read).toContain('events_stream_version_key');
        expect(read).not.toMatch(/Seq Scan on events/);
        expect(read).not.toContain('Hash');
        // The version check of a cancel's append: the last version and the opening row only.
        const append = await genericPlan(
          'text, bigint, text[], text[], text[], jsonb, jsonb',
          statements.appendExact,
          `'session-a', 3, '{}', '{}', '{}', '[]', '[]'`,
        );
        expect(append).toMatch(/Index Only Scan Backward using events_stream_version_key/);
        expect(append).not.toMatch(/Bitmap|Seq Scan on events/);
        // The same check in the statement concurrent commands share (BatchedStatements).
        const appends = await genericPlan(
          'text[], text[], text[], text[], text[], text[], text[], jsonb, jsonb',
          statements.appendExactMany,
          `'{session-a,session-b}', '{3,4}', '{}', '{}', '{}', '{}', '{}', '[]', '[]'`,
        );
        expect(appends).toMatch(/Index Only Scan Backward using events_stream_version_key/);
        expect(appends).not.toMatch(/Bitmap|Seq Scan on events/);
        const opened = await genericPlan(
          'text[], text[], text[], text[], jsonb, jsonb',
          statements.appendNewMany,
          `'{session-a}', '{}', '{}', '{}', '[]', '[]'`,
        );
        expect(opened).not.toMatch(/Seq Scan on events/);
      } finally {
        await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      }
    });

    it("looks events up by their keys in the append function's plans too (generic plans over never-analysed tables)", async () => {
      const { db } = fixture();
      // A schema of its own, empty and never analysed, and generic plans from the start: what a
      // connection keeps once it has planned the function's statements in a new deployment
      // (PGlite never analyses; a PostgreSQL without autovacuum neither). A sequential scan of
      // the events table in any of them makes every 'any' append cost the whole log.
      const schema = `${fixture().store.schema}_fn_plans`.slice(0, 60);
      await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await migrateEventStore(db, schema);
      const batch = (...types: string[]): string =>
        JSON.stringify(
          types.map((type) => ({
            eventId: randomUUID(),
            type,
            schemaVersion: 1,
            data: {},
            metadata: {},
          })),
        );
      try {
        const { statuses, sequentialScans } = await db.transaction(async (tx) => {
          await tx.query('SET LOCAL plan_cache_mode = force_generic_plan');
          const append = async (stream: string, expected: number, events: string) => {
            const [row] = await tx.query<{ out_status: string }>(
              `SELECT out_status FROM "${schema}".append_events($1, $2, $3::jsonb)`,
              [stream, expected, events],
            );
            return row?.out_status;
          };
          // The backend's counts not yet reported (earlier transactions' too): a difference.
          const sequentialScansSoFar = async (): Promise<number> => {
            const [row] = await tx.query<{ seq_scan: string }>(
              `SELECT seq_scan::text AS seq_scan FROM pg_stat_xact_user_tables
                WHERE relid = '"${schema}".events'::regclass`,
            );
            return Number(row?.seq_scan ?? 0);
          };
          const before = await sequentialScansSoFar();
          const repeated = batch('Again');
          const found = [
            await append('plans-a', -2, batch('First')), // 'any', new stream
            await append('plans-a', -2, repeated), // 'any', existing stream
            await append('plans-a', -2, repeated), // 'any', a retry
            await append('plans-a', 5, batch('Late')), // a conflict, told apart from a duplicate
          ];
          return { statuses: found, sequentialScans: (await sequentialScansSoFar()) - before };
        });
        expect(statuses).toEqual(['ok', 'ok', 'idempotent', 'conflict']);
        expect(sequentialScans).toBe(0);
      } finally {
        await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      }
    });

    it('appends a batch at an exact version in order, with the last event’s position', async () => {
      const { store } = fixture();
      const streamId = freshStreamId();
      await store.append(streamId, newEvents(1), 'no-stream');
      // Data with quotes, backslashes and braces: the batch travels as text arrays.
      const batch = [
        newEvent('Tricky', { text: 'a "quoted" \\ {brace}, comma' }),
        newEvent('Second'),
        newEvent('Third'),
      ];
      const result = await store.append(streamId, batch, 0);

      expect(result.version).toBe(3);
      const read = await store.readStream(streamId);
      expect(read.map((event) => [event.type, event.streamVersion])).toEqual([
        [read[0]?.type, 0],
        ['Tricky', 1],
        ['Second', 2],
        ['Third', 3],
      ]);
      expect(read[1]?.data).toEqual({ text: 'a "quoted" \\ {brace}, comma' });
      const positions = read.map((event) => BigInt(event.position));
      expect([...positions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(positions);
      expect(result.position).toBe(read[3]?.position);
    });

    it('commits an append, a delete and the caller’s own rows in one transaction', async () => {
      const { db, store } = fixture();
      const table = `"${store.schema}".test_idempotency`;
      await db.query(`CREATE TABLE IF NOT EXISTS ${table} (key text PRIMARY KEY)`);
      const session = freshStreamId('session');
      const deletion = freshStreamId('session-deletion');
      await store.append(session, newEvents(2), 'no-stream');

      const result = await store.transaction(async (tx) => {
        const appended = await tx.append(deletion, [newEvent('SessionDeleted')], 'no-stream');
        await tx.deleteStream(session);
        await tx.sql.query(`INSERT INTO ${table} (key) VALUES ($1)`, [session]);
        return appended;
      });

      expect(result.version).toBe(0);
      await expect(store.readStream(session)).rejects.toBeInstanceOf(StreamDeletedError);
      expect(await store.readStream(deletion)).toHaveLength(1);
      expect(await db.query(`SELECT 1 FROM ${table} WHERE key = $1`, [session])).toHaveLength(1);
    });

    it('rolls every operation of a failed transaction back', async () => {
      const { db, store } = fixture();
      const table = `"${store.schema}".test_idempotency`;
      await db.query(`CREATE TABLE IF NOT EXISTS ${table} (key text PRIMARY KEY)`);
      const session = freshStreamId('session');
      const deletion = freshStreamId('session-deletion');
      await store.append(session, newEvents(2), 'no-stream');
      const failure = new Error('crash between the steps');

      await expect(
        store.transaction(async (tx) => {
          await tx.append(deletion, [newEvent('SessionDeleted')], 'no-stream');
          await tx.deleteStream(session);
          await tx.sql.query(`INSERT INTO ${table} (key) VALUES ($1)`, [session]);
          throw failure;
        }),
      ).rejects.toBe(failure);

      expect(await store.readStream(session)).toHaveLength(2);
      await expect(store.readStream(deletion)).rejects.toBeInstanceOf(StreamNotFoundError);
      expect(await db.query(`SELECT 1 FROM ${table} WHERE key = $1`, [session])).toHaveLength(0);
    });

    it('a failed append inside a transaction fails the transaction with the typed error', async () => {
      const { store } = fixture();
      const streamId = freshStreamId();
      await store.append(streamId, newEvents(1), 'no-stream');
      const other = freshStreamId();
      await expect(
        store.transaction(async (tx) => {
          await tx.append(other, newEvents(1), 'no-stream');
          await tx.append(streamId, newEvents(1), 'no-stream');
        }),
      ).rejects.toBeInstanceOf(WrongExpectedVersionError);
      await expect(store.readStream(other)).rejects.toBeInstanceOf(StreamNotFoundError);
    });

    it('readers are not stalled by the sequence gap of a rolled-back append', async () => {
      const { store } = fixture();
      const head = await store.headPosition();
      const [gone, kept] = [freshStreamId(), freshStreamId()];
      const collector = new Collector(store, head, new Set([gone, kept]));
      try {
        await expect(
          store.transaction(async (tx) => {
            await tx.append(gone, newEvents(5), 'no-stream');
            throw new Error('roll back');
          }),
        ).rejects.toThrow('roll back');
        await store.append(kept, newEvents(2), 'no-stream');
        const received = await collector.waitFor(2);
        expect(received.map((event) => event.streamId)).toEqual([kept, kept]);
        expect(await readAllUntil(store, head, new Set([gone, kept]), 2)).toHaveLength(2);
      } finally {
        await collector.stop();
      }
    });

    it('migration 6 keeps every stream: live ones go on at their version, deleted ones stay deleted', async () => {
      const { db } = fixture();
      const schema = `${fixture().store.schema}_m6`.slice(0, 60);
      await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await migrateEventStore(db, schema, MIGRATIONS.slice(0, 5));
      const [live, erased, never] = [freshStreamId(), freshStreamId(), freshStreamId()];
      try {
        // Written through migration 5's functions, as a release before migration 6 did.
        const appendV5 = (streamId: string, count: number) =>
          db.query(`SELECT out_status FROM "${schema}".append_events($1, -1, $2::jsonb)`, [
            streamId,
            JSON.stringify(newEvents(count)),
          ]);
        await appendV5(live, 2);
        await appendV5(erased, 3);
        await db.query(`SELECT "${schema}".delete_stream_at($1, NULL)`, [erased]);
        await db.query(`SELECT "${schema}".delete_stream_at($1, NULL)`, [never]);

        // Then the release that brought migration 6 and every later one.
        expect(await migrateEventStore(db, schema)).toEqual([6, 7]);
        const store = new SqlEventStore({ db, schema, ownsDatabase: false });
        expect((await store.readStream(live)).map((event) => event.streamVersion)).toEqual([0, 1]);
        await expect(store.append(live, newEvents(1), 1)).resolves.toMatchObject({ version: 2 });
        for (const gone of [erased, never]) {
          await expect(store.readStream(gone)).rejects.toBeInstanceOf(StreamDeletedError);
          await expect(store.append(gone, newEvents(1), 'any')).rejects.toBeInstanceOf(
            StreamDeletedError,
          );
        }
        expect(await store.readStreams([live, erased, never])).toMatchObject([
          { kind: 'events', version: 2 },
          { kind: 'deleted' },
          { kind: 'deleted' },
        ]);
        const tables = await db.query<{ streams: string | null }>(
          `SELECT to_regclass($1)::text AS streams`,
          [`"${schema}".streams`],
        );
        expect(tables[0]?.streams).toBeNull();
      } finally {
        await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      }
    });

    it('a tombstone is never read as an event: not in $all, its head, a stream or its version', async () => {
      const { store } = fixture();
      const head = await store.headPosition();
      const [gone, kept] = [freshStreamId(), freshStreamId()];
      await store.append(gone, newEvents(2), 'no-stream');
      await store.deleteStream(gone);
      await store.deleteStream(freshStreamId());
      await store.append(kept, newEvents(1), 'no-stream');
      const tail = await store.readAll({ after: head, maxCount: 1000 });
      expect(tail.every((event) => event.schemaVersion > 0)).toBe(true);
      expect(tail.map((event) => event.streamId)).toEqual([kept]);
      expect(await store.headPosition()).toBe(tail[tail.length - 1]?.position);
      await expect(store.append(gone, newEvents(1), 5)).rejects.toMatchObject({
        name: 'StreamDeletedError',
      });
    });

    it('deleting a stream that never existed leaves a tombstone: the id cannot be used', async () => {
      const { store } = fixture();
      const streamId = freshStreamId();
      await store.deleteStream(streamId);
      await expect(store.readStream(streamId)).rejects.toBeInstanceOf(StreamDeletedError);
      await expect(store.append(streamId, newEvents(1), 'no-stream')).rejects.toBeInstanceOf(
        StreamDeletedError,
      );
    });

    it('refuses event ids stored in another stream', async () => {
      const { store } = fixture();
      const events = newEvents(1);
      await store.append(freshStreamId(), events, 'no-stream');
      const streamId = freshStreamId();
      await expect(store.append(streamId, events, 'no-stream')).rejects.toMatchObject({
        name: 'WrongExpectedVersionError',
        actual: 'no-stream',
      });
      await expect(store.readStream(streamId)).rejects.toBeInstanceOf(StreamNotFoundError);
    });

    it('rejects malformed appends before they reach the database', async () => {
      const { store } = fixture();
      const streamId = freshStreamId();
      await expect(store.append(streamId, [], 'any')).rejects.toBeInstanceOf(RangeError);
      await expect(
        store.append(streamId, [newEvent('Bad', {}, { eventId: 'not-a-uuid' })], 'any'),
      ).rejects.toBeInstanceOf(RangeError);
      const twice = newEvent('Twice');
      await expect(store.append(streamId, [twice, twice], 'any')).rejects.toBeInstanceOf(
        RangeError,
      );
      await expect(store.append(streamId, newEvents(1), -1)).rejects.toBeInstanceOf(RangeError);
      await expect(store.readAll({ after: 'x', maxCount: 1 })).rejects.toBeInstanceOf(RangeError);
    });
  });
  describeSqlBatchCases(name, fixture);
}
