import { DomainError } from './domain-error';

/** 409: the id is taken, by a live session or by a deletion record (ids never come back). */
export class SessionAlreadyExistsError extends DomainError {
  readonly code = 'session-already-exists';
  readonly category = 'conflict' as const;
  constructor(
    readonly sessionId: string,
    readonly deleted = false,
  ) {
    super(`session ${sessionId} ${deleted ? 'was deleted' : 'already exists'}`);
  }
}

export class SessionAlreadyCancelledError extends DomainError {
  readonly code = 'session-already-cancelled';
  readonly category = 'conflict' as const;
  constructor(readonly sessionId: string) {
    super(`session ${sessionId} is already cancelled`);
  }
}
