import { hasReached, pause, type Position } from '@app/event-store';
import type { SqlExecutor } from '@app/event-store/sql';
import { readActiveCheckpoint } from '@app/consumers';
import { ReadModelNotFreshError } from '@app/application/ports';

/** The position every named projection has applied (the least of them), if all have one. */
export async function appliedPosition(
  db: SqlExecutor,
  projections: readonly string[],
): Promise<Position | undefined> {
  let least: Position | undefined;
  for (const name of projections) {
    const checkpoint = await readActiveCheckpoint(db, name);
    if (checkpoint?.position === undefined) return undefined;
    if (least === undefined || !hasReached(checkpoint.position, least)) {
      least = checkpoint.position;
    }
  }
  return least;
}

/**
 * Read-your-writes for queries (`minPosition`): waits until every named projection's active
 * generation has applied `position`, reading the stored checkpoints, so it works from any
 * process sharing the database. Polls with a short, growing interval; throws
 * ReadModelNotFreshError after `timeoutMs` (the API answers 503 with Retry-After).
 */
export async function waitForPosition(
  db: SqlExecutor,
  projections: string | readonly string[],
  position: Position,
  timeoutMs: number,
): Promise<Position> {
  const names = typeof projections === 'string' ? [projections] : projections;
  const deadline = Date.now() + timeoutMs;
  let interval = 10;
  for (;;) {
    const applied = await appliedPosition(db, names);
    if (applied !== undefined && hasReached(applied, position)) return applied;
    const left = deadline - Date.now();
    if (left <= 0) throw new ReadModelNotFreshError(names, position, timeoutMs, applied);
    await pause(Math.min(interval, left));
    interval = Math.min(interval * 2, 200);
  }
}
