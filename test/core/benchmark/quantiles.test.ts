import { describe, expect, it } from '@jest/globals';
import { distributionOf, medianOf, quantile } from '../../../src/core/benchmark/quantiles.js';

describe('quantile (linear interpolation between closest ranks, h = (n − 1)·p)', () => {
  // Worked by hand: h, then x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋+1 − x⌊h⌋).
  it.each([
    // values, p25, median, p75, p90
    [[7], 7, 7, 7, 7],
    [[1, 2], 1.25, 1.5, 1.75, 1.9],
    [[1, 2, 3, 4], 1.75, 2.5, 3.25, 3.7], // h = 0.75, 1.5, 2.25, 2.7
    [[10, 20, 40, 80, 160], 20, 40, 80, 128], // h = 1, 2, 3, 3.6 → 80 + 0.6 × 80
    [[-5, 0, 5, 15, 30, 60], 1.25, 10, 26.25, 45], // h = 1.25, 2.5, 3.75, 4.5
  ])('%j → p25 %s, median %s, p75 %s, p90 %s', (values, p25, median, p75, p90) => {
    const sorted = [...values];
    expect([quantile(sorted, 0.25), quantile(sorted, 0.5), quantile(sorted, 0.75), quantile(sorted, 0.9)].map((q) => Math.round(q * 1e9) / 1e9)).toEqual([p25, median, p75, p90]);
  });

  it('gives the extremes at 0 and 1 and refuses what has no quantile', () => {
    expect([quantile([1, 5, 9], 0), quantile([1, 5, 9], 1)]).toEqual([1, 9]);
    expect(() => quantile([], 0.5)).toThrow('quantile of no values');
    expect(() => quantile([1], 1.5)).toThrow('[0, 1]');
  });
});

describe('distributionOf', () => {
  it('sorts, counts and rounds to 0.1 point (half away from zero)', () => {
    expect(distributionOf([60, -5, 15, 0, 30, 5])).toEqual({ count: 6, p25: 1.3, median: 10, p75: 26.3, p90: 45 });
  });
});

describe('medianOf', () => {
  it('is the middle value, or the mean of the two middle ones', () => {
    expect(medianOf([3, 1, 2])).toBe(2);
    expect(medianOf([4, 1, 3, 2])).toBe(2.5);
  });
});
