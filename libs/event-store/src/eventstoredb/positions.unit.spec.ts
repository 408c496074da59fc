import fc from 'fast-check';
import { comparePositions, isPosition } from '../port';
import { decodePosition, encodePosition, isMissingPosition } from './positions';

const U64_MAX = (1n << 64n) - 1n;
// 2^64-1 is the server's "no position", never a position.
const u64 = fc.bigInt({ min: 0n, max: U64_MAX - 1n });
const esdbPosition = fc.record({ commit: u64, prepare: u64 });

describe('EventStoreDB positions', () => {
  it('encodes (commit << 64) | prepare as a decimal string', () => {
    expect(encodePosition({ commit: 0n, prepare: 0n })).toBe('0');
    expect(encodePosition({ commit: 0n, prepare: 5n })).toBe('5');
    expect(encodePosition({ commit: 1n, prepare: 0n })).toBe('18446744073709551616');
    expect(encodePosition({ commit: 1234n, prepare: 1233n })).toBe(
      ((1234n << 64n) + 1233n).toString(),
    );
    expect(encodePosition({ commit: U64_MAX - 1n, prepare: U64_MAX - 1n })).toBe(
      (((U64_MAX - 1n) << 64n) | (U64_MAX - 1n)).toString(),
    );
  });

  it('refuses the server\'s "no position" (2^64-1) rather than encode it as the largest one', () => {
    expect(isMissingPosition({ commit: U64_MAX, prepare: U64_MAX })).toBe(true);
    expect(isMissingPosition(undefined)).toBe(true);
    expect(isMissingPosition({ commit: 10n, prepare: 10n })).toBe(false);
    expect(() => encodePosition({ commit: U64_MAX, prepare: U64_MAX })).toThrow(/no position/);
  });

  it('round trips every commit/prepare pair (property)', () => {
    fc.assert(
      fc.property(esdbPosition, (position) => {
        const encoded = encodePosition(position);
        expect(isPosition(encoded)).toBe(true);
        expect(decodePosition(encoded)).toEqual(position);
      }),
      { numRuns: 2000 },
    );
  });

  it('orders as $all does: by commit, then prepare (property)', () => {
    fc.assert(
      fc.property(esdbPosition, esdbPosition, (a, b) => {
        const expected =
          a.commit !== b.commit
            ? Math.sign(Number(a.commit - b.commit))
            : Math.sign(Number(a.prepare - b.prepare));
        expect(Math.sign(comparePositions(encodePosition(a), encodePosition(b)))).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('orders positions beyond 2^53 exactly, where a number would not', () => {
    const a = encodePosition({ commit: 2n ** 53n, prepare: 2n ** 53n });
    const b = encodePosition({ commit: 2n ** 53n, prepare: 2n ** 53n + 1n });
    expect(comparePositions(a, b)).toBeLessThan(0);
  });

  it('never lets a bigint reach JSON', () => {
    const encoded = encodePosition({ commit: 42n, prepare: 41n });
    expect(JSON.parse(JSON.stringify({ position: encoded }))).toEqual({ position: encoded });
  });

  it.each(['', '-1', '1.5', 'abc', '01', ' 1', (1n << 128n).toString()])(
    'refuses to decode %j',
    (value) => {
      expect(() => decodePosition(value)).toThrow(RangeError);
    },
  );

  it('refuses to encode a position outside unsigned 64 bits', () => {
    expect(() => encodePosition({ commit: -1n, prepare: 0n })).toThrow(RangeError);
    expect(() => encodePosition({ commit: 0n, prepare: U64_MAX + 1n })).toThrow(RangeError);
  });
});
