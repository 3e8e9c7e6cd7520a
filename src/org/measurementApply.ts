/**
 * The apply step of a measurement import: the planned upserts through sObject Collections or Bulk API 2.0, and
 * every row that was not imported, with why, for the result and the error file.
 */
import { Messages } from '@salesforce/core';
import { Measurement, fieldsOf } from '../core/model.js';
import type { MeasurementImportPlan, MeasurementImportTally, PlannedMeasurement, RowProblem } from '../core/plan/measurementImport.js';
import type { ApiUsage } from './apiUsage.js';
import { isTransientFailure, writeInCollections, type RecordError, type RecordResult } from './apply.js';
import { upsertWithBulk, writeRowsWithBulk } from './bulk.js';
import type { OrgConnection, SfRecord } from './connection.js';
import { failWith } from './failWith.js';
import { collectEvery, collectGarbage } from './memory.js';
import type { RecordSpool, SpooledRecord } from './recordSpool.js';

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

/**
 * The planned upserts of an import held on disk (src/org/recordSpool.ts), tagged with their line: new measurements
 * grouped by outcome (as a bulk job uploads them), changed ones in file order. A row replaced by a later one with the
 * same external id may be in a spool: only rows for which `isLatest` holds are written.
 */
export type SpooledMeasurements = {
  creates: RecordSpool;
  updates: RecordSpool;
  isLatest: (line: number, externalId: string) => boolean;
  /** The line of the row written under an external id (any case). */
  lineOf: (externalId: string) => number;
};

/** What the org did with the rows written: how many it created and updated, and each row it refused. */
export type MeasurementsApplied = { created: number; updated: number; rejected: MeasurementImportFailure[] };

/** The rows of a spool still to write, in the spool's order. */
async function* latest(spool: RecordSpool, isLatest: SpooledMeasurements['isLatest']): AsyncGenerator<SpooledRecord> {
  for await (const entry of spool.records()) if (isLatest(entry.tag, String(entry.record[M.External_Id__c]))) yield entry;
}

/**
 * `applyMeasurements` for spooled upserts, without a result object per row: Bulk API 2.0 jobs read the spools as they
 * upload (new measurements, then changed ones), and the collections path (up to the bulk threshold, or asked for) reads
 * them back into file order and writes as `applyMeasurements` does.
 */
/** Rows read from a spool, or from the file, between two full garbage collections (src/org/memory.ts). */
export const ROWS_BETWEEN_COLLECTIONS = 200_000;

export async function applySpooledMeasurements(
  conn: OrgConnection,
  spooled: SpooledMeasurements,
  counts: { creates: number; updates: number },
  mode: ImportMode,
  context: { usage: ApiUsage; progress: UploadProgress },
): Promise<MeasurementsApplied> {
  const applied: MeasurementsApplied = { created: 0, updated: 0, rejected: [] };
  const total = counts.creates + counts.updates;
  if (total === 0) return applied;
  const { usage, progress } = context;
  const write = failWith(messages, 'error.WriteFailed');
  const settle = (line: number, externalId: string, success: boolean, created: boolean | undefined, errors: RecordError[]): void => {
    if (success && created === true) applied.created += 1;
    else if (success) applied.updated += 1;
    else applied.rejected.push({ row: line, externalId, kind: 'rejected', error: refusal({ index: -1, success, id: null, errors }) });
  };
  if (mode === 'bulk') {
    progress.bulkStarted(total);
    for (const action of ['create', 'update'] as const) {
      const spool = action === 'create' ? spooled.creates : spooled.updates;
      const count = action === 'create' ? counts.creates : counts.updates;
      if (count === 0) continue;
      const fields = action === 'create' ? BULK_FIELDS : BULK_FIELDS.filter((f) => f !== M.Outcome_Requirement__c);
      // A million rows streamed from disk to the upload leave garbage V8 lets pile up: collected as they go.
      const collect = collectEvery(ROWS_BETWEEN_COLLECTIONS);
      collectGarbage();
      // eslint-disable-next-line no-await-in-loop -- creates before updates, one Bulk job at a time
      await write(
        writeRowsWithBulk(
          conn,
          {
            sobject: Measurement.apiName,
            operation: 'upsert',
            externalIdField: M.External_Id__c,
            fields,
            createOnlyFields: [M.Outcome_Requirement__c],
            count,
            async *rows(): AsyncGenerator<SfRecord> {
              for await (const entry of latest(spool, spooled.isLatest)) {
                collect(1);
                yield entry.record;
              }
            },
          },
          usage,
          (row) => settle(spooled.lineOf(row.key), row.key, row.success, row.created, row.errors),
        ),
      );
    }
    progress.finished();
    return applied;
  }
  // Collections: the rows in file order, as the plan lists them (at most the bulk threshold, unless asked for).
  const upserts: PlannedMeasurement[] = [];
  for (const [action, spool] of [['create', spooled.creates], ['update', spooled.updates]] as const) {
    // eslint-disable-next-line no-await-in-loop -- one spool after the other
    for await (const entry of latest(spool, spooled.isLatest)) upserts.push({ line: entry.tag, action, record: entry.record as PlannedMeasurement['record'], reason: '' });
  }
  upserts.sort((a, b) => a.line - b.line);
  const results = await applyMeasurements(conn, upserts, 'collections', context);
  for (const result of results) {
    const { line, record } = upserts[result.index];
    settle(line, record.External_Id__c, result.success, result.created, result.errors);
  }
  return applied;
}

