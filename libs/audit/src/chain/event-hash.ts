import { createHash } from 'node:crypto';
import type { JsonObject, JsonValue } from '@app/event-store';
import { canonicalJson } from './canonical-json';

/** The `prevHash` of a stream's first chained event. */
export const GENESIS_HASH = '0'.repeat(64);

const HEX_HASH = /^[0-9a-f]{64}$/;

export function isHash(value: unknown): value is string {
  return typeof value === 'string' && HEX_HASH.test(value);
}

/** What an event's hash covers: the event as the port returns it, nothing the store assigns. */
export interface HashedEvent {
  readonly streamId: string;
  readonly version: number;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: JsonObject;
  /** The event's metadata; its own `hash` and `prevHash` are left out of the hash. */
  readonly metadata: { readonly [key: string]: unknown };
}

/**
 * The metadata the hash covers: all of it but the chain's own fields. Metadata without them (an
 * event being chained) is hashed as it is: the copy is the costly part of a command's hashing.
 */
export function hashedMetadata(metadata: HashedEvent['metadata']): {
  readonly [key: string]: unknown;
} {
  if (!('hash' in metadata) && !('prevHash' in metadata)) return metadata;
  const { hash: _hash, prevHash: _prevHash, ...rest } = metadata;
  return rest;
}

/**
 * docs/audit.md, "Chain": SHA-256, hex, of the RFC 8785 serialisation of
 * `{streamId, version, eventId, type, schemaVersion, data, metadata, prevHash}`.
 */
export function eventHash(event: HashedEvent, prevHash: string): string {
  const hashed = {
    streamId: event.streamId,
    version: event.version,
    // Stores give UUIDs back lowercase: hash what a reader will see.
    eventId: event.eventId.toLowerCase(),
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: hashedMetadata(event.metadata),
    prevHash,
  };
  return createHash('sha256').update(canonicalJson(hashed)).digest('hex');
}

/** The chain fields an event carries in its metadata, when it has them. */
export function chainOf(metadata: {
  readonly [key: string]: unknown;
}): { readonly hash: string; readonly prevHash: string } | undefined {
  const { hash, prevHash } = metadata;
  return isHash(hash) && isHash(prevHash) ? { hash, prevHash } : undefined;
}

export type ChainMetadata = { readonly hash: JsonValue; readonly prevHash: JsonValue };
