/**
 * An Initiative's Outcome_Health__c, from the statuses of its primary outcomes: the worst one decides,
 * and an initiative with no primary outcome, or one not yet measured, has No Data rather than a good grade.
 */
import type { OutcomeHealth, OutcomeStatus, Priority } from './model.js';

export type HealthOutcome = { readonly Priority__c?: Priority | null; readonly Status__c?: OutcomeStatus | null };

export function outcomeHealth(outcomes: readonly HealthOutcome[]): OutcomeHealth {
  // An outcome never assessed has no status yet: that is No Data, not On Track.
  const statuses = outcomes.filter((o) => o.Priority__c === 'Primary').map((o) => o.Status__c ?? 'No Data');
  if (statuses.some((s) => s === 'Off Track' || s === 'Missed')) return 'Off Track';
  if (statuses.includes('At Risk')) return 'At Risk';
  if (statuses.length === 0 || statuses.includes('No Data')) return 'No Data';
  return 'On Track';
}
