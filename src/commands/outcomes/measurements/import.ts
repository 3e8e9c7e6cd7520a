import path from 'node:path';
import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { Measurement, fieldsOf } from '../../../core/model.js';
import {
  MEASUREMENT_COLUMNS,
  REQUIRED_MEASUREMENT_COLUMNS,
  outcomeReferences,
  planMeasurementImport,
  validateMeasurementRows,
  type MeasurementImportPlan,
  type MeasurementRow,
  type PlannedMeasurement,
  type RowProblem,
} from '../../../core/plan/measurementImport.js';
import { defaultErrorFilePath, errorFileProblem, writeErrorFile } from '../../../csv/errorFile.js';
import { matchColumns, readCsvFile, type CsvRow, type CsvTable } from '../../../csv/readCsv.js';
import { ApiUsage, type ApiUsageSnapshot } from '../../../org/apiUsage.js';
import { isTransientFailure, writeInCollections, type RecordResult } from '../../../org/apply.js';
import { upsertWithBulk } from '../../../org/bulk.js';
import type { OrgConnection } from '../../../org/connection.js';
import { fetchReferencedOutcomes } from '../../../org/queries/measurements.js';
import { errorMessage, localToday } from '../../../cli/runtime.js';
import { OutcomesCommand } from '../../../cli/command.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@outcomes/plugin-outcomes', 'outcomes.measurements.import');

const M = fieldsOf(Measurement);
/** Columns of the Bulk API 2.0 upload, in order. */
const BULK_FIELDS = [M.External_Id__c, M.Outcome_Requirement__c, M.Measured_On__c, M.Value__c, M.Source__c, M.Notes__c];
/** Warnings printed one by one before pointing at the error file. */
const WARNINGS_SHOWN = 20;
/** Planned rows shown in the dry-run table. */
const TABLE_ROWS_SHOWN = 50;

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

export type MeasurementsImportResult = {
  file: string;
  dryRun: boolean;
  mode: ImportMode;
  /** Data rows in the file. */
  rowsRead: number;
  /** Rows that passed every check and name an outcome of the org (duplicates and conflicts included). */
  valid: number;
  /** The plan: rows to create, rows to update, rows already in the org with the same values. */
  toCreate: number;
  toUpdate: number;
  unchanged: number;
  /** What the org did (0 on a dry run). */
  upserted: number;
  created: number;
  updated: number;
  /** Rows not imported because they are wrong, name no outcome of the org, conflict with another outcome's measurement, or were refused by the org. */
  failed: number;
  /** Earlier rows replaced by a later row with the same external id. */
  duplicates: number;
  /** The error file written, or null when every row was fine (a stale one of an earlier run is removed) or on a dry run. */
  errorFile: string | null;
  failures: MeasurementImportFailure[];
  apiCalls: ApiUsageSnapshot;
};

