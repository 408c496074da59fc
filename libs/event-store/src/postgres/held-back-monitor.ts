import type { SqlExecutor } from '../sql';
import type { AppLogger } from '../logging';

/** A transaction old enough to hold global readers back, as pg_stat_activity shows it. */
export interface HeldBackTransaction {
  readonly pid: number;
  readonly database: string | null;
  readonly user: string | null;
  readonly applicationName: string | null;
  readonly state: string | null;
  readonly transactionId: string;
  readonly startedAt: string;
  readonly ageMs: number;
  readonly query: string | null;
}

interface ActivityRow {
  [column: string]: unknown;
  readonly pid: number;
  readonly datname: string | null;
  readonly usename: string | null;
  readonly application_name: string | null;
  readonly state: string | null;
  readonly backend_xid: string;
  readonly xact_start: string;
  readonly age_ms: string;
  readonly query: string | null;
}

// Any transaction with an xid, in any database of the cluster, lowers pg_snapshot_xmin and so
// holds every reader of the log below it: the oldest ones are the ones to name.
const OLD_TRANSACTIONS = `SELECT pid, datname, usename, application_name, state,
    backend_xid::text AS backend_xid,
    to_char(xact_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS xact_start,
    floor(extract(epoch FROM now() - xact_start) * 1000)::bigint::text AS age_ms,
    left(query, 200) AS query
  FROM pg_stat_activity
  WHERE backend_xid IS NOT NULL AND pid <> pg_backend_pid()
    AND xact_start < now() - make_interval(secs => $1::double precision / 1000)
  ORDER BY xact_start
  LIMIT 5`;

/**
 * Names the transactions that hold readers back: readAll and subscriptions only see events below
 * the oldest transaction in flight, so one left open stalls every projection. The adapter bounds
 * its own sessions (idle_in_transaction_session_timeout, statement_timeout); this finds the rest.
 */
export class HeldBackMonitor {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: SqlExecutor,
    private readonly thresholdMs: number,
    private readonly intervalMs: number,
    private readonly logger: AppLogger,
  ) {}

  start(): void {
    if (this.timer || this.intervalMs <= 0) return;
    this.timer = setInterval(() => {
      this.check().catch((error: unknown) =>
        this.logger.warn('could not check for transactions holding readers back', {
          error: error instanceof Error ? error.message : String(error),
        }),
      );
    }, this.intervalMs);
    // A monitor must not keep the process alive on its own.
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Logs and returns the transactions older than the threshold. */
  async check(): Promise<HeldBackTransaction[]> {
    const found = await this.find();
    for (const transaction of found) {
      this.logger.warn(
        `transaction ${transaction.transactionId} (pid ${transaction.pid}) has been open ` +
          `${transaction.ageMs} ms and holds event store readers back`,
        { ...transaction },
      );
    }
    return found;
  }

  /** The transactions older than the threshold, oldest first, without logging them. */
  async find(): Promise<HeldBackTransaction[]> {
    const rows = await this.db.query<ActivityRow>(OLD_TRANSACTIONS, [this.thresholdMs]);
    return rows.map((row) => ({
      pid: row.pid,
      database: row.datname,
      user: row.usename,
      applicationName: row.application_name,
      state: row.state,
      transactionId: row.backend_xid,
      startedAt: row.xact_start,
      ageMs: Number(row.age_ms),
      query: row.query,
    }));
  }
}
