/**
 * What an outcome's quantity means: the value to reach, and whether a value reaches it.
 *
 * Absolute: Target_Value__c is the value to reach. Relative %: Target_Value__c is a change in percent
 * of the baseline (baseline 100, "15% uplift" → 115; baseline 50, "20% reduction" → 40), i.e.
 * baseline × (1 ± p/100) for the usual positive baseline.
 */
import { withoutFloatNoise } from './numbers.js';
import { fieldsOf, OutcomeRequirement, type Direction, type QuantityType } from './model.js';

const F = fieldsOf(OutcomeRequirement);

export type OutcomeQuantity = {
  readonly Quantity_Type__c?: QuantityType | null;
  readonly Direction__c?: Direction | null;
  readonly Baseline_Value__c?: number | null;
  readonly Target_Value__c?: number | null;
};

/** Directions that measure progress from a baseline, as opposed to a limit that is met or not. */
export function isProgressDirection(direction: Direction | null | undefined): direction is 'Increase' | 'Decrease' {
  return direction === 'Increase' || direction === 'Decrease';
}

/**
 * The fields an outcome still needs before its target means anything, in the order to fill them.
 * Empty when the quantity is complete.
 */
export function missingQuantityFields(outcome: OutcomeQuantity): string[] {
  const missing: string[] = [];
  if (outcome.Quantity_Type__c == null) missing.push(F.Quantity_Type__c);
  if (outcome.Direction__c == null) missing.push(F.Direction__c);
  const needsBaseline = outcome.Quantity_Type__c === 'Relative_Percent' || isProgressDirection(outcome.Direction__c);
  if (needsBaseline && outcome.Baseline_Value__c == null) missing.push(F.Baseline_Value__c);
  if (outcome.Target_Value__c == null) missing.push(F.Target_Value__c);
  return missing;
}

/** The value to reach, or null while the quantity is incomplete or inconsistent (see `quantityProblem`). */
export function resolvedTarget(outcome: OutcomeQuantity): number | null {
  return quantityProblem(outcome) === null ? targetOf(outcome) : null;
}

/** Why the outcome's quantity cannot be judged, or null when it can. */
export function quantityProblem(outcome: OutcomeQuantity): string | null {
  const missing = missingQuantityFields(outcome);
  if (missing.length > 0) return `the quantity is incomplete: set ${missing.join(', ')}`;
  if (outcome.Quantity_Type__c === 'Relative_Percent' && !isProgressDirection(outcome.Direction__c)) {
    return `a Relative % quantity needs ${F.Direction__c} Increase or Decrease, not ${String(outcome.Direction__c)}`;
  }
  if (isProgressDirection(outcome.Direction__c) && targetOf(outcome) === outcome.Baseline_Value__c) {
    return `the target equals the baseline (${outcome.Baseline_Value__c}): set ${F.Target_Value__c} so there is progress to make`;
  }
  return null;
}

/**
 * Attainment in percent: for Increase/Decrease the progress from baseline (0) to target (100), which
 * may exceed 100 or go below 0; for At Most/At Least 100 when the value meets the limit, else 0.
 * Null when the quantity cannot be judged.
 */
export function attainmentOf(outcome: OutcomeQuantity, value: number): number | null {
  const target = resolvedTarget(outcome);
  if (target === null) return null;
  if (!isProgressDirection(outcome.Direction__c)) return meetsTarget(outcome, value) ? 100 : 0;
  const baseline = outcome.Baseline_Value__c as number;
  return ((value - baseline) / (target - baseline)) * 100;
}

/** Whether `value` reaches the target in the outcome's direction; false while the quantity cannot be judged. */
export function meetsTarget(outcome: OutcomeQuantity, value: number): boolean {
  const target = resolvedTarget(outcome);
  if (target === null) return false;
  switch (outcome.Direction__c) {
    case 'Increase':
    case 'At Least':
      return value >= target;
    case 'Decrease':
    case 'At Most':
      return value <= target;
    default:
      return false;
  }
}

function targetOf(outcome: OutcomeQuantity): number {
  const target = outcome.Target_Value__c as number;
  if (outcome.Quantity_Type__c !== 'Relative_Percent') return target;
  const baseline = outcome.Baseline_Value__c as number;
  // The percentage of the baseline's size, so an Increase of a negative baseline still goes up (−200 + 15% → −170).
  const change = (Math.abs(baseline) * target) / 100;
  return withoutFloatNoise(outcome.Direction__c === 'Decrease' ? baseline - change : baseline + change);
}
