import fc from 'fast-check';
import { DomainError } from '../errors';
import {
  CANCELLATION_REASONS,
  CHARGE_METHODS,
  type SessionEvent,
  type SessionScheduledData,
  WORKSTATION_PAYMENT_METHODS,
} from '../events';
import { cancelSession, sessionScheduled } from '../testing';
import { type CancelSession } from './cancel-session';
import { LATE_NOTICE_MS } from './notice';
import { sessionDecider } from './session-decider';
import { type SessionState } from './session-state';

const START_MS = Date.parse('2026-03-10T10:00:00.000Z');
const DAY_MS = 24 * 3_600_000;
const PRIVATE = 'PRIVATE-NOTE-';

const session = fc.record({
  durationMinutes: fc.integer({ min: 5, max: 480 }),
  fee: fc.record({
    amountMinor: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1_000_000 })),
    currency: fc.constantFrom('EUR', 'JPY', 'BHD'),
  }),
  payment: fc.oneof(
    fc.constant({ kind: 'direct' as const }),
    fc.record({
      kind: fc.constant('sponsored-credits' as const),
      credits: fc.integer({ min: 1, max: 20 }),
    }),
  ),
});

const privateNote = fc.string({ minLength: 1, maxLength: 480 }).map((s) => `${PRIVATE}${s}`);

/** Anything the type allows, most of it refused: bad notes, zero or negative amounts, ... */
const anyCommand = fc.record({
  reason: fc.constantFrom(...CANCELLATION_REASONS),
  note: fc.option(privateNote, { nil: undefined }),
  charge: fc.option(
    fc.record(
      {
        method: fc.constantFrom(...CHARGE_METHODS),
        amountMinor: fc.integer({ min: -10, max: 1_200_000 }),
      },
      { requiredKeys: ['method'] },
    ),
    { nil: undefined },
  ),
  notifyClient: fc.option(fc.boolean(), { nil: undefined }),
  enabledMethods: fc.subarray([...WORKSTATION_PAYMENT_METHODS]),
});

/** Well-formed requests (a note exactly with `other`, positive amounts), so most reach the rules. */
const wellFormedCommand = fc
  .record({
    reason: fc.constantFrom(...CANCELLATION_REASONS),
    note: privateNote,
    charge: fc.option(
      fc.oneof(
        fc.record(
          {
            method: fc.constantFrom(...WORKSTATION_PAYMENT_METHODS),
            amountMinor: fc.integer({ min: 1, max: 1_200_000 }),
          },
          { requiredKeys: ['method'] },
        ),
        fc.constant({ method: 'sponsored-credits' as const }),
      ),
      { nil: undefined },
    ),
    notifyClient: fc.option(fc.boolean(), { nil: undefined }),
    enabledMethods: fc.subarray([...WORKSTATION_PAYMENT_METHODS]),
  })
  .map(({ note, ...data }) => (data.reason === 'other' ? { ...data, note } : data));

const command = fc
  .oneof({ arbitrary: wellFormedCommand, weight: 4 }, { arbitrary: anyCommand, weight: 1 })
  .map((data) => cancelSession(data));

/** From three days before the start to a day after a long session's end, to the millisecond. */
const offsetMs = fc.integer({ min: -3 * DAY_MS, max: DAY_MS + 480 * 60_000 });

