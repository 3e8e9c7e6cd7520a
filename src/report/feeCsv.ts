/**
 * The fee listing as CSV, one row per fee at risk: for spreadsheets and finance. Amounts stay raw (no separators,
 * no currency) so a spreadsheet reads them as numbers; text goes through toCsv, which neutralises formulas.
 */
import { picklistLabel } from '../core/model.js';
import type { FeeLine } from '../core/plan/feeListing.js';
import { toCsv } from '../csv/writeCsv.js';

export const FEE_CSV_COLUMNS = [
  'Account Id',
  'Account',
  'Initiative Id',
  'Initiative',
  'Next Renewal Date',
  'Outcome Id',
  'Outcome',
  'Description',
  'Outcome Status',
  'Due Date',
  'Fee Id',
  'Fee',
  'Solution Component',
  'Payout Rule',
  'Amount At Risk',
  'Earned To Date',
  'Forecast To Earn',
  'Forfeited',
  'Fee Status',
] as const;

export function feeListingCsv(fees: readonly FeeLine[]): string {
  return toCsv(
    FEE_CSV_COLUMNS,
    fees.map((f) => [
      f.accountId,
      f.accountName,
      f.initiativeId,
      f.initiativeName,
      f.nextRenewalDate,
      f.outcomeId,
      f.outcomeName,
      f.outcomeDescription,
      f.outcomeStatus,
      f.dueDate,
      f.id,
      f.name,
      f.solutionComponentName,
      picklistLabel(f.payoutRule),
      f.amountAtRisk,
      f.earnedToDate,
      f.forecastToEarn,
      f.forfeited,
      f.status,
    ]),
  );
}
