import { quoteIdentifier } from './identifiers';
import { MIGRATIONS, type Migration } from './migrations';
import type { SqlDatabase } from './sql-executor';

/** First key of the two-key advisory lock; the second is the schema name's hash. */
const MIGRATION_LOCK_NAMESPACE = 0x45_53_4d; // 'ESM'

/**
 * Brings `schema` up to the latest migration. Each migration runs in its own transaction holding
 * a transaction-scoped advisory lock on the schema, so two processes starting at once apply each
 * migration exactly once (the second waits, then sees it recorded). Running it again is a no-op.
 */
export async function migrateEventStore(
  db: SqlDatabase,
  schema: string,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  const s = quoteIdentifier(schema);
  const applied: number[] = [];
  for (const migration of migrations) {
    const ran = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1::integer, hashtext($2))', [
        MIGRATION_LOCK_NAMESPACE,
        schema,
      ]);
      await tx.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
      await tx.query(
        `CREATE TABLE IF NOT EXISTS ${s}.schema_migrations (
          id integer PRIMARY KEY,
          name text NOT NULL,
          applied_at timestamptz NOT NULL DEFAULT now()
        )`,
      );
      const done = await tx.query('SELECT 1 FROM ' + s + '.schema_migrations WHERE id = $1', [
        migration.id,
      ]);
      if (done.length > 0) return false;
      for (const statement of migration.statements(s)) await tx.query(statement);
      await tx.query(`INSERT INTO ${s}.schema_migrations (id, name) VALUES ($1, $2)`, [
        migration.id,
        migration.name,
      ]);
      return true;
    });
    if (ran) applied.push(migration.id);
  }
  return applied;
}
