/**
 * The queries of a renewals sync: initiatives that have renewable components (one query, a semi-join and a child
 * subquery), then the line items those components came from, with the dates that fix a renewal (one paged query
 * filtered on the org's side; Ids only for the few it cannot reach).
 */
import type { RenewalInputs } from '../../core/renewal.js';
import { fieldsOf, Initiative, OpportunityLineItemFields, Product2Fields, SolutionComponent, type Lifecycle } from '../../core/model.js';
import type { RenewalInitiative } from '../../core/plan/renewals.js';
import type { ApiUsage } from '../apiUsage.js';
import type { OrgConnection, SfRecord } from '../connection.js';
import { fetchAll, fetchMapped } from '../fetch.js';
import { child } from '../records.js';
import { chunk, soqlIdList, soqlString, soqlStringList } from '../soql.js';
import type { ChangeWindow, PassedDates, SyncSelectionPlan } from '../../core/incremental.js';
import { runComposite } from '../composite.js';
import { idKey } from '../../core/plan/handover.js';
import { CHANGED_ROWS_READ_MAX, changedSince, datePassed } from './changes.js';
import { toRenewalInitiative, toRenewalInputs } from './handoverRows.js';

const I = fieldsOf(Initiative);
const S = fieldsOf(SolutionComponent);
const LINE = fieldsOf(OpportunityLineItemFields);
const PRODUCT = fieldsOf(Product2Fields);
const COMPONENTS = child(SolutionComponent.fields.Initiative__c);
const RENEWABLE: Lifecycle = 'Renewable';

/** Ids per IN clause: a query travels in a GET URL (16,384 bytes at most); an encoded Id in a list takes about 27. */
export const LINE_IDS_PER_QUERY = 400;

export function renewableInitiativesSoql(filter?: string): string {
  const renewable = `${S.Lifecycle__c} = ${soqlString(RENEWABLE)}`;
  return (
    `SELECT Id, ${I.Name}, ${I.Next_Renewal_Date__c}, ` +
    `(SELECT Id, ${S.Name}, ${S.Lifecycle__c}, ${S.Source_Line_Item_Id__c}, ${S.End_Date__c}, ${S.Renewal_Date__c} ` +
    `FROM ${COMPONENTS} WHERE ${renewable} ORDER BY Id) ` +
    `FROM ${Initiative.apiName} WHERE Id IN (SELECT ${S.Initiative__c} FROM ${SolutionComponent.apiName} WHERE ${renewable}) ` +
    (filter ? `AND ${filter} ` : '') +
    `ORDER BY ${I.Name}, Id`
  );
}

export async function fetchRenewableInitiatives(conn: OrgConnection, usage: ApiUsage): Promise<RenewalInitiative[]> {
  // Turned into RenewalInitiatives page by page: only one page of raw rows is alive at a time.
  return fetchMapped(conn, renewableInitiativesSoql(), usage, (row) => toRenewalInitiative(row, COMPONENTS));
}

const LINE_FIELDS = [
  'Id',
  'ServiceDate',
  LINE.End_Date__c,
  LINE.Term_Months__c,
  `Product2.${PRODUCT.Default_Term_Months__c}`,
  'Opportunity.CloseDate',
  'Opportunity.Contract.EndDate',
];

export function lineItemsSoql(lineItemIds: readonly string[]): string {
  return `SELECT ${LINE_FIELDS.join(', ')} FROM OpportunityLineItem WHERE Id IN ${soqlIdList(lineItemIds)}`;
}

/**
 * The renewable line items of the opportunities that were handed over: where the renewable components come from.
 * Source_Line_Item_Id__c is a text field, which a semi-join may not select (SOQL and SOSL Reference, semi-join
 * restrictions), so the org is asked by the line's side instead: its product renews and its opportunity has a synced
 * initiative. One paged query, whatever the number of components.
 */
export function renewableLinesSoql(): string {
  return (
    `SELECT ${LINE_FIELDS.join(', ')} FROM OpportunityLineItem ` +
    `WHERE Product2.${PRODUCT.Lifecycle__c} = ${soqlString(RENEWABLE)} ` +
    `AND OpportunityId IN (SELECT ${I.Opportunity__c} FROM ${Initiative.apiName} WHERE ${I.Source_Opportunity_Id__c} != null) ` +
    'ORDER BY Id'
  );
}

/**
 * The dating inputs of each line item, by Id. A few go in one query by Id. More are read through the renewable
 * lines of handed-over opportunities (one paged query), and only those that query does not return (a product no
 * longer renewable, a component made renewable by hand, a line since deleted) are then asked for by Id. Source ids
 * that are not record Ids (typed by hand) cannot name a line item: they are left out here, and the plan reports
 * their components.
 */
