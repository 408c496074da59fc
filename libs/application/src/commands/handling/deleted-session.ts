import { SessionAlreadyExistsError, SessionDeletedError, SessionNotFoundError } from '@app/domain';
import type { CommandRequest } from './command-request';
import type { LoadedSession } from './load-command-context';

/**
 * What a command answers on a deleted session (docs/product.md, "Delete"), the one place that
 * says it:
 * - `id-taken`: scheduling the id again is a conflict (409); an id never comes back.
 * - `gone`: with an Idempotency-Key the request reads as a replay of one made before the delete
 *   (which purged its record): 410. Without a key it cannot be a replay: 404, as for any missing
 *   session. Either way another professional learns nothing (404).
 * - `finish-deletion`: deleting again finishes a half-done delete, then answers 404.
 */
export type DeletedSessionRule = 'id-taken' | 'gone' | 'finish-deletion';

export function deletedSessionRefusal(
  rule: DeletedSessionRule,
  session: LoadedSession,
  request: CommandRequest,
): Error {
  const id = session.sessionId;
  if (rule === 'id-taken') return new SessionAlreadyExistsError(id, true);
  if (rule === 'finish-deletion') return new SessionNotFoundError(id, true);
  const { actor } = request;
  const owner = session.deletion?.professionalId;
  const foreign = actor.role === 'professional' && owner !== undefined && owner !== actor.userId;
  if (request.idempotency !== undefined && !foreign) return new SessionDeletedError(id);
  return new SessionNotFoundError(id, !foreign);
}
