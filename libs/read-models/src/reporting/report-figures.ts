import type { SqlExecutor } from '@app/event-store/sql';
import {
  CANCELLATION_REASONS,
  WORKSTATION_PAYMENT_METHODS,
  type CancellationReason,
} from '@app/domain';
import { PERIOD_CONDITION } from './report-bounds';
import type { ChargedTotal, ReportFigures } from '@app/application/ports';

interface CountRow {
  key: string;
  scheduled: number;
  cancellations: number;
  late_cancellations: number;
  late_any: number;
  no_shows: number;
  notified: number;
  credits: string;
}

interface ReasonRow {
  key: string;
  reason: CancellationReason;
  count: number;
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

/** Every reason of the domain's list, counted 0. */
const noCancellations = (): Record<CancellationReason, number> =>
  Object.fromEntries(CANCELLATION_REASONS.map((reason) => [reason, 0])) as Record<
    CancellationReason,
    number
  >;

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

/** Aggregates the session facts of the period by a key, in three set-based queries. */
export async function figuresByKey(
  db: SqlExecutor,
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
       coalesce(sum(charge_credits), 0)::text AS credits
     FROM ${query.table} WHERE ${where} GROUP BY 1 ORDER BY 1`,
    params,
  );
  const reasons = await db.query<ReasonRow>(
    `SELECT ${query.keyExpression} AS key, reason, count(*)::int AS count
     FROM ${query.table} WHERE ${where} AND cancelled GROUP BY 1, 2 ORDER BY 1, 2`,
    params,
  );
  const byReasonOf = new Map<string, Record<CancellationReason, number>>();
  for (const row of reasons) {
    const counts = byReasonOf.get(row.key) ?? noCancellations();
    counts[row.reason] = row.count;
    byReasonOf.set(row.key, counts);
  }
  const charges = await db.query<ChargeRow>(
    `SELECT ${query.keyExpression} AS key, charge_currency AS currency, charge_method AS method,
       sum(charge_amount_minor)::text AS amount, count(*)::int AS count
     FROM ${query.table}
     WHERE ${where} AND charge_method = ANY($5::text[])
     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    [...params, WORKSTATION_PAYMENT_METHODS],
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
    const byReason = byReasonOf.get(row.key) ?? noCancellations();
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
    cancellationsByReason: noCancellations(),
    lateCancellations: 0,
    noShows: 0,
    noShowRate: null,
    charged: [],
    creditsCharged: 0,
    notificationsRequested: 0,
    notificationShare: null,
  };
}
