/**
 * Planning a recompute: from each outcome's measurements, its latest value, attainment, forecast and status
 * (the core's `assessOutcome`, due date by `dueDateOf`), then each initiative's Outcome_Health__c from its
 * primary outcomes' new statuses (`outcomeHealth`). Only fields whose value changed are planned for writing,
 * each record with the reason a person can read. Pure: the command fetches, this decides.
 */
import { dueDateOf, type OutcomeDeadline } from '../deadline.js';
import type { IsoDate } from '../dates.js';
import { outcomeHealth } from '../health.js';
import { Initiative, OutcomeRequirement, fieldsOf, type OutcomeHealth, type OutcomeStatus, type Priority } from '../model.js';
import { roundTo } from '../numbers.js';
import type { OutcomeQuantity } from '../quantity.js';
import { assessOutcome, assessmentFields, type DatedValue, type OutcomeAssessment } from '../trajectory.js';
import { planFeeUpdates, type FeePlan, type RecomputeFee } from './fees.js';

const O = fieldsOf(OutcomeRequirement);
const I = fieldsOf(Initiative);

/** The computed fields a recompute owns, with the decimals the org keeps (values equal at that scale are unchanged). */
export const COMPUTED_OUTCOME_FIELDS = [
  O.Latest_Value__c,
  O.Latest_Measured_On__c,
  O.Attainment_Percent__c,
  O.Forecast_At_Deadline__c,
  O.Forecast_Attainment_Percent__c,
  O.Status__c,
] as const;
export type ComputedOutcomeField = (typeof COMPUTED_OUTCOME_FIELDS)[number];
type ComputedValues = { [F in ComputedOutcomeField]: F extends typeof O.Status__c ? OutcomeStatus | null : number | string | null };

const SCALE: Partial<Record<ComputedOutcomeField, number>> = {
  [O.Latest_Value__c]: OutcomeRequirement.fields.Latest_Value__c.scale,
  [O.Attainment_Percent__c]: OutcomeRequirement.fields.Attainment_Percent__c.scale,
  [O.Forecast_At_Deadline__c]: OutcomeRequirement.fields.Forecast_At_Deadline__c.scale,
  [O.Forecast_Attainment_Percent__c]: OutcomeRequirement.fields.Forecast_Attainment_Percent__c.scale,
};

/** An outcome as a recompute reads it: quantity, deadline, last computed values, its initiative's dates and its measurements. */
export type RecomputeOutcome = OutcomeQuantity &
  OutcomeDeadline & {
    Id: string;
    Name: string | null;
    Description__c: string | null;
    Initiative__c: string;
    Priority__c: Priority | null;
    Baseline_Date__c: IsoDate | null;
    Latest_Value__c: number | null;
    Latest_Measured_On__c: IsoDate | null;
    Attainment_Percent__c: number | null;
    Forecast_At_Deadline__c: number | null;
    Forecast_Attainment_Percent__c: number | null;
    Status__c: OutcomeStatus | null;
    goLiveDate: IsoDate | null;
    handoverDate: IsoDate | null;
    measurements: readonly DatedValue[];
  };

export type RecomputeInitiative = { Id: string; Name: string | null; Outcome_Health__c: OutcomeHealth | null };

export type RecomputeOptions = { asOf: IsoDate; atRiskThresholdPercent?: number };

/** How a `RecomputePlanner` takes its outcomes, and how much of each update it keeps. */
export type PlannerOptions = RecomputeOptions & {
  /** The outcomes arrive ordered by initiative (each initiative's outcomes together). */
  grouped?: boolean;
  /**
   * Outcome updates that keep their reason; later ones keep an empty reason, only what is written and who they are
   * (the first are the ones a result lists). A reason is a hundred characters and more built in parts: most of the
   * memory of a plan of 100,000 updates. All by default. (Initiatives share a few reasons, kept once each.)
   */
  reasonsKept?: number;
};

export type OutcomeUpdate = {
  id: string;
  name: string | null;
  initiativeId: string;
  oldStatus: OutcomeStatus | null;
  newStatus: OutcomeStatus;
  /** Only the fields whose value changed, with their new value (null clears a value that no longer holds). */
  fields: Partial<ComputedValues>;
  /** Why the outcome stands where it does (the assessment's reason); empty past the planner's `reasonsKept`. */
  reason: string;
};

