/**
 * The queries of the value report. SOQL allows one level of child subquery, and measurements are grandchildren
 * of the initiative, so the report reads in two queries that do not depend on each other and run side by side:
 * initiatives with their solution components, and outcome requirements with their measurements and the lines
 * that serve them. Two API calls (plus a page per 2,000 rows) whatever the number of records.
 */
import {
  Initiative,
  Measurement,
  OutcomeComponent,
  OutcomeRequirement,
  SolutionComponent,
  fieldsOf,
  relationshipName,
} from '../../core/model.js';
import {
  initiativeSchema,
  measurementSchema,
  outcomeRequirementFieldsSchema,
  solutionComponentSchema,
} from '../../core/schemas.js';
import type { InitiativeSource, OutcomeSource, ReportScope } from '../../core/plan/valueReport.js';
import type { ApiUsage } from '../apiUsage.js';
import type { OrgConnection } from '../connection.js';
import { childRecords, fetchAll } from '../fetch.js';
import { soqlId } from '../soql.js';
import { allSettledOrThrow } from '../settled.js';
import { child, parentName, parseRecord, recordLabel } from '../records.js';
import { fetchCurrencyOf } from './currency.js';

const I = fieldsOf(Initiative);
const O = fieldsOf(OutcomeRequirement);
const M = fieldsOf(Measurement);
const S = fieldsOf(SolutionComponent);
const J = fieldsOf(OutcomeComponent);

const COMPONENTS = child(SolutionComponent.fields.Initiative__c);
const MEASUREMENTS = child(Measurement.fields.Outcome_Requirement__c);
const OUTCOME_COMPONENTS = child(OutcomeComponent.fields.Outcome_Requirement__c);
const ACCOUNT_NAME = `${relationshipName(I.Account__c)}.Name`;

const INITIATIVE_FIELDS = [
  'Id',
  I.Name,
  I.Account__c,
  ACCOUNT_NAME,
  I.Purpose__c,
  I.Strategic_Alignment__c,
  I.Challenges__c,
  I.Status__c,
  I.Handover_Date__c,
  I.Go_Live_Date__c,
  I.Next_Renewal_Date__c,
  I.Annual_Contract_Value__c,
  I.Total_Contract_Value__c,
] as const;

const COMPONENT_FIELDS = [
  'Id',
  S.Name,
  S.Component_Type__c,
  S.Lifecycle__c,
  S.Role_In_Solution__c,
  S.Start_Date__c,
  S.End_Date__c,
  S.Renewal_Date__c,
  S.Annual_Value__c,
  S.Total_Price__c,
] as const;

const OUTCOME_FIELDS = [
  'Id',
  O.Name,
  O.Initiative__c,
  O.Description__c,
  O.Priority__c,
  O.Validation_Status__c,
  O.Quantity_Type__c,
  O.Direction__c,
  O.Baseline_Value__c,
  O.Baseline_Date__c,
  O.Target_Value__c,
  O.Unit__c,
  O.Deadline_Type__c,
  O.Deadline_Date__c,
  O.Deadline_Offset_Months__c,
  O.Measurement_Method__c,
  O.Status__c,
  O.KPI__c,
] as const;

/** Initiatives in scope with their solution components. */
export function initiativesSoql(scope: ReportScope): string {
  const where = scope.kind === 'initiative' ? `Id = ${soqlId(scope.id)}` : `${I.Account__c} = ${soqlId(scope.id)}`;
  return (
    `SELECT ${INITIATIVE_FIELDS.join(', ')}, ` +
    `(SELECT ${COMPONENT_FIELDS.join(', ')} FROM ${COMPONENTS} ORDER BY ${S.Renewal_Date__c}, ${S.Name}) ` +
    `FROM ${Initiative.apiName} WHERE ${where} ORDER BY ${I.Name}, Id`
  );
}

/** Outcome requirements of the initiatives in scope, with their measurements and the lines that serve them. */
export function outcomesSoql(scope: ReportScope): string {
  const where =
    scope.kind === 'initiative'
      ? `${O.Initiative__c} = ${soqlId(scope.id)}`
      : `${relationshipName(O.Initiative__c)}.${I.Account__c} = ${soqlId(scope.id)}`;
  return (
    `SELECT ${OUTCOME_FIELDS.join(', ')}, ` +
    `(SELECT Id, ${M.Measured_On__c}, ${M.Value__c}, ${M.Source__c} FROM ${MEASUREMENTS} ORDER BY ${M.Measured_On__c}), ` +
    `(SELECT Id, ${J.Solution_Component__c} FROM ${OUTCOME_COMPONENTS}) ` +
    `FROM ${OutcomeRequirement.apiName} WHERE ${where} ORDER BY ${O.Name}, Id`
  );
}

/** Both queries, side by side, assembled into initiatives that carry their outcomes. */
export async function fetchReportSource(conn: OrgConnection, scope: ReportScope, usage: ApiUsage): Promise<InitiativeSource[]> {
  const [initiativeRows, outcomeRows] = await allSettledOrThrow([
    fetchAll(conn, initiativesSoql(scope), usage),
    fetchAll(conn, outcomesSoql(scope), usage),
  ] as const);

  const outcomesByInitiative = new Map<string, OutcomeSource[]>();
  for (const row of outcomeRows) {
    const label = `${OutcomeRequirement.apiName} ${String(row.Id)}`;
    const record = parseRecord(outcomeRequirementFieldsSchema, row, label);
    const outcome: OutcomeSource = {
      record,
      measurements: childRecords(row, MEASUREMENTS).map((m) => parseRecord(measurementSchema, m, `${Measurement.apiName} ${String(m.Id)}`)),
      componentIds: childRecords(row, OUTCOME_COMPONENTS)
        .map((link) => link[J.Solution_Component__c])
        .filter((id): id is string => typeof id === 'string'),
    };
    const parentId = String(record.Initiative__c);
    outcomesByInitiative.set(parentId, [...(outcomesByInitiative.get(parentId) ?? []), outcome]);
  }

  return initiativeRows.map((row) => {
    const record = parseRecord(initiativeSchema, row, `${Initiative.apiName} ${String(row.Id)}`);
    return {
      record,
      accountName: parentName(row, relationshipName(I.Account__c), recordLabel(Initiative.apiName, row)),
      components: childRecords(row, COMPONENTS).map((c) => parseRecord(solutionComponentSchema, c, `${SolutionComponent.apiName} ${String(c.Id)}`)),
      outcomes: outcomesByInitiative.get(String(row.Id)) ?? [],
    };
  });
}

/**
 * The currency of the report's amounts: the initiatives' CurrencyIsoCode when the org has multi-currency on (the
 * field exists only then, so the query fails with INVALID_FIELD otherwise), else the org's DefaultCurrencyIsoCode.
 * Null when neither answers, or when the initiatives in scope are in several currencies (their sums would mix
 * them): the report then prints bare amounts rather than a wrong currency. Both queries run side by side with the
 * report's own; a failure here never stops the report.
 */
export async function fetchReportCurrency(conn: OrgConnection, scope: ReportScope, usage: ApiUsage): Promise<string | null> {
  const where = scope.kind === 'initiative' ? `Id = ${soqlId(scope.id)}` : `${I.Account__c} = ${soqlId(scope.id)}`;
  return fetchCurrencyOf(conn, Initiative.apiName, ` WHERE ${where}`, usage);
}
