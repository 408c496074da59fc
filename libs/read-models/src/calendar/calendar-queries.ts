import type { SqlExecutor } from '@app/event-store/sql';
import type { CancellationReason } from '@app/domain';
import {
  CALENDAR_PROJECTION,
  type CalendarAnswer,
  type CalendarCharge,
  type CalendarEntry,
  type CalendarQuery,
} from '@app/application/ports';
import { readActive } from '../runner';
import { calendarSetAside } from '../set-aside';
import { CALENDAR_TABLE } from './calendar-projection';
import { REASON_LABELS } from './reason-labels';

interface CalendarRow {
  session_id: string;
  professional_id: string;
  client_id: string;
  starts_at: string;
  ends_at: string;
  time_zone: string;
  duration_minutes: number;
  fee_amount_minor: string;
  fee_currency: string;
  payment_kind: string;
  payment_credits: number | null;
  status: string;
  reason: CancellationReason | null;
  private_note: string | null;
  late: boolean | null;
  notice_minutes: number | null;
  cancelled_at: string | null;
  charge_method: string | null;
  charge_amount_minor: string | null;
  charge_currency: string | null;
  charge_credits: number | null;
  charge_error: string | null;
  notification_requested: boolean;
}

const iso = (column: string): string =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ${column}`;

const SELECT = `session_id, professional_id, client_id, ${iso('starts_at')}, ${iso('ends_at')},
  time_zone, duration_minutes, fee_amount_minor::text AS fee_amount_minor, fee_currency,
  payment_kind, payment_credits, status, reason, private_note, late, notice_minutes,
  ${iso('cancelled_at')}, charge_method, charge_amount_minor::text AS charge_amount_minor,
  charge_currency, charge_credits, charge_error, notification_requested`;

function chargeOf(row: CalendarRow): CalendarCharge | null {
  if (row.charge_error !== null) return { method: 'unreadable', upcastError: row.charge_error };
  if (row.charge_method === 'sponsored-credits' && row.charge_credits !== null) {
    return { method: 'sponsored-credits', credits: row.charge_credits };
  }
  if (
    (row.charge_method === 'card' ||
      row.charge_method === 'invoice' ||
      row.charge_method === 'external') &&
    row.charge_amount_minor !== null &&
    row.charge_currency !== null
  ) {
    return {
      method: row.charge_method,
      amountMinor: Number(row.charge_amount_minor),
      currency: row.charge_currency,
    };
  }
  return null;
}

function toEntry(row: CalendarRow, viewerIsOwner: boolean): CalendarEntry {
  const hasPrivateNote = row.private_note !== null;
  return {
    sessionId: row.session_id,
    professionalId: row.professional_id,
    clientId: row.client_id,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    timeZone: row.time_zone,
    durationMinutes: row.duration_minutes,
    fee: { amountMinor: Number(row.fee_amount_minor), currency: row.fee_currency },
    payment:
      row.payment_kind === 'sponsored-credits'
        ? { kind: 'sponsored-credits', credits: row.payment_credits ?? 0 }
        : { kind: 'direct' },
    status: row.status === 'cancelled' ? 'cancelled' : 'scheduled',
    reason: row.reason,
    reasonLabel: row.reason === null ? null : REASON_LABELS[row.reason],
    late: row.late,
    noticeMinutes: row.notice_minutes,
    cancelledAt: row.cancelled_at,
    hasPrivateNote,
    ...(hasPrivateNote && viewerIsOwner ? { note: row.private_note ?? undefined } : {}),
    charge: chargeOf(row),
    notificationRequested: row.notification_requested,
  };
}

/** The professional's sessions overlapping [from, to), in start order. */
export async function calendarOf(db: SqlExecutor, query: CalendarQuery): Promise<CalendarAnswer> {
  const read = await readActive(db, CALENDAR_PROJECTION, (names) =>
    db.query<CalendarRow>(
      `SELECT ${SELECT} FROM ${names(CALENDAR_TABLE)}
       WHERE professional_id = $1 AND starts_at < $3::timestamptz AND ends_at > $2::timestamptz
       ORDER BY starts_at, session_id`,
      [query.professionalId, query.from, query.to],
    ),
  );
  const viewerIsOwner =
    query.viewer.role === 'professional' && query.viewer.userId === query.professionalId;
  return {
    professionalId: query.professionalId,
    from: query.from,
    to: query.to,
    position: read.position,
    setAside: await calendarSetAside(db, CALENDAR_PROJECTION, query),
    sessions: read.result.map((row) => toEntry(row, viewerIsOwner)),
  };
}
