import { Client } from 'pg';
import { advisoryKey } from '@app/event-store/sql';
import type { Lease, LeaseProvider } from './lease';
import type { AppLogger } from '@app/event-store';

export interface PgAdvisoryLeaseOptions {
  readonly connectionString: string;
  /** Part of the key (the consumers' schema), so deployments sharing a server never block each other. */
  readonly scope: string;
  /** How often the holder checks its connection is alive (default 5 s). */
  readonly heartbeatMs?: number;
  /** Shown in pg_stat_activity (default `consumer-lease:<scope>`). */
  readonly applicationName?: string;
  readonly logger?: AppLogger;
}

/** The one key scheme: a 64-bit hash of the scope and the consumer's name. */
export const leaseKey = (scope: string, name: string): string =>
  advisoryKey(`consumers:lease:${scope}:${name}`);

/**
 * A session-level advisory lock held on a dedicated connection: PostgreSQL releases it when that
 * connection ends, so a crashed replica's lease frees itself without a timeout of ours, and a
 * replica whose connection dropped learns it lost the lease (error, end, or a failed heartbeat).
 */
export class PgAdvisoryLeaseProvider implements LeaseProvider {
  readonly description: string;

  constructor(private readonly options: PgAdvisoryLeaseOptions) {
    this.description = `PostgreSQL advisory lock per consumer (scope ${options.scope})`;
  }

  async tryAcquire(name: string): Promise<Lease | undefined> {
    const key = leaseKey(this.options.scope, name);
    const client = new Client({
      connectionString: this.options.connectionString,
      // PostgreSQL keeps 63 bytes of it.
      application_name: (
        this.options.applicationName ?? `consumer-lease:${this.options.scope}`
      ).slice(0, 63),
      keepAlive: true,
    });
    const lost = new AbortController();
    let ended = false;
    const markLost = (reason: string): void => {
      if (lost.signal.aborted) return;
      this.options.logger?.warn('consumer lease lost', { name, reason });
      lost.abort(new Error(`lease ${name} lost: ${reason}`));
    };
    // Before connect: an error in the same network read as the connection's must find a listener.
    client.on('error', (error) => markLost(error.message));
    client.on('end', () => {
      ended = true;
      markLost('connection ended');
    });
    let held = false;
    try {
      await client.connect();
      const result = await client.query<{ ok: boolean }>(
        'SELECT pg_try_advisory_lock($1::bigint) AS ok',
        [key],
      );
      held = result.rows[0]?.ok === true;
    } finally {
      if (!held) await client.end().catch(() => undefined);
    }
    if (!held) return undefined;

    const heartbeat = setInterval(() => {
      client.query('SELECT 1').catch((error: unknown) => markLost(String(error)));
    }, this.options.heartbeatMs ?? 5_000);
    heartbeat.unref();
    let released = false;
    return {
      name,
      lost: lost.signal,
      release: async () => {
        if (released) return;
        released = true;
        clearInterval(heartbeat);
        // A connection that already ended took the lock with it (and end() would never settle).
        if (ended) return;
        client.removeAllListeners('end');
        client.on('end', () => undefined);
        // Ending the session releases the lock even if the unlock fails.
        await client.query('SELECT pg_advisory_unlock($1::bigint)', [key]).catch(() => undefined);
        await client.end().catch(() => undefined);
      },
    };
  }
}
