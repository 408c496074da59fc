import type { ExpectedVersion, NewEvent } from '../port';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How append_events() receives the expected version: -2 any, -1 no-stream, else the version. */
export function expectedVersionCode(expected: ExpectedVersion): number {
  if (expected === 'any') return -2;
  if (expected === 'no-stream') return -1;
  if (!Number.isSafeInteger(expected) || expected < 0) {
    throw new RangeError(`Expected version must be 'no-stream', 'any' or an integer >= 0`);
  }
  return expected;
}

/** Checks what the database would otherwise refuse with a less helpful message. */
export function checkAppend(streamId: string, events: readonly NewEvent[]): void {
  if (streamId.length === 0) throw new RangeError('Stream id must not be empty');
  if (events.length === 0) throw new RangeError(`Append to ${streamId}: no events given`);
  const ids = new Set<string>();
  for (const event of events) {
    if (!UUID.test(event.eventId)) {
      throw new RangeError(`Append to ${streamId}: event id "${event.eventId}" is not a UUID`);
    }
    const id = event.eventId.toLowerCase();
    if (ids.has(id)) throw new RangeError(`Append to ${streamId}: event id ${id} given twice`);
    ids.add(id);
    if (!Number.isSafeInteger(event.schemaVersion) || event.schemaVersion < 1) {
      throw new RangeError(`Append to ${streamId}: schema version must be an integer >= 1`);
    }
  }
}

/** The batch as one JSON parameter of append_events() (one round trip, whatever its size). */
export function appendPayload(events: readonly NewEvent[]): string {
  return JSON.stringify(
    events.map((event) => ({
      eventId: event.eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data,
      metadata: event.metadata,
    })),
  );
}
