import type { SqlExecutor } from '@app/event-store/sql';
import { setAsideSessionsWhere } from '@app/consumers';

/**
 * The sessions a calendar or report answer would include but cannot, because the projection set
 * them aside (PRODUCT: answers say so, in `setAside`). Decided from what was known of the
 * session when it was set aside (setAsideContext): its professional, and its time when its
 * schedule could be read; a session whose time is unknown is listed wherever its professional's
 * answers are.
 */
const STARTS = `(a.context->>'startsAt')::timestamptz`;
const ENDS = `coalesce((a.context->>'endsAt')::timestamptz, ${STARTS} + interval '1 millisecond')`;

/** A professional's calendar over [from, to): the set-aside sessions it would show. */
export function calendarSetAside(
  db: SqlExecutor,
  projection: string,
  query: { readonly professionalId: string; readonly from: string; readonly to: string },
): Promise<string[]> {
  return setAsideSessionsWhere(db, projection, {
    where: `a.context->>'professionalId' = $2 AND (a.context->>'startsAt' IS NULL
      OR (${STARTS} < $4::timestamptz AND ${ENDS} > $3::timestamptz))`,
    params: [query.professionalId, query.from, query.to],
  });
}

/** A report over local days [from, to) in `tz`, of one professional or all. */
export function reportSetAside(
  db: SqlExecutor,
  projection: string,
  query: {
    readonly professionalId?: string;
    readonly from: string;
    readonly to: string;
    readonly tz: string;
  },
): Promise<string[]> {
  return setAsideSessionsWhere(db, projection, {
    where: `($2::text IS NULL OR a.context->>'professionalId' = $2::text)
      AND (a.context->>'startsAt' IS NULL OR (
        (${STARTS} AT TIME ZONE $5::text)::date >= $3::date
        AND (${STARTS} AT TIME ZONE $5::text)::date < $4::date))`,
    params: [query.professionalId ?? null, query.from, query.to, query.tz],
  });
}
