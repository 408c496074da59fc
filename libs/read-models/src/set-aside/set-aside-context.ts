import { parseInstant, sessionStream } from '@app/domain';
import {
  StreamDeletedError,
  StreamNotFoundError,
  type EventStore,
  type JsonObject,
  type RecordedEvent,
} from '@app/event-store';

/** The session's first event (its schedule), if its stream still has one. */
async function firstEvent(
  store: EventStore,
  sessionId: string,
): Promise<RecordedEvent | undefined> {
  try {
    return (await store.readStream(sessionStream(sessionId), { maxCount: 1 }))[0];
  } catch (error) {
    if (error instanceof StreamNotFoundError || error instanceof StreamDeletedError)
      return undefined;
    throw error;
  }
}

/**
 * What calendar and report answers need to know of a session set aside: whose it is and when it
 * takes place, read leniently from its schedule (the event that failed may be that very event,
 * with a field of the wrong type): each value is kept only when it has its type.
 */
export function setAsideContext(
  store: EventStore,
): (tx: unknown, sessionId: string, event: RecordedEvent) => Promise<JsonObject> {
  return async (_tx, sessionId, event) => {
    const source =
      event.type === 'SessionScheduled' || event.type === 'SessionDeleted'
        ? event
        : await firstEvent(store, sessionId);
    const data = source?.data ?? {};
    const context: JsonObject = {};
    if (typeof data.professionalId === 'string') context.professionalId = data.professionalId;
    const starts = source?.type === 'SessionScheduled' ? parseInstant(data.startsAt) : undefined;
    if (starts !== undefined) {
      context.startsAt = new Date(starts).toISOString();
      if (Number.isSafeInteger(data.durationMinutes)) {
        context.endsAt = new Date(starts + Number(data.durationMinutes) * 60_000).toISOString();
      }
    }
    return context;
  };
}
