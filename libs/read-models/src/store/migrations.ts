import { advisoryKey } from './advisory-key';
import type { SqlExecutor } from './sql-executor';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly statements: readonly string[];
}

/**
 * The read side's own tables. A projection's rows live in generation tables its definition
 * creates (see runner/generations.ts); changing their shape is a new generation, i.e. a rebuild.
 */
export const READ_MODEL_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'projection state and checkpoints',
    statements: [
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
];

/**
 * Applies the migrations not yet applied, in order, in one transaction under an advisory lock
 * taken per schema, so replicas starting together migrate once.
 */
export async function migrateReadModels(
  executor: SqlExecutor,
  migrations: readonly Migration[] = READ_MODEL_MIGRATIONS,
): Promise<number[]> {
  const schema = executor.schema;
  return executor.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [
      advisoryKey(`read-models:migrations:${schema}`),
    ]);
    await tx.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS ${schema}.read_model_migrations (
         version integer PRIMARY KEY,
         name text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const rows = await tx.query<{ version: number }>(
      `SELECT version FROM ${schema}.read_model_migrations`,
    );
    const applied = new Set(rows.map((row) => Number(row.version)));
    const done: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(migration.version)) continue;
      await tx.query(`SET LOCAL search_path TO ${schema}`);
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query(
        `INSERT INTO ${schema}.read_model_migrations (version, name) VALUES ($1, $2)`,
        [migration.version, migration.name],
      );
      done.push(migration.version);
    }
    return done;
  });
}
