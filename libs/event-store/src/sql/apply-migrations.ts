import { advisoryKey } from './advisory-key';
import { quoteIdentifier } from './identifiers';
import type { SqlDatabase } from './sql-executor';

/** One change to a schema's tables, never edited once released: a new need is a new one. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /**
   * Statements to run in order, with the schema as search_path. `s` is the schema's quoted
   * name, for SQL that must name it (a function body resolves its tables when it runs).
   */
  statements(s: string): readonly string[];
}

/** Where a schema records which migrations of one set it has: a table in that schema. */
export interface MigrationLedger {
  readonly schema: string;
  readonly table: string;
  /** The event store's ledger is older than this runner and calls its version column `id`. */
  readonly versionColumn?: 'version' | 'id';
}

/**
 * The one way every library creates and upgrades its tables (event store, consumer store, read
 * models, idempotency records): the migrations of one ledger not yet applied, in order, in one
 * transaction under an advisory lock per schema and ledger, so replicas starting together
 * migrate once (the second waits, then finds them recorded). Running it again is a no-op.
 * Answers the versions it applied.
 */
export function applyMigrations(
  db: SqlDatabase,
  ledger: MigrationLedger,
  migrations: readonly Migration[],
): Promise<number[]> {
  const s = quoteIdentifier(ledger.schema);
  const table = `${s}.${quoteIdentifier(ledger.table)}`;
  const version = ledger.versionColumn ?? 'version';
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [
      advisoryKey(`migrations:${ledger.schema}:${ledger.table}`),
    ]);
    await tx.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS ${table} (
         ${version} integer PRIMARY KEY,
         name text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const rows = await tx.query<{ version: number }>(`SELECT ${version} AS version FROM ${table}`);
    const applied = new Set(rows.map((row) => Number(row.version)));
    const done: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(migration.version)) continue;
      await tx.query(`SET LOCAL search_path TO ${s}`);
      for (const statement of migration.statements(s)) await tx.query(statement);
      await tx.query(`INSERT INTO ${table} (${version}, name) VALUES ($1, $2)`, [
        migration.version,
        migration.name,
      ]);
      done.push(migration.version);
    }
    return done;
  });
}
