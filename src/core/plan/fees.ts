/**
 * Planning the fee fields of a recompute: for each fee at risk, its position (`assessFee`) from its outcome's
 * assessment, which the recompute has just made; only the fields whose stored value differs are planned, each fee
 * with the reason a person can read. Pure.
 */
import type { IsoDate } from '../dates.js';
import { assessFee, feePositionFields, type FeeTerms } from '../fee.js';
import { FeeAtRisk, fieldsOf, type FeeStatus } from '../model.js';
import { roundTo } from '../numbers.js';
import type { OutcomeAssessment } from '../trajectory.js';

const FA = fieldsOf(FeeAtRisk);

export const COMPUTED_FEE_FIELDS = [FA.Earned_To_Date__c, FA.Forecast_To_Earn__c, FA.Forfeited__c, FA.Status__c] as const;
export type ComputedFeeField = (typeof COMPUTED_FEE_FIELDS)[number];

/** A fee as a recompute reads it: its terms, tiers, outcome and what was computed last time. */
export type RecomputeFee = FeeTerms & {
  Id: string;
  Name: string | null;
  Outcome_Requirement__c: string;
  Earned_To_Date__c: number | null;
  Forecast_To_Earn__c: number | null;
  Forfeited__c: number | null;
  Status__c: FeeStatus | null;
};

export type FeeUpdate = {
  id: string;
  name: string | null;
  outcomeId: string;
  oldStatus: FeeStatus | null;
  newStatus: FeeStatus;
  /** Only the fields whose value changed, with their new value. */
  fields: Partial<Record<ComputedFeeField, number | string | null>>;
  reason: string;
};

export type FeePlan = {
  feeUpdates: FeeUpdate[];
  feesUnchanged: number;
  /** Fees whose outcome was not assessed (not in the recompute's scope): left as they are. */
  feesSkipped: number;
};

/** Currency fields keep two decimals: values equal at that scale are unchanged. */
function stored(value: unknown): number | string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'number' ? roundTo(value, 2) : (value as string);
}

export function planFeeUpdates(fees: readonly RecomputeFee[], assessments: ReadonlyMap<string, OutcomeAssessment>, asOf: IsoDate): FeePlan {
  const plan: FeePlan = { feeUpdates: [], feesUnchanged: 0, feesSkipped: 0 };
  for (const fee of fees) {
    const assessment = assessments.get(fee.Outcome_Requirement__c);
    if (!assessment) {
      plan.feesSkipped += 1;
      continue;
    }
    const position = assessFee(fee, assessment, asOf);
    const computed = feePositionFields(position) as Record<ComputedFeeField, number | string | null>;
    const fields: FeeUpdate['fields'] = {};
    for (const field of COMPUTED_FEE_FIELDS) {
      const next = stored(computed[field]);
      if (next !== stored(fee[field])) fields[field] = next;
    }
    if (Object.keys(fields).length === 0) {
      plan.feesUnchanged += 1;
      continue;
    }
    plan.feeUpdates.push({
      id: fee.Id,
      name: fee.Name,
      outcomeId: fee.Outcome_Requirement__c,
      oldStatus: fee.Status__c,
      newStatus: position.status,
      fields,
      reason: position.reason,
    });
  }
  return plan;
}

/** The record to send for a fee update: its Id and only the changed fields. */
export function feeUpdateRecord(update: FeeUpdate): Record<string, unknown> {
  return { Id: update.id, ...update.fields };
}
