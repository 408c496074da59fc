import { CANCELLATION_REASONS, type CancellationReason } from '@app/domain';
import type { SqlQueryable } from '@app/consumers';
import { PERIOD_CONDITION } from './report-bounds';
import type { ChargedTotal, ReportFigures } from './report-types';

interface CountRow {
  key: string;
  scheduled: number;
  cancellations: number;
  late_cancellations: number;
  late_any: number;
  no_shows: number;
  notified: number;
  credits: string;
  by_professional: number;
  by_client: number;
  no_show_reason: number;
  other_reason: number;
}

interface ChargeRow {
  key: string;
  currency: string;
  method: ChargedTotal['method'];
  amount: string;
  count: number;
}

/** Figures per key, plus the late count of any reason that groupBy=reason reports. */
export interface KeyedFigures {
  readonly figures: ReportFigures;
  readonly lateAny: number;
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

export interface FiguresQuery {
  readonly table: string;
  /** SQL for each row's group key; a constant for totals. */
  readonly keyExpression: string;
  readonly from: string;
  readonly to: string;
  readonly tz: string;
  readonly professionalId?: string;
  readonly cancelledOnly?: boolean;
}

/** Aggregates the session facts of the period by a key, in two set-based queries. */
export async function figuresByKey(
  db: SqlQueryable,
  query: FiguresQuery,
): Promise<Map<string, KeyedFigures>> {
  const where = `${PERIOD_CONDITION} AND ($4::text IS NULL OR professional_id = $4::text)
    ${query.cancelledOnly ? 'AND cancelled' : ''}`;
  const params = [query.from, query.to, query.tz, query.professionalId ?? null];
  const counts = await db.query<CountRow>(
    `SELECT ${query.keyExpression} AS key,
       count(*)::int AS scheduled,
       count(*) FILTER (WHERE cancelled)::int AS cancellations,
       count(*) FILTER (WHERE cancelled AND late AND reason <> 'client-no-show')::int
         AS late_cancellations,
       count(*) FILTER (WHERE cancelled AND late)::int AS late_any,
       count(*) FILTER (WHERE reason = 'client-no-show')::int AS no_shows,
       count(*) FILTER (WHERE cancelled AND notification_requested)::int AS notified,
       coalesce(sum(charge_credits), 0)::text AS credits,
       count(*) FILTER (WHERE reason = 'cancelled-by-professional')::int AS by_professional,
       count(*) FILTER (WHERE reason = 'cancelled-by-client')::int AS by_client,
       count(*) FILTER (WHERE reason = 'client-no-show')::int AS no_show_reason,
       count(*) FILTER (WHERE reason = 'other')::int AS other_reason
     FROM ${query.table} WHERE ${where} GROUP BY 1 ORDER BY 1`,
    params,
  );
  const charges = await db.query<ChargeRow>(
    `SELECT ${query.keyExpression} AS key, charge_currency AS currency, charge_method AS method,
       sum(charge_amount_minor)::text AS amount, count(*)::int AS count
     FROM ${query.table}
     WHERE ${where} AND charge_method IN ('card', 'invoice', 'external')
     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    params,
  );
  const chargedByKey = new Map<string, ChargedTotal[]>();
  for (const row of charges) {
    const list = chargedByKey.get(row.key) ?? [];
    list.push({
      currency: row.currency,
      method: row.method,
      amountMinor: Number(row.amount),
      count: row.count,
    });
    chargedByKey.set(row.key, list);
  }
  const result = new Map<string, KeyedFigures>();
  for (const row of counts) {
    const byReason: Record<CancellationReason, number> = {
      'cancelled-by-professional': row.by_professional,
      'cancelled-by-client': row.by_client,
      'client-no-show': row.no_show_reason,
      other: row.other_reason,
    };
    result.set(row.key, {
      lateAny: row.late_any,
      figures: {
        scheduled: row.scheduled,
        cancellations: row.cancellations,
        cancellationsByReason: byReason,
        lateCancellations: row.late_cancellations,
        noShows: row.no_shows,
        noShowRate: ratio(row.no_shows, row.scheduled),
        charged: chargedByKey.get(row.key) ?? [],
        creditsCharged: Number(row.credits),
        notificationsRequested: row.notified,
        notificationShare: ratio(row.notified, row.cancellations),
      },
    });
  }
  return result;
}

/** The figures of an empty period. */
export function emptyFigures(): ReportFigures {
  return {
    scheduled: 0,
    cancellations: 0,
    cancellationsByReason: Object.fromEntries(CANCELLATION_REASONS.map((r) => [r, 0])) as Record<
      CancellationReason,
      number
    >,
    lateCancellations: 0,
    noShows: 0,
    noShowRate: null,
    charged: [],
    creditsCharged: 0,
    notificationsRequested: 0,
    notificationShare: null,
  };
}
