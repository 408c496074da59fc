import type { ExpectedVersion, NewEvent } from '../port';

/** How append_events() receives the expected version: -2 any, -1 no-stream, else the version. */
export function expectedVersionCode(expected: ExpectedVersion): number {
  if (expected === 'any') return -2;
  if (expected === 'no-stream') return -1;
  if (!Number.isSafeInteger(expected) || expected < 0) {
    throw new RangeError(`Expected version must be 'no-stream', 'any' or an integer >= 0`);
  }
  return expected;
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
