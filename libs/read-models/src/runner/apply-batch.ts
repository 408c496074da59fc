import type { RecordedEvent } from '@app/event-store';
import { toSessionFact } from '../events';
import type { SqlExecutor, SqlQueryable } from '../store';
import { activeGeneration, readCheckpoint } from './generations';
import {
  generationTableNames,
  type ProjectedEvent,
  type ProjectionDefinition,
} from './projection-definition';

/** Which sessions among these have a deletion record, read inside the batch transaction. */
export type DeletedSessionsLookup = (
  tx: SqlQueryable,
  sessionIds: readonly string[],
) => Promise<ReadonlySet<string>>;

export interface ApplyBatchInput {
  readonly definition: ProjectionDefinition;
  /** 'active': whichever generation queries read (the live runner); a number: a rebuild's. */
  readonly generation: 'active' | number;
  /** The checkpoint the caller believes is stored; anything else means someone else moved it. */
  readonly expectedPosition: string | undefined;
  readonly events: readonly RecordedEvent[];
  readonly deletedSessions?: DeletedSessionsLookup;
}

export type ApplyBatchResult =
  | { readonly applied: true; readonly position: string; readonly skippedDeleted: number }
  | {
      /** The stored checkpoint differs (another runner, a swapped generation): resume from it. */
      readonly applied: false;
      readonly storedPosition: string | undefined;
    };

function projectedEvents(
  all: readonly ProjectedEvent[],
  deleted: ReadonlySet<string>,
): { kept: ProjectedEvent[]; skipped: number } {
  const kept: ProjectedEvent[] = [];
  let skipped = 0;
  for (const { event, fact } of all) {
    if (fact.kind === 'ignored') continue;
    // SessionDeleted itself still flows: it is what removes the rows.
    if (fact.kind !== 'deleted' && deleted.has(fact.sessionId)) {
      skipped += 1;
      continue;
    }
    kept.push({ event, fact });
  }
  return { kept, skipped };
}

/**
 * One batch, one transaction: rows and checkpoint commit together or not at all, so a crash at
 * any point neither loses nor doubles an effect. The checkpoint row is locked and compared first,
 * which also fences off a runner that lost its lease without knowing yet.
 */
export function applyBatch(
  executor: SqlExecutor,
  input: ApplyBatchInput,
): Promise<ApplyBatchResult> {
  return executor.transaction((tx) => applyBatchIn(tx, input));
}

/** applyBatch inside a transaction the caller owns. */
export async function applyBatchIn(
  tx: SqlQueryable,
  input: ApplyBatchInput,
): Promise<ApplyBatchResult> {
  const { definition, events } = input;
  const last = events[events.length - 1];
  if (last === undefined) throw new Error('applyBatch needs at least one event');
  const generation =
    input.generation === 'active'
      ? await activeGeneration(tx, definition.name, 'FOR SHARE')
      : input.generation;
  if (generation === undefined) throw new Error(`Projection ${definition.name} has no state`);
  const checkpoint = await readCheckpoint(tx, definition.name, generation, 'FOR UPDATE');
  if (checkpoint === undefined) {
    throw new Error(`Projection ${definition.name} has no generation ${generation}`);
  }
  if (checkpoint.position !== input.expectedPosition) {
    return { applied: false, storedPosition: checkpoint.position };
  }
  const all = events.map((event) => ({ event, fact: toSessionFact(event) }));
  const sessionIds = new Set<string>();
  if (definition.skipsDeletedSessions && input.deletedSessions) {
    for (const { fact } of all) if (fact.kind !== 'ignored') sessionIds.add(fact.sessionId);
  }
  const deleted =
    sessionIds.size > 0 && input.deletedSessions
      ? await input.deletedSessions(tx, [...sessionIds])
      : new Set<string>();
  const { kept, skipped } = projectedEvents(all, deleted);
  if (kept.length > 0) await definition.apply(tx, kept, generationTableNames(generation));
  await tx.query(
    `UPDATE projection_checkpoints
     SET position = $3::numeric, last_recorded_at = $4::timestamptz,
         events_applied = events_applied + $5, updated_at = now()
     WHERE projection = $1 AND generation = $2`,
    [definition.name, generation, last.position, last.recordedAt, events.length],
  );
  return { applied: true, position: last.position, skippedDeleted: skipped };
}
