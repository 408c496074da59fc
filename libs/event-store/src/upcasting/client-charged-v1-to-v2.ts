import { minorUnitExponent } from '@app/domain/money';
import type { JsonObject, Upcaster, UpcastOutcome } from '../port';
import { decimalToMinorUnits } from './decimal-amount';

export const CLIENT_CHARGED = 'ClientCharged';

/** The legacy system knew no credits: only these methods can appear in version 1. */
const V1_METHODS: readonly string[] = ['card', 'invoice', 'external'];
const V1_FIELDS: readonly string[] = ['amount', 'currency', 'method'];

const refuse = (code: string, message: string): UpcastOutcome => ({
  ok: false,
  error: { code, message },
});

/**
 * ClientCharged v1 (legacy import) `{"amount": "120.00", "currency": "EUR", "method": "card"}` to
 * v2 `{"method": "card", "amountMinor": 12000, "currency": "EUR"}`, with the currency's ISO 4217
 * minor-unit exponent. Anything it cannot convert exactly is refused, visibly, never guessed.
 */
export const clientChargedV1ToV2: Upcaster = {
  eventType: CLIENT_CHARGED,
  fromVersion: 1,
  toVersion: 2,
  upcast(data: JsonObject): UpcastOutcome {
    // An unknown field would be dropped silently by the v2 shape; an auditor must see it instead.
    const unexpected = Object.keys(data).filter((field) => !V1_FIELDS.includes(field));
    if (unexpected.length > 0) {
      return refuse(
        'unexpected-field',
        `ClientCharged v1 has unexpected fields: ${unexpected.join(', ')}`,
      );
    }
    const { amount, currency, method } = data;
    if (method === undefined) return refuse('missing-method', 'ClientCharged v1 has no method');
    if (typeof method !== 'string' || !V1_METHODS.includes(method)) {
      return refuse(
        'unknown-method',
        `method ${JSON.stringify(method)} is not one of ${V1_METHODS.join(', ')}`,
      );
    }
    if (currency === undefined)
      return refuse('missing-currency', 'ClientCharged v1 has no currency');
    const exponent = typeof currency === 'string' ? minorUnitExponent(currency) : undefined;
    if (typeof currency !== 'string' || exponent === undefined) {
      return refuse(
        'unknown-currency',
        `currency ${JSON.stringify(currency)} is not an ISO 4217 code we know`,
      );
    }
    if (amount === undefined) return refuse('missing-amount', 'ClientCharged v1 has no amount');
    if (typeof amount !== 'string') {
      // A JSON number may already have lost digits in the legacy export: refuse rather than trust it.
      return refuse('malformed-amount', `amount ${JSON.stringify(amount)} is not a decimal string`);
    }
    const converted = decimalToMinorUnits(amount, exponent);
    if (!converted.ok) return refuse(converted.code, converted.message);
    if (converted.minor === 0) {
      // Version 2 never holds a zero charge (docs/product.md: a charge is never zero).
      return refuse('amount-not-positive', `amount ${JSON.stringify(amount)} is zero`);
    }
    return { ok: true, data: { method, amountMinor: converted.minor, currency } };
  },
};
