import fc from 'fast-check';
import { decimalToMinorUnits } from './decimal-amount';

/** An oracle written independently of the code under test: digits placed by string slicing. */
function formatMinor(minor: bigint, exponent: number): string {
  const digits = minor.toString().padStart(exponent + 1, '0');
  if (exponent === 0) return digits;
  return `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

describe('decimalToMinorUnits', () => {
  it.each([
    ['120.00', 2, 12000],
    ['120', 2, 12000],
    ['120.5', 2, 12050],
    ['0.01', 2, 1],
    ['0', 2, 0],
    ['5000', 0, 5000],
    ['1.234', 3, 1234],
    ['1.2', 3, 1200],
    ['0.0001', 4, 1],
    ['90071992547409.91', 2, 9007199254740991],
  ])('%s with %i decimals is %i minor units', (amount, exponent, minor) => {
    expect(decimalToMinorUnits(amount, exponent)).toEqual({ ok: true, minor });
  });

  it.each([
    '12,00',
    '1e3',
    '1E3',
    '-5.00',
    '+5.00',
    '',
    ' 5.00',
    '5.00 ',
    '5.',
    '.5',
    '05.00',
    '00',
    '1_000',
    '1 000',
    '0x10',
    'NaN',
    'x'.repeat(40),
    'Infinity',
    '١٢٣',
    '5..0',
    '5.0.0',
  ])('refuses the malformed amount %j', (amount) => {
    const outcome = decimalToMinorUnits(amount, 2);
    expect(outcome).toMatchObject({ ok: false, code: 'malformed-amount' });
  });

  it.each([
    ['120.00', 0],
    ['1.001', 2],
    ['0.0', 0],
    ['1.2345', 3],
  ])('refuses %s: more decimals than the currency has (%i)', (amount, exponent) => {
    expect(decimalToMinorUnits(amount, exponent)).toMatchObject({
      ok: false,
      code: 'too-many-decimals',
    });
  });

  it.each(['90071992547409.92', '9007199254740992', '1'.repeat(40)])(
    'refuses %s: beyond a safe integer',
    (amount) => {
      expect(decimalToMinorUnits(amount, 2)).toMatchObject({
        ok: false,
        code: 'amount-out-of-range',
      });
    },
  );

  it('round trips any safe integer formatted with any exponent', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: BigInt(Number.MAX_SAFE_INTEGER) }),
        fc.integer({ min: 0, max: 4 }),
        (minor, exponent) => {
          expect(decimalToMinorUnits(formatMinor(minor, exponent), exponent)).toEqual({
            ok: true,
            minor: Number(minor),
          });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('accepts fewer decimals than the exponent, padding with zeros', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1_000_000 }), fc.integer({ min: 1, max: 4 }), (whole, exponent) => {
        expect(decimalToMinorUnits(String(whole), exponent)).toEqual({
          ok: true,
          minor: whole * 10 ** exponent,
        });
      }),
    );
  });

  it('never returns a number for a string that is not plain decimal notation', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (amount) => {
        fc.pre(!/^(0|[1-9][0-9]*)(\.[0-9]+)?$/.test(amount));
        expect(decimalToMinorUnits(amount, 2).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('never disagrees with exact decimal arithmetic on what it accepts', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9]{1,10}(\.[0-9]{1,5})?$/),
        fc.integer({ min: 0, max: 4 }),
        (amount, exponent) => {
          const outcome = decimalToMinorUnits(amount, exponent);
          if (!outcome.ok) return;
          const [whole, fraction = ''] = amount.split('.');
          expect(fraction.length).toBeLessThanOrEqual(exponent);
          expect(BigInt(outcome.minor)).toBe(
            BigInt(whole) * 10n ** BigInt(exponent) + BigInt(fraction.padEnd(exponent, '0') || '0'),
          );
        },
      ),
    );
  });
});
