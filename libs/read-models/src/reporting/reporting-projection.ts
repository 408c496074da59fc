import type { SqlExecutor } from '@app/event-store/sql';
import { REPORTING_PROJECTION } from '@app/application/ports';
import {
  deleteSessionRows,
  factsOfKind,
  markNotificationRequested,
  type ProjectedEvent,
  type ProjectionDefinition,
  type TableNames,
} from '../runner';

export const REPORTING_TABLE = 'report_session_facts';

/**
 * Facts per session, no free text and no personal data beyond ids (no client id, no note):
 * aggregation happens at query time so a report in any time zone is exact. Same idempotent,
 * lifecycle-ordered statements as the calendar.
 */
async function applyReporting(
  tx: SqlExecutor,
  events: readonly ProjectedEvent[],
  names: TableNames,
): Promise<void> {
  const table = names(REPORTING_TABLE);
  const scheduled = factsOfKind(events, 'scheduled');
  if (scheduled.length > 0) {
    await tx.query(
      `INSERT INTO ${table} (session_id, professional_id, starts_at, payment_kind, cancelled,
         notification_requested, position)
       SELECT u.session_id, u.professional_id, u.starts_at, u.payment_kind, false, false, u.position
       FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::numeric[])
         AS u(session_id, professional_id, starts_at, payment_kind, position)
       ON CONFLICT (session_id) DO NOTHING`,
      [
        scheduled.map((e) => e.fact.sessionId),
        scheduled.map((e) => e.fact.data.professionalId),
        scheduled.map((e) => e.fact.data.startsAt),
        scheduled.map((e) => e.fact.data.payment.kind),
        scheduled.map((e) => e.position),
      ],
    );
  }
  const cancelled = factsOfKind(events, 'cancelled');
  if (cancelled.length > 0) {
    await tx.query(
      `UPDATE ${table} t SET cancelled = true, reason = u.reason, late = u.late,
         position = greatest(t.position, u.position)
       FROM unnest($1::text[], $2::text[], $3::boolean[], $4::numeric[])
         AS u(session_id, reason, late, position)
       WHERE t.session_id = u.session_id`,
      [
        cancelled.map((e) => e.fact.sessionId),
        cancelled.map((e) => e.fact.data.reason),
        cancelled.map((e) => e.fact.data.late),
        cancelled.map((e) => e.position),
      ],
    );
  }
  const charged = factsOfKind(events, 'charged');
  if (charged.length > 0) {
    await tx.query(
      `UPDATE ${table} t SET charge_method = u.method, charge_amount_minor = u.amount_minor,
         charge_currency = u.currency, charge_credits = u.credits,
         position = greatest(t.position, u.position)
       FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::int[], $6::numeric[])
         AS u(session_id, method, amount_minor, currency, credits, position)
       WHERE t.session_id = u.session_id`,
      [
        charged.map((e) => e.fact.sessionId),
        charged.map((e) => e.fact.data.method),
        charged.map((e) =>
          e.fact.data.method === 'sponsored-credits' ? null : e.fact.data.amountMinor,
        ),
        charged.map((e) =>
          e.fact.data.method === 'sponsored-credits' ? null : e.fact.data.currency,
        ),
        charged.map((e) =>
          e.fact.data.method === 'sponsored-credits' ? e.fact.data.credits : null,
        ),
        charged.map((e) => e.position),
      ],
    );
  }
  // An unreadable legacy charge counts nothing: no statement for 'charge-unreadable'.
  await markNotificationRequested(tx, table, factsOfKind(events, 'notification-requested'));
  await deleteSessionRows(tx, table, factsOfKind(events, 'deleted'));
}

export const reportingProjection: ProjectionDefinition = {
  name: REPORTING_PROJECTION,
  tables: [REPORTING_TABLE],
  skipsDeletedSessions: true,
  createTables: (names) => [
    `CREATE TABLE ${names(REPORTING_TABLE)} (
       session_id text PRIMARY KEY,
       professional_id text NOT NULL,
       starts_at timestamptz NOT NULL,
       payment_kind text NOT NULL,
       cancelled boolean NOT NULL,
       reason text,
       late boolean,
       notification_requested boolean NOT NULL,
       charge_method text,
       charge_amount_minor bigint,
       charge_currency text,
       charge_credits integer,
       position numeric(40, 0) NOT NULL
     )`,
    `CREATE INDEX ${names(REPORTING_TABLE)}_start
       ON ${names(REPORTING_TABLE)} (starts_at, professional_id)`,
  ],
  apply: applyReporting,
};
