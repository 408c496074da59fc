import { MalformedEventError } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import { toSessionFact } from './session-facts';

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

  it('reads well-formed events in the domain types and ignores foreign ones', () => {
    expect(toSessionFact(recorded('SessionScheduled', 'session-s', scheduled))).toEqual({
      kind: 'scheduled',
      sessionId: 's',
      data: scheduled,
    });
    expect(
      toSessionFact(recorded('PaymentMethodsConfigured', 'workstation-p', { methods: [] })).kind,
    ).toBe('ignored');
    expect(
      toSessionFact(
        recorded('ClientCharged', 'session-s', { method: 'sponsored-credits', credits: 2 }),
      ).kind,
    ).toBe('charged');
    expect(
      toSessionFact(recorded('NotificationRequested', 'session-s', { channel: 'default' })),
    ).toEqual({ kind: 'notification-requested', sessionId: 's' });
  });

  it('shows a legacy charge its upcaster refused as unreadable, with the upcaster’s code', () => {
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

  it('refuses malformed events instead of skipping them, so their session is set aside', () => {
    const malformed = [
      recorded('SessionScheduled', 'session-other', scheduled),
      recorded('SessionScheduled', 'session-s', { ...scheduled, fee: 'x' }),
      recorded('SessionCancelled', 'session-s', {
        reason: 'bored',
        noticeMinutes: 1,
        late: true,
        cancelledAt: '2026-03-01T10:00:00Z',
      }),
      recorded('ClientCharged', 'session-s', { method: 'card', amountMinor: 1.5, currency: 'EUR' }),
    ];
    for (const event of malformed) {
      expect(() => toSessionFact(event)).toThrow(MalformedEventError);
    }
  });
});
