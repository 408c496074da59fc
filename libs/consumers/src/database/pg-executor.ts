import { createPgPool, PgDatabase } from '@app/event-store/postgres';
import { assertSchemaName } from '@app/event-store/sql';
import type { SchemaDatabase } from './schema-database';

export interface PgExecutorOptions {
  readonly connectionString: string;
  readonly schema: string;
  readonly poolSize?: number;
  /** Shown in pg_stat_activity; tests use it to find a projector's connections. */
  readonly applicationName?: string;
}

/** A pooled executor whose every connection has the schema as its search_path. */
export function createPgExecutor(options: PgExecutorOptions): SchemaDatabase {
  const schema = assertSchemaName(options.schema);
  const pool = createPgPool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 5,
    application_name: options.applicationName ?? `read-models:${schema}`,
    options: `-c search_path=${schema}`,
    // Not logged here: the statement on that connection fails, and its caller reports it (a
    // query answers 503, the projector logs the failed batch and retries).
    onConnectionError: () => undefined,
  });
  const database = new PgDatabase(pool, true);
  return {
    kind: 'postgres',
    schema,
    query: (sql, params) => database.query(sql, params),
    transaction: (fn) => database.transaction(fn),
    close: () => database.close(),
  };
}
