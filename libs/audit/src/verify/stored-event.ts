import type { RecordedEvent } from '@app/event-store';
import type { StoredEvent } from './evidence';

/** An event read from a store WITHOUT upcasting, as the chain covers it. */
export function toStoredEvent(event: RecordedEvent): StoredEvent {
  return {
    streamId: event.streamId,
    version: event.streamVersion,
    position: event.position,
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.storedSchemaVersion,
    data: event.data,
    metadata: event.metadata,
  };
}
