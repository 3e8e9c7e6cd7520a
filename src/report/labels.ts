/**
 * The words of the value report, shared by every format so Markdown, HTML and CSV say the same thing.
 * The report is written for the customer: headings speak of their outcomes, not of our objects.
 */
import { picklistLabel } from '../core/model.js';
import type { OutcomeRef, ValueReport } from '../core/plan/valueReport.js';

export const LABELS = {
  title: 'Value report',
  computedAsOf: (asOf: string): string =>
    `Attainment, forecasts and statuses are computed from the measurements as of ${asOf}; measurements dated later are left out.`,
  initiativeStatus: 'Status',
  account: 'Account',
  handover: 'Handover',
  goLive: 'Go-live',
  goals: 'What the customer set out to achieve',
  purpose: 'Purpose',
  strategicAlignment: 'Strategic alignment',
  challenges: 'Challenges',
  attained: 'What is attained',
  peers: 'Compared with other customers',
  peersNote: 'Improvement from each outcome’s own baseline, compared with other customers’ outcomes of the same KPI; the customer itself is never among its peers, and groups of fewer than a minimum of customers are never shown.',
  trend: 'Trend of each outcome',
  renewal: 'What is at risk before the renewal',
  validation: 'Stated and assumed outcomes',
  stated: 'Stated by the customer',
  validated: 'Validated with the customer',
  toValidate: 'Assumed: still to validate with the customer',
  unclassified: 'Not yet classified',
  none: 'None',
  notRecorded: 'Not recorded yet',
  outcome: 'Outcome',
  priority: 'Priority',
  quantity: 'Quantity',
  deadline: 'Deadline',
  method: 'Measured by',
  validationStatus: 'Validation',
  latestValue: 'Latest value',
  measuredOn: 'Measured on',
  attainment: 'Attainment',
  forecast: 'Forecast at due date',
  status: 'Status',
  why: 'Why',
  storedDiffers: (stored: string): string => `The org still shows "${stored}": its stored status predates these measurements.`,
  laterMeasurements: (count: number): string => `${count} later ${count === 1 ? 'measurement is' : 'measurements are'} left out.`,
  noMeasurements: 'No measurements yet.',
  date: 'Date',
  value: 'Value',
  target: 'Target',
  dueDate: 'Due date',
  line: 'Line',
  componentType: 'Type',
  renewsOn: 'Renews on',
  annualValue: 'Annual value',
  servesNotOnTrack: 'Serves outcomes not on track',
  renewableValue: 'Renewable annual value',
  noRenewableLines: 'No renewable line.',
  primaryNotOnTrack: 'Primary outcomes not on track',
  allPrimaryOnTrack: 'Every primary outcome is attained or on track.',
  noPrimary: 'No primary outcome is recorded: mark the outcomes that matter most to the customer as Primary.',
  noOutcomes: 'No outcome requirement is recorded yet.',
  atRiskBadge: 'Renewal at risk',
  fees: 'Fees at risk',
  fee: 'Fee',
  payoutRule: 'Payout rule',
  atRisk: 'At risk',
  earned: 'Earned to date',
  forecastToEarn: 'Forecast to earn',
  forfeited: 'Forfeited',
  noFees: 'No part of the fee depends on these outcomes.',
  feeSums: (s: { fees: number; atRisk: string; earned: string; forecastToEarn: string; forfeited: string }): string =>
    `${s.fees} ${s.fees === 1 ? 'fee' : 'fees'} at risk: ${s.atRisk} at risk, ${s.earned} earned to date, ${s.forecastToEarn} forecast to earn by the due dates, ${s.forfeited} forfeited.`,
};

/** A picklist value as people read it: its label ("Relative %", not Relative_Percent); null when blank. */
export function valueLabel(value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : picklistLabel(value);
}

/** One sentence with the totals, for the top of every format. */
export function totalsSentence(report: ValueReport): string {
  const { totals } = report;
  const s = totals.byStatus;
  const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  return (
    `${plural(totals.initiatives, 'initiative', 'initiatives')}, ${plural(totals.outcomes, 'outcome', 'outcomes')}: ` +
    `${s.Attained} attained, ${s['On Track']} on track, ${s['At Risk']} at risk, ${s['Off Track']} off track, ` +
    `${s.Missed} missed, ${s['No Data']} without data. ` +
    `${plural(totals.initiativesAtRisk, 'renewal', 'renewals')} at risk ${report.renewalWindowDays === null ? 'before the next renewal' : `within ${report.renewalWindowDays} days`}; ` +
    `${plural(totals.toValidate, 'outcome', 'outcomes')} to validate.`
  );
}

/** How an outcome is named everywhere in the report: its record name, then what it is about. */
export function outcomeLabel(o: OutcomeRef): string {
  return o.name ? `${o.name}: ${o.description}` : o.description;
}
