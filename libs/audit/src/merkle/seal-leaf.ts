import type { Position } from '@app/event-store';
import { canonicalJson } from '../chain/canonical-json';
import { leafHash } from './merkle-tree';

/** One event as a seal covers it (docs/audit.md, "Seals"). */
export interface SealLeaf {
  readonly position: Position;
  readonly streamId: string;
  readonly version: number;
  readonly hash: string;
}

/** The leaf's hash: RFC 6962's leaf hash of the RFC 8785 text of the four fields. */
export function sealLeafHash(leaf: SealLeaf): string {
  return leafHash(
    canonicalJson({
      position: leaf.position,
      streamId: leaf.streamId,
      version: leaf.version,
      hash: leaf.hash,
    }),
  );
}
