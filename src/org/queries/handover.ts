/**
 * The queries of a handover sync: won opportunities with their line items and products (one query, a child
 * subquery), the initiatives that already exist for them with their components, outcomes and review tasks (child
 * subqueries), the account teams' Customer Success Managers, and the default CSM. Without --opportunity every query
 * filters on the org's side (relationship filters, semi-joins) and is paged, so the number of queries does not grow
 * with the number of opportunities; lists of Ids are used only for the few records a user names.
 * Rows are turned into the planner's plain inputs here, so the planner never sees SOQL shapes.
 */
import type { IsoDate } from '../../core/dates.js';
import {
  fieldsOf,
  relationshipName,
  Initiative,
  OpportunityFields,
  OpportunityLineItemFields,
  OutcomeRequirement,
  Product2Fields,
  SolutionComponent,
} from '../../core/model.js';
import {
  HANDOVER_TASK_SUBJECT_PREFIX,
  idKey,
  type ExistingInitiative,
  type ExistingTask,
  type RecentReviewTask,
  type SourceOpportunity,
} from '../../core/plan/handover.js';
import type { ApiUsage } from '../apiUsage.js';
import type { OrgConnection, SfRecord } from '../connection.js';
import { childRecords, fetchAll, fetchMapped, forEachPage } from '../fetch.js';
import { child } from '../records.js';
import { withRetry } from '../retry.js';
import { chunk, isSalesforceId, soqlDate, soqlDateTime, soqlId, soqlIdList, soqlString } from '../soql.js';
import {
  createdDateOf,
  toExistingInitiative,
  toExistingTask,
  toOrgUser,
  toRecentReviewTask,
  toSourceOpportunity,
  toTeamMember,
} from './handoverRows.js';

const I = fieldsOf(Initiative);
const S = fieldsOf(SolutionComponent);
const O = fieldsOf(OutcomeRequirement);
const OPP = fieldsOf(OpportunityFields);
const LINE = fieldsOf(OpportunityLineItemFields);
const PRODUCT = fieldsOf(Product2Fields);
const COMPONENTS = child(SolutionComponent.fields.Initiative__c);
const OUTCOMES = child(OutcomeRequirement.fields.Initiative__c);
/** Task.WhatId's child relationship on every object with activities enabled, as Initiative__c has. */
const TASKS = 'Tasks';
const INITIATIVE_CHILDREN = { components: COMPONENTS, outcomes: OUTCOMES };

/**
 * Ids per IN clause. A query travels in the URL of a GET, which Salesforce caps at 16,384 bytes; an Id in a list
 * takes about 27 bytes once URL-encoded, and the initiative query names its Ids twice.
 */
export const IDS_PER_QUERY = 200;

/** The role on the account team that makes a user the account's CSM. */
export const CSM_TEAM_ROLE = 'Customer Success Manager';

// ---- Won opportunities -----------------------------------------------------------------------------

export type OpportunitySelection = { since?: IsoDate; opportunityIds?: readonly string[] };

const LINE_FIELDS = [
  'Id',
  'Product2Id',
  'Product2.Name',
  `Product2.${PRODUCT.Component_Type__c}`,
  `Product2.${PRODUCT.Lifecycle__c}`,
  `Product2.${PRODUCT.Default_Term_Months__c}`,
  'Quantity',
  'TotalPrice',
  'ServiceDate',
  LINE.Term_Months__c,
  LINE.End_Date__c,
  LINE.Role_In_Solution__c,
  // Fee-at-risk terms, with the initiative of the outcome the line names (it must be the deal's own).
  LINE.Fee_Outcome__c,
  `${relationshipName(LINE.Fee_Outcome__c)}.${O.Initiative__c}`,
  LINE.Fee_At_Risk_Amount__c,
  LINE.Fee_Payout_Rule__c,
  LINE.Fee_Floor_Percent__c,
  LINE.Fee_Cap_Percent__c,
];

const OPPORTUNITY_FIELDS = [
  'Id',
  'Name',
  'AccountId',
  'IsWon',
  'CloseDate',
  'Amount',
  'Contract.EndDate',
  'Account.OwnerId',
  'Account.Owner.IsActive',
  OPP.Expected_Go_Live_Date__c,
  OPP.Handover_Status__c,
];

