import {
  SESSION_DELETED,
  sessionDeletionStream,
  sessionStream,
  sessionStreamOf,
} from '@app/domain';
import {
  StreamDeletedError,
  StreamNotFoundError,
  type EventStore,
  type RecordedEvent,
} from '@app/event-store';
import type { ConsumerHandler } from './consumer-handler';

/** A stream's events, [] when it never existed, 'deleted' when it was. */
async function readIfAny(
  store: EventStore,
  streamId: string,
  maxCount?: number,
): Promise<RecordedEvent[] | 'deleted'> {
  try {
    return await store.readStream(streamId, maxCount === undefined ? {} : { maxCount });
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    if (error instanceof StreamDeletedError) return 'deleted';
    throw error;
  }
}

/**
 * How consumers of session events set poison events aside: by session (`session-<id>` and its
 * deletion record `session-deletion-<id>`), the session's deletion clearing the record, and a
 * retry re-reading the session's own stream (gone once a deletion record exists).
 */
export const BY_SESSION: Pick<ConsumerHandler, 'sessionOf' | 'clearsSession' | 'sessionEvents'> = {
  sessionOf: (event) => sessionStreamOf(event.streamId, event.type)?.sessionId,
  clearsSession: (event) =>
    event.type === SESSION_DELETED &&
    sessionStreamOf(event.streamId, event.type)?.kind === 'deletion',
  async sessionEvents(store, sessionId) {
    const deletion = await readIfAny(store, sessionDeletionStream(sessionId), 1);
    if (deletion === 'deleted' || deletion.length > 0) return 'gone';
    const events = await readIfAny(store, sessionStream(sessionId));
    return events === 'deleted' ? 'gone' : events;
  },
};
