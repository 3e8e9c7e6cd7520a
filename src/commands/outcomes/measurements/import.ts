import path from 'node:path';
import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { outcomeReferences, planMeasurementImport, validateMeasurementRows, type MeasurementImportPlan } from '../../../core/plan/measurementImport.js';
import { defaultErrorFilePath, errorFileProblem, writeErrorFile } from '../../../csv/errorFile.js';
import { readMeasurementFile } from '../../../csv/measurementFile.js';
import type { CsvRow } from '../../../csv/readCsv.js';
import { asOfOrUserToday } from '../../../org/userToday.js';
import { ApiUsage, type ApiUsageSnapshot } from '../../../org/apiUsage.js';
import { failWith } from '../../../org/failWith.js';
import { applyMeasurements, importFailures, type ImportMode, type MeasurementImportFailure } from '../../../org/measurementApply.js';
import { fetchReferencedOutcomes } from '../../../org/queries/measurements.js';
import { OutcomesCommand } from '../../../cli/command.js';

export type { ImportMode, MeasurementImportFailure };

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@outcomes/plugin-outcomes', 'outcomes.measurements.import');

/** Warnings printed one by one before pointing at the error file. */
const WARNINGS_SHOWN = 20;
/** Planned rows shown in the dry-run table. */
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
    const progress = {
      bulkStarted: (count: number): void => this.spinner.start(messages.getMessage('spinner.bulk', [count])),
      collectionsStarted: (count: number): void =>
        // eslint-disable-next-line sf-plugin/no-missing-messages -- the progress bar puts its title in for the format's %s
        this.progress.start(count, {}, { title: messages.getMessage('progress.title'), format: messages.getMessage('progress.format') }),
      progressed: (done: number): void => this.progress.update(done),
      finished: (): void => (mode === 'bulk' ? this.spinner.stop() : this.progress.finish()),
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
