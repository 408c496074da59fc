/** A result row as both drivers return it: column name to value. */
export type SqlRow = Record<string, unknown>;

/**
 * The one thing the shared SQL code needs from a driver: run a statement with positional
 * parameters ($1, $2, ...) and get its rows. Both `pg` and PGlite fit behind it, so the store has
 * a single SQL code path.
 */
export interface SqlExecutor {
  query<R extends SqlRow = SqlRow>(text: string, params?: readonly unknown[]): Promise<R[]>;
}

/**
 * A database the store owns or shares. `transaction` runs `fn` on one connection between BEGIN
 * and COMMIT (ROLLBACK when `fn` throws); every statement given to the executor `fn` receives is
 * part of that transaction, which is how several operations (append, delete, idempotency records)
 * commit together.
 */
export interface SqlDatabase extends SqlExecutor {
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
