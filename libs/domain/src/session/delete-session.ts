import { type Actor, type Command, toUtcIso } from '../common';
import { SessionChargedCannotDeleteError } from '../errors';
import { DELETION_REASON, type RemovedEvent, type SessionDeleted } from '../events';
import { findOwnedSession } from './find-owned-session';
import { type SessionState } from './session-state';
import { validateSessionId } from './validate-cancel';

export type DeleteSessionData = Readonly<{
  sessionId: string;
  actor: Actor;
  /** The session stream's events as the command read them: the record lists them. */
  removedEvents?: readonly RemovedEvent[];
}>;

export type DeleteSession = Command<'DeleteSession', DeleteSessionData>;

/**
 * The decision yields the deletion record. The application appends it to
 * sessionDeletionStream(id) expecting no stream, then removes sessionStream(id); deleting again
 * finds the record folded into the state and answers 404.
 */
export function decideDelete(
  command: DeleteSession,
  state: SessionState,
  now: Date,
): SessionDeleted[] {
  const { sessionId, actor, removedEvents } = command.data;
  validateSessionId(sessionId);
  const existing = findOwnedSession(state, sessionId, actor);
  if (existing.charge) throw new SessionChargedCannotDeleteError(sessionId);
  return [
    {
      type: 'SessionDeleted',
      data: {
        sessionId,
        professionalId: existing.session.professionalId,
        deletedBy: { userId: actor.userId, role: actor.role },
        deletedAt: toUtcIso(now.getTime()),
        reason: DELETION_REASON,
        ...(removedEvents === undefined ? {} : { removedEvents: [...removedEvents] }),
      },
    },
  ];
}