export type HealthUpdate = {
  id: string;
  name: string | null;
  oldHealth: OutcomeHealth | null;
  newHealth: OutcomeHealth;
  reason: string;
};

export type RecomputePlan = {
  outcomeUpdates: OutcomeUpdate[];
  /** Outcomes whose computed fields already hold the computed values. */
  outcomesUnchanged: number;
  healthUpdates: HealthUpdate[];
  initiativesUnchanged: number;
} & FeePlan;

/** A value as the org would store it: numbers at the field's scale, blanks as null. */
function stored(field: ComputedOutcomeField, value: unknown): number | string | null {
  if (value === null || value === undefined) return null;
  const scale = SCALE[field];
  return scale === undefined || typeof value !== 'number' ? (value as string) : roundTo(value, scale);
}

export function planRecompute(
  outcomes: readonly RecomputeOutcome[],
  initiatives: readonly RecomputeInitiative[],
  options: RecomputeOptions,
  fees: readonly RecomputeFee[] = [],
): RecomputePlan {
  const planner = new RecomputePlanner(initiatives, options, fees);
  for (const outcome of outcomes) planner.add(outcome);
  return planner.finish();
}

type HealthInput = { Priority__c: Priority | null; Status__c: OutcomeStatus };

/**
 * `planRecompute` one outcome at a time, for a book read page by page: each outcome is assessed as it arrives and
 * only what is to be written is kept (its changed fields), not its measurements. An initiative's health needs all
 * its outcomes: with `grouped` (the outcomes arrive ordered by initiative, as the recompute query sorts them) an
 * initiative is settled as soon as the next one's outcomes begin, so only one initiative's statuses are held;
 * without it every initiative waits for `finish`. Of the assessments, only those of outcomes with fees at risk are
 * kept, for the fees' plan.
 */
export class RecomputePlanner {
  private readonly outcomeUpdates: OutcomeUpdate[] = [];
  private outcomesUnchanged = 0;
  /** Initiatives not yet settled, by Id; an initiative with no outcome is settled by `finish`. */
  private readonly unsettled: Map<string, RecomputeInitiative>;
  /** New statuses of the outcomes of initiatives still open (with `grouped`, only the current one's). */
  private readonly open = new Map<string, HealthInput[]>();
  private readonly healthChanges = new Map<string, HealthUpdate>();
  private readonly healthReasons = new Map<string, string>();
  private current: string | null = null;
  /** With `grouped`, the initiatives settled (a Set of Ids the initiatives already hold: small). */
  private readonly settled = new Set<string>();
  private readonly feeOutcomes: ReadonlySet<string>;
  private readonly assessments = new Map<string, OutcomeAssessment>();
  private readonly grouped: boolean;
  private readonly reasonsKept: number;

  public constructor(
    private readonly initiatives: readonly RecomputeInitiative[],
    private readonly options: PlannerOptions,
    private readonly fees: readonly RecomputeFee[] = [],
  ) {
    this.grouped = options.grouped ?? false;
    this.reasonsKept = options.reasonsKept ?? Number.POSITIVE_INFINITY;
    this.unsettled = new Map(initiatives.map((i) => [i.Id, i]));
    this.feeOutcomes = new Set(fees.map((f) => f.Outcome_Requirement__c));
  }

