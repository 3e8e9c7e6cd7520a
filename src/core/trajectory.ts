/**
 * Where an outcome stands and where it is heading: latest value, attainment, the forecast at the due
 * date, and the status with a reason a CSM can read (docs/design.md, "Rules of the domain": Trajectory).
 */
import { addMonths, compareDates, isAfter, isBefore, toDayNumber, type IsoDate } from './dates.js';
import { fieldsOf, OutcomeRequirement, type OutcomeStatus } from './model.js';
import { roundTo } from './numbers.js';
import { attainmentOf, isProgressDirection, meetsTarget, quantityProblem, resolvedTarget, type OutcomeQuantity } from './quantity.js';

const F = fieldsOf(OutcomeRequirement);

export const DEFAULT_AT_RISK_THRESHOLD_PERCENT = 80;
/** The forecast line is fitted through the measurements of this many months up to the latest one. */
export const FORECAST_WINDOW_MONTHS = 12;

export type DatedValue = { readonly Measured_On__c: IsoDate; readonly Value__c: number };

export type AssessedOutcome = OutcomeQuantity & { readonly Baseline_Date__c?: IsoDate | null };

export type AssessmentOptions = {
  readonly today: IsoDate;
  readonly dueDate: IsoDate | null;
  readonly atRiskThresholdPercent?: number;
};

export type OutcomeAssessment = {
  readonly status: OutcomeStatus;
  readonly reason: string;
  readonly latestValue: number | null;
  readonly latestMeasuredOn: IsoDate | null;
  /** Rounded to 0.1. */
  readonly attainmentPercent: number | null;
  /** The projected value at the due date, rounded to 4 decimals (the field's scale). */
  readonly forecastValue: number | null;
  readonly forecastAttainmentPercent: number | null;
  /** Measurements judged: those on or after Baseline_Date__c. */
  readonly measurementCount: number;
  /** Measurements dated before Baseline_Date__c: history, not progress. */
  readonly ignoredBeforeBaseline: number;
  readonly targetValue: number | null;
  readonly dueDate: IsoDate | null;
};

export function assessOutcome(
  outcome: AssessedOutcome,
  measurements: readonly DatedValue[],
  { today, dueDate, atRiskThresholdPercent = DEFAULT_AT_RISK_THRESHOLD_PERCENT }: AssessmentOptions,
): OutcomeAssessment {
  const baselineDate = outcome.Baseline_Date__c ?? null;
  const counted = baselineDate ? measurements.filter((m) => !isBefore(m.Measured_On__c, baselineDate)) : [...measurements];
  const ignoredBeforeBaseline = measurements.length - counted.length;
  const targetValue = resolvedTarget(outcome);
  const blank = {
    latestValue: null,
    latestMeasuredOn: null,
    attainmentPercent: null,
    forecastValue: null,
    forecastAttainmentPercent: null,
    measurementCount: counted.length,
    ignoredBeforeBaseline,
    targetValue,
    dueDate,
  };

  const latest = latestOf(counted);
  if (!latest) {
    const history = ignoredBeforeBaseline > 0 ? ` on or after the baseline date ${String(baselineDate)} (${ignoredBeforeBaseline} earlier ignored as history)` : '';
    return { ...blank, status: 'No Data', reason: `No measurements${history}: log one to judge this outcome` };
  }
  const latestValues = { latestValue: latest.Value__c, latestMeasuredOn: latest.Measured_On__c };

  const problem = quantityProblem(outcome);
  if (targetValue === null || problem !== null) {
    return { ...blank, ...latestValues, status: 'No Data', reason: `Cannot judge the measurements: ${problem ?? 'no target'}` };
  }

  const attainmentPercent = roundTo(attainmentOf(outcome, latest.Value__c) as number, 1);
  const forecastValue = dueDate === null ? null : forecastValueAt(counted, dueDate);
  const forecastAttainmentPercent = forecastValue === null ? null : roundTo(attainmentOf(outcome, forecastValue) as number, 1);
  const numbers = { ...blank, ...latestValues, attainmentPercent, forecastValue, forecastAttainmentPercent };
  const latestText = `latest value ${latest.Value__c} (${latest.Measured_On__c})`;
  const targetText = `the target ${targetValue}`;

  if (meetsTarget(outcome, latest.Value__c)) {
    return { ...numbers, status: 'Attained', reason: `Attained: ${latestText} meets ${targetText} (${attainmentPercent}% attainment)` };
  }
  if (dueDate !== null && isAfter(today, dueDate)) {
    return { ...numbers, status: 'Missed', reason: `Missed: due ${dueDate} and not met; ${latestText} against ${targetText} (${attainmentPercent}% attainment)` };
  }

  if (forecastValue !== null && forecastAttainmentPercent !== null) {
    const forecastText = `the forecast ${forecastValue} at the due date ${String(dueDate)}`;
    if (meetsTarget(outcome, forecastValue)) {
      return { ...numbers, status: 'On Track', reason: `On Track: ${forecastText} meets ${targetText}` };
    }
    const level = forecastAttainmentPercent >= atRiskThresholdPercent ? 'At Risk' : 'Off Track';
    return {
      ...numbers,
      status: level,
      reason: `${level}: ${forecastText} ${progressText(outcome, forecastAttainmentPercent, targetValue, atRiskThresholdPercent)}`,
    };
  }

  // Without a forecast the latest value stands in for the future, as if it stayed flat.
  const why = dueDate === null ? 'no due date' : `fewer than two measurement dates in the ${FORECAST_WINDOW_MONTHS} months up to the latest`;
  const level = attainmentPercent >= atRiskThresholdPercent ? 'At Risk' : 'Off Track';
  return {
    ...numbers,
    status: level,
    reason: `${level}: no forecast (${why}), so judged as if the ${latestText} stayed flat: it ${progressText(outcome, attainmentPercent, targetValue, atRiskThresholdPercent)}`,
  };
}

