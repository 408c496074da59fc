import { DomainError } from '@app/domain';
import { PreconditionFailedError } from '@app/platform';

/** Refusals that PRODUCT.md checks before If-Match: 400, 404 and 410. */
const BEFORE_IF_MATCH = new Set(['invalid', 'not-found', 'gone']);

/**
 * Decides in PRODUCT.md's order: the decider's 400/404/410 first, then If-Match (412), then the
 * decider's 409/422. The decider runs once; a 409/422 refusal is held until If-Match has passed.
 */
export function decideWithPrecondition<E>(
  decide: () => E[],
  expectedVersion: number | undefined,
  currentVersion: number,
): E[] {
  let events: E[] | undefined;
  let held: unknown;
  try {
    events = decide();
  } catch (error) {
    if (!(error instanceof DomainError) || BEFORE_IF_MATCH.has(error.category)) throw error;
    held = error;
  }
  if (expectedVersion !== undefined && expectedVersion !== currentVersion) {
    throw new PreconditionFailedError(expectedVersion, currentVersion);
  }
  if (events === undefined) throw held;
  return events;
}
