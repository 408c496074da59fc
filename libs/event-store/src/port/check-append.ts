import type { NewEvent } from './types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What every adapter refuses before touching its store (RangeError: a programming error, not a
 * conflict): an empty stream id or batch, an event id that is not a UUID or is given twice, a
 * schema version below 1. Returns the events to store, ids in lowercase: a UUID names the same
 * event in either case, and stores give it back lowercase (EventStoreDB as .NET prints a Guid,
 * PostgreSQL as it prints a uuid), so an adapter comparing ids compares what it will read.
 */
export function checkAppend(streamId: string, events: readonly NewEvent[]): readonly NewEvent[] {
  if (streamId.length === 0) throw new RangeError('Stream id must not be empty');
  if (events.length === 0) throw new RangeError(`Append to ${streamId}: no events given`);
  const ids = new Set<string>();
  const normalised = events.map((event) => {
    if (!UUID.test(event.eventId)) {
      throw new RangeError(`Append to ${streamId}: event id "${event.eventId}" is not a UUID`);
    }
    const id = event.eventId.toLowerCase();
    if (ids.has(id)) throw new RangeError(`Append to ${streamId}: event id ${id} given twice`);
    ids.add(id);
    if (!Number.isSafeInteger(event.schemaVersion) || event.schemaVersion < 1) {
      throw new RangeError(`Append to ${streamId}: schema version must be an integer >= 1`);
    }
    return id === event.eventId ? event : { ...event, eventId: id };
  });
  return normalised;
}
