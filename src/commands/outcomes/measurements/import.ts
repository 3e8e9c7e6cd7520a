import path from 'node:path';
import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { outcomeReferences, planMeasurementImport, validateMeasurementRows, type MeasurementImportPlan } from '../../../core/plan/measurementImport.js';
import { defaultErrorFilePath, errorFileProblem, writeErrorFile } from '../../../csv/errorFile.js';
import { readMeasurementFile } from '../../../csv/measurementFile.js';
import type { CsvRow } from '../../../csv/readCsv.js';
import { NO_COUNTS } from '../../../org/syncSession.js';
import { recordRun, type RunCounts } from '../../../org/syncRun.js';
import { asOfOrUserToday } from '../../../org/userToday.js';
import { ApiUsage, type ApiUsageSnapshot } from '../../../org/apiUsage.js';
import { failWith } from '../../../org/failWith.js';
import { applyMeasurements, importFailures, type ImportMode, type MeasurementImportFailure } from '../../../org/measurementApply.js';
import { fetchReferencedOutcomes } from '../../../org/queries/measurements.js';
import { OutcomesCommand } from '../../../cli/command.js';
import { verboseFlag } from '../../../cli/flags.js';
import { printSummary } from '../../../cli/summary.js';
import { Measurement } from '../../../core/model.js';

export type { ImportMode, MeasurementImportFailure };

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@outcomes/plugin-outcomes', 'outcomes.measurements.import');

