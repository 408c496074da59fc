import { EventEmitter } from 'node:events';
import type { ClientBase, QueryConfig } from 'pg';
import { StoreUnavailableError } from '../port';
import { createPgPool } from './create-pg-pool';
import { PgDatabase } from './pg-database';

type Callback = (error: Error | null, result?: { rows: unknown[] }) => void;

/**
 * A stand-in for `pg`'s Client that the pool creates (pg-pool takes the class as `Client`): its
 * statements finish when the test says so, and the test decides what else arrives in the same
 * network read, as pg's protocol parser would deliver it (synchronously, one message after the
 * other, in one 'data' callback).
 */
class ScriptedClient extends EventEmitter {
  static readonly created: ScriptedClient[] = [];
  _queryable = true;
  _ending = false;
  private readonly pending: Array<{ text: string; done: Callback }> = [];

  constructor() {
    super();
    ScriptedClient.created.push(this);
  }

  connect(callback: (error?: Error) => void): void {
    setImmediate(() => callback());
  }

  query(
    config: string | QueryConfig,
    values?: unknown,
    callback?: Callback,
  ): Promise<{ rows: unknown[] }> | undefined {
    const text = typeof config === 'string' ? config : config.text;
    const done = typeof values === 'function' ? (values as Callback) : callback;
    if (!this._queryable) {
      const error = new Error('Client has encountered a connection error and is not queryable');
      if (done) {
        setImmediate(() => done(error));
        return undefined;
      }
      return Promise.reject(error);
    }
    if (done) {
      this.pending.push({ text, done });
      return undefined;
    }
    // Transaction statements (promise style) answer at once while the connection is healthy.
    return Promise.resolve({ rows: [] });
  }

  /**
   * One network read: the pending statement's result, then the server's FATAL ending the
   * session (a restart). pg emits 'error' for a FATAL that arrives while no statement runs.
   */
  deliverResultThenFatal(): void {
    const statement = this.pending.shift();
    if (statement === undefined) throw new Error('no statement pending');
    statement.done(null, { rows: [{ one: 1 }] });
    this._queryable = false;
    const fatal = Object.assign(new Error('terminating connection due to administrator command'), {
      code: '57P01',
      severity: 'FATAL',
    });
    this.emit('error', fatal);
  }

  end(callback?: () => void): Promise<void> | undefined {
    this._ending = true;
    if (callback) {
      setImmediate(callback);
      return undefined;
    }
    return Promise.resolve();
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('PgDatabase over a pool when the server ends a connection at hand-over', () => {
  beforeEach(() => {
    ScriptedClient.created.length = 0;
  });

  it('survives an error that arrives between the hand-over and the caller’s first statement', async () => {
    const lost: string[] = [];
    const pool = createPgPool({
      max: 1,
      Client: ScriptedClient as unknown as new () => ClientBase,
      onConnectionError: (error) => lost.push(error.message),
    });
    const database = new PgDatabase(pool, true);

    // The only connection runs a statement; a transaction waits for that connection.
    const reading = database.query('SELECT 1 AS one');
    await settle();
    const [client] = ScriptedClient.created;
    const transaction = database.transaction(async (tx) => {
      await tx.query('SELECT 2');
      return 'committed';
    });
    await settle();

    // The statement's result hands the connection to the transaction (pg-pool removes its own
    // listener then); the FATAL in the same read reaches the connection before the transaction
    // resumes. Without a listener, EventEmitter throws: in a socket callback, the process ends.
    let thrown: unknown;
    try {
      client.deliverResultThenFatal();
    } catch (error) {
      thrown = error;
    }
    const outcome = await transaction.catch((error: unknown) => error);
    expect(thrown).toBeUndefined();
    expect(lost).toEqual(['terminating connection due to administrator command']);

    await expect(reading).resolves.toEqual([{ one: 1 }]);
    // The transaction fails as the store being unavailable (a 503), never as a crash.
    expect(outcome).toBeInstanceOf(StoreUnavailableError);
    // The broken connection was dropped: the next statement gets a new one.
    const next = database.query('SELECT 1 AS one');
    await settle();
    expect(ScriptedClient.created).toHaveLength(2);
    ScriptedClient.created[1].deliverResultThenFatal();
    await expect(next).resolves.toEqual([{ one: 1 }]);
    await database.close();
  });
});
