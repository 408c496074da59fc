import type { NewEvent } from '@app/event-store';
import { eventHash, GENESIS_HASH, type HashedEvent } from './event-hash';

/** The head a command read: the version of the stream's last event and that event's hash. */
export interface StreamHead {
  /** -1 for a stream that does not exist yet. */
  readonly version: number;
  /** The last event's `hash`; undefined for no stream or an event written before the chain. */
  readonly hash?: string;
}

export const NO_STREAM_HEAD: StreamHead = { version: -1 };

/**
 * Adds `prevHash` and `hash` to each event's metadata, linking them after `head`. After an event
 * written before the chain existed the chain starts again from GENESIS_HASH (docs/audit.md,
 * "Unchained prefix"). The expected-version append makes the link exact: an append that finds
 * the stream moved is refused and the command re-reads the head.
 */
export function chainEvents(
  streamId: string,
  head: StreamHead,
  events: readonly NewEvent[],
): NewEvent[] {
  let prevHash = head.hash ?? GENESIS_HASH;
  return events.map((event, index) => {
    const eventId = event.eventId.toLowerCase();
    // The hash leaves the chain's own fields out of the metadata: hash the event as given, then
    // add them (one copy of the event, not one per step).
    const hashed: HashedEvent = {
      streamId,
      version: head.version + 1 + index,
      eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data,
      metadata: event.metadata,
    };
    const link = prevHash;
    prevHash = eventHash(hashed, link);
    return { ...event, eventId, metadata: { ...event.metadata, prevHash: link, hash: prevHash } };
  });
}
