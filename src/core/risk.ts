/**
 * Renewal risk: an Initiative whose next renewal is near while a primary outcome is not on course
 * (docs/design.md, "Rules of the domain": Renewal risk). The renewal is the moment the customer asks
 * whether they got what they paid for; this finds the ones where the answer is in doubt.
 */
import { daysBetween, type IsoDate } from './dates.js';
import type { OutcomeStatus, Priority } from './model.js';

export const DEFAULT_RENEWAL_WINDOW_DAYS = 120;

/** Statuses of a primary outcome that put its initiative's renewal at risk. */
export const RISKY_STATUSES: readonly OutcomeStatus[] = ['Off Track', 'At Risk', 'Missed', 'No Data'];

export type RiskInitiative = {
  readonly Id?: string | null;
  readonly Name?: string | null;
  readonly Next_Renewal_Date__c?: IsoDate | null;
  readonly Renewable_Annual_Value__c?: number | null;
  readonly Annual_Contract_Value__c?: number | null;
};

export type RiskOutcome = {
  readonly Id?: string | null;
  readonly Description__c?: string | null;
  readonly Priority__c?: Priority | null;
  readonly Status__c?: OutcomeStatus | null;
};

export type RiskReason = { readonly outcomeId: string | null; readonly description: string; readonly status: OutcomeStatus };

export type RenewalRisk = {
  readonly initiativeId: string | null;
  readonly initiativeName: string | null;
  readonly renewalDate: IsoDate;
  readonly daysToRenewal: number;
  /** Renewable_Annual_Value__c when positive, else Annual_Contract_Value__c, else 0 (see `valueAtStake`). */
  readonly valueAtStake: number;
  readonly reasons: readonly RiskReason[];
};

export type RenewalRiskInput = {
  readonly initiative: RiskInitiative;
  readonly outcomes: readonly RiskOutcome[];
  readonly today: IsoDate;
  readonly withinDays?: number;
};

/** The risk when Next_Renewal_Date__c is within [today, today + withinDays] and a primary outcome is risky; else null. */
export function renewalRisk({ initiative, outcomes, today, withinDays = DEFAULT_RENEWAL_WINDOW_DAYS }: RenewalRiskInput): RenewalRisk | null {
  const renewalDate = initiative.Next_Renewal_Date__c;
  if (!renewalDate) return null;
  const daysToRenewal = daysBetween(today, renewalDate);
  if (daysToRenewal < 0 || daysToRenewal > withinDays) return null;

  const reasons = outcomes
    .filter((outcome) => outcome.Priority__c === 'Primary')
    .map((outcome) => ({ outcome, status: outcome.Status__c ?? 'No Data' }))
    .filter(({ status }) => RISKY_STATUSES.includes(status))
    .map(({ outcome, status }) => ({ outcomeId: outcome.Id ?? null, description: outcome.Description__c ?? '', status }));
  if (reasons.length === 0) return null;

  return {
    initiativeId: initiative.Id ?? null,
    initiativeName: initiative.Name ?? null,
    renewalDate,
    daysToRenewal,
    valueAtStake: valueAtStake(initiative),
    reasons,
  };
}

/**
 * What the renewal puts at stake: the renewable annual value when it is positive, else the annual contract value,
 * else 0. Renewable_Annual_Value__c is a SUM roll-up, and Salesforce gives a roll-up with no matching children 0,
 * not null: a 0 there means "no renewable lines counted", not "nothing at stake", so it falls back to the ACV.
 */
export function valueAtStake(initiative: Pick<RiskInitiative, 'Renewable_Annual_Value__c' | 'Annual_Contract_Value__c'>): number {
  const renewable = initiative.Renewable_Annual_Value__c ?? 0;
  if (renewable > 0) return renewable;
  return initiative.Annual_Contract_Value__c ?? 0;
}

/** Soonest renewal first; on the same day, the most value at stake first. Returns a new array. */
export function sortRisks<R extends Pick<RenewalRisk, 'renewalDate' | 'valueAtStake'>>(risks: readonly R[]): R[] {
  return [...risks].sort((a, b) => daysBetween(b.renewalDate, a.renewalDate) || b.valueAtStake - a.valueAtStake);
}
