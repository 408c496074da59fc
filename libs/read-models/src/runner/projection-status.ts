import { comparePositions, type EventStore, type Position } from '@app/event-store';
import type { SqlQueryable } from '../store';
import { readActiveCheckpoint } from './generations';
import type { RunnerSnapshot, RunnerState } from './projection-runner';

/** Counting stops here: lag beyond it is reported as "at least" (lagEventsExact false). */
export const LAG_COUNT_LIMIT = 10_000;

export interface ProjectionStatus {
  readonly name: string;
  readonly state: RunnerState;
  /** Last applied global position of the generation queries read. */
  readonly position: Position | undefined;
  readonly generation: number | undefined;
  /** Events after the checkpoint: exact up to the count limit, else that limit. */
  readonly lagEvents: number;
  readonly lagEventsExact: boolean;
  /**
   * Head event's recordedAt minus the last applied event's recordedAt; 0 when caught up. Past
   * the count limit the head event is not read: now minus the last applied event's recordedAt
   * (an upper bound).
   */
  readonly lagSeconds: number;
  readonly lastError: string | undefined;
}

/** A projection's freshness, read from the database and the event store (for operators). */
export async function projectionStatus(
  db: SqlQueryable,
  eventStore: EventStore,
  runner: RunnerSnapshot,
  now: () => Date = () => new Date(),
  countLimit = LAG_COUNT_LIMIT,
): Promise<ProjectionStatus> {
  const checkpoint = await readActiveCheckpoint(db, runner.name);
  const head = await eventStore.headPosition();
  const position = checkpoint?.position;
  const base = {
    name: runner.name,
    state: runner.state,
    position,
    generation: checkpoint?.generation,
    lastError: runner.lastError,
  };
  if (head === undefined || (position !== undefined && comparePositions(position, head) >= 0)) {
    return { ...base, lagEvents: 0, lagEventsExact: true, lagSeconds: 0 };
  }
  const pending = await eventStore.readAll({ after: position, maxCount: countLimit + 1 });
  const exact = pending.length <= countLimit;
  const lastApplied = checkpoint?.lastRecordedAt;
  const newest = exact ? pending[pending.length - 1]?.recordedAt : now().toISOString();
  const seconds =
    newest === undefined
      ? 0
      : lastApplied === undefined
        ? (Date.parse(newest) - Date.parse(pending[0]?.recordedAt ?? newest)) / 1000
        : (Date.parse(newest) - Date.parse(lastApplied)) / 1000;
  return {
    ...base,
    lagEvents: Math.min(pending.length, countLimit),
    lagEventsExact: exact,
    lagSeconds: Math.max(0, seconds),
  };
}