/** Planned rows shown in the --verbose table. */
const TABLE_ROWS_SHOWN = 50;

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
    file: Flags.file({
      char: 'f',
      required: true,
      exists: true,
      summary: messages.getMessage('flags.file.summary'),
      description: messages.getMessage('flags.file.description'),
    }),
    'dry-run': Flags.boolean({
      default: false,
      summary: messages.getMessage('flags.dry-run.summary'),
      description: messages.getMessage('flags.dry-run.description'),
    }),
    mode: Flags.option({
      options: ['auto', 'collections', 'bulk'] as const,
      default: 'auto',
      summary: messages.getMessage('flags.mode.summary'),
      description: messages.getMessage('flags.mode.description'),
    })(),
    'bulk-threshold': Flags.integer({
      min: 1,
      default: 2000,
      summary: messages.getMessage('flags.bulk-threshold.summary'),
      description: messages.getMessage('flags.bulk-threshold.description'),
    }),
    'error-file': Flags.file({
      summary: messages.getMessage('flags.error-file.summary'),
      description: messages.getMessage('flags.error-file.description'),
    }),
    verbose: verboseFlag,
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

    // Read the whole file before any API call; then check every row as of the org user's today ("not in the future"
    // is the org's validation rule, in the user's time zone).
    const { table, rows } = await readMeasurementFile(file);
    const conn = flags['target-org'].getConnection(flags['api-version']);
    const today = await asOfOrUserToday(conn, usage);
    // An import that stops is recorded as stopped (best effort); a dry run records nothing.
    const record = (outcome: 'Done' | 'Refused' | 'Stopped', counts: RunCounts, reason?: string): Promise<void> =>
      recordRun(conn, usage, { command: 'measurements import', today, outcome, counts, reason: reason && `${path.basename(file)}: ${reason}` });
    if (!flags['dry-run']) this.syncRun = { stop: (reason) => record('Stopped', NO_COUNTS, reason).catch(() => undefined) };
    this.spinner.start(messages.getMessage('spinner.validate', [rows.length]));
    const { valid, invalid } = validateMeasurementRows(rows, today);
    this.spinner.stop();

    // Fetch: the outcomes the rows name, with the measurements they already have.
    const references = outcomeReferences(valid);
    this.spinner.start(messages.getMessage('spinner.lookup', [references.length]));
    const outcomes = await failWith(messages, 'error.QueryFailed')(fetchReferencedOutcomes(conn, references, usage));
    this.spinner.stop();

    // Plan.
    const plan = planMeasurementImport(valid, outcomes);
    const mode: ImportMode =
      flags.mode === 'auto' ? (plan.upserts.length > flags['bulk-threshold'] ? 'bulk' : 'collections') : flags.mode;

    // Apply.
    const write = this.spinnerProgress((count) => messages.getMessage(mode === 'bulk' ? 'spinner.bulk' : 'spinner.collections', [count]));
    const progress = {
      bulkStarted: (count: number): void => write.started(count, Measurement.apiName),
      collectionsStarted: (count: number): void => write.started(count, Measurement.apiName),
      progressed: (done: number): void => write.progressed(done, plan.upserts.length),
      finished: (): void => write.finished(),
    };
    const results = flags['dry-run'] ? [] : await applyMeasurements(conn, plan.upserts, mode, { usage, progress });

    // Report: a dry run writes nothing, the error file included: its failures are in the result.
    const failures = importFailures(invalid, plan, results);
    const byLine = new Map(table.rows.map((row) => [row.line, row]));
    const errorFile = flags['dry-run']
      ? null
      : await failWith(messages, 'error.ErrorFileFailed', [errorFilePath])(
          writeErrorFile(errorFilePath, file, table.header, failures.map((f) => ({ row: byLine.get(f.row) as CsvRow, error: f.error }))),
        );
    const succeeded = results.filter((r) => r.success);
    const created = succeeded.filter((r) => r.created === true).length;
    const failed = failures.filter((f) => f.kind !== 'duplicate').length;
    if (!flags['dry-run']) {
      const counts = { created, updated: succeeded.length - created, skipped: plan.unchanged.length, failed };
      this.syncRun = undefined;
      // The measurements are written whatever becomes of their audit record: a failure to record the run is a warning.
      await record(failed > 0 ? 'Refused' : 'Done', counts, failed > 0 ? `${failed} row(s) refused, listed in the error file` : undefined).catch((error: Error) =>
        this.warn(messages.getMessage('warn.runNotRecorded', [error.message])),
      );
    }
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
      failed,
      duplicates: plan.superseded.length,
      errorFile,
      failures,
      apiCalls: usage.snapshot(),
    };
    this.report(result, plan, flags.verbose);
    this.exitFor(result.failed);
    return result;
  }

  private report(result: MeasurementsImportResult, plan: MeasurementImportPlan, verbose: boolean): void {
    if (verbose && plan.upserts.length > 0) {
      this.table({
        title: messages.getMessage(result.dryRun ? 'table.title' : 'table.title.written'),
        data: plan.upserts.slice(0, TABLE_ROWS_SHOWN).map((u) => ({ row: u.line, action: u.action, externalId: u.record.External_Id__c, reason: u.reason })),
        columns: (['row', 'action', 'externalId', 'reason'] as const).map((key) => ({ key, name: messages.getMessage(`table.${key}`) })),
      });
      if (plan.upserts.length > TABLE_ROWS_SHOWN) this.log(messages.getMessage('info.moreRows', [plan.upserts.length - TABLE_ROWS_SHOWN]));
    }
    const row = (f: MeasurementImportFailure): { record: string; why: string } => ({ record: messages.getMessage('summary.row', [f.row]), why: f.error });
    const refused = result.failures.filter((f) => f.kind !== 'duplicate');
    printSummary(this, verbose, {
      dryRun: result.dryRun,
      counts: [
        {
          object: Measurement.apiName,
          created: result.dryRun ? result.toCreate : result.created,
          updated: result.dryRun ? result.toUpdate : result.updated,
          unchanged: result.unchanged,
          failed: refused.length,
        },
      ],
      failures: refused.map(row),
      failuresWhere: result.errorFile ?? undefined,
      needsPerson: [{ title: messages.getMessage('summary.duplicates'), items: result.failures.filter((f) => f.kind === 'duplicate').map(row) }],
    });
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
