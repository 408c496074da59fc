import type { AppendResult, NewEvent, StreamContents } from '../port';
import { SqlEventStore, type SqlDatabase, type SqlExecutor } from '../sql';
import { statementsFor } from '../sql/statements';
import { freshStreamId, newEvent, newEvents } from './conformance-fixtures';
import type { SqlStoreFixture } from './sql-store-cases';

/** The database under the fixture's store, recording every statement sent outside a transaction. */
function countingDatabase(db: SqlDatabase): { readonly db: SqlDatabase; readonly sent: string[] } {
  const sent: string[] = [];
  const counted: SqlDatabase = {
    query: <R extends object>(text: string, params?: readonly unknown[]): Promise<R[]> => {
      sent.push(text);
      return db.query<R>(text, params);
    },
    transaction: <T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> => db.transaction(fn),
    close: () => Promise.resolve(),
  };
  return { db: counted, sent };
}

/** A second store over the fixture's schema whose statements are counted. */
function countedStore(fixture: SqlStoreFixture): {
  readonly store: SqlEventStore;
  readonly sent: string[];
} {
  const { db, sent } = countingDatabase(fixture.db);
  const store = new SqlEventStore({ db, schema: fixture.store.schema, ownsDatabase: false });
  return { store, sent };
}

async function streamsAt(store: SqlEventStore, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => freshStreamId('batch'));
  for (const id of ids) await store.append(id, newEvents(1), 'no-stream');
  return ids;
}

const settledName = (outcome: PromiseSettledResult<AppendResult>): string =>
  outcome.status === 'fulfilled' ? 'ok' : (outcome.reason as Error).name;

/**
 * Concurrent commands share statements (StatementBatcher, group commit): what they submit in one
 * turn of the event loop is one read, or one append, for all of them. Each keeps its own outcome.
 */
