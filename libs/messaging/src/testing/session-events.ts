import { randomUUID } from 'node:crypto';
import { sessionDeletionStream, sessionStream, workstationStream } from '@app/domain';
import type { JsonObject, NewEvent, RecordedEvent } from '@app/event-store';

/** A private note no message may ever carry: tests scan every byte of every record for it. */
export const PRIVATE_NOTE = 'PRIVATE-NOTE-client mentioned a family emergency';

export interface StreamAppend {
  readonly streamId: string;
  readonly events: NewEvent[];
}

function event(
  type: string,
  data: JsonObject,
  schemaVersion = 1,
  correlationId?: string,
): NewEvent {
  return {
    eventId: randomUUID(),
    type,
    schemaVersion,
    data,
    metadata: {
      occurredAt: '2026-03-01T09:00:00.000Z',
      actor: { userId: 'pro-1', role: 'professional' },
      correlationId: correlationId ?? randomUUID(),
      causationId: randomUUID(),
    },
  };
}

export function scheduled(sessionId: string, professionalId = 'pro-1'): StreamAppend {
  return {
    streamId: sessionStream(sessionId),
    events: [
      event('SessionScheduled', {
        sessionId,
        professionalId,
        clientId: `client-of-${sessionId}`,
        startsAt: '2026-03-02T10:00:00.000Z',
        timeZone: 'Europe/Paris',
        durationMinutes: 50,
        fee: { amountMinor: 12000, currency: 'EUR' },
        payment: { kind: 'direct' },
      }),
    ],
  };
}

/** What one cancel command appends: cancelled with reason `other` and the private note, charged, notified. */
export function cancelledChargedNotified(sessionId: string): StreamAppend {
  const correlationId = randomUUID();
  return {
    streamId: sessionStream(sessionId),
    events: [
      event(
        'SessionCancelled',
        {
          reason: 'other',
          note: PRIVATE_NOTE,
          noticeMinutes: 60,
          late: true,
          cancelledAt: '2026-03-02T09:00:00.000Z',
        },
        1,
        correlationId,
      ),
      event(
        'ClientCharged',
        { method: 'card', amountMinor: 9000, currency: 'EUR' },
        2,
        correlationId,
      ),
      event('NotificationRequested', { channel: 'default' }, 1, correlationId),
    ],
  };
}

export function deleted(sessionId: string, professionalId = 'pro-1'): StreamAppend {
  return {
    streamId: sessionDeletionStream(sessionId),
    events: [
      event('SessionDeleted', {
        sessionId,
        professionalId,
        deletedBy: { userId: professionalId, role: 'professional' },
        deletedAt: '2026-03-01T12:00:00.000Z',
        reason: 'booked-by-mistake',
      }),
    ],
  };
}

export function paymentMethodsConfigured(professionalId = 'pro-1'): StreamAppend {
  return {
    streamId: workstationStream(professionalId),
    events: [event('PaymentMethodsConfigured', { professionalId, methods: ['card'] })],
  };
}

/** As the store would return them: stream versions from `fromVersion`, positions from `position`. */
export function recorded(append: StreamAppend, fromVersion = 0, position = 1): RecordedEvent[] {
  return append.events.map((e, i) => ({
    eventId: e.eventId,
    type: e.type,
    streamId: append.streamId,
    streamVersion: fromVersion + i,
    position: String(position + i),
    schemaVersion: e.schemaVersion,
    storedSchemaVersion: e.schemaVersion,
    data: e.data,
    metadata: e.metadata,
    recordedAt: e.metadata.occurredAt,
  }));
}

/** The same append with its first event's data changed: an event no consumer can apply. */
export function malformed(
  append: StreamAppend,
  change: (data: JsonObject) => JsonObject,
): StreamAppend {
  const [first, ...rest] = append.events;
  return first === undefined
    ? append
    : { ...append, events: [{ ...first, data: change(first.data) }, ...rest] };
}
