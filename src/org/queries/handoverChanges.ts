/**
 * Which won opportunities an incremental handover sync reads again: those whose own record, account or contract,
 * line items or their products, initiative, components or outcomes were saved since the last complete run, those
 * whose account team changed, and those whose initiative's Next_Renewal_Date__c passed since that run's day (the
 * one result of the handover that time alone makes stale: src/core/incremental.ts).
 *
 * Six queries, whatever the size of the book: five in one composite call, the account team in a second (Salesforce
 * allows five queries in a composite request and no OR beside a semi-join). Each returns only what changed.
 */
import type { ChangeWindow, PassedDates, SyncSelectionPlan } from '../../core/incremental.js';
import { FeeAtRisk, fieldsOf, Initiative, OutcomeRequirement, relationshipName, SolutionComponent } from '../../core/model.js';

import type { ApiUsage } from '../apiUsage.js';
import { runComposite } from '../composite.js';
import type { OrgConnection, SfRecord } from '../connection.js';
import { fetchAll, parentField } from '../fetch.js';
import { chunk, isSalesforceId, soqlIdList } from '../soql.js';
import { CHANGED_ROWS_READ_MAX, changedSince, datePassed } from './changes.js';
import { IDS_PER_QUERY, type OpportunitySelection } from './handover.js';

const I = fieldsOf(Initiative);
/** Components and outcomes are details of Initiative__c through a field of that name on each. */
const VIA_INITIATIVE = `${relationshipName(fieldsOf(SolutionComponent).Initiative__c)}.`;
/** A fee at risk reaches its opportunity through its component's initiative. */
const FEE_VIA_INITIATIVE = `${relationshipName(fieldsOf(FeeAtRisk).Solution_Component__c)}.${VIA_INITIATIVE}`;

export type HandoverChangeQueries = Record<'opportunities' | 'lines' | 'initiatives' | 'components' | 'outcomes' | 'teams' | 'fees', string>;

export function handoverChangeQueries(window: ChangeWindow, passed: PassedDates | null): HandoverChangeQueries {
  const changed = (relationship = ''): string => changedSince(window, relationship);
  const viaInitiative = (object: string): string =>
    `SELECT ${VIA_INITIATIVE}${I.Opportunity__c}, ${VIA_INITIATIVE}${I.Source_Opportunity_Id__c} FROM ${object} WHERE ${changed()}`;
  const renewalPassed = passed ? ` OR ${datePassed(I.Next_Renewal_Date__c, passed)}` : '';
  return {
    opportunities: `SELECT Id FROM Opportunity WHERE IsWon = true AND (${changed()} OR ${changed('Account.')} OR ${changed('Contract.')})`,
    lines: `SELECT OpportunityId FROM OpportunityLineItem WHERE Opportunity.IsWon = true AND (${changed()} OR ${changed('Product2.')})`,
    initiatives: `SELECT ${I.Opportunity__c}, ${I.Source_Opportunity_Id__c} FROM ${Initiative.apiName} WHERE ${changed()}${renewalPassed}`,
    components: viaInitiative(SolutionComponent.apiName),
    outcomes: viaInitiative(OutcomeRequirement.apiName),
    teams: `SELECT AccountId FROM AccountTeamMember WHERE ${changed()}`,
    // The fees at risk the handover made from line items, through their component's initiative.
    fees:
      `SELECT ${FEE_VIA_INITIATIVE}${I.Opportunity__c}, ${FEE_VIA_INITIATIVE}${I.Source_Opportunity_Id__c} FROM ${FeeAtRisk.apiName} ` +
      `WHERE ${fieldsOf(FeeAtRisk).Source_Line_Item_Id__c} != null AND ${changed()}`,
  };
}

/** Opportunity Ids the rows name (an initiative names its opportunity twice: the lookup and the source id). */
function opportunityIdsOf(rows: readonly SfRecord[], paths: readonly string[]): string[] {
  return rows.flatMap((row) => paths.map((path) => parentField<string>(row, path))).filter((id): id is string => typeof id === 'string' && isSalesforceId(id));
}

const isInvalidType = (error: unknown): boolean => (error as { errorCode?: string } | null)?.errorCode === 'INVALID_TYPE';

/**
 * The Ids of the opportunities to read again (won or not: the caller keeps the won ones), deduplicated. Two calls,
 * plus one per 200 accounts whose team changed; null when so many teams changed that a pass over the book costs less.
 */
