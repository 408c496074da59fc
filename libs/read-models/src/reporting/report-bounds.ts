import { InvalidReportQueryError } from '@app/application/ports';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function assertDate(field: 'from' | 'to', value: string): void {
  const match = DATE.exec(value);
  const parsed = match ? new Date(`${value}T00:00:00Z`) : undefined;
  if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) {
    throw new InvalidReportQueryError(field, `${field} must be a date YYYY-MM-DD, got ${value}`);
  }
}

/** Checks the query's dates and zone before they reach SQL; returns the zone to use. */
export function validateReportPeriod(from: string, to: string, tz: string | undefined): string {
  assertDate('from', from);
  assertDate('to', to);
  if (from > to) throw new InvalidReportQueryError('to', `to (${to}) is before from (${from})`);
  const zone = tz ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    throw new InvalidReportQueryError('tz', `tz must be an IANA time zone, got ${zone}`);
  }
  return zone;
}

/**
 * SQL for the period: a session counts on its scheduled start's day in the zone. The bounds are
 * local midnights turned into instants by PostgreSQL's own zone rules ($1 from, $2 to, $3 zone).
 */
export const PERIOD_CONDITION = `starts_at >= ($1::date::timestamp AT TIME ZONE $3::text)
  AND starts_at < ($2::date::timestamp AT TIME ZONE $3::text)`;

/** The scheduled start's local day in the zone ($3). */
export const LOCAL_DAY = `to_char((starts_at AT TIME ZONE $3::text)::date, 'YYYY-MM-DD')`;
