/**
 * The queries of a measurement import: find the outcomes a file refers to (by External_Id__c or record Id)
 * together with the measurements they already have, so the planner can tell new rows from reruns.
 *
 * The measurements come as a child subquery of the outcomes, which costs nothing more for the usual outcome with a
 * few hundred readings. An outcome with more (its child result not done) has its measurements read on their own,
 * 2,000 a page: behind a child cursor they come 200 at a time, and re-importing 50,000 rows took 245 calls.
 *
 * Two ways to find them, whichever takes fewer calls: IN-lists of the references, as many queries as the URL
 * length needs (about 350 short external ids a query), or one paged read of every outcome, filtered here
 * (a call per 2,000 outcomes). A file that names a few outcomes takes the first; a feed that names thousands
 * takes the second, so its lookups grow with the outcomes the org holds, not with the references it makes.
 */
import { idSchema } from '../../core/fieldSchemas.js';
import { Measurement, OutcomeRequirement, fieldsOf } from '../../core/model.js';
import { measurementSchema, outcomeRequirementFieldsSchema } from '../../core/schemas.js';
import type { ApiUsage } from '../apiUsage.js';
import type { OrgConnection, SfRecord } from '../connection.js';
import { childRecords, fetchAll } from '../fetch.js';
import { child, readRecord, recordLabel } from '../records.js';
import { isSalesforceId, soqlIdList, soqlStringList } from '../soql.js';

const O = fieldsOf(OutcomeRequirement);
const M = fieldsOf(Measurement);
/** The child relationship of an outcome's measurements (Measurements__r). */
const MEASUREMENTS = child(Measurement.fields.Outcome_Requirement__c);

/** A measurement already in the org, as the import compares it. */
export type StoredMeasurement = {
  id: string;
  externalId: string | null;
  measuredOn: string;
  value: number;
  source: string | null;
  notes: string | null;
};

/** An outcome a file refers to, with the measurements it already has. */
export type ReferencedOutcome = {
  id: string;
  externalId: string | null;
  measurements: StoredMeasurement[];
};

/**
 * Characters of quoted references per query: the query travels in the URL of a GET, and Salesforce refuses
 * URLs beyond about 16,000 characters, so each chunk stays well below that, however long the external ids are.
 */
const REFERENCE_CHARS_PER_QUERY = 8_000;

const MEASUREMENT_FIELDS = `Id, ${M.External_Id__c}, ${M.Measured_On__c}, ${M.Value__c}, ${M.Source__c}, ${M.Notes__c}`;

export function outcomesByReferenceSoql(references: readonly string[]): string {
  const ids = references.filter(isSalesforceId);
  const where = [`${O.External_Id__c} IN ${soqlStringList(references)}`];
  if (ids.length > 0) where.push(`Id IN ${soqlIdList(ids)}`);
  return (
    `SELECT Id, ${O.External_Id__c}, ` +
    `(SELECT ${MEASUREMENT_FIELDS} FROM ${MEASUREMENTS}) ` +
    `FROM ${OutcomeRequirement.apiName} WHERE ${where.join(' OR ')}`
  );
}

/** Every outcome with its measurements: read page by page when the file names too many outcomes to list. */
export function allOutcomesSoql(): string {
  return (
    `SELECT Id, ${O.External_Id__c}, ` +
    `(SELECT ${MEASUREMENT_FIELDS} FROM ${MEASUREMENTS}) ` +
    `FROM ${OutcomeRequirement.apiName}`
  );
}

/** Outcomes named by any of `references`, each once, in as few queries as the org's size and the URL length allow. */
export async function fetchReferencedOutcomes(
  conn: OrgConnection,
  references: readonly string[],
  usage: ApiUsage,
): Promise<ReferencedOutcome[]> {
  const distinct = [...new Set(references)];
  const chunks = chunkByLength(distinct, REFERENCE_CHARS_PER_QUERY);
  let outcomes: SfRecord[] | null = null;
  if (chunks.length > 1) {
    const everyOutcome = await fetchEveryOutcomeIfFewerCalls(conn, chunks.length, usage);
    if (everyOutcome) outcomes = everyOutcome.filter(referenceMatcher(distinct));
  }
  if (outcomes === null) {
    const byId = new Map<string, SfRecord>();
    for (const part of chunks) {
      // eslint-disable-next-line no-await-in-loop -- one query per batch of references, one at a time
      for (const row of await fetchAll(conn, outcomesByReferenceSoql(part), usage, { completeChildren: false })) byId.set(String(row.Id), row);
    }
    outcomes = [...byId.values()];
  }
  const manyReadings = outcomes.filter((row) => (row[MEASUREMENTS] as { done?: boolean } | null)?.done === false).map((row) => String(row.Id));
  const theirReadings = await fetchMeasurementsOf(conn, manyReadings, usage);
  return outcomes.map((row) => {
    const outcome = toReferencedOutcome(row);
    return theirReadings.has(outcome.id) ? { ...outcome, measurements: theirReadings.get(outcome.id) as StoredMeasurement[] } : outcome;
  });
}

