/**
 * The queries of a recompute: the initiatives, and their outcome requirements with every measurement
 * (a child subquery, ordered by date) and the initiative dates a due date is resolved from.
 */
import { FeeAtRisk, FeeTier, Initiative, Measurement, OutcomeRequirement, fieldsOf, relationshipName } from '../../core/model.js';
import type { RecomputeInitiative, RecomputeOutcome } from '../../core/plan/recompute.js';
import { initiativeSchema, measurementSchema, outcomeRequirementFieldsSchema } from '../../core/schemas.js';
import { idSchema } from '../../core/fieldSchemas.js';
import type { ApiUsage } from '../apiUsage.js';
import type { OrgConnection, SfRecord } from '../connection.js';
import { childRecords, forEachPage, parentField } from '../fetch.js';
import { child, readRecord, recordLabel } from '../records.js';
import { chunk, isSalesforceId, soqlIdList } from '../soql.js';
import type { ChangeWindow, PassedDates, SyncSelectionPlan } from '../../core/incremental.js';
import { runComposite } from '../composite.js';
import { changedSince, datePassed } from './changes.js';

const I = fieldsOf(Initiative);
const O = fieldsOf(OutcomeRequirement);
const M = fieldsOf(Measurement);
const INITIATIVE = relationshipName(O.Initiative__c);
const MEASUREMENTS = child(Measurement.fields.Outcome_Requirement__c);
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

const recomputeInitiativeSchema = initiativeSchema.pick({ Name: true, Outcome_Health__c: true }).extend({ Id: idSchema('Id') });
const recomputeOutcomeSchema = outcomeRequirementFieldsSchema
  .pick({
    Name: true,
    Description__c: true,
    Priority__c: true,
    Quantity_Type__c: true,
    Direction__c: true,
    Baseline_Value__c: true,
    Baseline_Date__c: true,
    Target_Value__c: true,
    Deadline_Type__c: true,
    Deadline_Date__c: true,
    Deadline_Offset_Months__c: true,
    Latest_Value__c: true,
    Latest_Measured_On__c: true,
    Attainment_Percent__c: true,
    Forecast_At_Deadline__c: true,
    Forecast_Attainment_Percent__c: true,
    Status__c: true,
  })
  .extend({ Id: idSchema('Id'), [O.Initiative__c]: idSchema(O.Initiative__c) });
const dueDateSourceSchema = initiativeSchema.pick({ Go_Live_Date__c: true, Handover_Date__c: true });
const datedValueSchema = measurementSchema.pick({ Measured_On__c: true, Value__c: true });

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
  return fetchInChunks(conn, initiativeIds, initiativesSoql, usage, (row) => readRecord(recomputeInitiativeSchema, row, recordLabel(Initiative.apiName, row)));
}

/** The outcomes of all initiatives, or of the given ones, each with all its measurements. */
export async function fetchOutcomesWithMeasurements(
  conn: OrgConnection,
  initiativeIds: readonly string[] | undefined,
  usage: ApiUsage,
): Promise<RecomputeOutcome[]> {
  return fetchInChunks(conn, initiativeIds, outcomesWithMeasurementsSoql, usage, toRecomputeOutcome);
}

/**
 * The outcomes of all initiatives, or of the given ones, each with all its measurements, handed to `each` as its
 * page arrives (ordered by initiative, each initiative's outcomes together) and then let go: the book's million
 * measurements are never held at once. Returns how many outcomes were read.
 */
export async function forEachOutcomeWithMeasurements(
  conn: OrgConnection,
  initiativeIds: readonly string[] | undefined,
  usage: ApiUsage,
  each: (outcome: RecomputeOutcome) => void,
): Promise<number> {
  let read = 0;
  await forEachInChunks(conn, initiativeIds, outcomesWithMeasurementsSoql, usage, toRecomputeOutcome, (outcome) => {
    read += 1;
    each(outcome);
  });
  return read;
}

/**
 * Rows of all records, or of those with the given Ids (in chunks, so any number of Ids fits), each turned into what
 * the caller keeps as its page arrives (the raw rows of a million measurements held at once took gigabytes).
 */
export async function fetchInChunks<U>(
  conn: OrgConnection,
  ids: readonly string[] | undefined,
  soql: (ids?: readonly string[]) => string,
  usage: ApiUsage,
  map: (row: SfRecord) => U,
): Promise<U[]> {
  const kept: U[] = [];
  await forEachInChunks(conn, ids, soql, usage, map, (value) => kept.push(value));
  return kept;
}

