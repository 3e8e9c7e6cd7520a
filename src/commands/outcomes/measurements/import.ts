import path from 'node:path';
import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { OutcomeReferenceCollector } from '../../../core/plan/measurementImport.js';
import { defaultErrorFilePath } from '../../../csv/errorFile.js';
import { forEachMeasurementRow } from '../../../csv/measurementFile.js';
import { NO_COUNTS } from '../../../org/syncSession.js';
import { recordRun, type RunCounts } from '../../../org/syncRun.js';
import { asOfOrUserToday } from '../../../org/userToday.js';
import { ApiUsage } from '../../../org/apiUsage.js';
import { failWith } from '../../../org/failWith.js';
import { applySpooledMeasurements, firstSpooled, tallyFailures, type ImportMode } from '../../../org/measurementApply.js';
import { fetchReferencedOutcomes } from '../../../org/queries/measurements.js';
import { OutcomesCommand } from '../../../cli/command.js';
import { verboseFlag } from '../../../cli/flags.js';
import { assertErrorFileReplaceable, writeImportErrorFile } from '../../../cli/importErrorFile.js';
import { printMeasurementsImport, TABLE_ROWS_SHOWN } from '../../../cli/measurementsImportOutput.js';
import { planImportFile } from '../../../cli/measurementsImportPlan.js';
import { importWritten, measurementsImportResult, type MeasurementsImportResult } from '../../../cli/measurementsImportResult.js';
import { Measurement } from '../../../core/model.js';

export type { ImportMode, MeasurementImportFailure } from '../../../org/measurementApply.js';
export type { MeasurementsImportResult } from '../../../cli/measurementsImportResult.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@outcomes/plugin-outcomes', 'outcomes.measurements.import');

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
    await assertErrorFileReplaceable(errorFilePath, file);

    // Read the whole file before any API call (a file that cannot be read is refused first), row by row: it is not
    // kept, only the outcomes it names. Every row is checked as of the org user's today while it is planned ("not in
    // the future" is the org's validation rule, in the user's time zone).
    const references = new OutcomeReferenceCollector();
    this.spinner.start(messages.getMessage('spinner.read', [path.basename(file)]));
    const { rows: rowsRead } = await forEachMeasurementRow(file, (row) => references.add(row));
    this.spinner.stop();
    const conn = flags['target-org'].getConnection(flags['api-version']);
    const today = await asOfOrUserToday(conn, usage);
    // An import that stops is recorded as stopped (best effort); a dry run records nothing.
    const record = (outcome: 'Done' | 'Refused' | 'Stopped', counts: RunCounts, reason?: string): Promise<void> =>
      recordRun(conn, usage, { command: 'measurements import', today, outcome, counts, reason: reason && `${path.basename(file)}: ${reason}` });
    if (!flags['dry-run']) this.syncRun = { stop: (reason) => record('Stopped', NO_COUNTS, reason).catch(() => undefined) };

    // Fetch: the outcomes the rows name, with the measurements they already have.
    const outcomeReferences = references.referencesAsOf(today);
    this.spinner.start(messages.getMessage('spinner.lookup', [outcomeReferences.length]));
    const outcomes = await failWith(messages, 'error.QueryFailed')(fetchReferencedOutcomes(conn, outcomeReferences, usage));
    this.spinner.stop();

    // Plan: the file read again, each row checked and planned; the rows to write wait on disk.
    this.spinner.start(messages.getMessage('spinner.validate', [rowsRead]));
    const { validRows, invalid, tally: plan, spooled, remove } = await planImportFile(file, today, outcomes, flags.verbose);
    this.spinner.stop();
    const planned = { creates: plan.toCreate, updates: plan.toUpdate };
    const mode: ImportMode =
      flags.mode === 'auto' ? (planned.creates + planned.updates > flags['bulk-threshold'] ? 'bulk' : 'collections') : flags.mode;

    // Apply.
    const write = this.spinnerProgress((count) => messages.getMessage(mode === 'bulk' ? 'spinner.bulk' : 'spinner.collections', [count]));
    const progress = {
      bulkStarted: (count: number): void => write.started(count, Measurement.apiName),
      collectionsStarted: (count: number): void => write.started(count, Measurement.apiName),
      progressed: (done: number): void => write.progressed(done, planned.creates + planned.updates),
      finished: (): void => write.finished(),
    };
    let applied: Awaited<ReturnType<typeof applySpooledMeasurements>>;
    let shown: Awaited<ReturnType<typeof firstSpooled>>;
    try {
      applied = flags['dry-run'] ? { created: 0, updated: 0, rejected: [] } : await applySpooledMeasurements(conn, spooled, planned, mode, { usage, progress });
      shown = flags.verbose ? await firstSpooled(spooled, TABLE_ROWS_SHOWN) : [];
    } finally {
      remove();
    }

    // Report: a dry run writes nothing, the error file included: its failures are in the result.
    const failures = tallyFailures(invalid, plan, applied.rejected);
    const errorFile = flags['dry-run'] ? null : await writeImportErrorFile(errorFilePath, file, failures);
    const written = importWritten(applied, failures);
    if (!flags['dry-run']) {
      const { created, updated, failed } = written;
      this.syncRun = undefined;
      // The measurements are written whatever becomes of their audit record: a failure to record the run is a warning.
      await record(failed > 0 ? 'Refused' : 'Done', { created, updated, skipped: plan.unchanged, failed }, failed > 0 ? `${failed} row(s) refused, listed in the error file` : undefined).catch(
        (error: Error) => this.warn(messages.getMessage('warn.runNotRecorded', [error.message])),
      );
    }
    const result = measurementsImportResult({
      file,
      dryRun: flags['dry-run'],
      mode,
      rowsRead,
      validRows,
      plan,
      written,
      errorFile,
      failures,
      apiCalls: usage.snapshot(),
    });
    printMeasurementsImport(this, result, shown, flags.verbose);
    this.exitFor(result.failed);
    return result;
  }
}
