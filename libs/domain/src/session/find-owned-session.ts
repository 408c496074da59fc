import { type Actor } from '../common';
import { SessionNotFoundError } from '../errors';
import { type ExistingSession, type SessionState } from './session-state';

/**
 * The 404 step. A professional acting on another professional's session learns nothing about it,
 * so that case answers exactly as a missing session does.
 */
export function findOwnedSession(
  state: SessionState,
  sessionId: string,
  actor: Actor,
): ExistingSession {
  if (state.status === 'not-scheduled') throw new SessionNotFoundError(sessionId);
  if (state.status === 'deleted') throw new SessionNotFoundError(sessionId, true);
  if (actor.role === 'professional' && state.session.professionalId !== actor.userId) {
    throw new SessionNotFoundError(sessionId);
  }
  return state;
}
