import { sessionDeletionStream } from '@app/domain';
import type { EventStore } from '@app/event-store';

/** Which of these sessions have a deletion record in the event store now (no caching). */
export interface DeletionLookup {
  deletedAmong(sessionIds: readonly string[]): Promise<Set<string>>;
}

/** Sessions asked in one readStreams call: bounds the statement's parameter on SQL stores. */
const SESSIONS_PER_READ = 500;

/**
 * Through the EventStore port: the `session-deletion-<id>` streams of a batch in one readStreams
 * call (one round trip on the SQL stores; EventStoreDB reads them side by side).
 */
export function eventStoreDeletionLookup(store: Pick<EventStore, 'readStreams'>): DeletionLookup {
  return {
    async deletedAmong(sessionIds) {
      const deleted = new Set<string>();
      for (let i = 0; i < sessionIds.length; i += SESSIONS_PER_READ) {
        const chunk = sessionIds.slice(i, i + SESSIONS_PER_READ);
        const contents = await store.readStreams(chunk.map(sessionDeletionStream));
        contents.forEach((stream, j) => {
          // A deletion stream is never deleted; if one were, the session was deleted all the same.
          const recorded = stream.kind === 'deleted' || stream.kind === 'events';
          const sessionId = chunk[j];
          if (recorded && sessionId !== undefined) deleted.add(sessionId);
        });
      }
      return deleted;
    },
  };
}