export async function fetchLineRenewalInputs(
  conn: OrgConnection,
  lineItemIds: readonly string[],
  usage: ApiUsage,
): Promise<Map<string, RenewalInputs>> {
  const lines = new Map<string, RenewalInputs>();
  const wanted = new Map([...new Set(lineItemIds)].map((id) => [idKey(id), id]));
  // Kept as each page arrives (fetchMapped): the rows of a million line items are never held at once.
  const keep = (row: SfRecord): null => {
    const key = idKey(String(row.Id));
    if (!wanted.has(key)) return null;
    wanted.delete(key);
    lines.set(String(row.Id), toRenewalInputs(row));
    return null;
  };
  if (wanted.size > LINE_IDS_PER_QUERY) await fetchMapped(conn, renewableLinesSoql(), usage, keep);
  for (const batch of chunk([...wanted.values()], LINE_IDS_PER_QUERY)) {
    // eslint-disable-next-line no-await-in-loop -- one query per batch of ids, one at a time
    await fetchMapped(conn, lineItemsSoql(batch), usage, keep);
  }
  return lines;
}

// ---- Incremental runs ------------------------------------------------------------------------------

/** Initiatives per query when read by Id (a GET URL holds about 400 encoded Ids; the semi-join takes the rest). */
export const INITIATIVE_IDS_PER_QUERY = 200;

/** Renewable initiatives among the given ones, by Id, each with its renewable components. */
export async function fetchRenewableInitiativesById(conn: OrgConnection, initiativeIds: readonly string[], usage: ApiUsage): Promise<RenewalInitiative[]> {
  const initiatives: RenewalInitiative[] = [];
  for (const ids of chunk(initiativeIds, INITIATIVE_IDS_PER_QUERY)) {
    // eslint-disable-next-line no-await-in-loop
    const rows = await fetchAll(conn, renewableInitiativesSoql(`Id IN ${soqlIdList(ids)}`), usage);
    initiatives.push(...rows.map((row) => toRenewalInitiative(row, COMPONENTS)));
  }
  return initiatives;
}

export type RenewalChangeQueries = Record<'initiatives' | 'components' | 'lines', string>;

/**
 * What a renewal date depends on, saved since the last complete run: the initiative (or its next renewal date
 * passed since that run's day), its components (a lifecycle or an end date changed), and the line items behind them
 * with their product, opportunity and contract.
 */
export function renewalChangeQueries(window: ChangeWindow, passed: PassedDates | null): RenewalChangeQueries {
  const changed = (relationship = ''): string => changedSince(window, relationship);
  const renewalPassed = passed ? ` OR ${datePassed(I.Next_Renewal_Date__c, passed)}` : '';
  return {
    initiatives: `SELECT Id FROM ${Initiative.apiName} WHERE ${changed()}${renewalPassed}`,
    components: `SELECT ${S.Initiative__c} FROM ${SolutionComponent.apiName} WHERE ${changed()}`,
    lines:
      `SELECT Id FROM OpportunityLineItem WHERE ${changed()} OR ${changed('Product2.')} OR ${changed('Opportunity.')} ` +
      `OR ${changed('Opportunity.Contract.')}`,
  };
}

/**
 * The initiatives whose renewal dates may have moved since the last complete run: one composite call, plus the few
 * lines' components; null when so many lines changed that reading the whole renewable book costs less.
 */
export async function fetchChangedRenewalInitiativeIds(
  conn: OrgConnection,
  window: ChangeWindow,
  passed: PassedDates | null,
  usage: ApiUsage,
): Promise<string[] | null> {
  const q = renewalChangeQueries(window, passed);
  const kinds = ['initiatives', 'components', 'lines'] as const;
  const answer = await runComposite(conn, kinds.map((referenceId) => ({ referenceId, query: q[referenceId] })), usage, { maxRows: CHANGED_ROWS_READ_MAX });
  if (kinds.some((kind) => answer.tooMany(kind))) return null;
  const ids = [...answer.records('initiatives').map((r) => String(r.Id)), ...answer.records('components').map((r) => String(r[S.Initiative__c]))];
  const lineIds = answer.records('lines').map((r) => String(r.Id));
  // Finding the components of that many lines, 400 to a query, would cost more than reading the renewable book.
  if (lineIds.length > CHANGES_READ_BY_ID_MAX) return null;
  for (const batch of chunk(lineIds, LINE_IDS_PER_QUERY)) {
    // Source_Line_Item_Id__c is text: the Ids are the org's own, quoted as strings.
    // eslint-disable-next-line no-await-in-loop
    const rows = await fetchAll(conn, `SELECT ${S.Initiative__c} FROM ${SolutionComponent.apiName} WHERE ${S.Source_Line_Item_Id__c} IN ${soqlStringList(batch)}`, usage);
    ids.push(...rows.map((r) => String(r[S.Initiative__c])));
  }
  return [...new Map(ids.map((id) => [idKey(id), id])).values()];
}

/** Above this many changed initiatives, one paged pass over the renewable book costs fewer calls than reading by Id. */
export const CHANGES_READ_BY_ID_MAX = 2000;

/** The renewable initiatives a run reads: all of them, or those that changed (src/core/incremental.ts). */
export async function fetchRenewalsToRead(conn: OrgConnection, plan: SyncSelectionPlan, usage: ApiUsage): Promise<RenewalInitiative[]> {
  if (plan.kind !== 'Changes') return fetchRenewableInitiatives(conn, usage);
  const ids = await fetchChangedRenewalInitiativeIds(conn, plan.changes, plan.passed, usage);
  if (ids === null || ids.length > CHANGES_READ_BY_ID_MAX) return fetchRenewableInitiatives(conn, usage);
  return fetchRenewableInitiativesById(conn, ids, usage);
}
