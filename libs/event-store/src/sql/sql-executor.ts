/** A result row as both drivers return it: column name to value. */
export type SqlRow = Record<string, unknown>;

/**
 * The one thing SQL code needs from a driver: run a statement with positional parameters ($1,
 * $2, ...) and get its rows, typed as the caller says (a row interface, or SqlRow). Both `pg` and
 * PGlite fit behind it, so the store, the consumers, the read models and the idempotency records
 * share one SQL code path; a transaction hands its statements one too.
 */
export interface SqlExecutor {
  query<R extends object = SqlRow>(text: string, params?: readonly unknown[]): Promise<R[]>;
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
