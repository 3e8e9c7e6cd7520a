/**
 * Fee at risk: the part of a fee that depends on an outcome, and what the outcome's attainment earns of it
 * (docs/design.md, "Fee at risk"). Attainment and forecast come from the outcome's assessment (trajectory.ts),
 * never recomputed here, so a fee and its outcome cannot disagree.
 */
import { isAfter, type IsoDate } from './dates.js';
import { FeeAtRisk, FeeTier, fieldsOf, type FeeStatus, type PayoutRule } from './model.js';
import { roundTo } from './numbers.js';
import type { OutcomeAssessment } from './trajectory.js';

const FA = fieldsOf(FeeAtRisk);
const FT = fieldsOf(FeeTier);

/** Percent fields come back from the API as percents (50 for 50%); blanks are null. */
export type FeeTierTerms = { readonly From_Attainment_Percent__c: number; readonly Payout_Percent__c: number };

export type FeeTerms = {
  readonly Amount_At_Risk__c: number;
  readonly Payout_Rule__c: PayoutRule;
  readonly Floor_Attainment_Percent__c?: number | null;
  readonly Cap_Percent__c?: number | null;
  readonly tiers?: readonly FeeTierTerms[];
};

/** The computed fields of Fee_At_Risk__c. */
export type FeePosition = {
  readonly earnedToDate: number;
  /** Null while there is nothing to forecast from (no measurement, or a quantity that cannot be judged). */
  readonly forecastToEarn: number | null;
  readonly forfeited: number;
  readonly status: FeeStatus;
  readonly reason: string;
};

/** Why the terms cannot be applied, or null when they can (the rules the org's validation rules cannot hold). */
export function feeTermsProblem(terms: FeeTerms): string | null {
  if (!(terms.Amount_At_Risk__c >= 0)) return `${FA.Amount_At_Risk__c} must be 0 or more`;
  if (terms.Payout_Rule__c === 'Linear') {
    const floor = terms.Floor_Attainment_Percent__c ?? 0;
    if (floor < 0 || floor >= 100) return `${FA.Floor_Attainment_Percent__c} must be from 0% up to below 100%, got ${floor}%`;
    const cap = terms.Cap_Percent__c ?? 100;
    if (cap < 100) return `${FA.Cap_Percent__c} must be 100% or more, got ${cap}%`;
  }
  if (terms.Payout_Rule__c === 'Tiered') {
    const tiers = sortedTiers(terms.tiers ?? []);
    if (tiers.length === 0) return `the Tiered rule has no ${FeeTier.apiName} records: add the tiers (from attainment → payout)`;
    for (let i = 1; i < tiers.length; i++) {
      const [before, tier] = [tiers[i - 1], tiers[i]];
      if (tier.From_Attainment_Percent__c === before.From_Attainment_Percent__c) {
        return `two tiers start at ${tier.From_Attainment_Percent__c}% attainment: keep one`;
      }
      if (tier.Payout_Percent__c < before.Payout_Percent__c) {
        return `the tier from ${tier.From_Attainment_Percent__c}% pays less (${tier.Payout_Percent__c}%) than the tier from ${before.From_Attainment_Percent__c}% (${before.Payout_Percent__c}%): a higher attainment must not pay less`;
      }
    }
    if (tiers.some((t) => t.From_Attainment_Percent__c < 0 || t.Payout_Percent__c < 0)) {
      return `${FT.From_Attainment_Percent__c} and ${FT.Payout_Percent__c} of a tier cannot be negative`;
    }
  }
  return null;
}

/**
 * The share of the amount at risk (in percent) that an attainment earns:
 * - All or Nothing: 100 once the target is met (attainment ≥ 100), else 0;
 * - Linear: 0 below the floor (default 0), then a straight line from 0 at the floor to 100 at the target,
 *   continuing above the target up to the cap (default 100);
 * - Tiered: the payout of the highest tier whose "from" the attainment reaches; 0 below the first.
 * Null attainment earns nothing.
 */
export function payoutSharePercent(terms: FeeTerms, attainmentPercent: number | null): number {
  if (attainmentPercent === null) return 0;
  switch (terms.Payout_Rule__c) {
    case 'All_Or_Nothing':
      return attainmentPercent >= 100 ? 100 : 0;
    case 'Linear': {
      const floor = terms.Floor_Attainment_Percent__c ?? 0;
      const cap = terms.Cap_Percent__c ?? 100;
      if (attainmentPercent < floor) return 0;
      return Math.min(((attainmentPercent - floor) / (100 - floor)) * 100, cap);
    }
    case 'Tiered': {
      let share = 0;
      for (const tier of sortedTiers(terms.tiers ?? [])) if (attainmentPercent >= tier.From_Attainment_Percent__c) share = tier.Payout_Percent__c;
      return share;
    }
    default:
      return 0;
  }
}

