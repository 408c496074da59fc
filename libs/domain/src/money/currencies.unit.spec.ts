import { CURRENCY_CODES, isCurrencyCode, minorUnitExponent } from './currencies';

describe('ISO 4217 currencies', () => {
  it('knows active codes and their minor units', () => {
    expect(isCurrencyCode('EUR')).toBe(true);
    expect(minorUnitExponent('EUR')).toBe(2);
    expect(minorUnitExponent('JPY')).toBe(0);
    expect(minorUnitExponent('BHD')).toBe(3);
  });

  it('knows nothing of unknown codes, lower case or inherited properties', () => {
    expect(isCurrencyCode('eur')).toBe(false);
    expect(isCurrencyCode('toString')).toBe(false);
    expect(minorUnitExponent('XAU')).toBeUndefined();
  });

  it('lists three-letter upper-case codes', () => {
    expect(CURRENCY_CODES.every((code) => /^[A-Z]{3}$/.test(code))).toBe(true);
  });
});
