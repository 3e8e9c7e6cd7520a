/**
 * The queries of a measurement import: find the outcomes a file refers to (by External_Id__c or record Id)
 * together with the measurements they already have, so the planner can tell new rows from reruns.
 */
import { Measurement, OutcomeRequirement, fieldsOf } from '../../core/model.js';
import type { ApiUsage } from '../apiUsage.js';
import type { OrgConnection, SfRecord } from '../connection.js';
import { childRecords, fetchAll } from '../fetch.js';
import { isSalesforceId, soqlIdList, soqlStringList } from '../soql.js';

const O = fieldsOf(OutcomeRequirement);
const M = fieldsOf(Measurement);
/** The child relationship of an outcome's measurements (Measurements__r). */
const MEASUREMENTS = `${Measurement.fields.Outcome_Requirement__c.childRelationship}__r`;

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

export function outcomesByReferenceSoql(references: readonly string[]): string {
  const ids = references.filter(isSalesforceId);
  const where = [`${O.External_Id__c} IN ${soqlStringList(references)}`];
  if (ids.length > 0) where.push(`Id IN ${soqlIdList(ids)}`);
  return (
    `SELECT Id, ${O.External_Id__c}, ` +
    `(SELECT Id, ${M.External_Id__c}, ${M.Measured_On__c}, ${M.Value__c}, ${M.Source__c}, ${M.Notes__c} FROM ${MEASUREMENTS}) ` +
    `FROM ${OutcomeRequirement.apiName} WHERE ${where.join(' OR ')}`
  );
}

/** Outcomes named by any of `references`, each once, in as few queries as the URL length allows. */
export async function fetchReferencedOutcomes(
  conn: OrgConnection,
  references: readonly string[],
  usage: ApiUsage,
): Promise<ReferencedOutcome[]> {
  const byId = new Map<string, ReferencedOutcome>();
  for (const part of chunkByLength([...new Set(references)], REFERENCE_CHARS_PER_QUERY)) {
    // eslint-disable-next-line no-await-in-loop
    const rows = await fetchAll(conn, outcomesByReferenceSoql(part), usage);
    for (const row of rows) byId.set(String(row.Id), toReferencedOutcome(row));
  }
  return [...byId.values()];
}

function toReferencedOutcome(row: SfRecord): ReferencedOutcome {
  return {
    id: String(row.Id),
    externalId: (row[O.External_Id__c] as string | null | undefined) ?? null,
    measurements: childRecords(row, MEASUREMENTS).map((m) => ({
      id: String(m.Id),
      externalId: (m[M.External_Id__c] as string | null | undefined) ?? null,
      measuredOn: String(m[M.Measured_On__c]),
      value: Number(m[M.Value__c]),
      source: (m[M.Source__c] as string | null | undefined) ?? null,
      notes: (m[M.Notes__c] as string | null | undefined) ?? null,
    })),
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
