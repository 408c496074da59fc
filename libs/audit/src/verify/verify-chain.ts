import { chainOf, eventHash, GENESIS_HASH } from '../chain/event-hash';
import type { StoredEvent } from './evidence';
import type { BrokenLink } from './verification-report';

export interface ChainCheck {
  readonly broken: BrokenLink[];
  /** Events at the start written before the chain existed. */
  readonly unchained: number;
  /** Each event's hash as recomputed from its content (its own for chained events). */
  readonly hashes: ReadonlyMap<number, string>;
}

/** The hash an event without chain fields would have: what a seal covers it with. */
export function contentHash(event: StoredEvent): string {
  return eventHash(hashInput(event, event.version), GENESIS_HASH);
}

function hashInput(event: StoredEvent, version: number) {
  return { ...event, version };
}

/**
 * One stream's chain (docs/audit.md, "Verification"), in version order: versions without gaps
 * (event-missing), each hash recomputed from the event's content (data-altered; events-reordered
 * when it matches another version), each prevHash the hash of the event before it.
 */
export function verifyChain(streamId: string, events: readonly StoredEvent[]): ChainCheck {
  const broken: BrokenLink[] = [];
  const hashes = new Map<number, string>();
  const stored = new Set(
    events.map((event) => chainOf(event.metadata)?.hash).filter((hash) => hash !== undefined),
  );
  let unchained = 0;
  let chained = false;
  let previous: string | undefined;
  let expected = 0;
  const link = (event: StoredEvent, reason: BrokenLink['reason'], detail: string) =>
    broken.push({ reason, streamId, version: event.version, position: event.position, detail });
  for (const event of events) {
    if (event.version !== expected) {
      broken.push({
        reason: 'event-missing',
        streamId,
        version: expected,
        detail: `versions ${expected} to ${event.version - 1} are missing before position ${event.position}`,
      });
      previous = undefined;
    }
    expected = event.version + 1;
    const chain = chainOf(event.metadata);
    if (chain === undefined) {
      if (chained) link(event, 'data-altered', 'the event has lost its chain fields');
      else unchained += 1;
      hashes.set(event.version, contentHash(event));
      continue;
    }
    const recomputed = eventHash(hashInput(event, event.version), chain.prevHash);
    hashes.set(event.version, chain.hash);
    const wasChained = chained;
    chained = true;
    if (recomputed !== chain.hash) {
      const belongsAt = events.find(
        (other) =>
          other.version !== event.version &&
          eventHash(hashInput(event, other.version), chain.prevHash) === chain.hash,
      );
      if (belongsAt) {
        link(event, 'events-reordered', `this event was written as version ${belongsAt.version}`);
      } else {
        link(event, 'data-altered', 'its content no longer gives its hash');
      }
      previous = chain.hash;
      continue;
    }
    // The first chained event after an unchained prefix starts from GENESIS_HASH.
    const expectedPrev = wasChained ? previous : GENESIS_HASH;
    if (expectedPrev !== undefined && chain.prevHash !== expectedPrev) {
      if (stored.has(chain.prevHash)) {
        link(event, 'events-reordered', 'it links to an event that is not the one before it');
      } else {
        link(event, 'event-missing', 'the event it links to is not in the stream');
      }
    }
    previous = chain.hash;
  }
  return { broken, unchained, hashes };
}
