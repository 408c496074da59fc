import { ANY, NO_STREAM } from '@eventstore/db-client';
import { revisionToVersion, toExpectedRevision } from './revisions';

describe('expected versions and revisions', () => {
  it('maps the port expected version to the client revision', () => {
    expect(toExpectedRevision('no-stream')).toBe(NO_STREAM);
    expect(toExpectedRevision('any')).toBe(ANY);
    expect(toExpectedRevision(0)).toBe(0n);
    expect(toExpectedRevision(41)).toBe(41n);
  });

  it.each([-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1])(
    'refuses the expected version %p',
    (v) => {
      expect(() => toExpectedRevision(v)).toThrow(RangeError);
    },
  );

  it('turns revisions into versions, refusing any it cannot hold exactly', () => {
    expect(revisionToVersion(0n)).toBe(0);
    expect(revisionToVersion(BigInt(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => revisionToVersion(BigInt(Number.MAX_SAFE_INTEGER) + 1n)).toThrow(RangeError);
    expect(() => revisionToVersion(-1n)).toThrow(RangeError);
  });
});
