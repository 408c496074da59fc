import type { Position } from '@app/event-store';
import type { SqlExecutor } from '@app/event-store/sql';

/** Where a consumer is in the log, for one of its generations. */
export interface ConsumerCheckpoint {
  readonly generation: number;
  /** Undefined before the first event. */
  readonly position: Position | undefined;
  /** recordedAt of the event at `position`: lag in seconds is measured from it. */
  readonly lastRecordedAt: string | undefined;
  readonly eventsHandled: number;
}

interface CheckpointRow {
  generation: number;
  position: string | null;
  last_recorded_at: string | null;
  events_handled: string | number;
}

const COLUMNS = `c.generation, c.position::text AS position,
  to_char(c.last_recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS last_recorded_at,
  c.events_handled`;

const toCheckpoint = (row: CheckpointRow): ConsumerCheckpoint => ({
  generation: Number(row.generation),
  position: row.position ?? undefined,
  lastRecordedAt: row.last_recorded_at ?? undefined,
  eventsHandled: Number(row.events_handled),
});

export type RowLock = '' | 'FOR SHARE' | 'FOR UPDATE';

/** Registers a consumer at generation 1, empty, the first time it is seen; answers whether it did. */
export async function ensureConsumer(tx: SqlExecutor, consumer: string): Promise<boolean> {
  const inserted = await tx.query(
    `INSERT INTO consumer_state (consumer, active_generation, last_generation)
     VALUES ($1, 1, 1) ON CONFLICT (consumer) DO NOTHING RETURNING consumer`,
    [consumer],
  );
  if (inserted.length === 0) return false;
  await resetGeneration(tx, consumer, 1);
  return true;
}

/** An empty checkpoint and no set-aside session for this generation. */
async function resetGeneration(
  tx: SqlExecutor,
  consumer: string,
  generation: number,
): Promise<void> {
  await tx.query(
    `INSERT INTO consumer_checkpoints (consumer, generation, position) VALUES ($1, $2, NULL)
     ON CONFLICT (consumer, generation) DO UPDATE SET position = NULL, last_recorded_at = NULL,
       events_handled = 0, updated_at = now()`,
    [consumer, generation],
  );
  await tx.query('DELETE FROM consumer_set_aside WHERE consumer = $1 AND generation = $2', [
    consumer,
    generation,
  ]);
}

/** Allocates the next generation (not yet active), with an empty checkpoint and set-aside list. */
export async function allocateGeneration(tx: SqlExecutor, consumer: string): Promise<number> {
  const rows = await tx.query<{ last_generation: number }>(
    `UPDATE consumer_state SET last_generation = last_generation + 1
     WHERE consumer = $1 RETURNING last_generation`,
    [consumer],
  );
  const generation = Number(rows[0]?.last_generation);
  if (!Number.isInteger(generation)) throw new Error(`Unknown consumer ${consumer}`);
  await resetGeneration(tx, consumer, generation);
  return generation;
}

/** Makes `generation` the one the live consumer follows and queries read. */
export async function activateGeneration(
  tx: SqlExecutor,
  consumer: string,
  generation: number,
): Promise<void> {
  await tx.query('UPDATE consumer_state SET active_generation = $2 WHERE consumer = $1', [
    consumer,
    generation,
  ]);
}

/** Forgets a generation's checkpoint and set-aside sessions (its owner drops its own tables). */
export async function forgetGeneration(
  tx: SqlExecutor,
  consumer: string,
  generation: number,
): Promise<void> {
  for (const table of ['consumer_checkpoints', 'consumer_set_aside']) {
    await tx.query(`DELETE FROM ${table} WHERE consumer = $1 AND generation = $2`, [
      consumer,
      generation,
    ]);
  }
}

/** The active generation, or undefined for a consumer never registered. */
export async function activeGeneration(
  db: SqlExecutor,
  consumer: string,
  lock: RowLock = '',
): Promise<number | undefined> {
  const rows = await db.query<{ active_generation: number }>(
    `SELECT active_generation FROM consumer_state WHERE consumer = $1 ${lock}`,
    [consumer],
  );
  return rows[0] === undefined ? undefined : Number(rows[0].active_generation);
}

export async function readCheckpoint(
  db: SqlExecutor,
  consumer: string,
  generation: number,
  lock: '' | 'FOR UPDATE' = '',
): Promise<ConsumerCheckpoint | undefined> {
  const rows = await db.query<CheckpointRow>(
    `SELECT ${COLUMNS} FROM consumer_checkpoints c
     WHERE c.consumer = $1 AND c.generation = $2 ${lock}`,
    [consumer, generation],
  );
  return rows[0] === undefined ? undefined : toCheckpoint(rows[0]);
}

/** The checkpoint of the active generation: what queries are as fresh as. */
export async function readActiveCheckpoint(
  db: SqlExecutor,
  consumer: string,
): Promise<ConsumerCheckpoint | undefined> {
  const rows = await db.query<CheckpointRow>(
    `SELECT ${COLUMNS}
     FROM consumer_state s
     JOIN consumer_checkpoints c ON c.consumer = s.consumer AND c.generation = s.active_generation
     WHERE s.consumer = $1`,
    [consumer],
  );
  return rows[0] === undefined ? undefined : toCheckpoint(rows[0]);
}

/** Moves the checkpoint to the last event handled; the caller holds it FOR UPDATE. */
export async function advanceCheckpoint(
  tx: SqlExecutor,
  consumer: string,
  generation: number,
  last: { readonly position: Position; readonly recordedAt: string },
  events: number,
): Promise<void> {
  await tx.query(
    `UPDATE consumer_checkpoints
     SET position = $3::numeric, last_recorded_at = $4::timestamptz,
         events_handled = events_handled + $5, updated_at = now()
     WHERE consumer = $1 AND generation = $2`,
    [consumer, generation, last.position, last.recordedAt, events],
  );
}
