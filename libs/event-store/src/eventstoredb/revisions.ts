import { ANY, NO_STREAM, type ExpectedRevision } from '@eventstore/db-client';
import type { ExpectedVersion } from '../port';

export function toExpectedRevision(expected: ExpectedVersion): ExpectedRevision {
  if (expected === 'no-stream') return NO_STREAM;
  if (expected === 'any') return ANY;
  if (!Number.isSafeInteger(expected) || expected < 0) {
    throw new RangeError(
      `Expected version must be a non-negative integer, 'no-stream' or 'any': ${expected}`,
    );
  }
  return BigInt(expected);
}

/** A stream revision as our version; refuses rather than round a revision beyond 2^53. */
export function revisionToVersion(revision: bigint): number {
  if (revision < 0n || revision > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`Stream revision ${revision} does not fit a version`);
  }
  return Number(revision);
}
