import {
  evolveSession,
  initialSessionState,
  readSessionEvent,
  toSessionEvent,
  type ExistingSession,
  type SessionEvent,
  type SessionState,
} from '@app/domain';
import type { RecordedEvent } from '@app/event-store';

/**
 * A session as the publisher follows it: the domain's state after the stream's event at `version`,
 * plus the upcast error of its latest charge (the domain state only holds charge data).
 */
export interface SessionView {
  readonly state: SessionState;
  /** Stream version of the last event folded; -1 before the first. */
  readonly version: number;
  readonly chargeUpcastError?: string;
}

export const emptySessionView = (): SessionView => ({ state: initialSessionState(), version: -1 });

/**
 * The domain event of one stored event of a session's own stream, read strictly (a malformed one
 * throws MalformedEventError: its session is set aside). A legacy charge its upcaster refused is
 * taken as stored: it still marks the session charged, and is published as unreadable.
 */
export function sessionEventOf(event: RecordedEvent): SessionEvent | undefined {
  if (event.type === 'ClientCharged' && event.upcastError) return toSessionEvent(event);
  return readSessionEvent(event)?.event;
}

/** Folds one event of the session's own stream (the deletion record is handled apart). */
export function evolveSessionView(
  view: SessionView,
  event: RecordedEvent,
  domainEvent: SessionEvent | undefined = sessionEventOf(event),
): SessionView {
  const state = domainEvent === undefined ? view.state : evolveSession(view.state, domainEvent);
  const chargeUpcastError =
    event.type === 'ClientCharged' ? event.upcastError?.code : view.chargeUpcastError;
  return { state, version: event.streamVersion, chargeUpcastError };
}

export function existingSession(view: SessionView): ExistingSession | undefined {
  return view.state.status === 'scheduled' || view.state.status === 'cancelled'
    ? view.state
    : undefined;
}
