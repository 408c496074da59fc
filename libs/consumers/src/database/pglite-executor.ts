import { PgliteDatabase } from '@app/event-store/embedded';
import { assertSchemaName, type SqlExecutor } from '@app/event-store/sql';
import type { SchemaDatabase } from './schema-database';

export interface PgliteExecutorOptions {
  readonly schema: string;
  /** Shared with the embedded event store of this process (one PGlite per data folder). */
  readonly database?: PgliteDatabase;
  /** Used only when no database is given; absent: in memory. */
  readonly dataDir?: string;
}

/**
 * PGlite is one connection shared by everything in the process, so the schema cannot be a
 * connection setting: each unit of work runs in a transaction that starts with SET LOCAL
 * search_path, which ends with it. The database's mutex keeps units of work apart.
 */
export async function createPgliteExecutor(
  options: PgliteExecutorOptions,
): Promise<SchemaDatabase> {
  const schema = assertSchemaName(options.schema);
  const database = options.database ?? (await PgliteDatabase.open(options.dataDir));
  const owned = options.database === undefined;
  await database.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  const inSchema = <T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> =>
    database.transaction(async (tx) => {
      await tx.query(`SET LOCAL search_path TO ${schema}`);
      return fn(tx);
    });
  return {
    kind: 'embedded',
    schema,
    query: (sql, params) => inSchema((tx) => tx.query(sql, params)),
    transaction: inSchema,
    async close(): Promise<void> {
      if (owned) await database.close();
    },
  };
}