/** Outcome Ids per query of their measurements: the Ids travel in the URL. */
const OUTCOME_IDS_PER_QUERY = 200;

/** Every measurement of the given outcomes, read on their own (2,000 a page), by outcome. */
async function fetchMeasurementsOf(conn: OrgConnection, outcomeIds: readonly string[], usage: ApiUsage): Promise<Map<string, StoredMeasurement[]>> {
  const byOutcome = new Map<string, StoredMeasurement[]>();
  for (let start = 0; start < outcomeIds.length; start += OUTCOME_IDS_PER_QUERY) {
    const ids = outcomeIds.slice(start, start + OUTCOME_IDS_PER_QUERY);
    const soql = `SELECT ${MEASUREMENT_FIELDS}, ${M.Outcome_Requirement__c} FROM ${Measurement.apiName} WHERE ${M.Outcome_Requirement__c} IN ${soqlIdList(ids)}`;
    // eslint-disable-next-line no-await-in-loop -- one query per batch of ids, one at a time
    for (const row of await fetchAll(conn, soql, usage)) {
      const outcomeId = String(row[M.Outcome_Requirement__c]);
      byOutcome.set(outcomeId, [...(byOutcome.get(outcomeId) ?? []), toStoredMeasurement(row)]);
    }
  }
  return byOutcome;
}

/** Thrown from the first page's callback to stop a read that would take more calls than the IN-lists. */
class FewerCallsByReference extends Error {}

/**
 * Reads every outcome when that takes fewer calls than `queriesByReference` IN-list queries would. The org's
 * count of outcomes is only known once the first page is in (its totalSize), so that page decides: the read
 * goes on if its remaining pages are fewer than the IN-list queries, else it stops and returns null. At worst
 * that costs the one call of the first page; a separate COUNT() query would cost that call every time.
 */
export async function fetchEveryOutcomeIfFewerCalls(
  conn: OrgConnection,
  queriesByReference: number,
  usage: ApiUsage,
): Promise<SfRecord[] | null> {
  let decided = false;
  try {
    return await fetchAll(conn, allOutcomesSoql(), usage, {
      completeChildren: false,
      onPage: (fetched, total) => {
        if (decided) return;
        decided = true;
        if (pagesLeft(fetched, total) >= queriesByReference) throw new FewerCallsByReference();
      },
    });
  } catch (error) {
    if (error instanceof FewerCallsByReference) return null;
    throw error;
  }
}

/** Pages still to read after a first page of `fetched` rows of `total` (the org sets the page size, up to 2,000). */
export function pagesLeft(fetched: number, total: number): number {
  if (total <= fetched) return 0;
  return fetched > 0 ? Math.ceil((total - fetched) / fetched) : Number.POSITIVE_INFINITY;
}

/**
 * Whether an outcome is one the references name, as the IN-list queries would have found it: by External_Id__c
 * ignoring case (as Salesforce compares text), or by its 18- or 15-character record Id.
 */
export function referenceMatcher(references: readonly string[]): (row: SfRecord) => boolean {
  const exact = new Set(references);
  const folded = new Set(references.map((r) => r.toLowerCase()));
  return (row) => {
    const id = String(row.Id);
    const externalId = row[O.External_Id__c] as string | null | undefined;
    return exact.has(id) || exact.has(id.slice(0, 15)) || (typeof externalId === 'string' && folded.has(externalId.toLowerCase()));
  };
}

const referencedOutcomeSchema = outcomeRequirementFieldsSchema.pick({ External_Id__c: true }).extend({ Id: idSchema('Id') });
const storedMeasurementSchema = measurementSchema
  .pick({ External_Id__c: true, Measured_On__c: true, Value__c: true, Source__c: true, Notes__c: true })
  .extend({ Id: idSchema('Id') });

function toStoredMeasurement(m: SfRecord): StoredMeasurement {
  const stored = readRecord(storedMeasurementSchema, m, recordLabel(Measurement.apiName, m));
  return {
    id: stored.Id,
    externalId: stored.External_Id__c,
    measuredOn: stored.Measured_On__c,
    value: stored.Value__c,
    source: stored.Source__c,
    notes: stored.Notes__c,
  };
}

function toReferencedOutcome(row: SfRecord): ReferencedOutcome {
  const outcome = readRecord(referencedOutcomeSchema, row, recordLabel(OutcomeRequirement.apiName, row));
  return {
    id: outcome.Id,
    externalId: outcome.External_Id__c,
    measurements: childRecords(row, MEASUREMENTS).map(toStoredMeasurement),
  };
}

/**
 * Splits values for IN clauses by the characters they add to a query rather than by count, so a list of
 * long external ids cannot push a query's URL past what Salesforce accepts.
 */
export function chunkByLength(values: readonly string[], maxChars: number, maxCount = 800): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let chars = 0;
  for (const value of values) {
    // Quotes, a comma and escapes: twice the length is a safe upper bound for the escaped literal.
    const cost = value.length * 2 + 3;
    if (current.length > 0 && (chars + cost > maxChars || current.length >= maxCount)) {
      chunks.push(current);
      current = [];
      chars = 0;
    }
    current.push(value);
    chars += cost;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
