import { DomainError } from './domain-error';

/** 422: money moved, so the session's history must stay. */
export class SessionChargedCannotDeleteError extends DomainError {
  readonly code = 'session-charged-cannot-delete';
  readonly category = 'rule' as const;
  constructor(readonly sessionId: string) {
    super(`session ${sessionId} was charged and cannot be deleted`);
  }
}
