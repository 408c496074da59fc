import { StreamDeletedError, WrongExpectedVersionError } from '@app/event-store';
import { ConcurrencyRetriesExhaustedError } from '@app/platform';

/** Attempts of one command before answering 409 concurrency-retries-exhausted. */
export const MAX_COMMAND_ATTEMPTS = 5;

/**
 * Runs read-decide-append again when another writer got there first: each attempt re-reads the
 * streams and re-decides, so the answer reflects the state that won ("already cancelled", or
 * the deleted session's answer when a delete won).
 */
export async function withConcurrencyRetry<T>(
  attempt: () => Promise<T>,
  maxAttempts = MAX_COMMAND_ATTEMPTS,
): Promise<T> {
  for (let tried = 1; ; tried++) {
    try {
      return await attempt();
    } catch (error) {
      const lostRace =
        error instanceof WrongExpectedVersionError || error instanceof StreamDeletedError;
      if (!lostRace) throw error;
      if (tried >= maxAttempts) throw new ConcurrencyRetriesExhaustedError(error.streamId, tried);
    }
  }
}
