import { randomUUID } from 'node:crypto';
import type { NewEvent } from '@app/event-store';
import { chainEvents } from '../chain/chain-events';
import { eventHash, GENESIS_HASH } from '../chain/event-hash';
import type { StoredEvent } from './evidence';
import { verifyChain } from './verify-chain';

const STREAM = 'session-1';

function newEvent(n: number): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'Tested',
    schemaVersion: 1,
    data: { n, amountMinor: 12000 },
    metadata: {
      occurredAt: '2026-06-15T10:00:00.000Z',
      actor: { userId: 'pro-1', role: 'professional' },
      correlationId: 'c',
      causationId: 'c',
    },
  };
}

function stored(events: readonly NewEvent[], firstVersion = 0): StoredEvent[] {
  return events.map((event, i) => ({
    ...event,
    streamId: STREAM,
    version: firstVersion + i,
    position: String(100 + firstVersion + i),
  }));
}

const chained = (count: number): StoredEvent[] =>
  stored(
    chainEvents(
      STREAM,
      { version: -1 },
      Array.from({ length: count }, (_, i) => newEvent(i)),
    ),
  );

describe('the hash chain', () => {
  it('links each event to the one before, from 64 zeros, whatever the key order', () => {
    const events = chained(3);
    expect(events[0]?.metadata.prevHash).toBe(GENESIS_HASH);
    expect(events[1]?.metadata.prevHash).toBe(events[0]?.metadata.hash);
    const reordered = { ...events[1], data: { amountMinor: 12000, n: 1 } };
    expect(eventHash(reordered, String(events[1]?.metadata.prevHash))).toBe(
      events[1]?.metadata.hash,
    );
    expect(verifyChain(STREAM, events)).toMatchObject({ broken: [], unchained: 0 });
  });

  it('names an altered payload, a missing event and two swapped events', () => {
    const events = chained(4);
    const altered = events.map((e, i) =>
      i === 2 ? { ...e, data: { n: 2, amountMinor: 12001 } } : e,
    );
    expect(verifyChain(STREAM, altered).broken).toEqual([
      expect.objectContaining({ reason: 'data-altered', version: 2 }),
    ]);
    const missing = events.filter((e) => e.version !== 1);
    expect(verifyChain(STREAM, missing).broken[0]).toMatchObject({
      reason: 'event-missing',
      version: 1,
    });
    const swapped = [
      events[0],
      { ...events[2], version: 1 },
      { ...events[1], version: 2 },
      events[3],
    ];
    expect(verifyChain(STREAM, swapped).broken[0]).toMatchObject({
      reason: 'events-reordered',
      version: 1,
    });
  });

  it('counts events written before the chain as an unchained prefix, then checks the rest', () => {
    const legacy = stored([newEvent(0), newEvent(1)]);
    const after = stored(chainEvents(STREAM, { version: 1 }, [newEvent(2)]), 2);
    expect(verifyChain(STREAM, [...legacy, ...after])).toMatchObject({ broken: [], unchained: 2 });
  });
});
