import { InvalidIfMatchError } from '@app/platform';
import { etagOf, parseIfMatch } from './if-match';

describe('If-Match', () => {
  it.each([
    ['"3"', 3],
    ['3', 3],
    ['W/"0"', 0],
    [' "12" ', 12],
  ])('reads %p as version %p', (header, version) => {
    expect(parseIfMatch(header)).toBe(version);
  });

  it('is absent without the header', () => {
    expect(parseIfMatch(undefined)).toBeUndefined();
  });

  it.each(['', '*', '"3', '3"', 'v3', '-1', '01', '"a"', '1.5', '99999999999999999'])(
    'refuses %p with 400',
    (header) => {
      expect(() => parseIfMatch(header)).toThrow(InvalidIfMatchError);
    },
  );

  it('round-trips the ETag of GET /sessions/{id}', () => {
    expect(parseIfMatch(etagOf(7))).toBe(7);
  });
});
