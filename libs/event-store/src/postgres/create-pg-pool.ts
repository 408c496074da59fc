import { Pool, type PoolConfig } from 'pg';

export interface PgPoolOptions extends PoolConfig {
  /**
   * Told of every error a pooled connection emits: the server ended the session (a restart, an
   * administrator, a timeout) or the network broke. The pool drops that connection; the
   * statement it was running, or the next one given to it, fails and says why.
   */
  readonly onConnectionError: (error: Error) => void;
}

/**
 * No JIT compilation on our connections (a caller's `options` come after, so it may say
 * otherwise). The planner compiles a statement whose estimated cost passes `jit_above_cost`,
 * and its estimates over tables never analysed (a new deployment, a server without autovacuum)
 * are far off: the Kafka publisher's deletion lookup (readStreams of 500 absent streams, a
 * millisecond of work) was estimated at 840,000 and compiled with inlining and optimisation
 * each time a connection planned it afresh: 88-300 ms instead of 1.6 ms (measured on PostgreSQL
 * 15; the publisher's catch-up fell from 6,827 to about 4,300 events a second). Our statements
 * are short lookups and small batches, where compiling never pays.
 */
const NO_JIT = '-c jit=off';

/**
 * The one way a `pg` Pool is made here: every connection gets an 'error' listener the moment the
 * pool creates it (the pool's 'connect' event), for its whole life. pg-pool keeps a listener of
 * its own on idle connections only, and removes it when it hands a connection over; a caller of
 * `pool.connect()` can attach its listener only once its `await` resumes. An error that arrives
 * in between (the server's FATAL in the same network read as the result that freed the
 * connection, as a restart under load sends it) would otherwise be an unhandled 'error' event,
 * which ends the process.
 */
export function createPgPool({ onConnectionError, options, ...config }: PgPoolOptions): Pool {
  const pool = new Pool({ ...config, options: options ? `${NO_JIT} ${options}` : NO_JIT });
  pool.on('connect', (client) => client.on('error', onConnectionError));
  // An idle connection's error reaches the pool as well, after the listener above reported it.
  pool.on('error', () => undefined);
  return pool;
}
