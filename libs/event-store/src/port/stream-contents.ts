import type { RecordedEvent } from './types';

/**
 * A whole stream as `readStreams` found it. An absent or deleted stream is an answer, not an
 * error: a command reads streams that usually do not exist (a deletion record, a workstation
 * never configured), and building an exception for each costs on the hot path.
 */
export type StreamContents =
  | {
      readonly kind: 'events';
      readonly events: readonly RecordedEvent[];
      /** The last event's streamVersion: the expected version of the next append. */
      readonly version: number;
    }
  | { readonly kind: 'absent' }
  | { readonly kind: 'deleted' };

/** A stream's events as contents: no event at all is an absent stream. */
export function contentsOf(events: readonly RecordedEvent[]): StreamContents {
  const last = events[events.length - 1];
  return last === undefined
    ? { kind: 'absent' }
    : { kind: 'events', events, version: last.streamVersion };
}
