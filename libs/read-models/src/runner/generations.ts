import type { SqlExecutor, SqlQueryable } from '../store';
import { generationTableNames, type ProjectionDefinition } from './projection-definition';

export interface GenerationCheckpoint {
  readonly generation: number;
  /** Undefined before the first event. */
  readonly position: string | undefined;
  readonly lastRecordedAt: string | undefined;
  readonly eventsApplied: number;
}

interface CheckpointRow {
  generation: number;
  position: string | null;
  last_recorded_at: string | null;
  events_applied: string | number;
}

const CHECKPOINT_COLUMNS = `generation, position::text AS position,
  to_char(last_recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS last_recorded_at,
  events_applied`;

const toCheckpoint = (row: CheckpointRow): GenerationCheckpoint => ({
  generation: Number(row.generation),
  position: row.position ?? undefined,
  lastRecordedAt: row.last_recorded_at ?? undefined,
  eventsApplied: Number(row.events_applied),
});

async function createGenerationTables(
  tx: SqlQueryable,
  definition: ProjectionDefinition,
  generation: number,
): Promise<void> {
  const names = generationTableNames(generation);
  for (const base of definition.tables) await tx.query(`DROP TABLE IF EXISTS ${names(base)}`);
  for (const statement of definition.createTables(names)) await tx.query(statement);
  await tx.query(
    `INSERT INTO projection_checkpoints (projection, generation, position) VALUES ($1, $2, NULL)
     ON CONFLICT (projection, generation) DO UPDATE SET position = NULL, last_recorded_at = NULL,
       events_applied = 0, updated_at = now()`,
    [definition.name, generation],
  );
}

/** Creates generation 1 of a projection the first time it is seen; safe to race. */
export async function ensureProjection(
  executor: SqlExecutor,
  definition: ProjectionDefinition,
): Promise<void> {
  await executor.transaction(async (tx) => {
    const inserted = await tx.query(
      `INSERT INTO projection_state (projection, active_generation, last_generation)
       VALUES ($1, 1, 1) ON CONFLICT (projection) DO NOTHING RETURNING projection`,
      [definition.name],
    );
    if (inserted.length > 0) await createGenerationTables(tx, definition, 1);
  });
}

/** Allocates and creates the next generation's empty tables (not yet active). */
export async function createNextGeneration(
  executor: SqlExecutor,
  definition: ProjectionDefinition,
): Promise<number> {
  return executor.transaction(async (tx) => {
    const rows = await tx.query<{ last_generation: number }>(
      `UPDATE projection_state SET last_generation = last_generation + 1
       WHERE projection = $1 RETURNING last_generation`,
      [definition.name],
    );
    const generation = Number(rows[0]?.last_generation);
    if (!Number.isInteger(generation)) throw new Error(`Unknown projection ${definition.name}`);
    await createGenerationTables(tx, definition, generation);
    return generation;
  });
}

export async function dropGeneration(
  executor: SqlExecutor,
  definition: ProjectionDefinition,
  generation: number,
): Promise<void> {
  const names = generationTableNames(generation);
  await executor.transaction(async (tx) => {
    for (const base of definition.tables) await tx.query(`DROP TABLE IF EXISTS ${names(base)}`);
    await tx.query('DELETE FROM projection_checkpoints WHERE projection = $1 AND generation = $2', [
      definition.name,
      generation,
    ]);
  });
}

/** The active generation, or undefined when the projection was never started. */
export async function activeGeneration(
  db: SqlQueryable,
  projection: string,
  lock: '' | 'FOR SHARE' | 'FOR UPDATE' = '',
): Promise<number | undefined> {
  const rows = await db.query<{ active_generation: number }>(
    `SELECT active_generation FROM projection_state WHERE projection = $1 ${lock}`,
    [projection],
  );
  return rows[0] === undefined ? undefined : Number(rows[0].active_generation);
}

export async function readCheckpoint(
  db: SqlQueryable,
  projection: string,
  generation: number,
  lock: '' | 'FOR UPDATE' = '',
): Promise<GenerationCheckpoint | undefined> {
  const rows = await db.query<CheckpointRow>(
    `SELECT ${CHECKPOINT_COLUMNS} FROM projection_checkpoints
     WHERE projection = $1 AND generation = $2 ${lock}`,
    [projection, generation],
  );
  return rows[0] === undefined ? undefined : toCheckpoint(rows[0]);
}

/** The checkpoint of the active generation: what queries are as fresh as. */
export async function readActiveCheckpoint(
  db: SqlQueryable,
  projection: string,
): Promise<GenerationCheckpoint | undefined> {
  const rows = await db.query<CheckpointRow>(
    `SELECT ${CHECKPOINT_COLUMNS}
     FROM projection_state s
     JOIN projection_checkpoints c
       ON c.projection = s.projection AND c.generation = s.active_generation
     WHERE s.projection = $1`,
    [projection],
  );
  return rows[0] === undefined ? undefined : toCheckpoint(rows[0]);
}
