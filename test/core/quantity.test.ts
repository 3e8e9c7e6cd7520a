import { describe, expect, it, test } from '@jest/globals';
import {
  attainmentOf,
  meetsTarget,
  missingQuantityFields,
  quantityProblem,
  resolvedTarget,
  type OutcomeQuantity,
} from '../../src/core/quantity.js';

const relativeUplift: OutcomeQuantity = { Quantity_Type__c: 'Relative_Percent', Direction__c: 'Increase', Baseline_Value__c: 100, Target_Value__c: 15 };
const relativeReduction: OutcomeQuantity = { Quantity_Type__c: 'Relative_Percent', Direction__c: 'Decrease', Baseline_Value__c: 50, Target_Value__c: 20 };
const absoluteIncrease: OutcomeQuantity = { Quantity_Type__c: 'Absolute', Direction__c: 'Increase', Baseline_Value__c: 200, Target_Value__c: 300 };
const absoluteDecrease: OutcomeQuantity = { Quantity_Type__c: 'Absolute', Direction__c: 'Decrease', Baseline_Value__c: 10, Target_Value__c: 4 };
const atMost: OutcomeQuantity = { Quantity_Type__c: 'Absolute', Direction__c: 'At Most', Target_Value__c: 6 };
const atLeast: OutcomeQuantity = { Quantity_Type__c: 'Absolute', Direction__c: 'At Least', Target_Value__c: 99.9 };

describe('resolvedTarget', () => {
  test.each([
    ['15% uplift on 100', relativeUplift, 115],
    ['20% reduction on 50', relativeReduction, 40],
    ['35% uplift on 80', { ...relativeUplift, Baseline_Value__c: 80, Target_Value__c: 35 }, 108], // 80 + 28
    ['12.5% reduction on 0.8', { ...relativeReduction, Baseline_Value__c: 0.8, Target_Value__c: 12.5 }, 0.7], // 0.8 − 0.1
    ['15% uplift on a negative baseline −200 still goes up', { ...relativeUplift, Baseline_Value__c: -200 }, -170], // −200 + 15% of 200
    ['absolute increase', absoluteIncrease, 300],
    ['absolute decrease', absoluteDecrease, 4],
    ['at most', atMost, 6],
    ['at least', atLeast, 99.9],
  ])('%s → %p', (_, outcome, expected) => {
    expect(resolvedTarget(outcome)).toBe(expected);
  });

  it('is exact where binary floating point is not (100 × 1.15 would be 114.99999999999999)', () => {
    expect(resolvedTarget({ ...relativeUplift, Baseline_Value__c: 100, Target_Value__c: 15 })).toBe(115);
    expect(resolvedTarget({ ...relativeUplift, Baseline_Value__c: 0.1, Target_Value__c: 200 })).toBe(0.3);
  });

  test.each([
    ['no quantity type', { ...absoluteIncrease, Quantity_Type__c: null }, 'Quantity_Type__c'],
    ['no direction', { ...absoluteIncrease, Direction__c: undefined }, 'Direction__c'],
    ['no target', { ...absoluteIncrease, Target_Value__c: null }, 'Target_Value__c'],
    ['no baseline for a relative quantity', { ...relativeUplift, Baseline_Value__c: null }, 'Baseline_Value__c'],
    ['no baseline for an absolute decrease', { ...absoluteDecrease, Baseline_Value__c: null }, 'Baseline_Value__c'],
  ])('is null with %s, and the problem names the field', (_, outcome, field) => {
    expect(resolvedTarget(outcome)).toBeNull();
    expect(missingQuantityFields(outcome)).toEqual([field]);
    expect(quantityProblem(outcome)).toBe(`the quantity is incomplete: set ${field}`);
  });

  it('is null for a relative At Most, which has no meaning', () => {
    const outcome: OutcomeQuantity = { ...relativeUplift, Direction__c: 'At Most' };
    expect(resolvedTarget(outcome)).toBeNull();
    expect(quantityProblem(outcome)).toContain('Increase or Decrease');
  });

  it('is null when the target equals the baseline (no progress to measure)', () => {
    expect(resolvedTarget({ ...absoluteIncrease, Target_Value__c: 200 })).toBeNull();
    expect(resolvedTarget({ ...relativeUplift, Target_Value__c: 0 })).toBeNull();
    expect(quantityProblem({ ...absoluteIncrease, Target_Value__c: 200 })).toContain('the target equals the baseline (200)');
  });

  it('lists every missing field of an empty quantity, in the order to fill them', () => {
    expect(missingQuantityFields({})).toEqual(['Quantity_Type__c', 'Direction__c', 'Target_Value__c']);
    expect(missingQuantityFields({ Quantity_Type__c: 'Relative_Percent' })).toEqual(['Direction__c', 'Baseline_Value__c', 'Target_Value__c']);
    expect(missingQuantityFields(atMost)).toEqual([]);
  });
});

describe('attainmentOf', () => {
  test.each([
    // Increase: baseline 100 → target 115, a span of 15
    ['uplift at the baseline', relativeUplift, 100, 0],
    ['uplift at the target', relativeUplift, 115, 100],
    ['uplift 6 of 15', relativeUplift, 106, 40],
    ['uplift beyond the target', relativeUplift, 118, 120],
    ['uplift below the baseline', relativeUplift, 97, -20],
    // Decrease: baseline 50 → target 40, a span of −10
    ['reduction at the baseline', relativeReduction, 50, 0],
    ['reduction at the target', relativeReduction, 40, 100],
    ['reduction 8 of 10', relativeReduction, 42, 80],
    ['reduction beyond the target', relativeReduction, 35, 150],
    ['reduction going the wrong way', relativeReduction, 55, -50],
    // Absolute: 200 → 300 and 10 → 4
    ['absolute increase 250', absoluteIncrease, 250, 50],
    ['absolute decrease 7', absoluteDecrease, 7, 50],
    ['absolute decrease 1', absoluteDecrease, 1, 150],
    // Limits are met (100) or not (0)
    ['at most, below the limit', atMost, 4, 100],
    ['at most, at the limit', atMost, 6, 100],
    ['at most, above the limit', atMost, 6.5, 0],
    ['at least, above the limit', atLeast, 99.95, 100],
    ['at least, at the limit', atLeast, 99.9, 100],
    ['at least, below the limit', atLeast, 99.8, 0],
  ])('%s: value %p → %p%%', (_, outcome, value, expected) => {
    expect(attainmentOf(outcome, value)).toBeCloseTo(expected, 9);
  });

  it('is null while the quantity cannot be judged', () => {
    expect(attainmentOf({ ...absoluteIncrease, Baseline_Value__c: null }, 250)).toBeNull();
  });
});

describe('meetsTarget', () => {
  test.each([
    [relativeUplift, 115, true],
    [relativeUplift, 114.9999, false],
    [relativeReduction, 40, true],
    [relativeReduction, 40.0001, false],
    [absoluteIncrease, 301, true],
    [absoluteDecrease, 4.5, false],
    [atMost, 6, true],
    [atMost, 7, false],
    [atLeast, 100, true],
    [atLeast, 50, false],
  ])('%j with value %p → %p', (outcome, value, expected) => {
    expect(meetsTarget(outcome, value)).toBe(expected);
  });

  it('is false for an incomplete quantity', () => {
    expect(meetsTarget({ Direction__c: 'At Most' }, 0)).toBe(false);
  });
});
