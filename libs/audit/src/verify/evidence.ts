import type { JsonObject, Position } from '@app/event-store';
import type { SealLeaf } from '../merkle/seal-leaf';
import type { LogSealedData } from '../seal/log-sealed';

/** An event exactly as the store holds it (no upcasting): what its hash covers. */
export interface StoredEvent {
  readonly streamId: string;
  readonly version: number;
  readonly position: Position;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: JsonObject;
  readonly metadata: { readonly [key: string]: unknown };
}

/** A leaf of a seal with its inclusion proof (RFC 6962 audit path). */
export interface ProvenLeaf {
  readonly leaf: SealLeaf;
  readonly sealNumber: number;
  readonly leafIndex: number;
  readonly proof: readonly string[];
}

/** A seal as read from `audit-seals`: its data and where it stands in the log (when known). */
export interface StoredSeal {
  readonly seal: LogSealedData;
  readonly position?: Position;
}

/** What a deletion record lists: one entry per event it removed. */
export interface RemovedEntry {
  readonly position: Position;
  readonly version: number;
  readonly hash: string | null;
}

/**
 * Everything a verification looks at, gathered by whoever can read the store (the API, the CLI)
 * or read from an export file: the verification itself is pure.
 */
export interface Evidence {
  /** The streams checked, each with its events in version order (none when deleted or absent). */
  readonly streams: readonly {
    readonly streamId: string;
    readonly events: readonly StoredEvent[];
  }[];
  /** Every sealed leaf of those streams, with its proof. */
  readonly leaves: readonly ProvenLeaf[];
  /** The seals the leaves name (and, for the whole log, every seal), by seal number. */
  readonly seals: readonly StoredSeal[];
  /** The newest seal's `toPosition`: events after it are not yet sealed. */
  readonly sealedUpTo?: Position;
  /** Per stream id, the events a deletion record says it removed. */
  readonly removals: ReadonlyMap<string, readonly RemovedEntry[]>;
  /** The Ed25519 public key (SPKI PEM) seals must be signed with. */
  readonly publicKeyPem: string;
}
