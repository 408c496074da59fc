import { advisoryKey } from './advisory-key';
import type { SqlExecutor } from './sql-executor';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly statements: readonly string[];
}

/**
 * Applies the migrations of one ledger (a table of applied versions in the executor's schema)
 * not yet applied, in order, in one transaction under an advisory lock per schema and ledger,
 * so replicas starting together migrate once. Answers the versions it applied.
 */
export async function applyMigrations(
  executor: SqlExecutor,
  ledger: string,
  migrations: readonly Migration[],
): Promise<number[]> {
  const schema = executor.schema;
  return executor.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [
      advisoryKey(`migrations:${schema}:${ledger}`),
    ]);
    await tx.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS ${schema}.${ledger} (
         version integer PRIMARY KEY,
         name text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const rows = await tx.query<{ version: number }>(`SELECT version FROM ${schema}.${ledger}`);
    const applied = new Set(rows.map((row) => Number(row.version)));
    const done: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(migration.version)) continue;
      await tx.query(`SET LOCAL search_path TO ${schema}`);
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query(`INSERT INTO ${schema}.${ledger} (version, name) VALUES ($1, $2)`, [
        migration.version,
        migration.name,
      ]);
      done.push(migration.version);
    }
    return done;
  });
}
