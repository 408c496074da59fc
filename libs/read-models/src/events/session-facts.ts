import {
  readSessionEvent,
  sessionStreamOf,
  type ClientChargedData,
  type SessionCancelledData,
  type SessionDeletedData,
  type SessionScheduledData,
} from '@app/domain';
import type { RecordedEvent } from '@app/event-store';

/** A session event as the read models apply it, in the domain's own types. */
export type SessionFact =
  | { readonly kind: 'scheduled'; readonly sessionId: string; readonly data: SessionScheduledData }
  | { readonly kind: 'cancelled'; readonly sessionId: string; readonly data: SessionCancelledData }
  | { readonly kind: 'charged'; readonly sessionId: string; readonly data: ClientChargedData }
  /** A legacy charge its upcaster refused: shown as unreadable, never as a wrong amount. */
  | { readonly kind: 'charge-unreadable'; readonly sessionId: string; readonly code: string }
  | { readonly kind: 'notification-requested'; readonly sessionId: string }
  | { readonly kind: 'deleted'; readonly sessionId: string; readonly data: SessionDeletedData }
  | { readonly kind: 'ignored'; readonly why: string };

/**
 * Reads one recorded event into the fact the projections apply. Events of other streams, and
 * types the read models do not project, are ignored; an event whose data does not have its
 * type's shape throws the domain's MalformedEventError, so the consumer core sets its session
 * aside instead of writing a half-understood row.
 */
export function toSessionFact(event: RecordedEvent): SessionFact {
  if (event.type === 'ClientCharged' && event.upcastError) {
    const stream = sessionStreamOf(event.streamId, event.type);
    return stream === undefined
      ? { kind: 'ignored', why: 'not a session stream' }
      : { kind: 'charge-unreadable', sessionId: stream.sessionId, code: event.upcastError.code };
  }
  const read = readSessionEvent(event);
  if (read === undefined) return { kind: 'ignored', why: `${event.type} is not projected` };
  const { sessionId, event: domainEvent } = read;
  switch (domainEvent.type) {
    case 'SessionScheduled':
      return { kind: 'scheduled', sessionId, data: domainEvent.data };
    case 'SessionCancelled':
      return { kind: 'cancelled', sessionId, data: domainEvent.data };
    case 'ClientCharged':
      return { kind: 'charged', sessionId, data: domainEvent.data };
    case 'NotificationRequested':
      return { kind: 'notification-requested', sessionId };
    case 'SessionDeleted':
      return { kind: 'deleted', sessionId, data: domainEvent.data };
  }
}
