import type { RecordedEvent } from '@app/event-store';
import { sessionIdOfStream } from './stream-ids';
import { toSessionFact } from './session-events';

const recorded = (
  type: string,
  streamId: string,
  data: RecordedEvent['data'],
  extra: Partial<RecordedEvent> = {},
): RecordedEvent => ({
  eventId: 'e',
  type,
  streamId,
  streamVersion: 0,
  position: '1',
  schemaVersion: 1,
  storedSchemaVersion: 1,
  data,
  metadata: {
    occurredAt: '2026-01-01T00:00:00.000Z',
    actor: { userId: 'u', role: 'professional' },
    correlationId: 'c',
    causationId: 'c',
  },
  recordedAt: '2026-01-01T00:00:00.000Z',
  ...extra,
});

describe('reading events into facts', () => {
  it('finds the session of each stream kind', () => {
    expect(sessionIdOfStream('session-abc')).toBe('abc');
    expect(sessionIdOfStream('session-deletion-abc')).toBe('abc');
    expect(sessionIdOfStream('workstation-pro-1')).toBeUndefined();
    // A session id that starts with "deletion-": the event type settles it.
    expect(sessionIdOfStream('session-deletion-x', 'SessionScheduled')).toBe('deletion-x');
    expect(sessionIdOfStream('session-deletion-x', 'SessionDeleted')).toBe('x');
    expect(sessionIdOfStream('session-x', 'SessionDeleted')).toBeUndefined();
  });

  it('accepts well-formed events and ignores malformed or foreign ones without throwing', () => {
    const scheduled = {
      sessionId: 's',
      professionalId: 'p',
      clientId: 'c',
      startsAt: '2026-03-01T10:00:00Z',
      timeZone: 'UTC',
      durationMinutes: 50,
      fee: { amountMinor: 100, currency: 'EUR' },
      payment: { kind: 'direct' },
    };
    expect(toSessionFact(recorded('SessionScheduled', 'session-s', scheduled)).kind).toBe(
      'scheduled',
    );
    expect(toSessionFact(recorded('SessionScheduled', 'session-other', scheduled)).kind).toBe(
      'ignored',
    );
    expect(
      toSessionFact(recorded('SessionScheduled', 'session-s', { ...scheduled, fee: 'x' })).kind,
    ).toBe('ignored');
    expect(
      toSessionFact(
        recorded('SessionCancelled', 'session-s', {
          reason: 'bored',
          noticeMinutes: 1,
          late: true,
          cancelledAt: '2026-03-01T10:00:00Z',
        }),
      ).kind,
    ).toBe('ignored');
    expect(
      toSessionFact(recorded('PaymentMethodsConfigured', 'workstation-p', { methods: [] })).kind,
    ).toBe('ignored');
    expect(
      toSessionFact(
        recorded('ClientCharged', 'session-s', { method: 'sponsored-credits', credits: 2 }),
      ).kind,
    ).toBe('charged');
    expect(
      toSessionFact(
        recorded('ClientCharged', 'session-s', {
          method: 'card',
          amountMinor: 1.5,
          currency: 'EUR',
        }),
      ),
    ).toEqual({
      kind: 'charge-unreadable',
      sessionId: 's',
      code: 'malformed-client-charged',
    });
    expect(
      toSessionFact(
        recorded(
          'ClientCharged',
          'session-s',
          { amount: '1.234' },
          { upcastError: { code: 'amount-precision', message: 'm' } },
        ),
      ),
    ).toEqual({ kind: 'charge-unreadable', sessionId: 's', code: 'amount-precision' });
  });
});
