/**
 * Quantiles of a benchmark group, by linear interpolation between closest ranks (Hyndman & Fan type 7, the default
 * of R, NumPy and Excel's PERCENTILE.INC): for sorted values x₀ … xₙ₋₁ and p in [0, 1], h = (n − 1)·p and
 * Q(p) = x⌊h⌋ + (h − ⌊h⌋)·(x⌊h⌋₊₁ − x⌊h⌋). Anyone pooling exported aggregates can reproduce them with a spreadsheet.
 */
import { roundTo } from '../numbers.js';

export type Distribution = {
  readonly count: number;
  readonly p25: number;
  readonly median: number;
  readonly p75: number;
  /** The best decile starts here: the 90th percentile in the better direction (improvements are signed so). */
  readonly p90: number;
};

export function quantile(sortedValues: readonly number[], p: number): number {
  if (sortedValues.length === 0) throw new Error('quantile of no values');
  if (p < 0 || p > 1) throw new Error(`quantile p must lie in [0, 1], got ${p}`);
  const h = (sortedValues.length - 1) * p;
  const below = Math.floor(h);
  const above = Math.min(below + 1, sortedValues.length - 1);
  return sortedValues[below] + (h - below) * (sortedValues[above] - sortedValues[below]);
}

/** Count and quartiles of the values, rounded to 0.1 percentage point (enough to compare, less to reverse-engineer). */
export function distributionOf(values: readonly number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  const q = (p: number): number => roundTo(quantile(sorted, p), 1);
  return { count: sorted.length, p25: q(0.25), median: q(0.5), p75: q(0.75), p90: q(0.9) };
}

/** The median of a customer's own outcomes of one KPI: one value per customer, so no customer counts twice. */
export function medianOf(values: readonly number[]): number {
  return quantile([...values].sort((a, b) => a - b), 0.5);
}