  public add(outcome: RecomputeOutcome): void {
    const { asOf, atRiskThresholdPercent } = this.options;
    const dueDate = dueDateOf(outcome, { goLiveDate: outcome.goLiveDate, handoverDate: outcome.handoverDate });
    const assessment = assessOutcome(outcome, outcome.measurements, { today: asOf, dueDate, atRiskThresholdPercent });
    // Each fee's outcome assessment, so its fees at risk are judged on the same attainment and forecast.
    if (this.feeOutcomes.has(outcome.Id)) this.assessments.set(outcome.Id, assessment);
    const computed = assessmentFields(assessment) as ComputedValues;
    const fields: Partial<ComputedValues> = {};
    for (const field of COMPUTED_OUTCOME_FIELDS) {
      const next = stored(field, computed[field]);
      if (next !== stored(field, outcome[field])) (fields as Record<string, unknown>)[field] = next;
    }
    if (this.grouped && this.current !== outcome.Initiative__c) {
      if (this.current !== null) this.settle(this.current);
      // Settled already: its health would be judged without these outcomes.
      if (this.settled.has(outcome.Initiative__c)) throw new Error(`outcomes of initiative ${outcome.Initiative__c} arrived apart: the recompute reads them ordered by initiative`);
      this.current = outcome.Initiative__c;
    }
    const statuses = this.open.get(outcome.Initiative__c) ?? [];
    statuses.push({ Priority__c: outcome.Priority__c, Status__c: assessment.status });
    this.open.set(outcome.Initiative__c, statuses);

    if (Object.keys(fields).length === 0) {
      this.outcomesUnchanged += 1;
      return;
    }
    this.outcomeUpdates.push({
      id: outcome.Id,
      name: outcome.Name,
      // The initiative's own Id string where it is read, not one more copy per outcome.
      initiativeId: this.unsettled.get(outcome.Initiative__c)?.Id ?? outcome.Initiative__c,
      oldStatus: outcome.Status__c,
      newStatus: assessment.status,
      fields,
      reason: this.outcomeUpdates.length < this.reasonsKept ? assessment.reason : '',
    });
  }

  /** Every outcome is in: the initiatives still open (and those with no outcome) are settled, then the fees planned. */
  public finish(): RecomputePlan {
    for (const id of [...this.open.keys()]) this.settle(id);
    for (const id of [...this.unsettled.keys()]) this.settle(id);
    const healthUpdates: HealthUpdate[] = [];
    let initiativesUnchanged = 0;
    for (const initiative of this.initiatives) {
      const update = this.healthChanges.get(initiative.Id);
      if (update) healthUpdates.push(update);
      else initiativesUnchanged += 1;
    }
    return {
      outcomeUpdates: this.outcomeUpdates,
      outcomesUnchanged: this.outcomesUnchanged,
      healthUpdates,
      initiativesUnchanged,
      ...planFeeUpdates(this.fees, this.assessments, this.options.asOf),
    };
  }

  /** A health reason as the one string of its words: thousands of initiatives share a few reasons. */
  private oneOf(reason: string): string {
    const known = this.healthReasons.get(reason);
    if (known !== undefined) return known;
    this.healthReasons.set(reason, reason);
    return reason;
  }

  /** An initiative's health from the new statuses of all its outcomes; kept only if it changes. */
  private settle(id: string): void {
    const statuses = this.open.get(id) ?? [];
    this.open.delete(id);
    const initiative = this.unsettled.get(id);
    // Outcomes of an initiative not recomputed (not read) change no health.
    if (!initiative) return;
    this.unsettled.delete(id);
    if (this.grouped) this.settled.add(id);
    const health = outcomeHealth(statuses);
    if (health === initiative.Outcome_Health__c) return;
    this.healthChanges.set(id, {
      id: initiative.Id,
      name: initiative.Name,
      oldHealth: initiative.Outcome_Health__c,
      newHealth: health,
      reason: this.oneOf(healthReason(statuses)),
    });
  }
}

/** "primary outcomes: 1 Off Track, 2 On Track", or why there is nothing to judge. */
function healthReason(statuses: ReadonlyArray<{ Priority__c: Priority | null; Status__c: OutcomeStatus }>): string {
  const primary = statuses.filter((s) => s.Priority__c === 'Primary');
  if (primary.length === 0) return `no primary outcome to judge ${I.Outcome_Health__c} by: mark the outcomes that matter most as Primary`;
  const counts = new Map<OutcomeStatus, number>();
  for (const { Status__c } of primary) counts.set(Status__c, (counts.get(Status__c) ?? 0) + 1);
  return `primary outcomes: ${[...counts].map(([status, count]) => `${count} ${status}`).join(', ')}`;
}

/** The record to send for an outcome update: its Id and only the changed fields. */
export function outcomeUpdateRecord(update: OutcomeUpdate): Record<string, unknown> {
  return { Id: update.id, ...update.fields };
}

/** The record to send for a health update. */
export function healthUpdateRecord(update: HealthUpdate): Record<string, unknown> {
  return { Id: update.id, [I.Outcome_Health__c]: update.newHealth };
}
