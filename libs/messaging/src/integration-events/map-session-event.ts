import type {
  ExistingSession,
  SessionCancelledData,
  SessionDeletedData,
  SessionEvent,
} from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import { toCharge } from './charge';
import { cloudEventHeaders } from './cloud-event-headers';
import { INTEGRATION_EVENT_TYPES, type IntegrationEventType } from './event-types';
import type { IntegrationMessage } from './integration-message';
import type {
  Cancellation,
  IntegrationPayload,
  SessionStateV1,
  SessionDeletedV1,
} from './payloads';
import { existingSession, sessionEventOf, type SessionView } from './session-view';
import type { TopicRole } from '../topics';

const T = INTEGRATION_EVENT_TYPES;

function message(
  role: TopicRole,
  type: IntegrationEventType,
  event: RecordedEvent,
  sessionId: string,
  value: IntegrationPayload | null,
): IntegrationMessage {
  return {
    role,
    key: sessionId,
    value,
    headers: cloudEventHeaders({
      role,
      id: event.eventId,
      type,
      time: event.metadata.occurredAt,
      sessionId,
      correlationId: event.metadata.correlationId,
      hasData: value !== null,
    }),
  };
}

/** Picked field by field, so the private note of an `other` cancellation can never pass through. */
function cancellationOf(data: SessionCancelledData): Cancellation {
  return {
    reason: data.reason,
    noticeMinutes: data.noticeMinutes,
    late: data.late,
    cancelledAt: data.cancelledAt,
  };
}

function stateOf(
  session: ExistingSession,
  view: SessionView,
  event: RecordedEvent,
): SessionStateV1 {
  const s = session.session;
  return {
    sessionId: s.sessionId,
    professionalId: s.professionalId,
    clientId: s.clientId,
    status: session.status,
    startsAt: s.startsAt,
    timeZone: s.timeZone,
    durationMinutes: s.durationMinutes,
    fee: { amountMinor: s.fee.amountMinor, currency: s.fee.currency },
    payment:
      s.payment.kind === 'direct'
        ? { kind: 'direct' }
        : { kind: 'sponsored-credits', credits: s.payment.credits },
    cancellation: session.status === 'cancelled' ? cancellationOf(session.cancellation) : null,
    charge: session.charge === undefined ? null : toCharge(session.charge, view.chargeUpcastError),
    notificationRequested: session.notificationRequested,
    sessionVersion: view.version,
    updatedAt: event.metadata.occurredAt,
  };
}

/** The lifecycle or notification message of one session event, or undefined for none. */
function eventMessage(
  event: RecordedEvent,
  domainEvent: SessionEvent,
  session: ExistingSession,
  stateAfter: SessionStateV1,
): IntegrationMessage | undefined {
  const sessionId = session.session.sessionId;
  const base = {
    sessionId,
    professionalId: session.session.professionalId,
    occurredAt: event.metadata.occurredAt,
  };
  switch (domainEvent.type) {
    case 'SessionScheduled': {
      const data = domainEvent.data;
      return message('lifecycle', T.sessionScheduled, event, sessionId, {
        ...base,
        clientId: data.clientId,
        startsAt: data.startsAt,
        timeZone: data.timeZone,
        durationMinutes: data.durationMinutes,
        fee: { amountMinor: data.fee.amountMinor, currency: data.fee.currency },
        payment:
          data.payment.kind === 'direct'
            ? { kind: 'direct' }
            : { kind: 'sponsored-credits', credits: data.payment.credits },
      });
    }
    case 'SessionCancelled':
      return message('lifecycle', T.sessionCancelled, event, sessionId, {
        ...base,
        ...cancellationOf(domainEvent.data),
      });
    case 'ClientCharged':
      return message('lifecycle', T.clientCharged, event, sessionId, {
        ...base,
        charge: toCharge(domainEvent.data, event.upcastError?.code),
      });
    case 'NotificationRequested':
      return message('notifications', T.notificationRequested, event, sessionId, {
        ...base,
        clientId: stateAfter.clientId,
        channel: 'default',
        startsAt: stateAfter.startsAt,
        timeZone: stateAfter.timeZone,
        durationMinutes: stateAfter.durationMinutes,
        cancellation: stateAfter.cancellation,
        charge: stateAfter.charge,
      });
    default:
      return undefined;
  }
}

/**
 * The messages of one event of a session's own stream, given the session after it: its lifecycle
 * (or notification) message, then the state topic's new state. An event the domain state could
 * not take (a damaged import: a charge before any schedule) yields nothing, and so does a type
 * sessions do not fold.
 */
export function mapSessionEvent(
  event: RecordedEvent,
  after: SessionView,
  domainEvent: SessionEvent | undefined = sessionEventOf(event),
): IntegrationMessage[] {
  const session = existingSession(after);
  if (session === undefined || domainEvent === undefined) return [];
  const state = stateOf(session, after, event);
  const first = eventMessage(event, domainEvent, session, state);
  const stateMessage = message('state', T.sessionState, event, session.session.sessionId, state);
  return first === undefined ? [stateMessage] : [first, stateMessage];
}

/** The deletion record: SessionDeleted on the lifecycle topic, a tombstone on the state topic. */
export function mapSessionDeleted(
  event: RecordedEvent,
  data: SessionDeletedData,
): IntegrationMessage[] {
  const value: SessionDeletedV1 = {
    sessionId: data.sessionId,
    professionalId: data.professionalId,
    reason: data.reason,
    deletedAt: data.deletedAt,
    occurredAt: event.metadata.occurredAt,
  };
  return [
    message('lifecycle', T.sessionDeleted, event, data.sessionId, value),
    message('state', T.sessionDeleted, event, data.sessionId, null),
  ];
}
