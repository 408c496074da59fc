// Date.parse alone accepts impossible dates (2026-02-30 rolls over to March), so the calendar
// fields are checked before trusting it.
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/i;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Milliseconds since the epoch of an ISO-8601 instant that names its offset (`Z` or `±hh:mm`);
 * undefined for anything else, including a local time without offset, which would be ambiguous.
 */
export function parseInstant(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = ISO_INSTANT.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second, , offsetHours, offsetMinutes] = [
    match[1],
    match[2],
    match[3],
    match[4],
    match[5],
    match[6] ?? '0',
    match[7],
    match[8] ?? '0',
    match[9] ?? '0',
  ].map(Number);
  const valid =
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetHours <= 23 &&
    offsetMinutes <= 59;
  // With the fields in range and a four-digit year, Date.parse cannot answer NaN.
  return valid ? Date.parse(value) : undefined;
}

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Milliseconds since the epoch of a date `YYYY-MM-DD` at 00:00 UTC; undefined for anything else,
 * including impossible dates such as 2026-02-30.
 */
export function parseCalendarDate(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = CALENDAR_DATE.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [match[1], match[2], match[3]].map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return Date.UTC(year, month - 1, day);
}

export function toUtcIso(ms: number): string {
  return new Date(ms).toISOString();
}
