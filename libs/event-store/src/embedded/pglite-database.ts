import { PGlite } from '@electric-sql/pglite';
import { Mutex, translateDriverError, type SqlDatabase, type SqlExecutor } from '../sql';

/**
 * SqlDatabase over PGlite, PostgreSQL in this process. PGlite is a single connection: a mutex
 * serialises every statement and transaction, so an interleaved statement can never land
 * inside someone else's transaction. Share one instance among everything that uses the same
 * data folder (event store, read models, idempotency records).
 */
export class PgliteDatabase implements SqlDatabase {
  private readonly mutex = new Mutex();

  constructor(readonly pglite: PGlite) {}

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
        const result = await this.pglite.query<R>(text, params as unknown[] | undefined);
        return result.rows;
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
            async query<R extends object>(text: string, params?: readonly unknown[]) {
              const result = await tx.query<R>(text, params as unknown[] | undefined);
              return result.rows;
            },
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
