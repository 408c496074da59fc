import { isIntegerInRange, isNonEmptyString, isOneOf } from './checks';
import { parseInstant, toUtcIso } from './instant';
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
  it('tells a non-empty string', () => {
    expect(isNonEmptyString('a')).toBe(true);
    expect(isNonEmptyString('  ')).toBe(false);
    expect(isNonEmptyString(1)).toBe(false);
  });

  it('tells an integer in range', () => {
    expect(isIntegerInRange(5, 5, 10)).toBe(true);
    expect(isIntegerInRange(11, 5, 10)).toBe(false);
    expect(isIntegerInRange('5', 5, 10)).toBe(false);
  });

  it('tells a member of a list', () => {
    expect(isOneOf(['a', 'b'], 'a')).toBe(true);
    expect(isOneOf(['a', 'b'], 'c')).toBe(false);
    expect(isOneOf(['a', 'b'], 1)).toBe(false);
  });
});
