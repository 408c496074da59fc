/**
 * A global position: an opaque decimal string. Positions of one store compare as unsigned integers
 * (see comparePositions); nobody parses their parts outside the adapter that made them.
 */
export type Position = string;

/** 'no-stream': the stream must not exist; 'any': no check; a number: the stream's current version. */
export type ExpectedVersion = 'no-stream' | 'any' | number;

export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface Actor {
  readonly userId: string;
  readonly role: string;
}

/** Stored with every event (docs/product.md, "Events"). The store adds stream version and position. */
export interface EventMetadata {
  readonly occurredAt: string;
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId: string;
  /** Anything else an adapter must carry untouched. */
  readonly [extra: string]: JsonValue | Actor | undefined;
}

export interface NewEvent {
  /** UUID; makes appends idempotent. */
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: JsonObject;
  readonly metadata: EventMetadata;
}

export interface UpcastError {
  readonly code: string;
  readonly message: string;
}

export interface RecordedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly streamId: string;
  /** Revision of this event in its stream, counting from 0. */
  readonly streamVersion: number;
  readonly position: Position;
  /** Schema version of `data` as returned (after upcasting). */
  readonly schemaVersion: number;
  /** Schema version as stored; differs from schemaVersion when an upcaster ran. */
  readonly storedSchemaVersion: number;
  readonly data: JsonObject;
  readonly metadata: EventMetadata;
  /** When the store committed the event (ISO instant). */
  readonly recordedAt: string;
  /** Set when an upcaster refused the stored data; `data` then holds the stored data untouched. */
  readonly upcastError?: UpcastError;
}

export interface AppendResult {
  /** The stream's version after the append (revision of its last event). */
  readonly version: number;
  /** Global position of the last event appended. */
  readonly position: Position;
}