/** `fetchInChunks`, handing each row on (`each`) as its page arrives rather than keeping them. */
export async function forEachInChunks<U>(
  conn: OrgConnection,
  ids: readonly string[] | undefined,
  soql: (ids?: readonly string[]) => string,
  usage: ApiUsage,
  map: (row: SfRecord) => U,
  each: (value: U) => void,
): Promise<void> {
  const queries = ids ? chunk([...new Set(ids)], IDS_PER_QUERY).map((part) => soql(part)) : [soql()];
  for (const text of queries) {
    // eslint-disable-next-line no-await-in-loop -- one query per batch of ids, one at a time
    await forEachPage(conn, text, usage, (rows) => {
      for (const row of rows) each(map(row));
    });
  }
}

function toRecomputeOutcome(row: SfRecord): RecomputeOutcome {
  const label = recordLabel(OutcomeRequirement.apiName, row);
  // The initiative's dates a due date is resolved from; the parent is absent only if the row came without it.
  const initiative = readRecord(dueDateSourceSchema, (row[INITIATIVE] as SfRecord | null | undefined) ?? {}, `${label}: ${INITIATIVE}`);
  return {
    ...readRecord(recomputeOutcomeSchema, row, label),
    goLiveDate: initiative.Go_Live_Date__c,
    handoverDate: initiative.Handover_Date__c,
    measurements: childRecords(row, MEASUREMENTS).map((m) => readRecord(datedValueSchema, m, `${label}: ${Measurement.apiName} ${String(m[M.Measured_On__c])}`)),
  };
}

// ---- Incremental runs ------------------------------------------------------------------------------

const FEE_OUTCOME = relationshipName(fieldsOf(FeeAtRisk).Outcome_Requirement__c);
const FT = fieldsOf(FeeTier);

export type RecomputeChangeQueries = Record<'initiatives' | 'outcomes' | 'measurements' | 'fees' | 'tiers', string>;

/**
 * What a recompute's results depend on, saved since the last complete run: the initiative (its go-live and
 * handover dates resolve due dates), its outcomes (quantity, deadline), their measurements, the fees at risk on
 * them and their tiers (the terms a fee is judged by); and the outcomes whose
 * due date passed since that run's day, which may now be Missed (the one result time alone changes:
 * src/core/incremental.ts).
 */
export function recomputeChangeQueries(window: ChangeWindow, passed: PassedDates | null): RecomputeChangeQueries {
  const changed = changedSince(window);
  const duePassed = passed ? ` OR ${datePassed(O.Due_Date__c, passed)}` : '';
  return {
    initiatives: `SELECT Id FROM ${Initiative.apiName} WHERE ${changed}`,
    outcomes: `SELECT ${O.Initiative__c} FROM ${OutcomeRequirement.apiName} WHERE ${changed}${duePassed}`,
    measurements: `SELECT ${relationshipName(M.Outcome_Requirement__c)}.${O.Initiative__c} FROM ${Measurement.apiName} WHERE ${changed}`,
    fees: `SELECT ${FEE_OUTCOME}.${O.Initiative__c} FROM ${FeeAtRisk.apiName} WHERE ${changed}`,
    tiers: `SELECT ${relationshipName(FT.Fee_At_Risk__c)}.${FEE_OUTCOME}.${O.Initiative__c} FROM ${FeeTier.apiName} WHERE ${changed}`,
  };
}

/** Above this many changed initiatives, one paged pass over every outcome costs fewer calls than reading by Id. */
export const CHANGES_READ_BY_ID_MAX = 3000;

/**
 * The initiatives to recompute: those named, every one (undefined), or those whose inputs changed since the last
 * complete run (one composite call).
 */
export async function initiativesToRecompute(
  conn: OrgConnection,
  plan: SyncSelectionPlan,
  named: readonly string[] | undefined,
  usage: ApiUsage,
): Promise<readonly string[] | undefined> {
  if (plan.kind !== 'Changes') return named;
  const q = recomputeChangeQueries(plan.changes, plan.passed);
  const answer = await runComposite(
    conn,
    (['initiatives', 'outcomes', 'measurements', 'fees', 'tiers'] as const).map((referenceId) => ({ referenceId, query: q[referenceId] })),
    usage,
  );
  const initiativeOf = (row: SfRecord, path: string): string => String(parentField(row, path));
  const ids = [
    ...answer.records('initiatives').map((r) => String(r.Id)),
    ...answer.records('outcomes').map((r) => String(r[O.Initiative__c])),
    ...answer.records('measurements').map((r) => initiativeOf(r, `${relationshipName(M.Outcome_Requirement__c)}.${O.Initiative__c}`)),
    ...answer.records('fees').map((r) => initiativeOf(r, `${FEE_OUTCOME}.${O.Initiative__c}`)),
    ...answer.records('tiers').map((r) => initiativeOf(r, `${relationshipName(FT.Fee_At_Risk__c)}.${FEE_OUTCOME}.${O.Initiative__c}`)),
  ].filter(isSalesforceId);
  const unique = [...new Map(ids.map((id) => [id.slice(0, 15), id])).values()];
  return unique.length > CHANGES_READ_BY_ID_MAX ? undefined : unique;
}
