import { sessionDeletionStream } from '@app/domain';
import { StreamDeletedError, StreamNotFoundError, type EventStore } from '@app/event-store';
import { assertSchemaName, quoteIdentifier, type SqlExecutor } from '@app/event-store/sql';

/** Which of these sessions have a deletion record in the event store now (no caching). */
export interface DeletionLookup {
  deletedAmong(sessionIds: readonly string[]): Promise<Set<string>>;
}

/**
 * Through the EventStore port: one readStream of `session-deletion-<id>` per session. Works on
 * every adapter (EventStoreDB included); costs one round trip per session.
 */
export function eventStoreDeletionLookup(
  store: Pick<EventStore, 'readStream'>,
  concurrency = 16,
): DeletionLookup {
  const hasDeletionRecord = async (sessionId: string): Promise<boolean> => {
    try {
      const events = await store.readStream(sessionDeletionStream(sessionId), { maxCount: 1 });
      return events.length > 0;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return false;
      // A deletion stream is never deleted; if one were, the session was deleted all the same.
      if (error instanceof StreamDeletedError) return true;
      throw error;
    }
  };
  return {
    async deletedAmong(sessionIds) {
      const deleted = new Set<string>();
      for (let i = 0; i < sessionIds.length; i += concurrency) {
        const chunk = sessionIds.slice(i, i + concurrency);
        const answers = await Promise.all(chunk.map(hasDeletionRecord));
        chunk.forEach((id, j) => {
          if (answers[j]) deleted.add(id);
        });
      }
      return deleted;
    },
  };
}

/**
 * For the SQL stores (PostgreSQL, embedded): one query per batch against the store's `streams`
 * table instead of a read per session. It knows that table of libs/event-store's migrations; the
 * int test that compares it with eventStoreDeletionLookup fails if that table ever changes.
 */
export function sqlDeletionLookup(db: SqlExecutor, eventStoreSchema: string): DeletionLookup {
  const table = `${quoteIdentifier(assertSchemaName(eventStoreSchema))}.streams`;
  return {
    async deletedAmong(sessionIds) {
      if (sessionIds.length === 0) return new Set();
      const streams = sessionIds.map(sessionDeletionStream);
      const rows = await db.query<{ stream_id: string }>(
        `SELECT stream_id FROM ${table} WHERE stream_id = ANY($1::text[])`,
        [streams],
      );
      const found = new Set(rows.map((r) => r.stream_id));
      return new Set(sessionIds.filter((id) => found.has(sessionDeletionStream(id))));
    },
  };
}
