import type { Pool, PoolClient, QueryConfig } from 'pg';
import type { SqlDatabase, SqlExecutor, SqlRow } from '../sql';
import { isConnectionFailure, translateDriverError } from '../sql';

/**
 * Statements with parameters run as named prepared statements: `pg` prepares each name once per
 * connection, so the server parses and plans the store's few statements once, not per call.
 */
const statementNames = new Map<string, string>();

function config(text: string, params?: readonly unknown[]): QueryConfig {
  if (params === undefined) return { text };
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `event_store_${statementNames.size + 1}`;
    statementNames.set(text, name);
  }
  return { name, text, values: params as unknown[] };
}

function executorFor(client: PoolClient): SqlExecutor {
  return {
    async query<R extends object>(text: string, params?: readonly unknown[]): Promise<R[]> {
      const result = await client.query<SqlRow>(config(text, params));
      return result.rows as R[];
    },
  };
}

/**
 * SqlDatabase over a `pg` Pool (made by createPgPool, so that every connection has its error
 * listener): statements on any pooled connection, transactions on one.
 */
export class PgDatabase implements SqlDatabase {
  constructor(
    readonly pool: Pool,
    private readonly ownsPool: boolean,
  ) {}

  async query<R extends object>(text: string, params?: readonly unknown[]): Promise<R[]> {
    try {
      const result = await this.pool.query<SqlRow>(config(text, params));
      return result.rows as R[];
    } catch (error) {
      throw translateDriverError(error, 'query');
    }
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw translateDriverError(error, 'connect');
    }
    // A connection that failed is destroyed rather than returned to the pool. Its 'error' events
    // are handled for its whole life by the listener createPgPool gives every connection: an
    // error while the caller is busy elsewhere (the idle-in-transaction timeout, a restart) makes
    // the next statement fail with it.
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await fn(executorFor(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      if (isConnectionFailure(error)) {
        broken = error instanceof Error ? error : new Error(String(error));
      } else {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          broken = rollbackError instanceof Error ? rollbackError : new Error('rollback failed');
        }
      }
      throw translateDriverError(error, 'transaction');
    } finally {
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    if (this.ownsPool) await this.pool.end();
  }
}
