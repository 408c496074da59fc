import {
  evolveSession,
  initialSessionState,
  toSessionEvent,
  type ExistingSession,
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

/** Folds one event of the session's own stream (the deletion record is handled apart). */
export function evolveSessionView(view: SessionView, event: RecordedEvent): SessionView {
  const domainEvent = toSessionEvent({ type: event.type, data: event.data });
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
