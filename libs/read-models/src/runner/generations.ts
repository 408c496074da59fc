import type { SqlExecutor } from '@app/event-store/sql';
import {
  allocateGeneration,
  ensureConsumer,
  forgetGeneration,
  type SchemaDatabase,
} from '@app/consumers';
import { generationTableNames, type ProjectionDefinition } from './projection-definition';

/**
 * A projection's tables per generation. Which generation is active, and each one's checkpoint
 * and set-aside sessions, are the consumer core's (consumer_state, consumer_checkpoints,
 * consumer_set_aside); these functions keep the tables in step with them, in one transaction.
 */
async function createGenerationTables(
  tx: SqlExecutor,
  definition: ProjectionDefinition,
  generation: number,
): Promise<void> {
  const names = generationTableNames(generation);
  for (const base of definition.tables) await tx.query(`DROP TABLE IF EXISTS ${names(base)}`);
  for (const statement of definition.createTables(names)) await tx.query(statement);
}

/** Creates generation 1 of a projection the first time it is seen; safe to race. */
export async function ensureProjection(
  executor: SchemaDatabase,
  definition: ProjectionDefinition,
): Promise<void> {
  await executor.transaction(async (tx) => {
    if (await ensureConsumer(tx, definition.name)) {
      await createGenerationTables(tx, definition, 1);
    }
  });
}

/** Allocates and creates the next generation's empty tables (not yet active). */
export async function createNextGeneration(
  executor: SchemaDatabase,
  definition: ProjectionDefinition,
): Promise<number> {
  return executor.transaction(async (tx) => {
    const generation = await allocateGeneration(tx, definition.name);
    await createGenerationTables(tx, definition, generation);
    return generation;
  });
}

export async function dropGeneration(
  executor: SchemaDatabase,
  definition: ProjectionDefinition,
  generation: number,
): Promise<void> {
  const names = generationTableNames(generation);
  await executor.transaction(async (tx) => {
    for (const base of definition.tables) await tx.query(`DROP TABLE IF EXISTS ${names(base)}`);
    await forgetGeneration(tx, definition.name, generation);
  });
}