export default class MeasurementsImport extends OutcomesCommand<MeasurementsImportResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    file: Flags.file({ char: 'f', required: true, exists: true, summary: messages.getMessage('flags.file.summary') }),
    'dry-run': Flags.boolean({ default: false, summary: messages.getMessage('flags.dry-run.summary') }),
    mode: Flags.option({ options: ['auto', 'collections', 'bulk'] as const, default: 'auto', summary: messages.getMessage('flags.mode.summary') })(),
    'bulk-threshold': Flags.integer({ min: 1, default: 2000, summary: messages.getMessage('flags.bulk-threshold.summary') }),
    'error-file': Flags.file({ summary: messages.getMessage('flags.error-file.summary') }),
  };

  public async run(): Promise<MeasurementsImportResult> {
    const { flags } = await this.parse(MeasurementsImport);
    const file = path.resolve(flags.file);
    const errorFilePath = path.resolve(flags['error-file'] ?? defaultErrorFilePath(file));
    const usage = new ApiUsage();
    // The error file may only replace an earlier error file: never the input, never a file of the user's.
    const problem = await errorFileProblem(errorFilePath, file);
    if (problem === 'isInput') throw messages.createError('error.ErrorFileIsInput', [errorFilePath, file]);
    if (problem === 'notAnErrorFile') throw messages.createError('error.ErrorFileNotOwn', [errorFilePath], [errorFilePath]);

    // Read and check every row before any API call.
    const table = await readTable(file);
    const rows = toMeasurementRows(file, table);
    this.spinner.start(messages.getMessage('spinner.validate', [rows.length]));
    const { valid, invalid } = validateMeasurementRows(rows, localToday());
    this.spinner.stop();

    // Fetch: the outcomes the rows name, with the measurements they already have.
    const conn = flags['target-org'].getConnection(flags['api-version']);
    const references = outcomeReferences(valid);
    this.spinner.start(messages.getMessage('spinner.lookup', [references.length]));
    const outcomes = await fetchReferencedOutcomes(conn, references, usage).catch((error: unknown) => {
      throw messages.createError('error.QueryFailed', [errorMessage(error)]);
    });
    this.spinner.stop();

    // Plan.
    const plan = planMeasurementImport(valid, outcomes);
    const mode: ImportMode =
      flags.mode === 'auto' ? (plan.upserts.length > flags['bulk-threshold'] ? 'bulk' : 'collections') : flags.mode;

    // Apply.
    const results = flags['dry-run'] ? [] : await this.apply(conn, plan.upserts, mode, usage);

    // Report.
    const failures = collectFailures(invalid, plan, results);
    const byLine = new Map(table.rows.map((row) => [row.line, row]));
    // A dry run writes nothing, the error file included: its failures are in the result.
    const errorFile = flags['dry-run']
      ? null
      : await writeErrorFile(
          errorFilePath,
          file,
          table.header,
          failures.map((f) => ({ row: byLine.get(f.row) as CsvRow, error: f.error })),
        ).catch((error: unknown) => {
          throw messages.createError('error.ErrorFileFailed', [errorFilePath, errorMessage(error)]);
        });
    const succeeded = results.filter((r) => r.success);
    const created = succeeded.filter((r) => r.created === true).length;
    const result: MeasurementsImportResult = {
      file,
      dryRun: flags['dry-run'],
      mode,
      rowsRead: rows.length,
      valid: valid.length - plan.unresolved.length,
      toCreate: plan.upserts.filter((u) => u.action === 'create').length,
      toUpdate: plan.upserts.filter((u) => u.action === 'update').length,
      unchanged: plan.unchanged.length,
      upserted: succeeded.length,
      created,
      updated: succeeded.length - created,
      failed: failures.filter((f) => f.kind !== 'duplicate').length,
      duplicates: plan.superseded.length,
      errorFile,
      failures,
      apiCalls: usage.snapshot(),
    };
    this.report(result, plan);
    this.exitFor(result.failed);
    return result;
  }

  private async apply(conn: OrgConnection, upserts: PlannedMeasurement[], mode: ImportMode, usage: ApiUsage): Promise<RecordResult[]> {
    if (upserts.length === 0) return [];
    const records = upserts.map((u) => ({ ...u.record }));
    try {
      if (mode === 'bulk') {
        this.spinner.start(messages.getMessage('spinner.bulk', [records.length]));
        const results = await this.upsertInBulkJobs(conn, upserts, usage);
        this.spinner.stop();
        return results;
      }
      this.progress.start(records.length, {}, { title: messages.getMessage('progress.title'), format: messages.getMessage('progress.format') });
      const results = await writeInCollections(
        conn,
        { sobject: Measurement.apiName, operation: 'upsert', records, externalIdField: M.External_Id__c },
        usage,
        (done) => this.progress.update(done),
      );
      this.progress.finish();
      return results;
    } catch (error) {
      this.spinner.stop();
      this.progress.stop();
      throw messages.createError('error.WriteFailed', [errorMessage(error)]);
    }
  }

  /**
   * New measurements and changed ones go in separate jobs: a Bulk API 2.0 job has one set of columns, and
   * updates must not carry Outcome_Requirement__c (a master-detail field cannot be written on an update).
   */
  private async upsertInBulkJobs(conn: OrgConnection, upserts: PlannedMeasurement[], usage: ApiUsage): Promise<RecordResult[]> {
    const results = new Array<RecordResult>(upserts.length);
    for (const action of ['create', 'update'] as const) {
      const indexes = upserts.flatMap((u, i) => (u.action === action ? [i] : []));
      if (indexes.length === 0) continue;
      const fields = action === 'create' ? BULK_FIELDS : BULK_FIELDS.filter((f) => f !== M.Outcome_Requirement__c);
      // eslint-disable-next-line no-await-in-loop
      const jobResults = await upsertWithBulk(
        conn,
        {
          sobject: Measurement.apiName,
          externalIdField: M.External_Id__c,
          records: indexes.map((i) => ({ ...upserts[i].record })),
          fields,
          parentField: M.Outcome_Requirement__c,
        },
        usage,
      );
      jobResults.forEach((r, k) => {
        results[indexes[k]] = { ...r, index: indexes[k] };
      });
    }
    return results;
  }

  private report(result: MeasurementsImportResult, plan: MeasurementImportPlan): void {
    if (result.dryRun && plan.upserts.length > 0) {
      this.table({
        title: messages.getMessage('table.title'),
        data: plan.upserts.slice(0, TABLE_ROWS_SHOWN).map((u) => ({
          row: u.line,
          action: u.action,
          externalId: u.record.External_Id__c,
          reason: u.reason,
        })),
        columns: [
          { key: 'row', name: messages.getMessage('table.row') },
          { key: 'action', name: messages.getMessage('table.action') },
          { key: 'externalId', name: messages.getMessage('table.externalId') },
          { key: 'reason', name: messages.getMessage('table.reason') },
        ],
      });
    }
    for (const failure of result.failures.slice(0, WARNINGS_SHOWN)) {
      this.warn(messages.getMessage('warn.rowFailed', [failure.row, failure.error]));
    }
    if (result.failures.length > WARNINGS_SHOWN) {
      const more = result.failures.length - WARNINGS_SHOWN;
      this.warn(result.errorFile ? messages.getMessage('warn.moreFailures', [more, result.errorFile]) : messages.getMessage('warn.moreFailuresNoFile', [more]));
    }
    if (result.errorFile) this.log(messages.getMessage('info.errorFile', [result.failures.length, result.errorFile]));
    if (result.dryRun) this.log(messages.getMessage('info.dryRun', [result.toCreate, result.toUpdate]));
    this.logSuccess(
      messages.getMessage('success', [
        result.rowsRead,
        result.valid,
        result.created,
        result.updated,
        result.unchanged,
        result.failures.length,
        result.apiCalls.total,
      ]),
    );
  }
}

