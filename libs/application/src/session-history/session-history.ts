import {
  StreamDeletedError,
  StreamNotFoundError,
  type EventMetadata,
  type EventStore,
  type JsonObject,
  type Position,
  type RecordedEvent,
  type UpcastError,
} from '@app/event-store';
import {
  MalformedEventError,
  readSessionEvent,
  sessionDeletionStream,
  sessionStream,
  type SessionDeletedData,
} from '@app/domain';
import { isOwner, redactEventData, type Viewer } from './redaction';

export interface HistoryEvent {
  readonly eventId: string;
  readonly type: string;
  readonly streamVersion: number;
  readonly position: Position;
  /** Version of `data` as shown (after upcasting). */
  readonly schemaVersion: number;
  /** Version as stored; differs when an upcaster ran. */
  readonly storedSchemaVersion: number;
  readonly data: JsonObject;
  readonly upcastError?: UpcastError;
  readonly metadata: EventMetadata;
  readonly recordedAt: string;
}

export interface DeletedSessionAnswer {
  readonly kind: 'deleted';
  readonly sessionId: string;
  readonly deletion: SessionDeletedData & { readonly position: Position };
}

export type SessionHistoryAnswer =
  | {
      readonly kind: 'history';
      readonly sessionId: string;
      /** From SessionScheduled; the API answers 404 to another professional. */
      readonly professionalId: string | undefined;
      readonly version: number;
      readonly events: readonly HistoryEvent[];
    }
  | DeletedSessionAnswer
  | { readonly kind: 'not-found'; readonly sessionId: string };

/** Reads a stream, answering undefined when it never existed or was deleted. */
async function readIfPresent(
  store: EventStore,
  streamId: string,
): Promise<RecordedEvent[] | 'deleted' | undefined> {
  try {
    return await store.readStream(streamId);
  } catch (error) {
    if (error instanceof StreamNotFoundError) return undefined;
    if (error instanceof StreamDeletedError) return 'deleted';
    throw error;
  }
}

/** The deletion record of a session, read from its own stream in the event store. */
export async function readDeletionRecord(
  store: EventStore,
  sessionId: string,
): Promise<DeletedSessionAnswer | undefined> {
  const events = await readIfPresent(store, sessionDeletionStream(sessionId));
  const record = Array.isArray(events)
    ? events.find((event) => event.type === 'SessionDeleted')
    : undefined;
  const read = record === undefined ? undefined : readDeletion(record);
  if (record === undefined || read === undefined) return undefined;
  return { kind: 'deleted', sessionId, deletion: { ...read, position: record.position } };
}

/** The record's data when it has its type's shape (a malformed one cannot answer for the session). */
function readDeletion(record: RecordedEvent): SessionDeletedData | undefined {
  try {
    const read = readSessionEvent(record);
    return read?.event.type === 'SessionDeleted' ? read.event.data : undefined;
  } catch (error) {
    if (error instanceof MalformedEventError) return undefined;
    throw error;
  }
}

export type LoadedSession =
  | {
      readonly kind: 'events';
      readonly sessionId: string;
      readonly professionalId: string | undefined;
      readonly events: readonly RecordedEvent[];
    }
  | DeletedSessionAnswer
  | { readonly kind: 'not-found'; readonly sessionId: string };

/**
 * A session's stored events, unredacted (callers redact). A session with a deletion record is
 * deleted whatever its stream still holds (docs/product.md "Delete").
 */
export async function loadSessionEvents(
  store: EventStore,
  sessionId: string,
): Promise<LoadedSession> {
  const deletion = await readDeletionRecord(store, sessionId);
  if (deletion) return deletion;
  const events = await readIfPresent(store, sessionStream(sessionId));
  if (events === undefined || events === 'deleted' || events.length === 0) {
    return { kind: 'not-found', sessionId };
  }
  const scheduled = events.find((event) => event.type === 'SessionScheduled');
  const professionalId =
    typeof scheduled?.data.professionalId === 'string' ? scheduled.data.professionalId : undefined;
  return { kind: 'events', sessionId, professionalId, events };
}

/** A session's events with metadata, in stream order, straight from the event store. */
export async function readSessionHistory(
  store: EventStore,
  sessionId: string,
  viewer: Viewer,
): Promise<SessionHistoryAnswer> {
  const loaded = await loadSessionEvents(store, sessionId);
  if (loaded.kind !== 'events') return loaded;
  const { events, professionalId } = loaded;
  const owner = isOwner(viewer, professionalId);
  return {
    kind: 'history',
    sessionId,
    professionalId,
    version: events[events.length - 1]?.streamVersion ?? -1,
    events: events.map((event) => ({
      eventId: event.eventId,
      type: event.type,
      streamVersion: event.streamVersion,
      position: event.position,
      schemaVersion: event.schemaVersion,
      storedSchemaVersion: event.storedSchemaVersion,
      data: redactEventData(event.type, event.data, owner),
      ...(event.upcastError ? { upcastError: event.upcastError } : {}),
      metadata: event.metadata,
      recordedAt: event.recordedAt,
    })),
  };
}