/** The money an attainment earns: the amount at risk × the payout share, to the cent. */
export function earnedAmount(terms: FeeTerms, attainmentPercent: number | null): number {
  return roundTo((terms.Amount_At_Risk__c * payoutSharePercent(terms, attainmentPercent)) / 100, 2);
}

/**
 * Where a fee stands, from its outcome's assessment:
 * - earned to date: what the latest attainment earns (final once the due date has passed);
 * - forecast to earn: what the forecast attainment at the due date earns (the latest attainment stands in when there
 *   is no forecast, as the outcome's status does); after the due date, the earned amount;
 * - forfeited: after the due date, the amount at risk not earned; 0 before;
 * - status: Open until the due date (Earned before it when the whole amount is already earned); after it Earned
 *   (the whole amount or more), Partly Earned or Forfeited (nothing, including no measurement at all).
 * A quantity that cannot be judged or terms that do not hold leave the fee Open with nothing earned: a fee is
 * never forfeited for want of data the CRM could fix.
 */
export function assessFee(terms: FeeTerms, assessment: OutcomeAssessment, today: IsoDate): FeePosition {
  const amount = roundTo(terms.Amount_At_Risk__c, 2);
  const termsProblem = feeTermsProblem(terms);
  if (termsProblem !== null) return open(`Open: the terms cannot be applied: ${termsProblem}`);

  const dueDate = assessment.dueDate;
  const due = dueDate !== null && isAfter(today, dueDate);
  const measured = assessment.latestValue !== null;
  if (measured && assessment.attainmentPercent === null) return open(`Open: the outcome cannot be judged (${assessment.reason})`);

  const attainment = assessment.attainmentPercent;
  const earned = earnedAmount(terms, attainment);
  const latestText = attainment !== null ? `${attainment}% attainment earns ${earned} of ${amount}` : 'no measurement, nothing earned';
  if (due) {
    const forfeited = roundTo(Math.max(amount - earned, 0), 2);
    const status: FeeStatus = earned >= amount ? 'Earned' : earned > 0 ? 'Partly Earned' : 'Forfeited';
    const forfeitText = forfeited > 0 ? `; ${forfeited} forfeited` : '';
    return { earnedToDate: earned, forecastToEarn: earned, forfeited, status, reason: `${status}: due ${String(dueDate)}; ${latestText}${forfeitText}` };
  }

  if (!measured) return { ...open(`Open: ${latestText}${dueDate ? `; due ${dueDate}` : ''}`), forecastToEarn: null };
  const forecastAttainment = assessment.forecastAttainmentPercent;
  const forecast = earnedAmount(terms, forecastAttainment ?? attainment);
  const forecastText =
    forecastAttainment !== null
      ? `the forecast ${forecastAttainment}% at ${String(dueDate)} would earn ${forecast}`
      : `no forecast, so the latest attainment stands in: ${forecast}`;
  const status: FeeStatus = amount > 0 && earned >= amount ? 'Earned' : 'Open';
  return { earnedToDate: earned, forecastToEarn: forecast, forfeited: 0, status, reason: `${status}: ${latestText}; ${forecastText}` };

  function open(reason: string): FeePosition {
    return { earnedToDate: 0, forecastToEarn: null, forfeited: 0, status: 'Open', reason };
  }
}

/** The computed fields of Fee_At_Risk__c that a fee position sets. */
export function feePositionFields(position: FeePosition): {
  Earned_To_Date__c: number;
  Forecast_To_Earn__c: number | null;
  Forfeited__c: number;
  Status__c: FeeStatus;
} {
  return {
    [FA.Earned_To_Date__c]: position.earnedToDate,
    [FA.Forecast_To_Earn__c]: position.forecastToEarn,
    [FA.Forfeited__c]: position.forfeited,
    [FA.Status__c]: position.status,
  };
}

function sortedTiers(tiers: readonly FeeTierTerms[]): FeeTierTerms[] {
  return [...tiers].sort((a, b) => a.From_Attainment_Percent__c - b.From_Attainment_Percent__c);
}
