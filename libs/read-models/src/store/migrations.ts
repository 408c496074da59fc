import { migrateConsumerStore, type SchemaDatabase } from '@app/consumers';
import { applyMigrations, type Migration } from '@app/event-store/sql';

/**
 * The read side's own tables. A projection's rows live in generation tables its definition
 * creates (see runner/generations.ts); changing their shape is a new generation, i.e. a rebuild.
 * Which generation is active and each generation's checkpoint belong to the consumer core's
 * tables, in the same schema, so a batch's rows and its checkpoint commit together.
 */
export const READ_MODEL_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'projection state and checkpoints',
    statements: () => [
      `CREATE TABLE projection_state (
         projection text PRIMARY KEY,
         active_generation integer NOT NULL,
         last_generation integer NOT NULL
       )`,
      `CREATE TABLE projection_checkpoints (
         projection text NOT NULL,
         generation integer NOT NULL,
         position numeric(40, 0),
         last_recorded_at timestamptz,
         events_applied bigint NOT NULL DEFAULT 0,
         updated_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (projection, generation)
       )`,
    ],
  },
  {
    // An upgraded deployment resumes where it was: same generations, same checkpoints.
    version: 2,
    name: 'projection state and checkpoints moved to the consumer core',
    statements: () => [
      `INSERT INTO consumer_state (consumer, active_generation, last_generation)
       SELECT projection, active_generation, last_generation FROM projection_state
       ON CONFLICT (consumer) DO NOTHING`,
      `INSERT INTO consumer_checkpoints
         (consumer, generation, position, last_recorded_at, events_handled, updated_at)
       SELECT projection, generation, position, last_recorded_at, events_applied, updated_at
       FROM projection_checkpoints
       ON CONFLICT (consumer, generation) DO NOTHING`,
      'DROP TABLE projection_checkpoints',
      'DROP TABLE projection_state',
    ],
  },
];

export const READ_MODEL_MIGRATIONS_LEDGER = 'read_model_migrations';

/**
 * The consumer core's tables first (the read models' migrations move data into them), then the
 * read models' own, each under an advisory lock per schema, so replicas starting together
 * migrate once. Answers the read-model versions applied.
 */
export async function migrateReadModels(
  executor: SchemaDatabase,
  migrations: readonly Migration[] = READ_MODEL_MIGRATIONS,
): Promise<number[]> {
  await migrateConsumerStore(executor);
  return applyMigrations(
    executor,
    { schema: executor.schema, table: READ_MODEL_MIGRATIONS_LEDGER },
    migrations,
  );
}
