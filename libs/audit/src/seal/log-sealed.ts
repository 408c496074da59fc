import { createHash } from 'node:crypto';
import type { Position } from '@app/event-store';
import { canonicalJson } from '../chain/canonical-json';

export const AUDIT_SEALS_STREAM = 'audit-seals';
export const LOG_SEALED = 'LogSealed';
export const LOG_SEALED_SCHEMA_VERSION = 1;

/** What a seal signs (docs/audit.md, "Seals"). */
export interface SealBody {
  /** 0 for the first seal, then one more each time: the seal's version in `audit-seals`. */
  readonly sealNumber: number;
  /** The range covered: strictly after `afterPosition` (null: from the start) up to `toPosition`. */
  readonly afterPosition: Position | null;
  readonly toPosition: Position;
  /** Leaves in the tree: events in the range, in position order, `audit-seals` itself left out. */
  readonly count: number;
  /** RFC 6962 root of the leaves (hex). */
  readonly merkleRoot: string;
  /** sealHash of the previous seal; 64 zeros for the first. */
  readonly prevSealHash: string;
  /** SHA-256 (hex) of the signing key's SPKI DER: which key signed. */
  readonly keyId: string;
}

/** The `LogSealed` event's data: the body and its Ed25519 signature (base64) over signedText(body). */
export interface LogSealedData extends SealBody {
  readonly signature: string;
}

function bodyFields(body: SealBody): SealBody {
  return {
    sealNumber: body.sealNumber,
    afterPosition: body.afterPosition,
    toPosition: body.toPosition,
    count: body.count,
    merkleRoot: body.merkleRoot,
    prevSealHash: body.prevSealHash,
    keyId: body.keyId,
  };
}

/** The bytes signed: the RFC 8785 text of the body. */
export function signedText(body: SealBody): string {
  return canonicalJson(bodyFields(body));
}

/** The seal's own hash, which the next seal links to: SHA-256 of the RFC 8785 text of all its data. */
export function sealHash(seal: LogSealedData): string {
  return createHash('sha256')
    .update(canonicalJson({ ...bodyFields(seal), signature: seal.signature }))
    .digest('hex');
}

function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Reads a `LogSealed` payload strictly; undefined when it is not one. */
export function toLogSealed(data: unknown): LogSealedData | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const d = data as Record<string, unknown>;
  const strings = ['toPosition', 'merkleRoot', 'prevSealHash', 'keyId', 'signature'] as const;
  if (!strings.every((key) => typeof d[key] === 'string')) return undefined;
  if (!isNonNegativeInteger(d.sealNumber) || !isNonNegativeInteger(d.count)) return undefined;
  if (d.afterPosition !== null && typeof d.afterPosition !== 'string') return undefined;
  return {
    sealNumber: d.sealNumber,
    afterPosition: d.afterPosition,
    toPosition: d.toPosition as string,
    count: d.count,
    merkleRoot: d.merkleRoot as string,
    prevSealHash: d.prevSealHash as string,
    keyId: d.keyId as string,
    signature: d.signature as string,
  };
}
