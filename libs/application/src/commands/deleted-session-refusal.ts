import { type Actor, SessionDeletedError, SessionNotFoundError } from '@app/domain';
import type { LoadedSession } from '../shared';

/**
 * A command other than schedule and delete on a deleted session. With an Idempotency-Key it is
 * read as a replay of a request made before the delete (the delete purged its record): 410 Gone.
 * Without a key it cannot be a replay: 404, as for any missing session. Either way another
 * professional learns nothing (404).
 */
export function refuseDeletedSession(loaded: LoadedSession, actor: Actor, withKey: boolean): void {
  const deleted = loaded.state.status === 'deleted' || loaded.streamDeleted;
  if (!deleted) return;
  const owner = loaded.deletion?.professionalId;
  const foreign = actor.role === 'professional' && owner !== undefined && owner !== actor.userId;
  if (withKey && !foreign) throw new SessionDeletedError(loaded.sessionId);
  throw new SessionNotFoundError(loaded.sessionId, !foreign);
}
