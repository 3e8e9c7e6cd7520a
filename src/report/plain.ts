/**
 * The customer-facing words of the value report: every status and reason in plain language, with numbers
 * rounded as the unit deserves and dates an executive reads ("On course to reach 10.8 minutes by 31 Dec 2026
 * (target 10.8)"). The precise technical reason (forecast to four decimals, thresholds) stays in `--json` and
 * in the internal variant (`--audience internal`).
 */
import type { OutcomeStatus } from '../core/model.js';
import type { InitiativeValue, OutcomeValue, ValueReport } from '../core/plan/valueReport.js';
import { formatDate, formatValue, valueWithUnit } from './format.js';

/** What a status means to the customer. The internal variant keeps the picklist label. */
export const PLAIN_STATUS: Record<OutcomeStatus, string> = {
  Attained: 'Achieved',
  'On Track': 'On course',
  'At Risk': 'Slightly behind',
  'Off Track': 'Behind plan',
  Missed: 'Not reached in time',
  'No Data': 'Not measured yet',
};

/** One sentence on where an outcome stands, from its numbers rather than from the rule that judged it. */
export function plainReason(o: OutcomeValue): string {
  const unit = o.quantity.unit;
  const target = o.quantity.targetValue;
  const targetText = target === null ? '' : ` (target ${formatValue(target, unit)})`;
  const targetShort = target === null ? '' : ` of ${valueWithUnit(target, unit)}`;
  const due = o.deadline.dueDate ? formatDate(o.deadline.dueDate) : null;
  const latest = o.latest ? `${valueWithUnit(o.latest.value, unit)} on ${formatDate(o.latest.measuredOn)}` : null;
  const expected = o.forecast && due ? `${valueWithUnit(o.forecast.value, unit)} by ${due}` : null;
  switch (o.status) {
    case 'No Data':
      return 'No measurement yet: the first one starts the trend.';
    case 'Attained':
      return `Achieved: ${latest ?? 'the target is met'}${targetText}.`;
    case 'On Track':
      return expected ? `On course to reach ${expected}${targetText}.` : `Latest ${String(latest)}${targetText}.`;
    case 'At Risk':
      return expected ? `At the current pace ${expected}, slightly short of the target${targetShort}.` : `Latest ${String(latest)}${targetText}.`;
    case 'Off Track':
      return expected ? `At the current pace ${expected}, well short of the target${targetShort}.` : `Latest ${String(latest)}${targetText}, short of the target.`;
    case 'Missed':
      return `Due ${due ?? 'already'} and not reached: ${latest ?? 'no measurement'}${targetText}.`;
  }
}

/** "7.74 % of raw material by 31 Dec 2027, down from 9.67" — the goal in one line. */
export function plainGoal(o: OutcomeValue): string {
  const { quantity: q, deadline } = o;
  // The technical gap (which field is blank) is for the account team: the customer reads that the goal awaits a number.
  if (q.targetValue === null) return 'Not quantified yet: the target is to agree with you';
  const by = deadline.dueDate ? ` by ${formatDate(deadline.dueDate)}` : '';
  const target = valueWithUnit(q.targetValue, q.unit);
  switch (q.direction) {
    case 'Increase':
      return `Raise to ${target}${by}${q.baseline === null ? '' : `, from ${formatValue(q.baseline, q.unit)}`}`;
    case 'Decrease':
      return `Bring down to ${target}${by}${q.baseline === null ? '' : `, from ${formatValue(q.baseline, q.unit)}`}`;
    case 'At Least':
      return `At least ${target}${by}`;
    case 'At Most':
      return `At most ${target}${by}`;
    default:
      return `${target}${by}`;
  }
}

/** Where the initiative is in its life, from its dates; a date after the report date reads as ahead, never as done. */
export function plainLifecycle(i: InitiativeValue, asOf: string): string {
  const l = i.lifecycle;
  const parts: string[] = [];
  if (l.phase === 'live' && l.goLiveDate) parts.push(`Live since ${formatDate(l.goLiveDate)}`);
  else if (l.phase === 'onboarding' && l.goLiveDate) parts.push(`Onboarding: go-live planned for ${formatDate(l.goLiveDate)}`);
  else parts.push('Go-live date not recorded');
  if (l.firstMeasuredOn) parts.push(`measured since ${formatDate(l.firstMeasuredOn)}`);
  if (l.handoverDate && !l.handoverAfterAsOf) parts.push(`handed over ${formatDate(l.handoverDate)}`);
  if (l.handoverAfterAsOf && l.handoverDate) parts.push(`handover recorded for ${formatDate(l.handoverDate)}, after this report's date ${formatDate(asOf)}`);
  return parts.join(' · ');
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** "Achieved or on course: 2 of 3 outcomes, 1 of 1 primary outcome.", for the summary. */
export function shareSentence(outcomes: { attainedOrOnCourse: number; total: number }, primary: { attainedOrOnCourse: number; total: number }): string {
  const share = (s: { attainedOrOnCourse: number; total: number }, one: string, many: string): string => `${s.attainedOrOnCourse} of ${plural(s.total, one, many)}`;
  return `Achieved or on course: ${share(outcomes, 'outcome', 'outcomes')}, ${share(primary, 'primary outcome', 'primary outcomes')}.`;
}

/** The renewal horizon in words: "before the next renewal" or "within 90 days". */
export function horizon(report: ValueReport): string {
  return report.renewalWindowDays === null ? 'before the next renewal' : `within ${report.renewalWindowDays} days`;
}

export { plural };

/** The renewal outlook in plain words, with the amount in the report's currency. */
export function plainRenewal(r: InitiativeValue['renewal'], money: (value: number) => string): string {
  if (r.nextRenewalDate === null || r.daysLeft === null) return 'No renewal date ahead.';
  const when = `Renews on ${formatDate(r.nextRenewalDate)}, in ${plural(r.daysLeft, 'day', 'days')}`;
  const value = r.renewableAnnualValue > 0 ? ` (${money(r.renewableAnnualValue)} a year renewable)` : '';
  if (r.primaryOutcomes === 0) return `${when}${value}. No outcome is marked primary to judge it by.`;
  if (r.primaryNotOnTrack.length === 0) return `${when}${value}. Every primary outcome is achieved or on course.`;
  const n = r.primaryNotOnTrack.length;
  return `${when}${value}. ${plural(n, 'primary outcome is', 'primary outcomes are')} not on course${r.atRisk ? ': the renewal is at risk' : ''}.`;
}

/** The validation status as the customer reads it. */
export const PLAIN_VALIDATION: Record<string, string> = {
  'Stated by Customer': 'Stated by you',
  Validated: 'Confirmed with you',
  Assumed_Needs_Validation: 'To confirm with you',
};
