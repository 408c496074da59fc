import type { JSONEventData } from '@eventstore/db-client';
import {
  StoreRefusedError,
  type Actor,
  type EventMetadata,
  type JsonObject,
  type JsonValue,
  type NewEvent,
  type Position,
  type RecordedEvent,
} from '../port';
import { encodePosition, isMissingPosition, type EsdbPosition } from './positions';
import { revisionToVersion } from './revisions';

/** Key of the schema version inside an event's JSON metadata, beside our EventMetadata. */
export const SCHEMA_VERSION_KEY = 'schemaVersion';

/** The fields of the client's recorded event that the adapter reads. */
export interface EsdbRecordedEventLike {
  readonly streamId: string;
  readonly id: string;
  readonly revision: bigint;
  readonly type: string;
  readonly created: Date;
  readonly isJson: boolean;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly position?: EsdbPosition;
}

export function toEventData(event: NewEvent): JSONEventData {
  return {
    id: event.eventId,
    contentType: 'application/json',
    type: event.type,
    data: event.data,
    // The event's own schema version wins over anything of that name among the metadata extras.
    metadata: { ...event.metadata, [SCHEMA_VERSION_KEY]: event.schemaVersion },
  };
}

/** Events the server writes for itself ($-prefixed types or streams): never the application's. */
export function isSystemEvent(event: {
  readonly type: string;
  readonly streamId: string;
}): boolean {
  return event.type.startsWith('$') || event.streamId.startsWith('$');
}

const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  !(value instanceof Uint8Array);

const isActor = (value: unknown): value is Actor =>
  isJsonObject(value) && typeof value.userId === 'string' && typeof value.role === 'string';

/**
 * Data as stored. A payload that is not a JSON object (written by another tool) is kept visible
 * under `raw`, rather than dropped or failing every read of `$all`.
 */
function toData(event: EsdbRecordedEventLike): JsonObject {
  if (isJsonObject(event.data)) return event.data;
  if (event.data instanceof Uint8Array) return { raw: Buffer.from(event.data).toString('base64') };
  return { raw: (event.data ?? null) as JsonValue };
}

/**
 * Our metadata back from the JSON metadata. Events this adapter wrote always carry every field;
 * for others, the missing ones are filled from what the store knows, so readers never crash on them.
 */
function toMetadata(
  raw: JsonObject,
  event: EsdbRecordedEventLike,
  recordedAt: string,
): EventMetadata {
  const { [SCHEMA_VERSION_KEY]: _schemaVersion, ...stored } = raw;
  const { occurredAt, actor, correlationId, causationId } = stored;
  // Spread first: the stored keys keep their order (a hash over the metadata as written, such as
  // a later tamper-evidence chain, sees the same JSON), and only missing fields are filled.
  return {
    ...stored,
    occurredAt: typeof occurredAt === 'string' ? occurredAt : recordedAt,
    actor: isActor(actor) ? actor : { userId: 'unknown', role: 'unknown' },
    correlationId: typeof correlationId === 'string' ? correlationId : event.id,
    causationId: typeof causationId === 'string' ? causationId : event.id,
  };
}

/** The event's `$all` position; any record has one, system records (a tombstone) included. */
export function positionOf(event: EsdbRecordedEventLike): Position {
  if (event.position === undefined || isMissingPosition(event.position)) {
    // Servers before 22.6 return no position on stream reads; the port needs one for every event.
    throw new StoreRefusedError(
      'unsupported-server',
      `EventStoreDB returned event ${event.id} of ${event.streamId} without a position: the server must be 22.6 or later`,
    );
  }
  return encodePosition(event.position);
}

export function fromEsdbEvent(event: EsdbRecordedEventLike): RecordedEvent {
  const position = positionOf(event);
  const recordedAt = event.created.toISOString();
  const rawMetadata = isJsonObject(event.metadata) ? event.metadata : {};
  const stored = rawMetadata[SCHEMA_VERSION_KEY];
  // Events imported without a version are the first version of their schema.
  const schemaVersion =
    typeof stored === 'number' && Number.isSafeInteger(stored) && stored >= 1 ? stored : 1;
  return {
    eventId: event.id,
    type: event.type,
    streamId: event.streamId,
    streamVersion: revisionToVersion(event.revision),
    position,
    schemaVersion,
    storedSchemaVersion: schemaVersion,
    data: toData(event),
    metadata: toMetadata(rawMetadata, event, recordedAt),
    recordedAt,
  };
}