function progressText(outcome: AssessedOutcome, percent: number, target: number, threshold: number): string {
  if (!isProgressDirection(outcome.Direction__c)) return `does not meet the limit ${target} (${String(outcome.Direction__c)})`;
  const side = percent >= threshold ? 'at or above' : 'below';
  return `is ${percent}% of the way from the baseline ${String(outcome.Baseline_Value__c)} to the target ${target}, ${side} the ${threshold}% threshold`;
}

/** The latest-dated measurement; of several on that date, the last one given. */
export function latestOf<M extends DatedValue>(measurements: readonly M[]): M | null {
  let latest: M | null = null;
  for (const measurement of measurements) {
    if (latest === null || compareDates(measurement.Measured_On__c, latest.Measured_On__c) >= 0) latest = measurement;
  }
  return latest;
}

/**
 * The value at `date` on the least-squares line through the measurements dated within the
 * 12 months (ADDMONTHS −12, inclusive: two annual surveys still make a line) up to the latest one.
 * Null with fewer than two distinct dates there. Rounded to 4 decimals.
 */
export function forecastValueAt(measurements: readonly DatedValue[], date: IsoDate): number | null {
  const latest = latestOf(measurements);
  if (!latest) return null;
  const windowStart = addMonths(latest.Measured_On__c, -FORECAST_WINDOW_MONTHS);
  const points = measurements
    .filter((m) => !isBefore(m.Measured_On__c, windowStart))
    .map((m) => ({ x: toDayNumber(m.Measured_On__c), y: m.Value__c }));
  if (new Set(points.map((p) => p.x)).size < 2) return null;

  const meanX = points.reduce((sum, p) => sum + p.x, 0) / points.length;
  const meanY = points.reduce((sum, p) => sum + p.y, 0) / points.length;
  const covariance = points.reduce((sum, p) => sum + (p.x - meanX) * (p.y - meanY), 0);
  const variance = points.reduce((sum, p) => sum + (p.x - meanX) ** 2, 0);
  const slopePerDay = covariance / variance;
  return roundTo(meanY + slopePerDay * (toDayNumber(date) - meanX), 4);
}

/** The computed fields of Outcome_Requirement__c that an assessment sets. */
export function assessmentFields(assessment: OutcomeAssessment): {
  Latest_Value__c: number | null;
  Latest_Measured_On__c: IsoDate | null;
  Attainment_Percent__c: number | null;
  Forecast_At_Deadline__c: number | null;
  Forecast_Attainment_Percent__c: number | null;
  Status__c: OutcomeStatus;
} {
  return {
    [F.Latest_Value__c]: assessment.latestValue,
    [F.Latest_Measured_On__c]: assessment.latestMeasuredOn,
    [F.Attainment_Percent__c]: assessment.attainmentPercent,
    [F.Forecast_At_Deadline__c]: assessment.forecastValue,
    [F.Forecast_Attainment_Percent__c]: assessment.forecastAttainmentPercent,
    [F.Status__c]: assessment.status,
  };
}