export function describeSqlBatchCases(name: string, fixture: () => SqlStoreFixture): void {
  describe(`SQL event store, concurrent commands: ${name}`, () => {
    it('appends of concurrent commands to different streams are one statement, each at its version', async () => {
      const { store, sent } = countedStore(fixture());
      const ids = await streamsAt(store, 6);
      const appended = new Map(ids.map((id, index) => [id, newEvents(1 + (index % 3))]));
      sent.length = 0;
      const results = await Promise.all(
        ids.map((id) => store.append(id, appended.get(id) ?? [], 0)),
      );
      const { appendExactMany, appendExact, append } = statementsFor(store.schema);
      expect(sent).toEqual([appendExactMany]);
      expect(sent).not.toContain(appendExact);
      expect(sent).not.toContain(append);
      expect(results.map((result) => result.version)).toEqual(
        ids.map((id) => appended.get(id)?.length),
      );
      for (const [index, id] of ids.entries()) {
        const read = await store.readStream(id);
        expect(read.slice(1).map((event) => event.eventId)).toEqual(
          appended.get(id)?.map((event) => event.eventId),
        );
        expect(results[index]?.position).toBe(read[read.length - 1]?.position);
      }
      // One commit for all: every appended row shares one transaction, in one order of $all.
      const transactions = await fixture().db.query<{ count: string }>(
        `SELECT count(DISTINCT transaction_id)::text AS count FROM "${store.schema}".events
          WHERE stream_id = ANY ($1::text[]) AND stream_version > 0`,
        [ids],
      );
      expect(transactions[0]?.count).toBe('1');
    });

    it('an append of a batch that fails its check fails alone, with its own error', async () => {
      const { store } = countedStore(fixture());
      const [good, behind, deleted, reused, retried] = await streamsAt(store, 5);
      const storedElsewhere = newEvent('Stored');
      await store.append(freshStreamId('batch'), [storedElsewhere], 'no-stream');
      await store.deleteStream(deleted ?? '');
      const stored = newEvents(2);
      const original = await store.append(retried ?? '', stored, 0);
      const outcomes = await Promise.allSettled([
        store.append(good ?? '', newEvents(2), 0),
        store.append(behind ?? '', newEvents(1), 5),
        store.append(deleted ?? '', newEvents(1), 0),
        store.append(reused ?? '', [storedElsewhere], 0),
        // The same stream twice in one turn: both cannot win one version.
        store.append(good ?? '', newEvents(1), 0),
        // A retry of an append already stored: its original result.
        store.append(retried ?? '', stored, 0),
      ]);
      expect(outcomes.map(settledName)).toEqual([
        'ok',
        'WrongExpectedVersionError',
        'StreamDeletedError',
        'WrongExpectedVersionError',
        'WrongExpectedVersionError',
        'ok',
      ]);
      expect(outcomes[5]).toEqual({ status: 'fulfilled', value: original });
      expect(outcomes[0]).toMatchObject({ status: 'fulfilled', value: { version: 2 } });
      expect(outcomes[1]).toMatchObject({ status: 'rejected', reason: { actual: 0 } });
      expect(await store.readStream(reused ?? '')).toHaveLength(1);
      expect(await store.readStream(good ?? '')).toHaveLength(3);
    });

    it('new streams of concurrent commands are one statement; a taken id and a retry each get their answer', async () => {
      const { store, sent } = countedStore(fixture());
      const [taken] = await streamsAt(store, 1);
      const retried = freshStreamId('batch');
      const original: NewEvent[] = newEvents(1);
      const first = await store.append(retried, original, 'no-stream');
      const fresh = Array.from({ length: 5 }, () => freshStreamId('batch'));
      sent.length = 0;
      const outcomes = await Promise.allSettled([
        ...fresh.map((id) => store.append(id, newEvents(1), 'no-stream')),
        store.append(taken ?? '', newEvents(1), 'no-stream'),
        store.append(retried, original, 'no-stream'),
      ]);
      expect(outcomes.map(settledName)).toEqual([
        'ok',
        'ok',
        'ok',
        'ok',
        'ok',
        'WrongExpectedVersionError',
        'ok',
      ]);
      expect(outcomes[6]).toEqual({ status: 'fulfilled', value: first });
      const { appendNewMany, appendNewOne } = statementsFor(store.schema);
      expect(sent[0]).toBe(appendNewMany);
      expect(sent).not.toContain(appendNewOne);
      expect(sent.filter((text) => text === appendNewMany)).toHaveLength(1);
      for (const id of fresh) expect(await store.readStream(id)).toHaveLength(1);
    });

    it('reads of concurrent commands are one statement, each answered with its own streams', async () => {
      const { store, sent } = countedStore(fixture());
      const [live, gone] = await streamsAt(store, 2);
      await store.append(live ?? '', newEvents(2), 0);
      await store.deleteStream(gone ?? '');
      const absent = freshStreamId('batch');
      sent.length = 0;
      const kinds = (contents: StreamContents[]): string[] =>
        contents.map((read) => (read.kind === 'events' ? `events:${read.version}` : read.kind));
      const reads = await Promise.all([
        store.readStreams([live ?? '', absent]),
        store.readStreams([gone ?? '']),
        store.readStreams([absent, gone ?? '', live ?? '']),
      ]);
      expect(reads.map(kinds)).toEqual([
        ['events:2', 'absent'],
        ['deleted'],
        ['absent', 'deleted', 'events:2'],
      ]);
      expect(sent).toEqual([statementsFor(store.schema).readStreams]);
    });

    it('a stream id the database cannot hold fails only its own command', async () => {
      const { store } = countedStore(fixture());
      const [good] = await streamsAt(store, 1);
      // PostgreSQL text cannot hold a NUL character: the batch fails, then each input runs alone.
      const unstorable = `batch-\u0000-${freshStreamId('batch')}`;
      const appends = await Promise.allSettled([
        store.append(good ?? '', newEvents(1), 0),
        store.append(unstorable, newEvents(1), 0),
      ]);
      expect(appends.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected']);
      const reads = await Promise.allSettled([
        store.readStreams([good ?? '']),
        store.readStreams([unstorable]),
      ]);
      expect(reads.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected']);
      expect(reads[0]).toMatchObject({
        status: 'fulfilled',
        value: [{ kind: 'events', version: 1 }],
      });
      await expect(store.readStream(good ?? '')).resolves.toHaveLength(2);
    });
  });
}
