import { DomainError } from './domain-error';

/**
 * 410: thrown by the application, not the decider, for a replayed command on a deleted session (the
 * decider cannot tell a replay from a new request; it says SessionNotFoundError with deleted=true).
 */
export class SessionDeletedError extends DomainError {
  readonly code = 'session-deleted';
  readonly category = 'gone' as const;
  constructor(readonly sessionId: string) {
    super(`session ${sessionId} was deleted`);
  }
}
