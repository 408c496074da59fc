import { chainOf } from '@app/audit';
import {
  StreamDeletedError,
  StreamNotFoundError,
  type EventStore,
  type RecordedEvent,
} from '@app/event-store';

export type StreamRead =
  | { readonly kind: 'events'; readonly events: readonly RecordedEvent[]; readonly version: number }
  | { readonly kind: 'absent' }
  | { readonly kind: 'deleted' };

/** A stream's events; a stream that never existed is the initial state, not an error. */
export async function readStreamState(store: EventStore, streamId: string): Promise<StreamRead> {
  try {
    const events = await store.readStream(streamId);
    const last = events[events.length - 1];
    return last === undefined
      ? { kind: 'absent' }
      : { kind: 'events', events, version: last.streamVersion };
  } catch (error) {
    if (error instanceof StreamNotFoundError) return { kind: 'absent' };
    if (error instanceof StreamDeletedError) return { kind: 'deleted' };
    throw error;
  }
}

export function versionOf(read: StreamRead): number {
  return read.kind === 'events' ? read.version : -1;
}

/** The chain hash of the stream's last event as read: what the next append links to. */
export function headHashOf(read: StreamRead): string | undefined {
  if (read.kind !== 'events') return undefined;
  const last = read.events[read.events.length - 1];
  return last === undefined ? undefined : chainOf(last.metadata)?.hash;
}
