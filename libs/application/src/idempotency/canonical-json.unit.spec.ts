import { canonicalJson, requestHash } from './canonical-json';

describe('canonical JSON of a request body', () => {
  it('sorts keys at every depth, keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,1]},"b":1}',
    );
  });

  it('gives the same hash to the same JSON value written differently', () => {
    expect(requestHash(JSON.parse('{"x": 1, "y": [true]}'))).toBe(requestHash({ y: [true], x: 1 }));
    expect(requestHash({ x: 1 })).not.toBe(requestHash({ x: 2 }));
    expect(requestHash([1, 2])).not.toBe(requestHash([2, 1]));
  });

  it('treats an absent body as null', () => {
    expect(canonicalJson(undefined)).toBe('null');
    expect(requestHash(null)).toBe(requestHash(undefined));
  });
});