/** The first `count` rows to write in file order, with why (when the spools were written with notes): --verbose's table. */
export async function firstSpooled(spooled: SpooledMeasurements, count: number): Promise<PlannedMeasurement[]> {
  let first: PlannedMeasurement[] = [];
  for (const [action, spool] of [['create', spooled.creates], ['update', spooled.updates]] as const) {
    // eslint-disable-next-line no-await-in-loop -- one spool after the other
    for await (const entry of latest(spool, spooled.isLatest)) {
      first.push({ line: entry.tag, action, record: entry.record as PlannedMeasurement['record'], reason: entry.note ?? '' });
      if (first.length >= count * 2) first = first.sort((a, b) => a.line - b.line).slice(0, count);
    }
  }
  return first.sort((a, b) => a.line - b.line).slice(0, count);
}

/** Every row that was not imported, with why: the file's own problems first, then the org's refusals. */
export function importFailures(invalid: RowProblem[], plan: MeasurementImportPlan, results: RecordResult[]): MeasurementImportFailure[] {
  const rejected = results.flatMap((result) => {
    if (result.success) return [];
    const planned = plan.upserts[result.index];
    return [{ row: planned.line, externalId: planned.record.External_Id__c, kind: 'rejected' as const, error: refusal(result) }];
  });
  return tallyFailures(invalid, plan, rejected);
}

/** Every row that was not imported, with why, in file order: the rows refused before the write and by the org. */
export function tallyFailures(
  invalid: readonly RowProblem[],
  tally: Pick<MeasurementImportTally, 'unresolved' | 'conflicts' | 'superseded'>,
  rejected: readonly MeasurementImportFailure[],
): MeasurementImportFailure[] {
  const failures: MeasurementImportFailure[] = [
    ...invalid.map((p) => ({ row: p.line, externalId: p.externalId, kind: 'invalid' as const, error: p.error })),
    ...tally.unresolved.map((p) => ({ row: p.line, externalId: p.externalId, kind: 'unresolved' as const, error: p.error })),
    ...tally.conflicts.map((p) => ({ row: p.line, externalId: p.externalId, kind: 'conflict' as const, error: p.error })),
    ...tally.superseded.map((p) => ({ row: p.line, externalId: p.externalId, kind: 'duplicate' as const, error: p.error })),
    ...rejected,
  ];
  return failures.sort((a, b) => a.row - b.row);
}

function refusal(result: RecordResult): string {
  const errors = result.errors.map((e) => `${e.code}: ${e.message}${e.fields.length > 0 ? ` (${e.fields.join(', ')})` : ''}`).join('; ');
  return isTransientFailure(result)
    ? `The org was busy and did not write the row (${errors}). Import the error file again; nothing is duplicated.`
    : `The org refused the row: ${errors}. Correct the row and import it again.`;
}
