/**
 * The domain core alone, without any org: due date, attainment and trajectory (assessOutcome) of every outcome over
 * its measurements — what recompute spends between fetching and writing. Outcomes come from the sample generator,
 * measurements are spread over them weekly going back from today.
 */
import { dueDateOf } from '../src/core/deadline.js';
import { assessOutcome, type AssessedOutcome, type DatedValue } from '../src/core/trajectory.js';
import type { DeadlineType, Direction, OutcomeStatus, QuantityType } from '../src/core/model.js';
import { generateSampleData } from '../local-org/src/sample/generate.js';
import { addDays } from '../local-org/src/sample/dates.js';
import { createRandom, deriveSeed } from '../local-org/src/sample/random.js';

/** The generator makes about 0.7 outcome per opportunity (1,444 from 2,000): ask for enough, with a margin. */
const OUTCOMES_PER_OPPORTUNITY = 0.7;
const MARGIN = 1.15;
const TIMED_RUNS = 5;

type CoreOutcome = AssessedOutcome & {
  Deadline_Type__c: DeadlineType | null;
  Deadline_Date__c: string | null;
  Deadline_Offset_Months__c: number | null;
  start: string;
  measurements: DatedValue[];
};

export type CoreResult = {
  outcomes: number;
  measurements: number;
  runs: number;
  bestMs: number;
  medianMs: number;
  /** Microseconds per outcome and per measurement, from the median run. */
  microsPerOutcome: number;
  microsPerMeasurement: number;
  statuses: Partial<Record<OutcomeStatus, number>>;
};

export function buildCoreInput(options: { outcomes: number; measurements: number; today: string; seed: number }): CoreOutcome[] {
  const data = generateSampleData({ seed: options.seed, opportunities: Math.ceil((options.outcomes / OUTCOMES_PER_OPPORTUNITY) * MARGIN), today: options.today });
  const records = data.records.Outcome_Requirement__c;
  if (records.length < options.outcomes) throw new Error(`The generator gave ${records.length} outcomes; the core benchmark needs ${options.outcomes}`);
  const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);
  const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
  const outcomes: CoreOutcome[] = records.slice(0, options.outcomes).map((r, index) => ({
    Quantity_Type__c: text(r.Quantity_Type__c) as QuantityType | null,
    Direction__c: text(r.Direction__c) as Direction | null,
    Baseline_Value__c: num(r.Baseline_Value__c),
    Target_Value__c: num(r.Target_Value__c),
    Deadline_Type__c: text(r.Deadline_Type__c) as DeadlineType | null,
    Deadline_Date__c: text(r.Deadline_Date__c),
    Deadline_Offset_Months__c: num(r.Deadline_Offset_Months__c),
    start: data.outcomeProfiles[index].start,
    measurements: [],
  }));
  const rng = createRandom(deriveSeed(options.seed, 'core-benchmark'));
  const weeks = Math.ceil(options.measurements / outcomes.length);
  for (let index = 0; index < options.measurements; index++) {
    const outcome = outcomes[index % outcomes.length];
    const profile = data.outcomeProfiles[index % outcomes.length];
    const week = Math.floor(index / outcomes.length);
    // Oldest week at the baseline, this week most of the way to the target, with some noise.
    const progress = 0.9 * (1 - week / Math.max(1, weeks - 1));
    const span = profile.targetValue - profile.baseline;
    const value = profile.baseline + progress * span + (rng.next() - 0.5) * 0.1 * Math.abs(span);
    outcome.measurements.push({ Measured_On__c: addDays(options.today, -7 * week), Value__c: Number(value.toFixed(4)) });
  }
  return outcomes;
}

function assessAll(outcomes: readonly CoreOutcome[], today: string): Partial<Record<OutcomeStatus, number>> {
  const statuses: Partial<Record<OutcomeStatus, number>> = {};
  for (const outcome of outcomes) {
    const dueDate = dueDateOf(outcome, { goLiveDate: outcome.start, handoverDate: outcome.start });
    const { status } = assessOutcome(outcome, outcome.measurements, { today, dueDate });
    statuses[status] = (statuses[status] ?? 0) + 1;
  }
  return statuses;
}

/** One warm-up run, then the best and the median of five timed runs. */
export function benchCore(options: { outcomes: number; measurements: number; today: string; seed: number }): CoreResult {
  const outcomes = buildCoreInput(options);
  const statuses = assessAll(outcomes, options.today);
  const times: number[] = [];
  for (let run = 0; run < TIMED_RUNS; run++) {
    const started = performance.now();
    assessAll(outcomes, options.today);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const medianMs = times[Math.floor(times.length / 2)];
  const measurements = outcomes.reduce((sum, o) => sum + o.measurements.length, 0);
  return {
    outcomes: outcomes.length,
    measurements,
    runs: TIMED_RUNS,
    bestMs: times[0],
    medianMs,
    microsPerOutcome: (medianMs * 1000) / outcomes.length,
    microsPerMeasurement: (medianMs * 1000) / measurements,
    statuses,
  };
}