/**
 * Won opportunities closed on or after `since`, or the given ones whatever their stage (so the plan can say why a
 * lost one is skipped), each with its line items and their products.
 */
export function opportunitiesSoql(selection: { since?: IsoDate; opportunityIds?: readonly string[] }): string {
  const where = selection.opportunityIds
    ? `Id IN ${soqlIdList(selection.opportunityIds)}`
    : ['IsWon = true', ...(selection.since ? [`CloseDate >= ${soqlDate(selection.since)}`] : [])].join(' AND ');
  return (
    `SELECT ${OPPORTUNITY_FIELDS.join(', ')}, (SELECT ${LINE_FIELDS.join(', ')} FROM OpportunityLineItems ORDER BY Id) ` +
    `FROM Opportunity WHERE ${where} ORDER BY CloseDate, Id`
  );
}

export async function fetchOpportunities(conn: OrgConnection, selection: OpportunitySelection, usage: ApiUsage): Promise<SourceOpportunity[]> {
  const opportunities: SourceOpportunity[] = [];
  await forEachOpportunityPage(conn, selection, usage, (page) => {
    for (const o of page) opportunities.push(o);
  });
  return opportunities;
}

/** The opportunities of `fetchOpportunities`, handed over a query page (up to 2,000) at a time. Same calls. */
export async function forEachOpportunityPage(
  conn: OrgConnection,
  selection: OpportunitySelection,
  usage: ApiUsage,
  onPage: (opportunities: SourceOpportunity[]) => void | Promise<void>,
): Promise<void> {
  const batches = selection.opportunityIds ? chunk(selection.opportunityIds, IDS_PER_QUERY).map((ids) => ({ opportunityIds: ids })) : [selection];
  for (const batch of batches) {
    // Rows become SourceOpportunities page by page: the raw rows of a whole book held at once took gigabytes.
    // eslint-disable-next-line no-await-in-loop -- one query per batch of ids, one at a time
    await forEachPage(conn, opportunitiesSoql(batch), usage, (rows) => onPage(rows.map((row) => toSourceOpportunity(row, 'OpportunityLineItems'))));
  }
}

// ---- Existing initiatives --------------------------------------------------------------------------

const INITIATIVE_FIELDS = [
  'Id',
  'CreatedDate',
  I.Name,
  I.Account__c,
  I.Opportunity__c,
  I.Source_Opportunity_Id__c,
  I.Purpose__c,
  I.Status__c,
  I.CSM__c,
  I.Handover_Date__c,
  I.Go_Live_Date__c,
  I.Annual_Contract_Value__c,
  I.Total_Contract_Value__c,
  I.Next_Renewal_Date__c,
];

const COMPONENT_FIELDS = [
  'Id',
  S.Name,
  S.Source_Line_Item_Id__c,
  S.Product__c,
  S.Quantity__c,
  S.Total_Price__c,
  S.Component_Type__c,
  S.Lifecycle__c,
  S.Role_In_Solution__c,
  S.Start_Date__c,
  S.End_Date__c,
  S.Renewal_Date__c,
  S.Annual_Value__c,
];

/** What the handover completeness check reads of an outcome. */
const OUTCOME_FIELDS = [
  'Id',
  O.Description__c,
  O.Priority__c,
  O.Quantity_Type__c,
  O.Direction__c,
  O.Baseline_Value__c,
  O.Target_Value__c,
  O.Deadline_Type__c,
  O.Deadline_Date__c,
  O.Deadline_Offset_Months__c,
  O.Measurement_Method__c,
];

/** The review tasks already on an initiative, open or closed: a review the CSM already did is not asked for again. */
const TASKS_SUBQUERY =
  `(SELECT Id, Subject, IsClosed FROM ${TASKS} ` +
  // The prefix holds no LIKE wildcard (% or _), so it matches literally.
  `WHERE Subject LIKE ${soqlString(`${HANDOVER_TASK_SUBJECT_PREFIX}%`)} ORDER BY CreatedDate, Id)`;

