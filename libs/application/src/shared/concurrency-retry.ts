import { WrongExpectedVersionError } from '@app/event-store';
import { ConcurrencyRetriesExhaustedError } from '../errors';

/** Attempts of one command before answering 409 concurrency-retries-exhausted. */
export const MAX_COMMAND_ATTEMPTS = 5;

/**
 * Runs read-decide-append again when another writer got there first: each attempt re-reads the
 * stream and re-decides, so the answer reflects the state that won (e.g. "already cancelled").
 */
export async function withConcurrencyRetry<T>(
  streamId: string,
  attempt: () => Promise<T>,
  maxAttempts = MAX_COMMAND_ATTEMPTS,
): Promise<T> {
  for (let tried = 1; ; tried++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      if (tried >= maxAttempts) throw new ConcurrencyRetriesExhaustedError(streamId, tried);
    }
  }
}
