import { Client } from 'pg';
import { pause } from '@app/event-store';
import { type MessagingLogger } from '../support';
import { advisoryLockKey, ADVISORY_LOCK_NAMESPACE } from './advisory-lock-key';
import type { HeldLease, PublisherLease } from './lease';

export interface PostgresAdvisoryLeaseOptions {
  readonly connectionString: string;
  /** The publisher's name: one lease per name. */
  readonly name: string;
  /** How often a replica on standby tries again (default 2 s). */
  readonly retryMs?: number;
  /** How often the holder checks its connection still answers (default 5 s). */
  readonly heartbeatMs?: number;
  readonly logger: MessagingLogger;
}

/**
 * A session-level advisory lock on a dedicated connection: PostgreSQL releases it when that
 * connection ends, however the holder died, so a standby replica takes over without any timeout
 * of ours. The holder watches its connection (errors, end, a periodic SELECT 1) and reports the
 * lease lost as soon as it cannot be sure it still holds it.
 */
export function postgresAdvisoryLease(options: PostgresAdvisoryLeaseOptions): PublisherLease {
  const retryMs = options.retryMs ?? 2_000;
  const heartbeatMs = options.heartbeatMs ?? 5_000;
  const key = advisoryLockKey(options.name);

  async function tryOnce(): Promise<HeldLease | undefined> {
    const client = new Client({
      connectionString: options.connectionString,
      // PostgreSQL keeps 63 bytes of it.
      application_name: `kafka-publisher-lease:${options.name}`.slice(0, 63),
      keepAlive: true,
    });
    const lost = new AbortController();
    let ended = false;
    const loseWith = (reason: string): void => {
      if (!lost.signal.aborted) {
        options.logger.warn('publisher lease lost', { name: options.name, reason });
        lost.abort(new Error(reason));
      }
    };
    client.on('error', (error) => loseWith(error.message));
    client.on('end', () => {
      ended = true;
      loseWith('lease connection ended');
    });
    try {
      await client.connect();
      const rows = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock($1, $2) AS locked',
        [ADVISORY_LOCK_NAMESPACE, key],
      );
      if (rows.rows[0]?.locked !== true) {
        await client.end();
        return undefined;
      }
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    const heartbeat = setInterval(() => {
      client.query('SELECT 1').catch((error: unknown) => loseWith(String(error)));
    }, heartbeatMs);
    heartbeat.unref();
    return {
      lost: lost.signal,
      release: async () => {
        clearInterval(heartbeat);
        lost.abort(new Error('released'));
        // A connection that already ended took the lock with it (and end() would never settle).
        if (ended) return;
        // Ending the session releases the lock; the explicit unlock just makes it immediate.
        await client
          .query('SELECT pg_advisory_unlock($1, $2)', [ADVISORY_LOCK_NAMESPACE, key])
          .catch(() => undefined);
        await client.end().catch(() => undefined);
      },
    };
  }

  return {
    description: `PostgreSQL advisory lock (${ADVISORY_LOCK_NAMESPACE}, ${key})`,
    async acquire(signal: AbortSignal): Promise<HeldLease> {
      while (!signal.aborted) {
        try {
          const held = await tryOnce();
          if (held !== undefined) return held;
        } catch (error) {
          options.logger.warn('publisher lease: database unavailable, retrying', {
            name: options.name,
            error: error instanceof Error ? error.message : String(error),
          });
        }
        await pause(retryMs, signal);
      }
      throw new Error('lease acquisition aborted');
    },
  };
}