/** An initiative query: the fields the plan reads, its components, outcomes and review tasks, oldest first. */
export function initiativesSoql(where: string): string {
  return (
    `SELECT ${INITIATIVE_FIELDS.join(', ')}, ` +
    `(SELECT ${COMPONENT_FIELDS.join(', ')} FROM ${COMPONENTS} ORDER BY Id), ` +
    `(SELECT ${OUTCOME_FIELDS.join(', ')} FROM ${OUTCOMES} ORDER BY Id), ` +
    `${TASKS_SUBQUERY} ` +
    `FROM ${Initiative.apiName} WHERE ${where} ORDER BY CreatedDate, Id`
  );
}

/** Initiatives tied to the given opportunities either way: by the sync's source id, or by the lookup sales filled in. */
export function initiativesOfOpportunitiesWhere(opportunityIds: readonly string[]): string {
  const ids = soqlIdList(opportunityIds);
  // Source_Opportunity_Id__c is text: the Ids are validated by soqlIdList, so they are safe as string literals.
  return `${I.Opportunity__c} IN ${ids} OR ${I.Source_Opportunity_Id__c} IN ${ids}`;
}

/**
 * Initiatives of the won opportunities a run without --opportunity reads, as a filter the org applies itself, so
 * the query is paged at 2,000 rows instead of split by lists of Ids: those whose Opportunity__c is such an
 * opportunity, and, so that none is missed, every synced initiative whose lookup was changed to point elsewhere
 * (or blanked) since, whose source id may still name one. Those are few; the caller keeps the ones that do.
 * Salesforce allows no semi-join beside an OR, so both sides are relationship filters.
 */
export function initiativesOfWonWhere(since?: IsoDate): string {
  const opportunity = relationshipName(I.Opportunity__c);
  const won = `${opportunity}.IsWon = true${since ? ` AND ${opportunity}.CloseDate >= ${soqlDate(since)}` : ''}`;
  const notWon = [`${I.Opportunity__c} = null`, `${opportunity}.IsWon = false`, ...(since ? [`${opportunity}.CloseDate < ${soqlDate(since)}`] : [])];
  return `(${won}) OR (${I.Source_Opportunity_Id__c} != null AND (${notWon.join(' OR ')}))`;
}

/** What the plan needs to know of the initiatives already in the org. */
export type ExistingHandoverRecords = { initiatives: ExistingInitiative[]; tasks: ExistingTask[] };

/**
 * The initiatives of the won opportunities (oldest first), with their components, outcomes and review tasks. With
 * --opportunity the Ids are few and go in the query; otherwise the org filters by the opportunities' own criteria,
 * in one paged query whatever the number of opportunities.
 */
export async function fetchExistingHandovers(
  conn: OrgConnection,
  selection: OpportunitySelection,
  wonOpportunityIds: readonly string[],
  usage: ApiUsage,
): Promise<ExistingHandoverRecords> {
  if (wonOpportunityIds.length === 0) return { initiatives: [], tasks: [] };
  const won = new Set(wonOpportunityIds.map(idKey));
  const tiedToWon = (id: string | null): boolean => id !== null && won.has(idKey(id));
  const toHandover = (row: SfRecord): { initiative: ExistingInitiative; tasks: ExistingTask[] } | null => {
    const initiative = toExistingInitiative(row, INITIATIVE_CHILDREN);
    // An opportunity won after the opportunities were read, or a lookup pointing elsewhere: not this run's business.
    if (!tiedToWon(initiative.Opportunity__c) && !tiedToWon(initiative.Source_Opportunity_Id__c)) return null;
    return { initiative, tasks: childRecords(row, TASKS).map((task) => toExistingTask(task, initiative.Id)) };
  };
  // Page by page: only the initiatives kept, in their domain form, outlive their page.
  const kept = selection.opportunityIds
    ? (await fetchInitiativeRowsByOpportunityIds(conn, wonOpportunityIds, usage)).map(toHandover).filter((h) => h !== null)
    : await fetchMapped(conn, initiativesSoql(initiativesOfWonWhere(selection.since)), usage, toHandover);
  const initiatives: ExistingInitiative[] = [];
  const tasks: ExistingTask[] = [];
  for (const h of kept) {
    initiatives.push(h.initiative);
    for (const task of h.tasks) tasks.push(task);
  }
  return { initiatives, tasks };
}

