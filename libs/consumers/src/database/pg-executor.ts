import { PgDatabase } from '@app/event-store';
import { Pool } from 'pg';
import { assertIdentifier } from './schema-name';
import { queryableOf, type SqlExecutor } from './sql-executor';

export interface PgExecutorOptions {
  readonly connectionString: string;
  readonly schema: string;
  readonly poolSize?: number;
  /** Shown in pg_stat_activity; tests use it to find a projector's connections. */
  readonly applicationName?: string;
}

/** A pooled executor whose every connection has the schema as its search_path. */
export function createPgExecutor(options: PgExecutorOptions): SqlExecutor {
  const schema = assertIdentifier(options.schema);
  const pool = new Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 5,
    application_name: options.applicationName ?? `read-models:${schema}`,
    options: `-c search_path=${schema}`,
  });
  // An idle client's error (the server went away) must not crash the process; the next query fails.
  pool.on('error', () => undefined);
  const database = new PgDatabase(pool, true);
  return {
    kind: 'postgres',
    schema,
    ...queryableOf(database),
    transaction: (fn) => database.transaction((tx) => fn(queryableOf(tx))),
    close: () => database.close(),
  };
}
