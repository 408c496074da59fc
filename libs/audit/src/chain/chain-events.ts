import type { NewEvent } from '@app/event-store';
import { eventHash, GENESIS_HASH } from './event-hash';

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
    const metadata = { ...event.metadata, prevHash };
    const hash = eventHash(
      { ...event, streamId, version: head.version + 1 + index, metadata },
      prevHash,
    );
    prevHash = hash;
    return { ...event, eventId: event.eventId.toLowerCase(), metadata: { ...metadata, hash } };
  });
}
