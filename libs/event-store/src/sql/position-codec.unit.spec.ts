import { comparePositions, isPosition } from '../port';
import { decodePosition, encodePosition } from './position-codec';

describe('SQL position codec', () => {
  it('packs transaction id and sequence into one decimal string and back', () => {
    const position = encodePosition('755', '42');
    expect(position).toBe(((755n << 64n) | 42n).toString());
    expect(isPosition(position)).toBe(true);
    expect(decodePosition(position)).toEqual({ transactionId: '755', sequence: '42' });
  });

  it('orders positions by transaction first, then sequence, as BigInt comparison', () => {
    const earlierTransactionLaterSequence = encodePosition('100', '900');
    const laterTransactionEarlierSequence = encodePosition('101', '5');
    expect(comparePositions(earlierTransactionLaterSequence, laterTransactionEarlierSequence)).toBe(
      -1,
    );
    expect(comparePositions(encodePosition('7', '1'), encodePosition('7', '2'))).toBe(-1);
  });

  it('keeps 64-bit parts exact (epoch-extended xid8, large sequences)', () => {
    const xid = (1n << 63n) + 12345n;
    const sequence = (1n << 64n) - 1n;
    const decoded = decodePosition(encodePosition(xid, sequence));
    expect(decoded).toEqual({ transactionId: xid.toString(), sequence: sequence.toString() });
  });

  it('refuses what is not a position, and parts out of range', () => {
    expect(() => decodePosition('-1')).toThrow(RangeError);
    expect(() => decodePosition('12a')).toThrow(RangeError);
    expect(() => decodePosition((1n << 128n).toString())).toThrow(RangeError);
    expect(() => encodePosition(-1n, 0n)).toThrow(RangeError);
    expect(() => encodePosition(0n, 1n << 64n)).toThrow(RangeError);
  });

  it('never produces a bigint: a position survives JSON', () => {
    const position = encodePosition(3n, 4n);
    expect(JSON.parse(JSON.stringify({ position }))).toEqual({ position });
  });
});
