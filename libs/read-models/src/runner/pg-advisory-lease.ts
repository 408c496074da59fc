import { Client } from 'pg';
import { advisoryKey } from '../store';
import type { Lease, LeaseProvider } from './lease';

export interface PgAdvisoryLeaseOptions {
  readonly connectionString: string;
  /** Part of the key, so projectors of different schemas never block each other. */
  readonly schema: string;
  /** How often the holder checks its connection is alive. */
  readonly heartbeatMs?: number;
  readonly applicationName?: string;
}

/**
 * A session-level advisory lock held on a dedicated connection: PostgreSQL releases it when that
 * connection ends, so a crashed replica's lease frees itself, and a replica whose connection
 * dropped learns it lost the lease (error, end, or a failed heartbeat).
 */
export class PgAdvisoryLeaseProvider implements LeaseProvider {
  constructor(private readonly options: PgAdvisoryLeaseOptions) {}

  async tryAcquire(name: string): Promise<Lease | undefined> {
    const key = advisoryKey(`read-models:lease:${this.options.schema}:${name}`);
    const client = new Client({
      connectionString: this.options.connectionString,
      application_name: this.options.applicationName ?? `read-models-lease:${this.options.schema}`,
    });
    const lost = new AbortController();
    const markLost = (): void => lost.abort(new Error(`lease ${name} lost: connection ended`));
    client.on('error', markLost);
    client.on('end', markLost);
    await client.connect();
    let ok = false;
    try {
      const result = await client.query<{ ok: boolean }>(
        'SELECT pg_try_advisory_lock($1::bigint) AS ok',
        [key],
      );
      ok = result.rows[0]?.ok === true;
    } finally {
      if (!ok) await client.end().catch(() => undefined);
    }
    if (!ok) return undefined;

    const heartbeat = setInterval(() => {
      client.query('SELECT 1').catch(markLost);
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
        client.removeListener('end', markLost);
        // Ending the session releases the lock even if the unlock fails.
        await client.query('SELECT pg_advisory_unlock($1::bigint)', [key]).catch(() => undefined);
        await client.end().catch(() => undefined);
      },
    };
  }
}
