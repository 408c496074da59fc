import { Client } from 'pg';
import { describeWithService } from '@test/support/requires-service';
import { StoreUnavailableError } from '../port';
import { createPgPool } from './create-pg-pool';
import { PgDatabase } from './pg-database';

jest.setTimeout(30_000);

/** Keeps this thread busy: nothing is read from any socket meanwhile. */
function blockFor(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // busy on purpose
  }
}

/**
 * The hand-over race with a real server: the server ends a session (57P01, as a restart does)
 * right after answering a statement, and both arrive in one network read, while a transaction
 * waits for that very connection. This thread is kept busy while the server answers and then
 * terminates the session, so that pg reads the answer and the FATAL together.
 */
describeWithService('postgres', 'a PostgreSQL session ended at hand-over', (url) => {
  it('fails the waiting transaction as unavailable; the process survives', async () => {
    const lost: string[] = [];
    const database = new PgDatabase(
      createPgPool({
        connectionString: url,
        max: 1,
        onConnectionError: (error) => lost.push(error.message),
      }),
      true,
    );
    const admin = new Client({ connectionString: url });
    await admin.connect();
    try {
      const [{ pid }] = await database.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      // Answered after 300 ms; the session is terminated 300 ms after that, from another one.
      const answered = database.query('SELECT 1 AS slept FROM pg_sleep(0.3)');
      // Its outcome is taken at once: a rejection must not wait for a handler.
      const waiting = database
        .transaction((tx) => tx.query('SELECT 1 AS one'))
        .then(
          () => 'committed',
          (error: unknown) => error,
        );
      const terminated = admin.query('SELECT pg_sleep(0.6), pg_terminate_backend($1)', [pid]);
      // Let the statements go out, then read nothing until both messages have arrived.
      await new Promise((resolve) => setTimeout(resolve, 50));
      blockFor(1_500);
      await expect(answered).resolves.toEqual([{ slept: 1 }]);
      expect(await waiting).toBeInstanceOf(StoreUnavailableError);
      await terminated;
      expect(lost).toEqual(['terminating connection due to administrator command']);
      // The pool has left the dead connection behind.
      await expect(database.query('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
    } finally {
      await admin.end();
      await database.close();
    }
  });
});
