import { DomainError } from './domain-error';

/**
 * 404 for a session that was never scheduled, belongs to another professional (a 403 would confirm
 * that it exists) or was deleted. `deleted` lets the application answer a replay with
 * SessionDeletedError (410) instead.
 */
export class SessionNotFoundError extends DomainError {
  readonly code = 'session-not-found';
  readonly category = 'not-found' as const;
  constructor(
    readonly sessionId: string,
    readonly deleted = false,
  ) {
    super(`session ${sessionId} not found`);
  }
}
