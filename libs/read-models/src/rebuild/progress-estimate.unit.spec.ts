import { estimateSecondsLeft } from './progress-estimate';

describe('rebuild time left', () => {
  it('extrapolates the elapsed time over the share of positions covered', () => {
    expect(estimateSecondsLeft('1', '251', '1001', 10)).toBeCloseTo(30);
    expect(estimateSecondsLeft('1', '1001', '1001', 10)).toBe(0);
    expect(estimateSecondsLeft(undefined, '5', '10', 1)).toBeUndefined();
    expect(estimateSecondsLeft('1', '1', '10', 1)).toBeUndefined();
  });
});
