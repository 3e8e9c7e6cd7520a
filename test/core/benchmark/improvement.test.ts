import { describe, expect, it } from '@jest/globals';
import { betterDirectionOf, improvementOf, improvementPercent } from '../../../src/core/benchmark/improvement.js';
import { DIRECTIONS, QUANTITY_TYPES, type Direction, type QuantityType } from '../../../src/core/model.js';

const outcome = (direction: Direction | null, quantityType: QuantityType | null, baseline: number | null, latestValue: number | null, forecastValue: number | null = null) => ({
  Direction__c: direction,
  Quantity_Type__c: quantityType,
  Baseline_Value__c: baseline,
  latestValue,
  forecastValue,
});

describe('improvementPercent', () => {
  it.each<[number, number, 'Higher' | 'Lower', number]>([
    // baseline, value, better, expected: worked by hand
    [30, 24, 'Lower', 20], // order cycle time 30 → 24 days: 20% better
    [30, 36, 'Lower', -20], // … → 36 days: 20% worse
    [60, 75, 'Higher', 25], // first-contact resolution 60 → 75%: 25% better
    [60, 54, 'Higher', -10],
    [8, 8, 'Higher', 0],
    [-200, -170, 'Higher', 15], // a negative baseline measures change against its size, as quantity.ts does
    [-200, -230, 'Lower', 15],
    [3, 1, 'Lower', 66.67], // rounded to 0.01
  ])('baseline %s, value %s, %s is better → %s%%', (baseline, value, better, expected) => {
    expect(improvementPercent(baseline, value, better)).toBe(expected);
  });

  it('has no relative change from a zero baseline', () => {
    expect(improvementPercent(0, 5, 'Higher')).toBeNull();
  });
});

describe('improvementOf, for every direction and quantity type', () => {
  // Each direction with the KPI it agrees with: the same result whatever the quantity type, since a Relative % outcome
  // is measured in the same unit as its baseline (the percentage is only how its target is written).
  const agreeing: Array<[Direction, 'Higher' | 'Lower', number, number, number]> = [
    ['Increase', 'Higher', 50, 60, 20],
    ['At Least', 'Higher', 50, 60, 20],
    ['Decrease', 'Lower', 50, 40, 20],
    ['At Most', 'Lower', 50, 40, 20],
  ];
  for (const quantityType of QUANTITY_TYPES) {
    it.each(agreeing)(`${quantityType}: %s on a KPI where %s is better, baseline %s → %s is %s%% better`, (direction, better, baseline, value, expected) => {
      expect(improvementOf(outcome(direction, quantityType, baseline, value), better)).toEqual({ ok: true, latest: expected, forecast: null });
    });
  }

  it('normalises the forecast as it normalises the latest value', () => {
    expect(improvementOf(outcome('Decrease', 'Relative_Percent', 40, 36, 30), 'Lower')).toEqual({ ok: true, latest: 10, forecast: 25 });
    expect(improvementOf(outcome('Increase', 'Absolute', 40, null, 50), 'Higher')).toEqual({ ok: true, latest: null, forecast: 25 });
  });

  it('takes the KPI’s direction when the outcome states none', () => {
    expect(improvementOf(outcome(null, null, 10, 12), 'Higher')).toEqual({ ok: true, latest: 20, forecast: null });
    expect(improvementOf(outcome(null, null, 10, 12), 'Lower')).toEqual({ ok: true, latest: -20, forecast: null });
  });

  it.each(DIRECTIONS.flatMap((d) => (['Higher', 'Lower'] as const).map((b) => [d, b] as const)).filter(([d, b]) => betterDirectionOf(d) !== b))(
    'refuses %s on a KPI where %s is better: the outcome contradicts its KPI',
    (direction, better) => {
      const result = improvementOf(outcome(direction, 'Absolute', 10, 12), better);
      expect(result).toEqual({ ok: false, reason: expect.stringContaining(`its direction ${direction} contradicts the KPI`) });
    },
  );

  it('says why an outcome cannot be compared', () => {
    expect(improvementOf(outcome('At Most', 'Absolute', null, 5), 'Lower')).toEqual({ ok: false, reason: 'it has no baseline to measure improvement from' });
    expect(improvementOf(outcome('Increase', 'Absolute', 0, 5), 'Higher')).toEqual({ ok: false, reason: 'its baseline is 0, so a relative improvement does not exist' });
    expect(improvementOf(outcome('Increase', 'Absolute', 10, null, null), 'Higher')).toEqual({ ok: false, reason: 'it has no measurement yet' });
  });
});