/** Initiatives of the given opportunities, by Ids (kept for callers that name a few opportunities). */
export async function fetchInitiatives(conn: OrgConnection, opportunityIds: readonly string[], usage: ApiUsage): Promise<ExistingInitiative[]> {
  return (await fetchInitiativeRowsByOpportunityIds(conn, opportunityIds, usage)).map((row) => toExistingInitiative(row, INITIATIVE_CHILDREN));
}

async function fetchInitiativeRowsByOpportunityIds(conn: OrgConnection, opportunityIds: readonly string[], usage: ApiUsage): Promise<SfRecord[]> {
  const rows: SfRecord[] = [];
  for (const ids of chunk(opportunityIds, IDS_PER_QUERY)) {
    // eslint-disable-next-line no-await-in-loop -- one query per batch of ids, one at a time
    rows.push(...(await fetchAll(conn, initiativesSoql(initiativesOfOpportunitiesWhere(ids)), usage)));
  }
  // Chunks are ordered on their own; the oldest-first order the planner relies on holds across them too.
  const seen = new Set<string>();
  return rows
    .filter((row) => (seen.has(String(row.Id)) ? false : seen.add(String(row.Id))))
    .map((row, index) => ({ row, index, created: createdDateOf(row) }))
    .sort((a, b) => a.created.localeCompare(b.created) || a.index - b.index)
    .map(({ row }) => row);
}

// ---- Review tasks ----------------------------------------------------------------------------------

/** Review tasks on the given initiatives (the handover sync reads them with the initiatives, as a child subquery). */
export function handoverTasksSoql(initiativeIds: readonly string[]): string {
  return (
    `SELECT Id, WhatId, Subject, IsClosed FROM Task WHERE WhatId IN ${soqlIdList(initiativeIds)} ` +
    // The prefix holds no LIKE wildcard (% or _), so it matches literally.
    `AND Subject LIKE ${soqlString(`${HANDOVER_TASK_SUBJECT_PREFIX}%`)}`
  );
}

/** Open review tasks created since `since`, the ones two runs at once may have duplicated. */
export function recentReviewTasksSoql(since: Date): string {
  return (
    `SELECT Id, WhatId, CreatedDate FROM Task WHERE IsClosed = false AND CreatedDate >= ${soqlDateTime(since)} ` +
    `AND Subject LIKE ${soqlString(`${HANDOVER_TASK_SUBJECT_PREFIX}%`)} ORDER BY WhatId, CreatedDate, Id`
  );
}

export async function fetchRecentReviewTasks(conn: OrgConnection, since: Date, usage: ApiUsage): Promise<RecentReviewTask[]> {
  const rows = await fetchAll(conn, recentReviewTasksSoql(since), usage);
  return rows.map(toRecentReviewTask);
}

export async function fetchHandoverTasks(conn: OrgConnection, initiativeIds: readonly string[], usage: ApiUsage): Promise<ExistingTask[]> {
  const tasks: ExistingTask[] = [];
  for (const ids of chunk(initiativeIds, IDS_PER_QUERY)) {
    // eslint-disable-next-line no-await-in-loop -- one query per batch of ids, one at a time
    const rows = await fetchAll(conn, handoverTasksSoql(ids), usage);
    tasks.push(...rows.map((row) => toExistingTask(row)));
  }
  return tasks;
}

// ---- CSMs ------------------------------------------------------------------------------------------

/** The first active Customer Success Manager on each account's team (the longest-standing member wins). */
export function accountCsmsSoql(accountFilter: string): string {
  return (
    `SELECT AccountId, UserId, User.IsActive FROM AccountTeamMember WHERE TeamMemberRole = ${soqlString(CSM_TEAM_ROLE)} ` +
    `AND ${accountFilter} ORDER BY AccountId, CreatedDate, Id`
  );
}

