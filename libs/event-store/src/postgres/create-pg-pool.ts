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
 * The one way a `pg` Pool is made here: every connection gets an 'error' listener the moment the
 * pool creates it (the pool's 'connect' event), for its whole life. pg-pool keeps a listener of
 * its own on idle connections only, and removes it when it hands a connection over; a caller of
 * `pool.connect()` can attach its listener only once its `await` resumes. An error that arrives
 * in between (the server's FATAL in the same network read as the result that freed the
 * connection, as a restart under load sends it) would otherwise be an unhandled 'error' event,
 * which ends the process.
 */
export function createPgPool({ onConnectionError, ...config }: PgPoolOptions): Pool {
  const pool = new Pool(config);
  pool.on('connect', (client) => client.on('error', onConnectionError));
  // An idle connection's error reaches the pool as well, after the listener above reported it.
  pool.on('error', () => undefined);
  return pool;
}
