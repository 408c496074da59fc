import type { SqlExecutor } from '@app/event-store/sql';
import { CALENDAR_PROJECTION } from '@app/application/ports';
import {
  deleteSessionRows,
  factsOfKind,
  markNotificationRequested,
  type ProjectedEvent,
  type ProjectionDefinition,
  type TableNames,
} from '../runner';

export const CALENDAR_TABLE = 'calendar_sessions';

/**
 * Statements run by event kind in lifecycle order (schedule, cancel, charge, notify, delete):
 * within one session that is event order, so a whole batch needs a handful of set-based
 * statements. Each is idempotent: inserts do nothing on conflict, updates set absolute values.
 */
async function applyCalendar(
  tx: SqlExecutor,
  events: readonly ProjectedEvent[],
  names: TableNames,
): Promise<void> {
  const table = names(CALENDAR_TABLE);
  const scheduled = factsOfKind(events, 'scheduled');
  if (scheduled.length > 0) {
    await tx.query(
      `INSERT INTO ${table} (session_id, professional_id, client_id, starts_at, ends_at, time_zone,
         duration_minutes, fee_amount_minor, fee_currency, payment_kind, payment_credits, status,
         notification_requested, position)
       SELECT u.session_id, u.professional_id, u.client_id, u.starts_at,
              u.starts_at + make_interval(mins => u.duration_minutes), u.time_zone,
              u.duration_minutes, u.fee_amount_minor, u.fee_currency, u.payment_kind,
              u.payment_credits, 'scheduled', false, u.position
       FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::int[],
                   $7::bigint[], $8::text[], $9::text[], $10::int[], $11::numeric[])
         AS u(session_id, professional_id, client_id, starts_at, time_zone, duration_minutes,
              fee_amount_minor, fee_currency, payment_kind, payment_credits, position)
       ON CONFLICT (session_id) DO NOTHING`,
      [
        scheduled.map((e) => e.fact.sessionId),
        scheduled.map((e) => e.fact.data.professionalId),
        scheduled.map((e) => e.fact.data.clientId),
        scheduled.map((e) => e.fact.data.startsAt),
        scheduled.map((e) => e.fact.data.timeZone),
        scheduled.map((e) => e.fact.data.durationMinutes),
        scheduled.map((e) => e.fact.data.fee.amountMinor),
        scheduled.map((e) => e.fact.data.fee.currency),
        scheduled.map((e) => e.fact.data.payment.kind),
        scheduled.map((e) =>
          e.fact.data.payment.kind === 'sponsored-credits' ? e.fact.data.payment.credits : null,
        ),
        scheduled.map((e) => e.position),
      ],
    );
  }
  const cancelled = factsOfKind(events, 'cancelled');
  if (cancelled.length > 0) {
    await tx.query(
      `UPDATE ${table} t SET status = 'cancelled', reason = u.reason, private_note = u.note,
         late = u.late, notice_minutes = u.notice_minutes, cancelled_at = u.cancelled_at,
         position = greatest(t.position, u.position)
       FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[], $5::int[],
                   $6::timestamptz[], $7::numeric[])
         AS u(session_id, reason, note, late, notice_minutes, cancelled_at, position)
       WHERE t.session_id = u.session_id`,
      [
        cancelled.map((e) => e.fact.sessionId),
        cancelled.map((e) => e.fact.data.reason),
        cancelled.map((e) => e.fact.data.note ?? null),
        cancelled.map((e) => e.fact.data.late),
        cancelled.map((e) => e.fact.data.noticeMinutes),
        cancelled.map((e) => e.fact.data.cancelledAt),
        cancelled.map((e) => e.position),
      ],
    );
  }
  const charged = factsOfKind(events, 'charged');
  if (charged.length > 0) {
    await tx.query(
      `UPDATE ${table} t SET charge_method = u.method, charge_amount_minor = u.amount_minor,
         charge_currency = u.currency, charge_credits = u.credits, charge_error = NULL,
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
  const unreadable = factsOfKind(events, 'charge-unreadable');
  if (unreadable.length > 0) {
    await tx.query(
      `UPDATE ${table} t SET charge_error = u.code, position = greatest(t.position, u.position)
       FROM unnest($1::text[], $2::text[], $3::numeric[]) AS u(session_id, code, position)
       WHERE t.session_id = u.session_id`,
      [
        unreadable.map((e) => e.fact.sessionId),
        unreadable.map((e) => e.fact.code),
        unreadable.map((e) => e.position),
      ],
    );
  }
  await markNotificationRequested(tx, table, factsOfKind(events, 'notification-requested'));
  await deleteSessionRows(tx, table, factsOfKind(events, 'deleted'));
}

/** Per professional: one row per session, with its status, charge and private note. */
export const calendarProjection: ProjectionDefinition = {
  name: CALENDAR_PROJECTION,
  tables: [CALENDAR_TABLE],
  skipsDeletedSessions: true,
  createTables: (names) => [
    `CREATE TABLE ${names(CALENDAR_TABLE)} (
       session_id text PRIMARY KEY,
       professional_id text NOT NULL,
       client_id text NOT NULL,
       starts_at timestamptz NOT NULL,
       ends_at timestamptz NOT NULL,
       time_zone text NOT NULL,
       duration_minutes integer NOT NULL,
       fee_amount_minor bigint NOT NULL,
       fee_currency text NOT NULL,
       payment_kind text NOT NULL,
       payment_credits integer,
       status text NOT NULL,
       reason text,
       private_note text,
       late boolean,
       notice_minutes integer,
       cancelled_at timestamptz,
       charge_method text,
       charge_amount_minor bigint,
       charge_currency text,
       charge_credits integer,
       charge_error text,
       notification_requested boolean NOT NULL,
       position numeric(40, 0) NOT NULL
     )`,
    `CREATE INDEX ${names(CALENDAR_TABLE)}_professional_start
       ON ${names(CALENDAR_TABLE)} (professional_id, starts_at)`,
  ],
  apply: applyCalendar,
};
