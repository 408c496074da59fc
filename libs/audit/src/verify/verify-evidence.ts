import { comparePositions } from '@app/event-store';
import { verifyInclusion } from '../merkle/merkle-tree';
import { sealLeafHash } from '../merkle/seal-leaf';
import { GENESIS_HASH } from '../chain/event-hash';
import { AUDIT_SEALS_STREAM, sealHash } from '../seal/log-sealed';
import { sealSignatureValid } from '../seal/seal-keys';
import type { Evidence, ProvenLeaf, StoredSeal } from './evidence';
import { verifyChain } from './verify-chain';
import { outcomeOf, type BrokenLink, type VerificationReport } from './verification-report';

const key = (streamId: string, version: number): string => `${version}\u0000${streamId}`;

/** Signatures and links of the seals: a seal that fails names the seals stream's position. */
function verifySeals(
  seals: readonly StoredSeal[],
  publicKeyPem: string,
): {
  broken: BrokenLink[];
  valid: Set<number>;
} {
  const broken: BrokenLink[] = [];
  const valid = new Set<number>();
  const byNumber = new Map(seals.map((stored) => [stored.seal.sealNumber, stored]));
  for (const { seal, position } of [...seals].sort(
    (a, b) => a.seal.sealNumber - b.seal.sealNumber,
  )) {
    const at = {
      streamId: AUDIT_SEALS_STREAM,
      version: seal.sealNumber,
      ...(position === undefined ? {} : { position }),
    };
    if (!sealSignatureValid(seal, publicKeyPem)) {
      broken.push({
        ...at,
        reason: 'bad-signature',
        detail: `seal ${seal.sealNumber}: its signature does not verify`,
      });
      continue;
    }
    const before = byNumber.get(seal.sealNumber - 1);
    const expectedPrev = seal.sealNumber === 0 ? GENESIS_HASH : before && sealHash(before.seal);
    if (expectedPrev !== undefined && seal.prevSealHash !== expectedPrev) {
      broken.push({
        ...at,
        reason: 'bad-signature',
        detail: `seal ${seal.sealNumber} does not link to seal ${seal.sealNumber - 1}`,
      });
      continue;
    }
    valid.add(seal.sealNumber);
  }
  return { broken, valid };
}

/**
 * Verifies the evidence (docs/audit.md, "Verification"): each stream's chain, then each event
 * against the seals through its inclusion proof, then each sealed leaf without its event against
 * the deletion records. Pure: the same evidence always gives the same report.
 */
export function verifyEvidence(evidence: Evidence): VerificationReport {
  const sealCheck = verifySeals(evidence.seals, evidence.publicKeyPem);
  const seals = new Map(evidence.seals.map((stored) => [stored.seal.sealNumber, stored.seal]));
  const leaves = new Map<string, ProvenLeaf>();
  for (const proven of evidence.leaves)
    leaves.set(key(proven.leaf.streamId, proven.leaf.version), proven);
  const broken: BrokenLink[] = [];
  const unchainedPrefix: { streamId: string; events: number }[] = [];
  const notYetSealed: { streamId: string; version: number; position: string }[] = [];
  const seen = new Set<string>();
  let events = 0;
  let sealed = 0;
  let accountedRemovals = 0;

  const proofHolds = (proven: ProvenLeaf): 'ok' | 'bad-signature' | 'no-proof' => {
    const seal = seals.get(proven.sealNumber);
    if (seal === undefined) return 'no-proof';
    if (!sealCheck.valid.has(proven.sealNumber)) return 'bad-signature';
    const holds = verifyInclusion(
      sealLeafHash(proven.leaf),
      proven.leafIndex,
      seal.count,
      proven.proof,
      seal.merkleRoot,
    );
    return holds ? 'ok' : 'no-proof';
  };

  for (const stream of evidence.streams) {
    const chain = verifyChain(stream.streamId, stream.events);
    broken.push(...chain.broken);
    if (chain.unchained > 0)
      unchainedPrefix.push({ streamId: stream.streamId, events: chain.unchained });
    // The seals stream is chained, and the seals vouch for everything else.
    if (stream.streamId === AUDIT_SEALS_STREAM) continue;
    for (const event of stream.events) {
      events += 1;
      seen.add(key(event.streamId, event.version));
      const at = { streamId: event.streamId, version: event.version, position: event.position };
      const proven = leaves.get(key(event.streamId, event.version));
      if (proven === undefined) {
        const covered =
          evidence.sealedUpTo !== undefined &&
          comparePositions(event.position, evidence.sealedUpTo) <= 0;
        if (covered)
          broken.push({
            ...at,
            reason: 'not-covered-by-a-seal',
            detail: 'inside the sealed range, but no seal holds it',
          });
        else notYetSealed.push(at);
        continue;
      }
      const proof = proofHolds(proven);
      if (proof === 'bad-signature') {
        broken.push({
          ...at,
          reason: 'bad-signature',
          detail: `seal ${proven.sealNumber} covering it is not validly signed`,
        });
      } else if (proof === 'no-proof') {
        broken.push({
          ...at,
          reason: 'not-covered-by-a-seal',
          detail: `no valid inclusion proof in seal ${proven.sealNumber}`,
        });
      } else if (
        proven.leaf.position !== event.position ||
        proven.leaf.hash !== chain.hashes.get(event.version)
      ) {
        broken.push({
          ...at,
          reason: 'data-altered',
          detail: `differs from what seal ${proven.sealNumber} covers`,
        });
      } else {
        sealed += 1;
      }
    }
  }

  for (const proven of evidence.leaves) {
    const { leaf } = proven;
    if (seen.has(key(leaf.streamId, leaf.version))) continue;
    const at = { streamId: leaf.streamId, version: leaf.version, position: leaf.position };
    const proof = proofHolds(proven);
    if (proof !== 'ok') {
      broken.push({
        ...at,
        reason: proof === 'bad-signature' ? 'bad-signature' : 'not-covered-by-a-seal',
        detail: `the leaf's seal ${proven.sealNumber} does not hold it`,
      });
      continue;
    }
    const removals = evidence.removals.get(leaf.streamId);
    const entry = removals?.find((removed) => removed.version === leaf.version);
    if (entry && entry.position === leaf.position && entry.hash === leaf.hash) {
      accountedRemovals += 1;
    } else if (removals === undefined) {
      const streamHasEvents = evidence.streams.some(
        (s) => s.streamId === leaf.streamId && s.events.length > 0,
      );
      broken.push({
        ...at,
        reason: streamHasEvents ? 'event-missing' : 'removal-not-accounted-for',
        detail: streamHasEvents
          ? 'a sealed event is gone from its stream'
          : 'sealed, gone, and no deletion record lists it',
      });
    } else {
      broken.push({
        ...at,
        reason: 'removal-not-accounted-for',
        detail: 'the deletion record does not list this event as sealed',
      });
    }
  }

  broken.push(...sealCheck.broken);
  broken.sort(compareLinks);
  return {
    outcome: outcomeOf(broken, unchainedPrefix, notYetSealed),
    brokenLinks: broken,
    unchainedPrefix,
    notYetSealed,
    events,
    sealed,
    accountedRemovals,
  };
}

/** Log order where positions are known, else stream then version. */
function compareLinks(a: BrokenLink, b: BrokenLink): number {
  if (a.position !== undefined && b.position !== undefined)
    return comparePositions(a.position, b.position);
  if (a.streamId !== b.streamId) return a.streamId < b.streamId ? -1 : 1;
  return (a.version ?? 0) - (b.version ?? 0);
}
