import { hardenedServerOptions, MAX_PATH_PARAMETER_LENGTH } from './hardened-server-options';
import { exceedsNestingDepth } from './json-nesting-depth';
import { parseStrictQueryString } from './strict-query-strings';

describe('exceedsNestingDepth', () => {
  const nested = (depth: number, opener = '[', closer = ']') =>
    `${opener.repeat(depth)}${closer.repeat(depth)}`;

  it('allows 32 levels and refuses 33, of arrays and of objects', () => {
    expect(exceedsNestingDepth(nested(32), 32)).toBe(false);
    expect(exceedsNestingDepth(nested(33), 32)).toBe(true);
    const objects = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    expect(exceedsNestingDepth(objects(32), 32)).toBe(false);
    expect(exceedsNestingDepth(objects(33), 32)).toBe(true);
  });

  it('counts depth, not the number of brackets', () => {
    expect(exceedsNestingDepth(`[${'[],'.repeat(5_000)}[]]`, 32)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(exceedsNestingDepth(JSON.stringify({ note: '['.repeat(100) }), 32)).toBe(false);
    expect(exceedsNestingDepth(JSON.stringify({ note: `\\"${'{'.repeat(100)}` }), 32)).toBe(false);
  });

  it('stops early on a body of a hundred thousand brackets', () => {
    expect(exceedsNestingDepth('['.repeat(100_000), 32)).toBe(true);
  });
});

describe('parseStrictQueryString', () => {
  it('decodes as Fastify does: lists for repeated names, + as a space', () => {
    expect({ ...parseStrictQueryString('a=1&b=x+y&a=2&c=%C3%A9&d') }).toEqual({
      a: ['1', '2'],
      b: 'x y',
      c: 'é',
      d: '',
    });
    expect({ ...parseStrictQueryString('') }).toEqual({});
  });

  it.each(['p=pro%ff', 'p=%ED%A0%80', 'p=%zz', 'p%ff=1', 'p=%C0%80'])(
    'marks %s malformed instead of keeping the escape as text',
    (query) => {
      const parsed = parseStrictQueryString(query);
      expect(Object.getOwnPropertySymbols(parsed)).toHaveLength(1);
    },
  );

  it('keeps a NUL, which the bounds then refuse with the field named', () => {
    const parsed = parseStrictQueryString('professionalId=a%00b');
    expect(parsed.professionalId).toBe('a\u0000b');
    expect(Object.getOwnPropertySymbols(parsed)).toHaveLength(0);
  });
});

describe('hardenedServerOptions', () => {
  it('gives Node the timeouts and a checking interval short enough to honour them', () => {
    const options = hardenedServerOptions({ requestTimeoutMs: 1_000, headersTimeoutMs: 1_000 });
    expect(options.requestTimeout).toBe(1_000);
    expect(options.http).toEqual({ headersTimeout: 1_000, connectionsCheckingInterval: 250 });
    const defaults = hardenedServerOptions({ requestTimeoutMs: 30_000, headersTimeoutMs: 10_000 });
    expect(defaults.http.connectionsCheckingInterval).toBe(1_000);
  });

  it('lets a path parameter hold any id of 200 code points, percent-encoded', () => {
    expect(MAX_PATH_PARAMETER_LENGTH).toBe(encodeURIComponent('🙂'.repeat(200)).length);
  });
});
