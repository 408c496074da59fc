import { PGlite } from '@electric-sql/pglite';
import { Mutex, translateDriverError, type SqlDatabase, type SqlExecutor } from '../sql';
import { PglitePreparedStatements } from './pglite-prepared-statements';

/**
 * SqlDatabase over PGlite, PostgreSQL in this process. PGlite is a single connection: a mutex
 * serialises every statement and transaction, so an interleaved statement can never land
 * inside someone else's transaction. Share one instance among everything that uses the same
 * data folder (event store, read models, idempotency records). Statements with parameters run
 * as named prepared statements (PglitePreparedStatements), the others (DDL, scripts) as given.
 */
export class PgliteDatabase implements SqlDatabase {
  private readonly mutex = new Mutex();
  private readonly prepared: PglitePreparedStatements;

  constructor(readonly pglite: PGlite) {
    this.prepared = new PglitePreparedStatements(pglite);
  }

  private run<R extends object>(
    on: Pick<PGlite, 'query'>,
    text: string,
    params?: readonly unknown[],
  ): Promise<R[]> {
    if (params !== undefined && params.length > 0) return this.prepared.query<R>(text, params);
    return on.query<R>(text).then((result) => result.rows);
  }

  /** Opens PGlite on `dataDir` (created if missing), or in memory when no folder is given. */
  static async open(dataDir?: string): Promise<PgliteDatabase> {
    try {
      return new PgliteDatabase(await PGlite.create(dataDir === undefined ? {} : { dataDir }));
    } catch (error) {
      throw translateDriverError(error, 'open');
    }
  }

  query<R extends object>(text: string, params?: readonly unknown[]): Promise<R[]> {
    return this.mutex.run(async () => {
      try {
        return await this.run<R>(this.pglite, text, params);
      } catch (error) {
        throw translateDriverError(error, 'query');
      }
    });
  }

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.mutex.run(async () => {
      try {
        return await this.pglite.transaction((tx) =>
          fn({
            query: <R extends object>(text: string, params?: readonly unknown[]) =>
              this.run<R>(tx, text, params),
          }),
        );
      } catch (error) {
        throw translateDriverError(error, 'transaction');
      }
    });
  }

  async close(): Promise<void> {
    await this.mutex.run(async () => {
      if (!this.pglite.closed) await this.pglite.close();
    });
  }
}
