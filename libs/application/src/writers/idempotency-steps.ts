import type { JsonValue } from '@app/event-store';
import type { SqlExecutor } from '@app/event-store/sql';
import { type Clock, IdempotencyKeyInFlightError } from '@app/platform';
import type { IdempotencyStore } from '../idempotency';
import type { WritePlan } from '../ports';

/** Whether a plan writes idempotency rows: then its steps need one transaction. */
export function writesRecords(plan: WritePlan<JsonValue>): boolean {
  return plan.purgeRecords !== undefined || plan.record !== undefined;
}

/**
 * The plan's idempotency rows, on the executor of its transaction: the deleted session's records
 * purged, then the request's own record completed with the result. A lease taken over by a retry
 * fails the transaction, so exactly one of the two requests has an effect.
 */
export async function writeIdempotencySteps(
  records: IdempotencyStore,
  clock: Clock,
  sql: SqlExecutor,
  plan: WritePlan<JsonValue>,
  result: JsonValue,
): Promise<void> {
  const purge = plan.purgeRecords;
  if (purge !== undefined) await records.purgeSession(sql, purge.sessionId, purge.keep);
  const record = plan.record;
  if (record === undefined) return;
  const outcome = { kind: 'result', result } as const;
  const done = await records.complete(sql, record.claim, outcome, record.sessionId, clock.now());
  if (!done) throw new IdempotencyKeyInFlightError();
}
