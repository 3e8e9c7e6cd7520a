/**
 * An outcome's result as improvement from its baseline in its KPI's better direction, in percent of the baseline,
 * so outcomes of one KPI compare across customers whatever their baselines, units or targets ("cut order cycle time
 * from 30 to 24 days" and "from 12 to 9 days" are 20% and 25% improvements).
 *
 * The value judged is what the trajectory computes (`assessOutcome` in trajectory.ts, stored on the outcome by the
 * recompute): the latest measurement, or the forecast at the due date. Relative % and absolute quantities are
 * measured in the same unit as their baseline, so they normalise alike; the outcome's own target does not matter,
 * only where the value stands against the baseline.
 */
import { BETTER_DIRECTIONS, type BetterDirection, type Direction } from '../model.js';
import { roundTo } from '../numbers.js';
import type { OutcomeQuantity } from '../quantity.js';

export type BenchmarkMeasure = 'latest' | 'forecast';
export const BENCHMARK_MEASURES: readonly BenchmarkMeasure[] = ['latest', 'forecast'];

export type ImprovementSource = Pick<OutcomeQuantity, 'Direction__c' | 'Quantity_Type__c' | 'Baseline_Value__c'> & {
  /** The latest measured value (Latest_Value__c, or the assessment's latestValue). */
  readonly latestValue: number | null;
  /** The projected value at the due date (Forecast_At_Deadline__c, or the assessment's forecastValue). */
  readonly forecastValue: number | null;
};

export type Improvement =
  | { readonly ok: true; readonly latest: number | null; readonly forecast: number | null }
  | { readonly ok: false; readonly reason: string };

/** Which way the outcome itself wants the value to move, as a better direction; null when it does not say. */
export function betterDirectionOf(direction: Direction | null | undefined): BetterDirection | null {
  switch (direction) {
    case 'Increase':
    case 'At Least':
      return 'Higher';
    case 'Decrease':
    case 'At Most':
      return 'Lower';
    default:
      return null;
  }
}

/**
 * (value − baseline) / |baseline| × 100, with the sign turned so that better is positive: +20 means 20% better
 * than the baseline, −5 means 5% worse. Null for a zero baseline (no relative change exists). Rounded to 0.01.
 */
export function improvementPercent(baseline: number, value: number, better: BetterDirection): number | null {
  if (baseline === 0) return null;
  const change = ((value - baseline) / Math.abs(baseline)) * 100;
  return roundTo(better === 'Higher' ? change : -change, 2);
}

/**
 * The outcome's improvement from the latest value and from the forecast, or why it cannot be compared: no
 * baseline, a zero baseline, or an outcome whose own direction contradicts its KPI (an Increase of a KPI where lower
 * is better is a data error to fix, not a result to benchmark).
 */
export function improvementOf(outcome: ImprovementSource, better: BetterDirection): Improvement {
  if (!BETTER_DIRECTIONS.includes(better)) return { ok: false, reason: `the KPI has no better direction` };
  const own = betterDirectionOf(outcome.Direction__c);
  if (own !== null && own !== better) {
    return { ok: false, reason: `its direction ${String(outcome.Direction__c)} contradicts the KPI, where ${better.toLowerCase()} is better` };
  }
  const baseline = outcome.Baseline_Value__c;
  if (baseline == null) return { ok: false, reason: 'it has no baseline to measure improvement from' };
  if (baseline === 0) return { ok: false, reason: 'its baseline is 0, so a relative improvement does not exist' };
  const of = (value: number | null): number | null => (value === null ? null : improvementPercent(baseline, value, better));
  const latest = of(outcome.latestValue);
  const forecast = of(outcome.forecastValue);
  if (latest === null && forecast === null) return { ok: false, reason: 'it has no measurement yet' };
  return { ok: true, latest, forecast };
}
