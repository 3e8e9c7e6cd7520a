/**
 * The fee position in a value report: each fee at risk judged on the outcome's assessment as of the report's date
 * (the same `assessFee` recompute uses, so the report and the stored fields agree once recompute has run), and its
 * sums. Only in the internal report, or a customer report that asks for it (`--include-fees`).
 */
import type { IsoDate } from '../dates.js';
import { assessFee, type FeeTerms } from '../fee.js';
import type { FeeStatus, PayoutRule } from '../model.js';
import { roundTo } from '../numbers.js';
import type { OutcomeAssessment } from '../trajectory.js';

/** A fee's terms as the report reads them. */
export type ReportFeeSource = FeeTerms & { Id: string; Name: string | null; Outcome_Requirement__c: string };

export type OutcomeFee = {
  id: string;
  name: string | null;
  payoutRule: PayoutRule;
  amountAtRisk: number;
  earnedToDate: number;
  forecastToEarn: number | null;
  forfeited: number;
  status: FeeStatus;
  reason: string;
};

export type FeeSums = { fees: number; atRisk: number; earned: number; forecastToEarn: number; forfeited: number };

export function outcomeFees(fees: readonly ReportFeeSource[], assessment: OutcomeAssessment, asOf: IsoDate): OutcomeFee[] {
  return fees.map((fee) => {
    const position = assessFee(fee, assessment, asOf);
    return {
      id: fee.Id,
      name: fee.Name,
      payoutRule: fee.Payout_Rule__c,
      amountAtRisk: roundTo(fee.Amount_At_Risk__c, 2),
      earnedToDate: position.earnedToDate,
      forecastToEarn: position.forecastToEarn,
      forfeited: position.forfeited,
      status: position.status,
      reason: position.reason,
    };
  });
}

/** Sums to the cent; a fee with nothing to forecast from counts 0 in the forecast. */
export function feeSums(fees: readonly OutcomeFee[]): FeeSums {
  const sum = (value: (fee: OutcomeFee) => number | null): number => roundTo(fees.reduce((total, fee) => total + (value(fee) ?? 0), 0), 2);
  return {
    fees: fees.length,
    atRisk: sum((f) => f.amountAtRisk),
    earned: sum((f) => f.earnedToDate),
    forecastToEarn: sum((f) => f.forecastToEarn),
    forfeited: sum((f) => f.forfeited),
  };
}