function decide(
  facts: Partial<SessionScheduledData>,
  cancel: CancelSession,
  nowMs: number,
  history: SessionEvent[] = [],
): SessionEvent[] | DomainError {
  const state: SessionState = [sessionScheduled(facts), ...history].reduce(
    sessionDecider.evolve,
    sessionDecider.initialState(),
  );
  try {
    return sessionDecider.decide(cancel, state, new Date(nowMs));
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
}

// About one generated cancellation in five is accepted and one in twelve charges: enough runs that
// every branch of the charge rules is reached on each run.
const RUNS = { numRuns: 1000 };

const accepted = (outcome: SessionEvent[] | DomainError): outcome is SessionEvent[] =>
  Array.isArray(outcome);

describe('Cancellation properties', () => {
  it('a cancelled session never gets a second SessionCancelled', () => {
    fc.assert(
      fc.property(session, command, command, offsetMs, offsetMs, (facts, first, second, t1, t2) => {
        const firstOutcome = decide(facts, first, START_MS + t1);
        fc.pre(accepted(firstOutcome));
        const again = decide(facts, second, START_MS + t2, firstOutcome);
        expect(accepted(again)).toBe(false);
        expect(['invalid', 'conflict']).toContain((again as DomainError).category);
      }),
      RUNS,
    );
  });

  it('ClientCharged never exceeds the fee, and credits are the session credits', () => {
    fc.assert(
      fc.property(session, command, offsetMs, (facts, cancel, t) => {
        const outcome = decide(facts, cancel, START_MS + t);
        if (!accepted(outcome)) return;
        for (const event of outcome) {
          if (event.type !== 'ClientCharged') continue;
          if (event.data.method === 'sponsored-credits') {
            expect(facts.payment).toEqual({
              kind: 'sponsored-credits',
              credits: event.data.credits,
            });
          } else {
            expect(event.data.amountMinor).toBeGreaterThanOrEqual(1);
            expect(event.data.amountMinor).toBeLessThanOrEqual(facts.fee.amountMinor);
            expect(event.data.currency).toBe(facts.fee.currency);
            expect(cancel.data.enabledMethods).toContain(event.data.method);
          }
        }
      }),
      RUNS,
    );
  });

  it('late iff notice < 24h, and noticeMinutes is the notice floored', () => {
    fc.assert(
      fc.property(session, command, offsetMs, (facts, cancel, t) => {
        const outcome = decide(facts, cancel, START_MS - t);
        if (!accepted(outcome)) return;
        const cancelled = outcome[0];
        if (cancelled?.type !== 'SessionCancelled') throw new Error('SessionCancelled first');
        expect(cancelled.data.late).toBe(t < LATE_NOTICE_MS);
        expect(cancelled.data.noticeMinutes).toBe(Math.floor(t / 60_000));
        expect(Object.is(cancelled.data.noticeMinutes, -0)).toBe(false);
      }),
      RUNS,
    );
  });

  it('events are always in the order SessionCancelled, ClientCharged?, NotificationRequested?', () => {
    fc.assert(
      fc.property(session, command, offsetMs, (facts, cancel, t) => {
        const outcome = decide(facts, cancel, START_MS + t);
        if (!accepted(outcome)) return;
        const types = outcome.map((event) => event.type).join(',');
        expect(types).toMatch(/^SessionCancelled(,ClientCharged)?(,NotificationRequested)?$/);
        expect(types.includes('ClientCharged')).toBe(cancel.data.charge !== undefined);
        expect(types.includes('NotificationRequested')).toBe(cancel.data.notifyClient !== false);
      }),
      RUNS,
    );
  });

  it('the note never appears in NotificationRequested, nor anywhere but SessionCancelled', () => {
    fc.assert(
      fc.property(session, command, offsetMs, (facts, cancel, t) => {
        const outcome = decide(facts, cancel, START_MS + t);
        if (!accepted(outcome)) return;
        for (const event of outcome.slice(1)) {
          expect(JSON.stringify(event)).not.toContain(PRIVATE);
          if (event.type === 'NotificationRequested')
            expect(event.data).toEqual({ channel: 'default' });
        }
      }),
      RUNS,
    );
  });

  it('a refusal is always a DomainError, never anything else', () => {
    fc.assert(
      fc.property(session, command, offsetMs, (facts, cancel, t) => {
        // decide() rethrows any non-DomainError, which fails the property.
        decide(facts, cancel, START_MS + t);
      }),
      RUNS,
    );
  });
});
