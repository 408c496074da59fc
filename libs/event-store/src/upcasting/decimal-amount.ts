/**
 * Exact conversion of a decimal string in major units ("120.00") to integer minor units (12000),
 * on the digits themselves: a binary float cannot hold most decimal fractions, and money read back
 * from history must be the amount that was written.
 */
export type MinorAmountOutcome =
  | { readonly ok: true; readonly minor: number }
  | {
      readonly ok: false;
      readonly code: 'malformed-amount' | 'too-many-decimals' | 'amount-out-of-range';
      readonly message: string;
    };

/** Plain decimal notation only: no sign, exponent, grouping, comma or surrounding space. */
const PLAIN_DECIMAL = /^(0|[1-9][0-9]*)(?:\.([0-9]+))?$/;

/** More digits than this cannot be a safe integer of minor units; checked before any BigInt work. */
const MAX_DIGITS = 16;

/** The amount as shown in a message, cut short: the stored data beside the error has all of it. */
const quote = (amount: string): string =>
  JSON.stringify(amount.length > 40 ? `${amount.slice(0, 40)}…` : amount);

export function decimalToMinorUnits(amount: string, exponent: number): MinorAmountOutcome {
  const match = PLAIN_DECIMAL.exec(amount);
  if (match === null) {
    return {
      ok: false,
      code: 'malformed-amount',
      message: `amount ${quote(amount)} is not a plain non-negative decimal such as "120.00"`,
    };
  }
  const whole = match[1];
  const fraction = match[2] ?? '';
  if (fraction.length > exponent) {
    return {
      ok: false,
      code: 'too-many-decimals',
      message: `amount ${quote(amount)} has ${fraction.length} decimals; the currency has ${exponent}`,
    };
  }
  const digits = whole + fraction.padEnd(exponent, '0');
  if (digits.length > MAX_DIGITS || BigInt(digits) > BigInt(Number.MAX_SAFE_INTEGER)) {
    return {
      ok: false,
      code: 'amount-out-of-range',
      message: `amount ${quote(amount)} is too large`,
    };
  }
  return { ok: true, minor: Number(digits) };
}
