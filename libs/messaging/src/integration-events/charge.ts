import type { Charge } from './payloads';

const MONEY_METHODS: readonly string[] = ['card', 'invoice', 'external'];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The published charge, picked field by field from stored data. Data an upcaster refused (a legacy
 * amount with too many decimals) or of an unexpected shape becomes `unreadable` with a code: never
 * a guessed number.
 */
export function toCharge(data: unknown, upcastErrorCode: string | undefined): Charge {
  if (upcastErrorCode !== undefined) return { method: 'unreadable', upcastError: upcastErrorCode };
  if (isRecord(data)) {
    const { method, amountMinor, currency, credits } = data;
    if (
      typeof method === 'string' &&
      MONEY_METHODS.includes(method) &&
      Number.isInteger(amountMinor) &&
      typeof currency === 'string'
    ) {
      return {
        method: method as 'card' | 'invoice' | 'external',
        amountMinor: amountMinor as number,
        currency,
      };
    }
    if (method === 'sponsored-credits' && Number.isInteger(credits)) {
      return { method, credits: credits as number };
    }
  }
  return { method: 'unreadable', upcastError: 'unexpected-charge-shape' };
}
