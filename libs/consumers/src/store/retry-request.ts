import { pause } from '@app/event-store';
import type { SqlExecutor } from '@app/event-store/sql';
import { activeGeneration } from './checkpoints';
import { requestRetry } from './set-aside';

/** What became of an operator's retry of set-aside sessions. */
export interface RetryReport {
  readonly consumer: string;
  /** The sessions asked for (all set aside when no session was named). */
  readonly requested: readonly string[];
  /** Applied in order, or dropped because the session was deleted meanwhile: no longer set aside. */
  readonly cleared: readonly string[];
  /** Tried and failed again: still set aside, with the new error. */
  readonly failed: ReadonlyArray<{ readonly sessionId: string; readonly error: string | null }>;
  /** Not tried yet within the wait (no process runs the consumer, or it is busy): tried later. */
  readonly pending: readonly string[];
}

/**
 * Asks the consumer, wherever it runs, to re-apply set-aside sessions (one, or all of them),
 * then waits up to `waitMs` for its answer, reading the set-aside records: a record gone is
 * cleared, one whose request was taken and that is still there failed again.
 */
export async function retrySetAside(
  db: SqlExecutor,
  consumer: string,
  sessionId?: string,
  options: { readonly waitMs?: number; readonly pollMs?: number } = {},
): Promise<RetryReport> {
  const requested = await requestRetry(db, consumer, sessionId);
  const deadline = Date.now() + (options.waitMs ?? 10_000);
  for (;;) {
    const generation = await activeGeneration(db, consumer);
    const rows =
      requested.length === 0 || generation === undefined
        ? []
        : await db.query<{ session_id: string; waiting: boolean; last_retry_error: string | null }>(
            `SELECT session_id, retry_requested_at IS NOT NULL AS waiting, last_retry_error
             FROM consumer_set_aside
             WHERE consumer = $1 AND generation = $2 AND session_id = ANY($3::text[])`,
            [consumer, generation, requested],
          );
    const left = new Map(rows.map((row) => [row.session_id, row]));
    const pending = requested.filter((id) => left.get(id)?.waiting === true);
    if (pending.length === 0 || Date.now() >= deadline) {
      return {
        consumer,
        requested,
        cleared: requested.filter((id) => !left.has(id)),
        failed: requested
          .filter((id) => left.get(id)?.waiting === false)
          .map((id) => ({ sessionId: id, error: left.get(id)?.last_retry_error ?? null })),
        pending,
      };
    }
    await pause(options.pollMs ?? 100);
  }
}
