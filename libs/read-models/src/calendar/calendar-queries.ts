import type { Position } from '@app/event-store';
import type { SqlExecutor } from '@app/event-store/sql';
import type { CancellationReason, SessionPayment as Payment } from '@app/domain';
import { readActive } from '../runner';
import { calendarSetAside } from '../set-aside';
import { CALENDAR_PROJECTION, CALENDAR_TABLE } from './calendar-projection';
import { REASON_LABELS } from './reason-labels';

export type CalendarCharge =
  | {
      readonly method: 'card' | 'invoice' | 'external';
      readonly amountMinor: number;
      readonly currency: string;
    }
  | { readonly method: 'sponsored-credits'; readonly credits: number }
  /** A legacy charge whose data could not be upcast: shown as such, never as a wrong amount. */
  | { readonly method: 'unreadable'; readonly upcastError: string };

export interface CalendarEntry {
  readonly sessionId: string;
  readonly professionalId: string;
  readonly clientId: string;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly timeZone: string;
  readonly durationMinutes: number;
  readonly fee: { readonly amountMinor: number; readonly currency: string };
  readonly payment: Payment;
  readonly status: 'scheduled' | 'cancelled';
  readonly reason: CancellationReason | null;
  readonly reasonLabel: string | null;
  readonly late: boolean | null;
  readonly noticeMinutes: number | null;
  readonly cancelledAt: string | null;
  /** True when the cancellation carries a private note, whoever asks. */
  readonly hasPrivateNote: boolean;
  /** The note itself: only in the owner's answer. */
  readonly note?: string;
  readonly charge: CalendarCharge | null;
  readonly notificationRequested: boolean;
}

export interface CalendarQuery {
  readonly professionalId: string;
  /** ISO instants: sessions overlapping [from, to). */
  readonly from: string;
  readonly to: string;
  /** Who asks: the note is returned only when this is the session's professional. */
  readonly viewer: { readonly userId: string; readonly role: string };
}

export interface CalendarAnswer {
  readonly professionalId: string;
  readonly from: string;
  readonly to: string;
  readonly position: Position | undefined;
  /**
   * Sessions of this calendar that the projection set aside (an event of theirs could not be
   * applied): their entries are missing or stale until an operator retries them.
   */
  readonly setAside: readonly string[];
  readonly sessions: readonly CalendarEntry[];
}

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
