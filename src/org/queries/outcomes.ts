/**
 * The queries of a recompute: the initiatives, and their outcome requirements with every measurement
 * (a child subquery, ordered by date) and the initiative dates a due date is resolved from.
 */
import type { IsoDate } from '../../core/dates.js';
import {
  Initiative,
  Measurement,
  OutcomeRequirement,
  fieldsOf,
  relationshipName,
  type DeadlineType,
  type Direction,
  type OutcomeHealth,
  type OutcomeStatus,
  type Priority,
  type QuantityType,
} from '../../core/model.js';
import type { RecomputeInitiative, RecomputeOutcome } from '../../core/plan/recompute.js';
import type { ApiUsage } from '../apiUsage.js';
import type { OrgConnection, SfRecord } from '../connection.js';
import { childRecords, fetchAll, parentField } from '../fetch.js';
import { chunk, soqlIdList } from '../soql.js';

const I = fieldsOf(Initiative);
const O = fieldsOf(OutcomeRequirement);
const M = fieldsOf(Measurement);
const INITIATIVE = relationshipName(O.Initiative__c);
const MEASUREMENTS = `${Measurement.fields.Outcome_Requirement__c.childRelationship}__r`;
/** Ids per IN clause: 300 quoted ids are about 6,300 characters, well inside a query URL. */
const IDS_PER_QUERY = 300;

/** The fields of an outcome that a recompute reads: its quantity, deadline, and what was computed last time. */
const OUTCOME_FIELDS = [
  'Id',
  O.Name,
  O.Description__c,
  O.Initiative__c,
  O.Priority__c,
  O.Quantity_Type__c,
  O.Direction__c,
  O.Baseline_Value__c,
  O.Baseline_Date__c,
  O.Target_Value__c,
  O.Deadline_Type__c,
  O.Deadline_Date__c,
  O.Deadline_Offset_Months__c,
  O.Latest_Value__c,
  O.Latest_Measured_On__c,
  O.Attainment_Percent__c,
  O.Forecast_At_Deadline__c,
  O.Forecast_Attainment_Percent__c,
  O.Status__c,
  `${INITIATIVE}.${I.Go_Live_Date__c}`,
  `${INITIATIVE}.${I.Handover_Date__c}`,
];

export function initiativesSoql(initiativeIds?: readonly string[]): string {
  const where = initiativeIds ? ` WHERE Id IN ${soqlIdList(initiativeIds)}` : '';
  return `SELECT Id, ${I.Name}, ${I.Outcome_Health__c} FROM ${Initiative.apiName}${where} ORDER BY ${I.Name}, Id`;
}

export function outcomesWithMeasurementsSoql(initiativeIds?: readonly string[]): string {
  const where = initiativeIds ? ` WHERE ${O.Initiative__c} IN ${soqlIdList(initiativeIds)}` : '';
  return (
    `SELECT ${OUTCOME_FIELDS.join(', ')}, ` +
    `(SELECT ${M.Measured_On__c}, ${M.Value__c} FROM ${MEASUREMENTS} ORDER BY ${M.Measured_On__c}) ` +
    `FROM ${OutcomeRequirement.apiName}${where} ORDER BY ${O.Initiative__c}, ${O.Name}, Id`
  );
}

/** The initiatives to recompute: all, or those with the given Ids (in chunks, so any number of Ids fits). */
export async function fetchInitiatives(
  conn: OrgConnection,
  initiativeIds: readonly string[] | undefined,
  usage: ApiUsage,
): Promise<RecomputeInitiative[]> {
  const rows = await fetchInChunks(conn, initiativeIds, initiativesSoql, usage);
  return rows.map((row) => ({
    Id: String(row.Id),
    Name: (row[I.Name] as string | null) ?? null,
    Outcome_Health__c: (row[I.Outcome_Health__c] as OutcomeHealth | null) ?? null,
  }));
}

/** The outcomes of all initiatives, or of the given ones, each with all its measurements. */
export async function fetchOutcomesWithMeasurements(
  conn: OrgConnection,
  initiativeIds: readonly string[] | undefined,
  usage: ApiUsage,
): Promise<RecomputeOutcome[]> {
  const rows = await fetchInChunks(conn, initiativeIds, outcomesWithMeasurementsSoql, usage);
  return rows.map(toRecomputeOutcome);
}

async function fetchInChunks(
  conn: OrgConnection,
  ids: readonly string[] | undefined,
  soql: (ids?: readonly string[]) => string,
  usage: ApiUsage,
): Promise<SfRecord[]> {
  if (!ids) return fetchAll(conn, soql(), usage);
  const rows: SfRecord[] = [];
  for (const part of chunk([...new Set(ids)], IDS_PER_QUERY)) {
    // eslint-disable-next-line no-await-in-loop
    rows.push(...(await fetchAll(conn, soql(part), usage)));
  }
  return rows;
}

const text = <T extends string = string>(row: SfRecord, field: string): T | null => (row[field] as T | null | undefined) ?? null;
const num = (row: SfRecord, field: string): number | null => {
  const value = row[field];
  return value === null || value === undefined || value === '' ? null : Number(value);
};

function toRecomputeOutcome(row: SfRecord): RecomputeOutcome {
  return {
    Id: String(row.Id),
    Name: text(row, O.Name),
    Description__c: text(row, O.Description__c),
    Initiative__c: String(row[O.Initiative__c]),
    Priority__c: text<Priority>(row, O.Priority__c),
    Quantity_Type__c: text<QuantityType>(row, O.Quantity_Type__c),
    Direction__c: text<Direction>(row, O.Direction__c),
    Baseline_Value__c: num(row, O.Baseline_Value__c),
    Baseline_Date__c: text<IsoDate>(row, O.Baseline_Date__c),
    Target_Value__c: num(row, O.Target_Value__c),
    Deadline_Type__c: text<DeadlineType>(row, O.Deadline_Type__c),
    Deadline_Date__c: text<IsoDate>(row, O.Deadline_Date__c),
    Deadline_Offset_Months__c: num(row, O.Deadline_Offset_Months__c),
    Latest_Value__c: num(row, O.Latest_Value__c),
    Latest_Measured_On__c: text<IsoDate>(row, O.Latest_Measured_On__c),
    Attainment_Percent__c: num(row, O.Attainment_Percent__c),
    Forecast_At_Deadline__c: num(row, O.Forecast_At_Deadline__c),
    Forecast_Attainment_Percent__c: num(row, O.Forecast_Attainment_Percent__c),
    Status__c: text<OutcomeStatus>(row, O.Status__c),
    goLiveDate: parentField<IsoDate>(row, `${INITIATIVE}.${I.Go_Live_Date__c}`),
    handoverDate: parentField<IsoDate>(row, `${INITIATIVE}.${I.Handover_Date__c}`),
    measurements: childRecords(row, MEASUREMENTS).map((m) => ({
      Measured_On__c: String(m[M.Measured_On__c]),
      Value__c: Number(m[M.Value__c]),
    })),
  };
}
