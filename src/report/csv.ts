/**
 * The value report as CSV, one row per outcome: for spreadsheets and BI tools. Numbers stay raw (no
 * thousands separators, no units) so a spreadsheet reads them as numbers; the trend is in the JSON format.
 */
import type { ValueReport } from '../core/plan/valueReport.js';
import { feeSums, type OutcomeFee } from '../core/plan/reportFees.js';
import { toCsv } from '../csv/writeCsv.js';
import { valueLabel } from './labels.js';
import { peerStandingSentence } from './plain.js';

export const CSV_COLUMNS = [
  'As Of',
  'Account Id',
  'Account',
  'Initiative Id',
  'Initiative',
  'Outcome Id',
  'Outcome',
  'Description',
  'Priority',
  'Validation Status',
  'Quantity',
  'Baseline',
  'Target',
  'Unit',
  'Due Date',
  'Measurement Method',
  'Measurements',
  'Latest Value',
  'Latest Measured On',
  'Attainment %',
  'Forecast At Due Date',
  'Forecast Attainment %',
  'Status',
  'Reason',
  'Stored Status',
  'Next Renewal Date',
  'Renewal At Risk',
  'Peer Standing',
  'Peers',
  'Improvement From Baseline %',
] as const;

/** Added when the report shows the fee position: the sums of each outcome's fees at risk. */
export const FEE_COLUMNS = ['Fee At Risk', 'Fee Earned To Date', 'Fee Forecast To Earn', 'Fee Forfeited'] as const;

export function renderCsv(report: ValueReport): string {
  const rows = report.initiatives.flatMap((i) =>
    i.outcomes.map((o) => [
      report.asOf,
      i.accountId,
      i.accountName,
      i.id,
      i.name,
      o.id,
      o.name,
      o.description,
      valueLabel(o.priority),
      valueLabel(o.validationStatus),
      o.quantity.summary,
      o.quantity.baseline,
      o.quantity.targetValue,
      o.quantity.unit,
      o.deadline.dueDate,
      o.measurementMethod,
      o.series.length,
      o.latest?.value,
      o.latest?.measuredOn,
      o.attainmentPercent,
      o.forecast?.value,
      o.forecast?.attainmentPercent,
      valueLabel(o.status),
      o.reason,
      valueLabel(o.storedStatus),
      i.renewal.nextRenewalDate,
      i.renewal.atRisk ? 'true' : 'false',
      o.peerStanding ? peerStandingSentence(o.peerStanding) : null,
      o.peerStanding?.peers,
      o.peerStanding?.improvement,
      ...(report.fees ? feeCells(o.fees ?? []) : []),
    ]),
  );
  return toCsv(report.fees ? [...CSV_COLUMNS, ...FEE_COLUMNS] : CSV_COLUMNS, rows);
}

function feeCells(fees: OutcomeFee[]): Array<number | null> {
  if (fees.length === 0) return [null, null, null, null];
  const sums = feeSums(fees);
  return [sums.atRisk, sums.earned, fees.every((f) => f.forecastToEarn === null) ? null : sums.forecastToEarn, sums.forfeited];
}
