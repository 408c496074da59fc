import { DomainError } from '@app/domain';
import { PreconditionFailedError } from '@app/platform';

/** Refusals that docs/product.md checks before If-Match: 400, 404 and 410. */
const BEFORE_IF_MATCH = new Set(['invalid', 'not-found', 'gone']);

/**
 * Decides in docs/product.md's order: the decider's 400/404/410 first, then If-Match (412), then
 * the decider's 409/422. The decider runs once; a 409/422 refusal is held until If-Match has passed.
 */
export function decideWithPrecondition<T>(
  decide: () => T,
  expectedVersion: number | undefined,
  currentVersion: number,
): T {
  let decided: T | undefined;
  let held: unknown;
  try {
    decided = decide();
  } catch (error) {
    if (!(error instanceof DomainError) || BEFORE_IF_MATCH.has(error.category)) throw error;
    held = error;
  }
  if (expectedVersion !== undefined && expectedVersion !== currentVersion) {
    throw new PreconditionFailedError(expectedVersion, currentVersion);
  }
  if (decided === undefined) throw held;
  return decided;
}