/** Accounts of the won opportunities a run without --opportunity reads (a semi-join: the org resolves it). */
export function accountsOfWonWhere(since?: IsoDate): string {
  const closed = since ? ` AND CloseDate >= ${soqlDate(since)}` : '';
  return `AccountId IN (SELECT AccountId FROM Opportunity WHERE IsWon = true${closed})`;
}

/**
 * The account teams' CSMs, or why there are none: Account Teams are an optional feature (off in a new org, and
 * then AccountTeamMember does not exist), and the Customer Success Manager role is a team role an admin adds.
 */
export type AccountCsms = {
  csms: Map<string, string>;
  /** False when the org has Account Teams switched off. */
  accountTeams: boolean;
  /** True when no account had a CSM on its team and the org's team roles lack Customer Success Manager. */
  csmRoleMissing: boolean;
};

const isInvalidType = (error: unknown): boolean =>
  (error as { errorCode?: string; name?: string }).errorCode === 'INVALID_TYPE' || (error as { name?: string }).name === 'INVALID_TYPE';

/**
 * The CSM of each of the given accounts, from their teams. Without Account Teams the query answers INVALID_TYPE:
 * that costs the one call a describe would, and nothing when the feature is on. When no account has a CSM, one
 * describe of the team member says whether the role is missing, so the command can say what to set up.
 */
export async function fetchAccountCsms(
  conn: OrgConnection,
  accountIds: readonly string[],
  usage: ApiUsage,
  selection: OpportunitySelection = {},
): Promise<AccountCsms> {
  let csms: Map<string, string>;
  try {
    csms = await fetchTeamCsms(conn, accountIds, usage, selection);
  } catch (error) {
    if (isInvalidType(error)) return { csms: new Map(), accountTeams: false, csmRoleMissing: false };
    throw error;
  }
  if (csms.size > 0 || accountIds.length === 0) return { csms, accountTeams: true, csmRoleMissing: false };
  usage.count('other');
  const describe = await withRetry(() => conn.describe('AccountTeamMember'), { onRetry: () => usage.countRetry() });
  // jsforce types a field's picklist values as any[]; these are the describe's PicklistEntry.
  const roles = (describe.fields.find((f) => f.name === 'TeamMemberRole')?.picklistValues ?? []) as Array<{ value: string; active?: boolean }>;
  return { csms, accountTeams: true, csmRoleMissing: !roles.some((r) => r.value === CSM_TEAM_ROLE && r.active !== false) };
}

async function fetchTeamCsms(
  conn: OrgConnection,
  accountIds: readonly string[],
  usage: ApiUsage,
  selection: OpportunitySelection,
): Promise<Map<string, string>> {
  const filters =
    accountIds.length > IDS_PER_QUERY && !selection.opportunityIds
      ? [accountsOfWonWhere(selection.since)]
      : chunk(accountIds, IDS_PER_QUERY).map((ids) => `AccountId IN ${soqlIdList(ids)}`);
  const wanted = new Set(accountIds);
  const csms = new Map<string, string>();
  for (const filter of filters) {
    // eslint-disable-next-line no-await-in-loop -- the filters are tried in order
    const rows = await fetchAll(conn, accountCsmsSoql(filter), usage);
    for (const { accountId, userId, userActive } of rows.map(toTeamMember)) {
      if (!wanted.has(accountId) || !userActive || csms.has(accountId)) continue;
      csms.set(accountId, userId);
    }
  }
  return csms;
}

export type OrgUser = { id: string; username: string; isActive: boolean };

/** A user by record Id or by username (the two ways people name a user on the command line). */
export function userSoql(usernameOrId: string): string {
  const where = isSalesforceId(usernameOrId) ? `Id = ${soqlId(usernameOrId)}` : `Username = ${soqlString(usernameOrId)}`;
  return `SELECT Id, Username, IsActive FROM User WHERE ${where} LIMIT 1`;
}

export async function fetchUser(conn: OrgConnection, usernameOrId: string, usage: ApiUsage): Promise<OrgUser | null> {
  const [row] = await fetchAll(conn, userSoql(usernameOrId), usage);
  return row ? toOrgUser(row) : null;
}