export async function fetchChangedOpportunityIds(
  conn: OrgConnection,
  window: ChangeWindow,
  passed: PassedDates | null,
  usage: ApiUsage,
): Promise<string[] | null> {
  const q = handoverChangeQueries(window, passed);
  const kinds = ['opportunities', 'lines', 'initiatives', 'components', 'outcomes'] as const;
  const answer = await runComposite(conn, kinds.map((referenceId) => ({ referenceId, query: q[referenceId] })), usage, { maxRows: CHANGED_ROWS_READ_MAX });
  if (kinds.some((kind) => answer.tooMany(kind))) return null;
  const ids = [
    ...opportunityIdsOf(answer.records('opportunities'), ['Id']),
    ...opportunityIdsOf(answer.records('lines'), ['OpportunityId']),
    ...opportunityIdsOf(answer.records('initiatives'), [I.Opportunity__c, I.Source_Opportunity_Id__c]),
    ...opportunityIdsOf([...answer.records('components'), ...answer.records('outcomes')], [`${VIA_INITIATIVE}${I.Opportunity__c}`, `${VIA_INITIATIVE}${I.Source_Opportunity_Id__c}`]),
  ];
  const ofTeams = await fetchOpportunitiesOfChangedTeamsAndFees(conn, q, usage);
  if (ofTeams === null) return null;
  // One at a time: a team change can name every won opportunity of a large book, too many to spread as arguments.
  for (const id of ofTeams) ids.push(id);
  const seen = new Set<string>();
  return ids.filter((id) => {
    const key = id.slice(0, 15);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/**
 * Opportunities of the fees at risk saved since, and the won opportunities of the accounts whose team changed (a
 * CSM added or removed): one composite call, plus one query per 200 such accounts. Without Account Teams the team
 * query answers INVALID_TYPE: no team changed.
 */
async function fetchOpportunitiesOfChangedTeamsAndFees(conn: OrgConnection, q: HandoverChangeQueries, usage: ApiUsage): Promise<string[] | null> {
  const answer = await runComposite(conn, [{ referenceId: 'teams', query: q.teams }, { referenceId: 'fees', query: q.fees }], usage, { maxRows: CHANGED_ROWS_READ_MAX });
  if (answer.tooMany('teams') || answer.tooMany('fees')) return null;
  const ids = opportunityIdsOf(answer.records('fees'), [`${FEE_VIA_INITIATIVE}${I.Opportunity__c}`, `${FEE_VIA_INITIATIVE}${I.Source_Opportunity_Id__c}`]);
  const teamError = answer.error('teams');
  if (teamError && !isInvalidType(teamError)) throw teamError;
  const accounts = teamError ? [] : [...new Set(answer.records('teams').map((row) => String(row.AccountId)))];
  // The won opportunities of that many accounts, 200 accounts to a query, would cost more than a pass over the book.
  if (accounts.length > CHANGES_READ_BY_ID_MAX) return null;
  for (const batch of chunk(accounts, IDS_PER_QUERY)) {
    // eslint-disable-next-line no-await-in-loop
    const rows = await fetchAll(conn, `SELECT Id FROM Opportunity WHERE IsWon = true AND AccountId IN ${soqlIdList(batch)}`, usage);
    ids.push(...rows.map((row) => String(row.Id)));
  }
  return ids;
}

/**
 * Above this many changed opportunities, reading them by Id (200 to a query, for the opportunities, their
 * initiatives and their account teams) costs more calls than one paged pass over the won book.
 */
export const CHANGES_READ_BY_ID_MAX = 2000;

/**
 * What the handover sync reads: what the user named, the whole won book, or the opportunities that changed
 * (`changesOnly`: Ids that may include opportunities no longer won, which the caller leaves out).
 */
export async function handoverReadSelection(
  conn: OrgConnection,
  plan: SyncSelectionPlan,
  named: OpportunitySelection,
  usage: ApiUsage,
): Promise<{ selection: OpportunitySelection; changesOnly: boolean }> {
  if (plan.kind !== 'Changes') return { selection: named, changesOnly: false };
  const ids = await fetchChangedOpportunityIds(conn, plan.changes, plan.passed, usage);
  if (ids === null || ids.length > CHANGES_READ_BY_ID_MAX) return { selection: {}, changesOnly: false };
  return { selection: { opportunityIds: ids }, changesOnly: true };
}
