import type { EventMetadata, JsonObject, RecordedEvent } from '../port';
import { encodePosition } from './position-codec';
import type { SqlRow } from './sql-executor';

/** An events row as statements.ts selects it. */
export interface EventRow extends SqlRow {
  readonly event_id: string;
  readonly type: string;
  readonly stream_id: string;
  readonly stream_version: string;
  readonly transaction_id: string;
  readonly global_sequence: string;
  readonly schema_version: number;
  readonly data: JsonObject;
  readonly metadata: EventMetadata;
  readonly recorded_at: string;
}

/** Builds the port's event; every field is a string, number or JSON, never a bigint. */
export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    streamId: row.stream_id,
    streamVersion: Number(row.stream_version),
    position: encodePosition(row.transaction_id, row.global_sequence),
    schemaVersion: row.schema_version,
    storedSchemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at,
  };
}