async function readTable(file: string): Promise<CsvTable> {
  try {
    return await readCsvFile(file);
  } catch (error) {
    throw messages.createError('error.UnreadableFile', [file, errorMessage(error)]);
  }
}

/** The rows by column name; a file without a required column is refused before any row is looked at. */
function toMeasurementRows(file: string, table: CsvTable): MeasurementRow[] {
  if (table.header.length === 0) throw messages.createError('error.EmptyFile', [file]);
  const columns = matchColumns(table.header, MEASUREMENT_COLUMNS);
  const missing = REQUIRED_MEASUREMENT_COLUMNS.filter((name) => columns[name] === undefined);
  if (missing.length > 0) {
    throw messages.createError('error.MissingColumns', [file, missing.map((m) => `"${m}"`).join(', ')], [table.header.join(', ')]);
  }
  return table.rows.map(({ line, values }) => ({
    line,
    values: Object.fromEntries(
      MEASUREMENT_COLUMNS.map((name) => {
        const column = columns[name];
        return [name, column === undefined ? '' : (values[column] ?? '')];
      }),
    ) as MeasurementRow['values'],
  }));
}

/** Every row that was not imported, with why: the file's own problems first, then the org's refusals. */
function collectFailures(invalid: RowProblem[], plan: MeasurementImportPlan, results: RecordResult[]): MeasurementImportFailure[] {
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
  const transient = isTransientFailure(result);
  return transient
    ? `The org was busy and did not write the row (${errors}). Import the error file again; nothing is duplicated.`
    : `The org refused the row: ${errors}. Correct the row and import it again.`;
}


