import { type SessionEvent } from '../events';
import { type SessionState } from './session-state';

/**
 * Total (never throws): history is a fact, so an event that makes no sense in the current state
 * (from a damaged or partial import) leaves the state as it was instead of breaking every read.
 * SessionDeleted wins from any state and nothing undoes it, so the application may fold the
 * deletion record before or after whatever the session stream still holds.
 */
export function evolveSession(state: SessionState, event: SessionEvent): SessionState {
  if (state.status === 'deleted') return state;
  switch (event.type) {
    case 'SessionDeleted':
      return { status: 'deleted', deletion: event.data };
    case 'SessionScheduled':
      return state.status === 'not-scheduled'
        ? { status: 'scheduled', session: event.data, notificationRequested: false }
        : state;
    case 'SessionCancelled':
      return state.status === 'scheduled'
        ? { ...state, status: 'cancelled', cancellation: event.data }
        : state;
    case 'ClientCharged':
      return state.status === 'not-scheduled' ? state : { ...state, charge: event.data };
    case 'NotificationRequested':
      return state.status === 'not-scheduled' ? state : { ...state, notificationRequested: true };
  }
}
