import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { describeWithService } from '@test/support/requires-service';
import { StreamDeletedError, WrongExpectedVersionError } from '../port';
import { eventually, freshStreamId, newEvents } from '../testing/conformance-fixtures';
import { dropSchema } from '../testing/postgres-harness';
import { sqlHoldOpenAppend } from '../testing/sql-hold-open-append';
import { statementsFor } from '../sql/statements';
import { appendExactManyParameters, appendExactParameters } from '../sql/batched-statements';
import { createPostgresEventStore, type PostgresEventStore } from './postgres-event-store';

jest.setTimeout(60_000);

// Races that only a server with concurrent transactions can have (PGlite runs one at a time):
// a deletion meeting an append that holds, or is creating, the stream's opening event.
describeWithService('postgres', 'PostgreSQL event store: deletions racing appends', (url) => {
  const schema = `es_race_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
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
    await dropSchema(url, schema);
  });

  /** Resolves once a deletion of this schema waits for a lock (the append's row). */
  const deletionWaiting = (): Promise<true> =>
    eventually('a deletion waiting for a lock', async () => {
      const rows = await store.database.query<{ waiting: string }>(
        `SELECT count(*)::text AS waiting FROM pg_stat_activity
          WHERE wait_event_type = 'Lock' AND query LIKE $1`,
        [`%${schema}%delete_stream_at%`],
      );
      return rows[0]?.waiting === '1' ? true : undefined;
    });

  const eventsLeft = async (streamId: string): Promise<number> => {
    const rows = await store.database.query<{ left: string }>(
      `SELECT count(*)::text AS left FROM "${schema}".events
        WHERE stream_id = $1 AND schema_version > 0`,
      [streamId],
    );
    return Number(rows[0]?.left);
  };

  /**
   * Runs `afterDeletion` on a snapshot taken before `streamId` is deleted (what a statement that
   * started just before the deletion committed sees), then rolls that transaction back.
   */
  const onSnapshotBeforeDeletion = async (
    streamId: string,
    afterDeletion: (stale: Client) => Promise<void>,
  ): Promise<void> => {
    const stale = new Client({ connectionString: url });
    await stale.connect();
    try {
      await stale.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      await stale.query(`SELECT count(*) FROM "${schema}".events`);
      await store.deleteStream(streamId);
      await afterDeletion(stale);
      await stale.query('ROLLBACK');
    } finally {
      await stale.end();
    }
  };

  it('a deletion waits for an append in flight, then removes its events too', async () => {
    const streamId = freshStreamId('race');
    await store.append(streamId, newEvents(1), 'no-stream');
    const append = await sqlHoldOpenAppend(store, streamId, newEvents(2), 0);
    const deletion = store.deleteStream(streamId);
    await deletionWaiting();
    await append.commit();
    await deletion;
    expect(await eventsLeft(streamId)).toBe(0);
    await expect(store.readStream(streamId)).rejects.toBeInstanceOf(StreamDeletedError);
  });

  it('a deletion at an expected version that an append in flight moves past changes nothing', async () => {
    const streamId = freshStreamId('race');
    await store.append(streamId, newEvents(1), 'no-stream');
    const append = await sqlHoldOpenAppend(store, streamId, newEvents(1), 0);
    const deletion = store.deleteStream(streamId, 0);
    await deletionWaiting();
    await append.commit();
    await expect(deletion).rejects.toMatchObject({ actual: 1 });
    await expect(deletion).rejects.toBeInstanceOf(WrongExpectedVersionError);
    expect((await store.readStream(streamId)).map((event) => event.streamVersion)).toEqual([0, 1]);
  });

  /** Deletes a stream while a no-stream append creating it is held open, then ends that. */
  const deleteWhileCreated = async (streamId: string, commit: boolean): Promise<void> => {
    const creation = await sqlHoldOpenAppend(store, streamId, newEvents(1), 'no-stream');
    const deletion = store.deleteStream(streamId);
    await deletionWaiting();
    await (commit ? creation.commit() : creation.rollback());
    await deletion;
  };

  it('a deletion of a stream being created waits for it, then deletes it', async () => {
    const streamId = freshStreamId('race');
    await deleteWhileCreated(streamId, true);
    expect(await eventsLeft(streamId)).toBe(0);
    await expect(store.append(streamId, newEvents(1), 'any')).rejects.toBeInstanceOf(
      StreamDeletedError,
    );
  });

  it('a deletion of a stream whose creation rolls back leaves the tombstone of one never used', async () => {
    const streamId = freshStreamId('race');
    await deleteWhileCreated(streamId, false);
    await expect(store.readStream(streamId)).rejects.toBeInstanceOf(StreamDeletedError);
    await expect(store.append(streamId, newEvents(1), 'no-stream')).rejects.toBeInstanceOf(
      StreamDeletedError,
    );
  });

  it('an append that read the stream before a deletion committed meets its fence, adding nothing', async () => {
    const streamId = freshStreamId('race');
    await store.append(streamId, newEvents(2), 'no-stream');
    await onSnapshotBeforeDeletion(streamId, async (stale) => {
      await expect(
        stale.query(
          statementsFor(schema).appendExact,
          appendExactParameters({ streamId, expected: 1, events: newEvents(1) }),
        ),
      ).rejects.toMatchObject({ code: '23505', constraint: 'events_stream_version_key' });
    });
    expect(await eventsLeft(streamId)).toBe(0);
  });

  it('a batch of appends that read a stream before its deletion committed meets the fence: nothing of the batch is written', async () => {
    const [deleted, live] = [freshStreamId('race'), freshStreamId('race')];
    await store.append(deleted, newEvents(2), 'no-stream');
    await store.append(live, newEvents(1), 'no-stream');
    await onSnapshotBeforeDeletion(deleted, async (stale) => {
      // Both appends at their versions as the stale snapshot sees them, sorted by stream id.
      const appends = [
        { streamId: deleted, expected: 1, events: newEvents(1) },
        { streamId: live, expected: 0, events: newEvents(1) },
      ].sort((a, b) => (a.streamId < b.streamId ? -1 : 1));
      await expect(
        stale.query(statementsFor(schema).appendExactMany, appendExactManyParameters(appends)),
      ).rejects.toMatchObject({ code: '23505', constraint: 'events_stream_version_key' });
    });
    expect(await eventsLeft(deleted)).toBe(0);
    expect(await eventsLeft(live)).toBe(1);
  });

  it('of two deletions at once, one deletes and the other finds the stream deleted', async () => {
    const streamId = freshStreamId('race');
    await store.append(streamId, newEvents(3), 'no-stream');
    const outcomes = await Promise.allSettled([
      store.deleteStream(streamId),
      store.deleteStream(streamId),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((outcome) => outcome.status === 'rejected');
    expect(refused?.status === 'rejected' && refused.reason).toBeInstanceOf(StreamDeletedError);
    expect(await eventsLeft(streamId)).toBe(0);
  });
});
