/**
 * The query of the renewal-risk list: initiatives renewing inside the window, with their primary outcomes as a
 * child subquery. One API call (plus one per 2,000 initiatives) whatever the number of outcomes. The statuses
 * read are those stored on the outcomes, which the recompute keeps current.
 */
import { Initiative, OutcomeRequirement, fieldsOf, relationshipName, type Priority } from '../../core/model.js';
import type { RiskInitiative, RiskOutcome } from '../../core/risk.js';
import { initiativeSchema, outcomeRequirementFieldsSchema } from '../../core/schemas.js';
import type { ApiUsage } from '../apiUsage.js';
import type { OrgConnection } from '../connection.js';
import { childRecords, fetchAll } from '../fetch.js';
import { soqlDate, soqlString } from '../soql.js';
import { child, parentName, parseRecord, recordLabel } from '../records.js';

const I = fieldsOf(Initiative);
const O = fieldsOf(OutcomeRequirement);
const OUTCOMES = child(OutcomeRequirement.fields.Initiative__c);
const ACCOUNT_NAME = `${relationshipName(I.Account__c)}.Name`;

const riskInitiativeSchema = initiativeSchema.pick({
  Id: true,
  Name: true,
  Account__c: true,
  Next_Renewal_Date__c: true,
  Renewable_Annual_Value__c: true,
  Annual_Contract_Value__c: true,
});
const riskOutcomeSchema = outcomeRequirementFieldsSchema.pick({ Id: true, Name: true, Description__c: true, Priority__c: true, Status__c: true });

export type RiskWindow = { from: string; to: string };

export type RiskCandidate = {
  initiative: RiskInitiative & { Account__c: string };
  accountName: string | null;
  outcomes: Array<RiskOutcome & { Name?: string | null }>;
};

/** Dates arrive validated by the command; `soqlDate` refuses anything else, so nothing unchecked reaches SOQL. */
export function riskSoql({ from, to }: RiskWindow): string {
  return (
    `SELECT Id, ${I.Name}, ${I.Account__c}, ${ACCOUNT_NAME}, ${I.Next_Renewal_Date__c}, ${I.Renewable_Annual_Value__c}, ${I.Annual_Contract_Value__c}, ` +
    `(SELECT Id, ${O.Name}, ${O.Description__c}, ${O.Priority__c}, ${O.Status__c} FROM ${OUTCOMES} ` +
    `WHERE ${O.Priority__c} = ${soqlString('Primary' satisfies Priority)} ORDER BY ${O.Name}) ` +
    `FROM ${Initiative.apiName} ` +
    `WHERE ${I.Next_Renewal_Date__c} >= ${soqlDate(from)} AND ${I.Next_Renewal_Date__c} <= ${soqlDate(to)} ` +
    `ORDER BY ${I.Next_Renewal_Date__c}, ${I.Name}`
  );
}

export async function fetchRiskCandidates(conn: OrgConnection, window: RiskWindow, usage: ApiUsage): Promise<RiskCandidate[]> {
  const rows = await fetchAll(conn, riskSoql(window), usage);
  return rows.map((row) => ({
    initiative: parseRecord(riskInitiativeSchema, row, `${Initiative.apiName} ${String(row.Id)}`),
    accountName: parentName(row, relationshipName(I.Account__c), recordLabel(Initiative.apiName, row)),
    outcomes: childRecords(row, OUTCOMES).map((o) => parseRecord(riskOutcomeSchema, o, `${OutcomeRequirement.apiName} ${String(o.Id)}`)),
  }));
}
