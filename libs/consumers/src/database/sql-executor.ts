import type { SqlDatabase, SqlRow } from '@app/event-store';

/**
 * What consumers of the log (and the read models they write) need from SQL: the event store's
 * SqlDatabase (one implementation over `pg`, one over PGlite, reused from libs/event-store/src/sql)
 * plus the schema their statements run in, and which kind of database it is (leases differ).
 */
export type { SqlRow };

export interface SqlQueryable {
  query<T extends object = SqlRow>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface SqlExecutor extends SqlQueryable {
  /** 'postgres' has a pool and real leases; 'embedded' is one connection in this process. */
  readonly kind: 'postgres' | 'embedded';
  /** The schema every statement runs in (its search_path). */
  readonly schema: string;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Adapts a SqlDatabase's row type to ours (row interfaces are plain objects, not records). */
export function queryableOf(db: Pick<SqlDatabase, 'query'>): SqlQueryable {
  return {
    async query<T extends object>(sql: string, params?: readonly unknown[]): Promise<T[]> {
      return (await db.query<SqlRow>(sql, params)) as T[];
    },
  };
}
