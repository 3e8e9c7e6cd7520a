/**
 * The queries of a renewals sync: initiatives that have renewable components (one query, a semi-join and a child
 * subquery), then the line items those components came from, by Id in chunks, with the dates that fix a renewal.
 */
import type { RenewalInputs } from '../../core/renewal.js';
import { fieldsOf, Initiative, LIFECYCLES, OpportunityLineItemFields, Product2Fields, SolutionComponent, type Lifecycle } from '../../core/model.js';
import type { RenewalComponent, RenewalInitiative } from '../../core/plan/renewals.js';
import type { ApiUsage } from '../apiUsage.js';
import type { OrgConnection, SfRecord } from '../connection.js';
import { childRecords, fetchAll, parentField } from '../fetch.js';
import { chunk, soqlIdList, soqlString } from '../soql.js';
import { asDate, asNumber, asPicklist, asString } from './handover.js';

const I = fieldsOf(Initiative);
const S = fieldsOf(SolutionComponent);
const LINE = fieldsOf(OpportunityLineItemFields);
const PRODUCT = fieldsOf(Product2Fields);
const COMPONENTS = `${SolutionComponent.fields.Initiative__c.childRelationship}__r`;
const RENEWABLE: Lifecycle = 'Renewable';

/** Ids per IN clause: a query travels in a GET URL (16,384 bytes at most); an encoded Id in a list takes about 27. */
export const LINE_IDS_PER_QUERY = 400;

export function renewableInitiativesSoql(): string {
  const renewable = `${S.Lifecycle__c} = ${soqlString(RENEWABLE)}`;
  return (
    `SELECT Id, ${I.Name}, ${I.Next_Renewal_Date__c}, ` +
    `(SELECT Id, ${S.Name}, ${S.Lifecycle__c}, ${S.Source_Line_Item_Id__c}, ${S.End_Date__c}, ${S.Renewal_Date__c} ` +
    `FROM ${COMPONENTS} WHERE ${renewable} ORDER BY Id) ` +
    `FROM ${Initiative.apiName} WHERE Id IN (SELECT ${S.Initiative__c} FROM ${SolutionComponent.apiName} WHERE ${renewable}) ` +
    `ORDER BY ${I.Name}, Id`
  );
}

export async function fetchRenewableInitiatives(conn: OrgConnection, usage: ApiUsage): Promise<RenewalInitiative[]> {
  const rows = await fetchAll(conn, renewableInitiativesSoql(), usage);
  return rows.map((row) => ({
    Id: String(row.Id),
    Name: asString(row[I.Name]) ?? String(row.Id),
    Next_Renewal_Date__c: asDate(row[I.Next_Renewal_Date__c]),
    components: childRecords(row, COMPONENTS).map(toRenewalComponent),
  }));
}

function toRenewalComponent(row: SfRecord): RenewalComponent {
  return {
    Id: String(row.Id),
    Name: asString(row[S.Name]),
    Lifecycle__c: asPicklist(row[S.Lifecycle__c], LIFECYCLES),
    Source_Line_Item_Id__c: asString(row[S.Source_Line_Item_Id__c]),
    End_Date__c: asDate(row[S.End_Date__c]),
    Renewal_Date__c: asDate(row[S.Renewal_Date__c]),
  };
}

export function lineItemsSoql(lineItemIds: readonly string[]): string {
  return (
    `SELECT Id, ServiceDate, ${LINE.End_Date__c}, ${LINE.Term_Months__c}, Product2.${PRODUCT.Default_Term_Months__c}, ` +
    `Opportunity.CloseDate, Opportunity.Contract.EndDate FROM OpportunityLineItem WHERE Id IN ${soqlIdList(lineItemIds)}`
  );
}

/**
 * The dating inputs of each line item, by Id. Source ids that are not record Ids (typed by hand) cannot name a
 * line item: they are left out here, and the plan reports their components.
 */
export async function fetchLineRenewalInputs(
  conn: OrgConnection,
  lineItemIds: readonly string[],
  usage: ApiUsage,
): Promise<Map<string, RenewalInputs>> {
  const lines = new Map<string, RenewalInputs>();
  const ids = [...new Set(lineItemIds)];
  for (const batch of chunk(ids, LINE_IDS_PER_QUERY)) {
    // eslint-disable-next-line no-await-in-loop
    const rows = await fetchAll(conn, lineItemsSoql(batch), usage);
    for (const row of rows) {
      lines.set(String(row.Id), {
        endDate: asDate(row[LINE.End_Date__c]),
        contractEndDate: asDate(parentField(row, 'Opportunity.Contract.EndDate')),
        serviceDate: asDate(row.ServiceDate),
        closeDate: asDate(parentField(row, 'Opportunity.CloseDate')),
        termMonths: asNumber(row[LINE.Term_Months__c]),
        productDefaultTermMonths: asNumber(parentField(row, `Product2.${PRODUCT.Default_Term_Months__c}`)),
      });
    }
  }
  return lines;
}
