import fc from 'fast-check';
import { CURRENCY_CODES, minorUnitExponent } from '@app/domain/money';
import type { JsonObject, RecordedEvent } from '../port';
import { clientChargedV1ToV2 } from './client-charged-v1-to-v2';
import { defaultUpcasterRegistry } from './default-upcasters';

const registry = defaultUpcasterRegistry();

const storedV1 = (data: JsonObject): RecordedEvent => ({
  eventId: '8f6a2c1e-0000-4000-8000-000000000001',
  type: 'ClientCharged',
  streamId: 'session-1',
  streamVersion: 2,
  position: '42',
  schemaVersion: 1,
  storedSchemaVersion: 1,
  data,
  metadata: {
    occurredAt: '2026-01-01T10:00:00.000Z',
    actor: { userId: 'legacy-import', role: 'system' },
    correlationId: 'c',
    causationId: 'c',
  },
  recordedAt: '2026-01-01T10:00:00.000Z',
});

function formatMinor(minor: number, exponent: number): string {
  const digits = String(minor).padStart(exponent + 1, '0');
  return exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

describe('ClientCharged v1 -> v2', () => {
  it.each([
    [
      { amount: '120.00', currency: 'EUR', method: 'card' },
      { method: 'card', amountMinor: 12000, currency: 'EUR' },
    ],
    [
      { amount: '120', currency: 'EUR', method: 'invoice' },
      { method: 'invoice', amountMinor: 12000, currency: 'EUR' },
    ],
    [
      { amount: '0.5', currency: 'USD', method: 'external' },
      { method: 'external', amountMinor: 50, currency: 'USD' },
    ],
    [
      { amount: '5000', currency: 'JPY', method: 'card' },
      { method: 'card', amountMinor: 5000, currency: 'JPY' },
    ],
    [
      { amount: '1.234', currency: 'KWD', method: 'card' },
      { method: 'card', amountMinor: 1234, currency: 'KWD' },
    ],
    [
      { amount: '12.5', currency: 'KWD', method: 'card' },
      { method: 'card', amountMinor: 12500, currency: 'KWD' },
    ],
    [
      { amount: '0.0001', currency: 'CLF', method: 'card' },
      { method: 'card', amountMinor: 1, currency: 'CLF' },
    ],
    [
      { amount: '150.00', currency: 'IQD', method: 'card' },
      { method: 'card', amountMinor: 150000, currency: 'IQD' },
    ],
  ])('upcasts %j', (v1, v2) => {
    const event = registry.upcast(storedV1(v1));
    expect(event.upcastError).toBeUndefined();
    expect(event.data).toEqual(v2);
    expect(event.schemaVersion).toBe(2);
    expect(event.storedSchemaVersion).toBe(1);
  });

  it.each([
    [{ amount: '120.00', currency: 'JPY', method: 'card' }, 'too-many-decimals'],
    [{ amount: '1.001', currency: 'EUR', method: 'card' }, 'too-many-decimals'],
    [{ amount: '1.2345', currency: 'KWD', method: 'card' }, 'too-many-decimals'],
    [{ amount: '12,00', currency: 'EUR', method: 'card' }, 'malformed-amount'],
    [{ amount: '1e3', currency: 'EUR', method: 'card' }, 'malformed-amount'],
    [{ amount: '-5.00', currency: 'EUR', method: 'card' }, 'malformed-amount'],
    [{ amount: '', currency: 'EUR', method: 'card' }, 'malformed-amount'],
    [{ amount: 120, currency: 'EUR', method: 'card' }, 'malformed-amount'],
    [{ amount: 120.5, currency: 'EUR', method: 'card' }, 'malformed-amount'],
    [{ amount: null, currency: 'EUR', method: 'card' }, 'malformed-amount'],
    [{ amount: ['1'], currency: 'EUR', method: 'card' }, 'malformed-amount'],
    [{ amount: '0.00', currency: 'EUR', method: 'card' }, 'amount-not-positive'],
    [{ amount: '99999999999999999999', currency: 'EUR', method: 'card' }, 'amount-out-of-range'],
    [{ currency: 'EUR', method: 'card' }, 'missing-amount'],
    [{ amount: '1.00', currency: 'XYZ', method: 'card' }, 'unknown-currency'],
    [{ amount: '1.00', currency: 'eur', method: 'card' }, 'unknown-currency'],
    [{ amount: '1.00', currency: 1, method: 'card' }, 'unknown-currency'],
    [{ amount: '1.00', currency: 'XAU', method: 'card' }, 'unknown-currency'],
    [{ amount: '1.00', method: 'card' }, 'missing-currency'],
    [{ amount: '1.00', currency: 'EUR' }, 'missing-method'],
    [{ amount: '1.00', currency: 'EUR', method: 'cash' }, 'unknown-method'],
    [{ amount: '1.00', currency: 'EUR', method: 'sponsored-credits' }, 'unknown-method'],
    [{ amount: '1.00', currency: 'EUR', method: 'CARD' }, 'unknown-method'],
    [{ amount: '1.00', currency: 'EUR', method: null }, 'unknown-method'],
    [{ amount: '1.00', currency: 'EUR', method: 'card', note: 'x' }, 'unexpected-field'],
  ] as Array<[JsonObject, string]>)('refuses %j with %s, keeping the stored data', (v1, code) => {
    const stored = storedV1(v1);
    const before = structuredClone(stored.data);
    const event = registry.upcast(stored);
    expect(event.upcastError).toMatchObject({ code });
    expect(event.upcastError?.message).toEqual(expect.any(String));
    expect(event.data).toEqual(before);
    expect(event.schemaVersion).toBe(1);
    expect(event.storedSchemaVersion).toBe(1);
  });

  it('leaves a version 2 event alone', () => {
    const v2 = {
      ...storedV1({ method: 'card', amountMinor: 12000, currency: 'EUR' }),
      schemaVersion: 2,
      storedSchemaVersion: 2,
    };
    expect(registry.upcast(v2)).toEqual(v2);
  });

  it('round trips any integer minor amount of any currency (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CURRENCY_CODES),
        fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom('card', 'invoice', 'external'),
        (currency, minor, method) => {
          const amount = formatMinor(minor, minorUnitExponent(currency)!);
          const outcome = clientChargedV1ToV2.upcast({ amount, currency, method });
          expect(outcome).toEqual({ ok: true, data: { method, amountMinor: minor, currency } });
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('refuses any amount with one decimal more than its currency has (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CURRENCY_CODES),
        fc.nat({ max: 1_000_000 }),
        fc.integer({ min: 1, max: 9 }),
        (currency, whole, lastDigit) => {
          const exponent = minorUnitExponent(currency)!;
          const amount = `${whole}.${'0'.repeat(exponent)}${lastDigit}`;
          const outcome = clientChargedV1ToV2.upcast({ amount, currency, method: 'card' });
          expect(outcome).toMatchObject({ ok: false, error: { code: 'too-many-decimals' } });
        },
      ),
    );
  });

  it('never throws and never returns a non-integer, whatever the stored data (property)', () => {
    const anyValue = fc.oneof(
      fc.string(),
      fc.double(),
      fc.integer(),
      fc.constant(null),
      fc.boolean(),
      fc.constantFrom('EUR', 'JPY', 'KWD', 'card', '120.00'),
    );
    fc.assert(
      fc.property(
        fc.record({ amount: anyValue, currency: anyValue, method: anyValue }, { requiredKeys: [] }),
        (data) => {
          const outcome = clientChargedV1ToV2.upcast(data);
          if (outcome.ok) expect(Number.isSafeInteger(outcome.data.amountMinor)).toBe(true);
          else expect(typeof outcome.error.code).toBe('string');
        },
      ),
      { numRuns: 2000 },
    );
  });
});
