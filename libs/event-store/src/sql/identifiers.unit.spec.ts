import { advisoryKey } from './advisory-key';
import { assertSchemaName } from './identifiers';

describe('advisory keys and identifiers', () => {
  it('derives a stable signed 64-bit key per name', () => {
    const key = advisoryKey('consumers:lease:s:calendar');
    expect(key).toBe(advisoryKey('consumers:lease:s:calendar'));
    expect(key).not.toBe(advisoryKey('consumers:lease:s:reporting'));
    const value = BigInt(key);
    expect(value >= -(2n ** 63n) && value < 2n ** 63n).toBe(true);
  });

  it('lets only plain identifiers into SQL', () => {
    expect(assertSchemaName('read_models_1')).toBe('read_models_1');
    expect(() => assertSchemaName('x; DROP TABLE y')).toThrow();
    expect(() => assertSchemaName('Upper')).toThrow();
  });
});
