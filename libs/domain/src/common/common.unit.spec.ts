import { isOneOf } from './checks';
import { parseCalendarDate, parseInstant, toUtcIso } from './instant';
import { isIanaTimeZone } from './time-zone';

describe('Instants', () => {
  it('reads an instant with an offset as epoch milliseconds', () => {
    expect(parseInstant('2026-03-10T11:00:00+01:00')).toBe(Date.parse('2026-03-10T10:00:00Z'));
    expect(parseInstant('2026-03-10T10:00z')).toBe(Date.parse('2026-03-10T10:00:00Z'));
  });

  it('refuses what is not a string', () => {
    expect(parseInstant(1_700_000_000_000)).toBeUndefined();
    expect(parseInstant(undefined)).toBeUndefined();
  });

  it('accepts nine fractional digits, keeping milliseconds', () => {
    expect(parseInstant('2026-03-10T10:00:00.123456789Z')).toBe(
      Date.parse('2026-03-10T10:00:00.123Z'),
    );
  });

  it('writes UTC with milliseconds and Z', () => {
    expect(toUtcIso(Date.parse('2026-03-10T11:00:00+01:00'))).toBe('2026-03-10T10:00:00.000Z');
  });
});

describe('Calendar dates', () => {
  it('reads a date as its midnight UTC', () => {
    expect(parseCalendarDate('2026-02-28')).toBe(Date.parse('2026-02-28T00:00:00Z'));
    expect(parseCalendarDate('2024-02-29')).toBe(Date.parse('2024-02-29T00:00:00Z'));
  });

  it.each(['2026-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-4-1', '20260401', 7])(
    'refuses %p',
    (value) => expect(parseCalendarDate(value)).toBeUndefined(),
  );
});

describe('Time zones', () => {
  it.each(['UTC', 'Europe/Paris', 'America/Argentina/Buenos_Aires', 'Etc/GMT+2'])(
    'accepts %s',
    (zone) => expect(isIanaTimeZone(zone)).toBe(true),
  );

  it.each(['Nowhere/City', '+01:00', '-0500', '', 42])('refuses %p', (zone) =>
    expect(isIanaTimeZone(zone)).toBe(false),
  );
});

describe('Runtime checks', () => {
  it('tells a member of a list', () => {
    expect(isOneOf(['a', 'b'], 'a')).toBe(true);
    expect(isOneOf(['a', 'b'], 'c')).toBe(false);
    expect(isOneOf(['a', 'b'], 1)).toBe(false);
  });
});
