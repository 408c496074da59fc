import type { SqlExecutor } from '@app/event-store/sql';

/**
 * What the process running a consumer says about it, written when its state changes, on every
 * error, and every few seconds while it holds the lease: other processes (the API beside a
 * projector app, the CLI) read it instead of that process's log.
 */
export interface ConsumerReport {
  readonly consumer: string;
  /** Which process: host and pid. */
  readonly holder: string;
  readonly state: string;
  readonly lastError: string | null;
  readonly lastErrorAt: string | null;
  readonly consecutiveErrors: number;
  readonly totals: Readonly<Record<string, number>>;
  readonly lastBatch: { readonly events: number; readonly at: string } | null;
  /** When it was written, by the database's clock. */
  readonly reportedAt: string;
}

interface ReportRow {
  consumer: string;
  holder: string;
  state: string;
  last_error: string | null;
  last_error_at: string | null;
  consecutive_errors: number;
  totals: Record<string, number>;
  last_batch: { events: number; at: string } | null;
  reported_at: string;
  age_ms: string;
}

export async function writeReport(
  db: SqlExecutor,
  report: Omit<ConsumerReport, 'reportedAt'>,
): Promise<void> {
  await db.query(
    `INSERT INTO consumer_reports (consumer, holder, state, last_error, last_error_at,
       consecutive_errors, totals, last_batch, reported_at)
     VALUES ($1, $2, $3, $4, $5::timestamptz, $6, $7::jsonb, $8::jsonb, now())
     ON CONFLICT (consumer) DO UPDATE SET holder = EXCLUDED.holder, state = EXCLUDED.state,
       last_error = EXCLUDED.last_error, last_error_at = EXCLUDED.last_error_at,
       consecutive_errors = EXCLUDED.consecutive_errors, totals = EXCLUDED.totals,
       last_batch = EXCLUDED.last_batch, reported_at = now()`,
    [
      report.consumer,
      report.holder,
      report.state,
      report.lastError,
      report.lastErrorAt,
      report.consecutiveErrors,
      JSON.stringify(report.totals),
      report.lastBatch === null ? null : JSON.stringify(report.lastBatch),
    ],
  );
}

/** The latest report of each named consumer that has one, with its age by the database's clock. */
export async function readReports(
  db: SqlExecutor,
  consumers: readonly string[],
): Promise<Map<string, ConsumerReport & { readonly ageMs: number }>> {
  const rows = await db.query<ReportRow>(
    `SELECT consumer, holder, state, last_error,
       to_char(last_error_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS last_error_at,
       consecutive_errors, totals, last_batch,
       to_char(reported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS reported_at,
       floor(extract(epoch FROM now() - reported_at) * 1000)::bigint::text AS age_ms
     FROM consumer_reports WHERE consumer = ANY($1::text[])`,
    [consumers],
  );
  return new Map(
    rows.map((row) => [
      row.consumer,
      {
        consumer: row.consumer,
        holder: row.holder,
        state: row.state,
        lastError: row.last_error,
        lastErrorAt: row.last_error_at,
        consecutiveErrors: Number(row.consecutive_errors),
        totals: row.totals,
        lastBatch: row.last_batch,
        reportedAt: row.reported_at,
        ageMs: Number(row.age_ms),
      },
    ]),
  );
}
