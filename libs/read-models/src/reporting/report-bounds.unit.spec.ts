import { InvalidReportQueryError } from '@app/application/ports';
import { validateReportPeriod } from './report-bounds';

describe('report period validation', () => {
  it('defaults the zone to UTC and accepts an IANA zone', () => {
    expect(validateReportPeriod('2026-03-01', '2026-03-02', undefined)).toBe('UTC');
    expect(validateReportPeriod('2026-03-01', '2026-03-01', 'Europe/Berlin')).toBe('Europe/Berlin');
  });

  it.each([
    ['2026-3-01', '2026-03-02', undefined, 'from'],
    ['2026-02-29', '2026-03-02', undefined, 'from'],
    ['2026-03-01', '2026-13-01', undefined, 'to'],
    ['2026-03-02', '2026-03-01', undefined, 'to'],
    ['2026-03-01', '2026-03-02', 'Not/AZone', 'tz'],
  ])('refuses from=%s to=%s tz=%s, naming %s', (from, to, tz, field) => {
    expect(() => validateReportPeriod(from, to, tz)).toThrow(InvalidReportQueryError);
    try {
      validateReportPeriod(from, to, tz);
    } catch (error) {
      expect((error as InvalidReportQueryError).field).toBe(field);
    }
  });
});
