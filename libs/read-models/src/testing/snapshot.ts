import type { SqlExecutor } from '@app/event-store/sql';
import { readActiveCheckpoint } from '@app/consumers';
import { generationTableNames, type ProjectionDefinition } from '../runner';

/** Every row of every table of one generation, in key order, as comparable JSON. */
export async function snapshotGeneration(
  db: SqlExecutor,
  definition: ProjectionDefinition,
  generation: number,
): Promise<Record<string, unknown[]>> {
  const names = generationTableNames(generation);
  const result: Record<string, unknown[]> = {};
  for (const base of definition.tables) {
    const rows = await db.query(`SELECT * FROM ${names(base)} ORDER BY session_id`);
    result[base] = JSON.parse(JSON.stringify(rows)) as unknown[];
  }
  return result;
}

/** The rows queries currently read, per projection. */
export async function snapshotActive(
  db: SqlExecutor,
  definitions: readonly ProjectionDefinition[],
): Promise<Record<string, Record<string, unknown[]>>> {
  const result: Record<string, Record<string, unknown[]>> = {};
  for (const definition of definitions) {
    const checkpoint = await readActiveCheckpoint(db, definition.name);
    if (checkpoint === undefined) throw new Error(`${definition.name} has no active generation`);
    result[definition.name] = await snapshotGeneration(db, definition, checkpoint.generation);
  }
  return result;
}
