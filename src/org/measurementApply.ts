/**
 * The apply step of a measurement import: the planned upserts through sObject Collections or Bulk API 2.0, and
 * every row that was not imported, with why, for the result and the error file.
 */
import { Messages } from '@salesforce/core';
import { Measurement, fieldsOf } from '../core/model.js';
import type { MeasurementImportPlan, PlannedMeasurement, RowProblem } from '../core/plan/measurementImport.js';
import type { ApiUsage } from './apiUsage.js';
import { isTransientFailure, writeInCollections, type RecordResult } from './apply.js';
import { upsertWithBulk } from './bulk.js';
import type { OrgConnection } from './connection.js';
import { failWith } from './failWith.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@outcomes/plugin-outcomes', 'outcomes.measurements.import');

const M = fieldsOf(Measurement);
/** Columns of the Bulk API 2.0 upload, in order. */
const BULK_FIELDS = [M.External_Id__c, M.Outcome_Requirement__c, M.Measured_On__c, M.Value__c, M.Source__c, M.Notes__c];

export type ImportMode = 'collections' | 'bulk';

export type MeasurementImportFailure = {
  /** Line of the row in the input file (header = line 1). */
  row: number;
  externalId: string | null;
  /**
   * invalid: the row itself is wrong; unresolved: its outcome is not in the org; conflict: its external id belongs to
   * a measurement of another outcome; duplicate: a later row replaces it; rejected: the org refused it.
   */
  kind: 'invalid' | 'unresolved' | 'conflict' | 'duplicate' | 'rejected';
  error: string;
};

/** How a command shows the upload: a progress bar for collections, a spinner for bulk jobs. */
export type UploadProgress = {
  bulkStarted(count: number): void;
  collectionsStarted(count: number): void;
  progressed(done: number): void;
  finished(): void;
};

/** The org's result for each planned upsert, in plan order (`index` is the upsert's position). */
export async function applyMeasurements(
  conn: OrgConnection,
  upserts: PlannedMeasurement[],
  mode: ImportMode,
  context: { usage: ApiUsage; progress: UploadProgress },
): Promise<RecordResult[]> {
  if (upserts.length === 0) return [];
  const { usage, progress } = context;
  const write = failWith(messages, 'error.WriteFailed');
  if (mode === 'bulk') {
    progress.bulkStarted(upserts.length);
    const results = await write(upsertInBulkJobs(conn, upserts, usage));
    progress.finished();
    return results;
  }
  progress.collectionsStarted(upserts.length);
  const results = await write(
    writeInCollections(
      conn,
      {
        sobject: Measurement.apiName,
        operation: 'upsert',
        records: upserts.map((u) => ({ ...u.record })),
        externalIdField: M.External_Id__c,
        createOnlyFields: [M.Outcome_Requirement__c],
      },
      usage,
      (done) => progress.progressed(done),
    ),
  );
  progress.finished();
  return results;
}

/**
 * New measurements and changed ones go in separate jobs: a Bulk API 2.0 job has one set of columns, and
 * updates must not carry Outcome_Requirement__c (a master-detail field cannot be written on an update).
 */
async function upsertInBulkJobs(conn: OrgConnection, upserts: PlannedMeasurement[], usage: ApiUsage): Promise<RecordResult[]> {
  const results = new Array<RecordResult>(upserts.length);
  for (const action of ['create', 'update'] as const) {
    const indexes = upserts.flatMap((u, i) => (u.action === action ? [i] : []));
    if (indexes.length === 0) continue;
    const fields = action === 'create' ? BULK_FIELDS : BULK_FIELDS.filter((f) => f !== M.Outcome_Requirement__c);
    // eslint-disable-next-line no-await-in-loop -- creates before updates, one Bulk job at a time
    const jobResults = await upsertWithBulk(
      conn,
      {
        sobject: Measurement.apiName,
        externalIdField: M.External_Id__c,
        // The plan's records as they are: a bulk job only reads them (a copy of a million rows cost hundreds of MiB).
        records: indexes.map((i) => upserts[i].record),
        fields,
        parentField: M.Outcome_Requirement__c,
        createOnlyFields: [M.Outcome_Requirement__c],
      },
      usage,
    );
    // The job's own result objects, renumbered in place rather than copied.
    for (const [k, result] of jobResults.entries()) {
      result.index = indexes[k];
      results[indexes[k]] = result;
    }
  }
  return results;
}

/** Every row that was not imported, with why: the file's own problems first, then the org's refusals. */
export function importFailures(invalid: RowProblem[], plan: MeasurementImportPlan, results: RecordResult[]): MeasurementImportFailure[] {
  const failures: MeasurementImportFailure[] = [
    ...invalid.map((p) => ({ row: p.line, externalId: p.externalId, kind: 'invalid' as const, error: p.error })),
    ...plan.unresolved.map((p) => ({ row: p.line, externalId: p.externalId, kind: 'unresolved' as const, error: p.error })),
    ...plan.conflicts.map((p) => ({ row: p.line, externalId: p.externalId, kind: 'conflict' as const, error: p.error })),
    ...plan.superseded.map((p) => ({ row: p.line, externalId: p.externalId, kind: 'duplicate' as const, error: p.error })),
  ];
  for (const result of results) {
    if (result.success) continue;
    const planned = plan.upserts[result.index];
    failures.push({ row: planned.line, externalId: planned.record.External_Id__c, kind: 'rejected', error: refusal(result) });
  }
  return failures.sort((a, b) => a.row - b.row);
}

function refusal(result: RecordResult): string {
  const errors = result.errors.map((e) => `${e.code}: ${e.message}${e.fields.length > 0 ? ` (${e.fields.join(', ')})` : ''}`).join('; ');
  return isTransientFailure(result)
    ? `The org was busy and did not write the row (${errors}). Import the error file again; nothing is duplicated.`
    : `The org refused the row: ${errors}. Correct the row and import it again.`;
}
