import type { ClientChargedData, CancellationReason } from '@app/domain';
import type { InMemoryEventStore } from '@app/event-store/testing';
import { clientChargedEvent, SessionWriter } from '@test/support/session-writer';

/** A small deterministic PRNG (mulberry32), so a failing history can be replayed by its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REASONS: readonly CancellationReason[] = [
  'cancelled-by-professional',
  'cancelled-by-client',
  'client-no-show',
  'other',
];
const CURRENCIES = ['EUR', 'USD', 'JPY'] as const;
const METHODS = ['card', 'invoice', 'external'] as const;
const HOUR = 3_600_000;

/**
 * Writes `count` sessions spread over March and April 2026 (across the DST change, many near
 * midnight), with every reason, every charge kind, both notify choices, some deletions and some
 * unreadable legacy charges. Returns how many sessions of each kind it wrote.
 */
export async function writeGeneratedHistory(
  store: InMemoryEventStore,
  count: number,
  seed: number,
): Promise<{ sessions: number; deleted: number; unreadable: number }> {
  const random = seededRandom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
  const writer = new SessionWriter(store);
  const base = Date.parse('2026-03-01T00:00:00.000Z');
  let deleted = 0;
  let unreadable = 0;
  for (let i = 0; i < count; i += 1) {
    const sessionId = `gen-${seed}-${i}`;
    const professionalId = `pro-${i % 37}`;
    // A third of the sessions start within two hours of a UTC midnight.
    const day = Math.floor(random() * 61);
    const offsetMs =
      random() < 0.33 ? (22 + random() * 4) * HOUR : Math.floor(random() * 24 * 60) * 60_000;
    const startsMs = base + day * 24 * HOUR + Math.floor(offsetMs / 60_000) * 60_000;
    const startsAt = new Date(startsMs).toISOString();
    const sponsored = random() < 0.2;
    const credits = 1 + Math.floor(random() * 3);
    const currency = pick(CURRENCIES);
    const fee = currency === 'JPY' ? 5000 : 4000 + Math.floor(random() * 12) * 1000;
    await writer.schedule({
      sessionId,
      professionalId,
      startsAt,
      fee: { amountMinor: fee, currency },
      payment: sponsored ? { kind: 'sponsored-credits', credits } : { kind: 'direct' },
    });
    if (random() < 0.35) continue;
    const reason = pick(REASONS);
    const cancelledMs =
      reason === 'client-no-show'
        ? startsMs + Math.floor(random() * 50) * 60_000
        : startsMs - Math.floor(random() * 72 * 60) * 60_000;
    const late = startsMs - cancelledMs < 24 * HOUR;
    let charge: ClientChargedData | undefined;
    const unreadableCharge = !sponsored && random() < 0.01;
    if (!unreadableCharge && random() < 0.5) {
      if (sponsored) {
        if (late) charge = { method: 'sponsored-credits', credits };
      } else {
        charge = {
          method: pick(METHODS),
          amountMinor: Math.max(1, Math.floor(fee * (0.5 + random() / 2))),
          currency,
        };
      }
    }
    const cancelledAt = new Date(cancelledMs).toISOString();
    await writer.cancel(sessionId, professionalId, {
      reason,
      note: reason === 'other' ? `private note ${i}` : undefined,
      cancelledAt,
      startsAt,
      charge,
      notify: random() < 0.5,
    });
    if (unreadableCharge) {
      unreadable += 1;
      store.appendUnreadable(
        `session-${sessionId}`,
        clientChargedEvent(
          { amount: '12.3456', currency, method: 'card' },
          professionalId,
          cancelledAt,
          1,
        ),
        { code: 'amount-precision', message: 'more decimals than the currency has' },
      );
    } else if (charge === undefined && random() < 0.08) {
      deleted += 1;
      await writer.delete(sessionId, professionalId, new Date(cancelledMs + HOUR).toISOString());
    }
  }
  return { sessions: count, deleted, unreadable };
}
