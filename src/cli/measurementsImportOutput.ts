/**
 * What `sf outcomes measurements import` prints: with --verbose, a table of the planned rows; then the summary
 * (src/cli/summary.ts) with the rows refused and those replaced by a later row, where the error file is, and the
 * closing line.
 */
import { Messages } from '@salesforce/core';
import type { SfCommand } from '@salesforce/sf-plugins-core';
import { Measurement } from '../core/model.js';
import type { PlannedMeasurement } from '../core/plan/measurementImport.js';
import type { MeasurementImportFailure } from '../org/measurementApply.js';
import type { MeasurementsImportResult } from './measurementsImportResult.js';
import { printSummary, type SummaryItem } from './summary.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@outcomes/plugin-outcomes', 'outcomes.measurements.import');

/** Planned rows shown in the --verbose table. */
export const TABLE_ROWS_SHOWN = 50;

type Output = Pick<SfCommand<unknown>, 'log' | 'logSuccess' | 'table'>;

/**
 * `shown`: the first planned rows in file order (up to TABLE_ROWS_SHOWN, with why), for the --verbose table; the
 * result's toCreate and toUpdate count them all.
 */
export function printMeasurementsImport(out: Output, result: MeasurementsImportResult, shown: readonly PlannedMeasurement[], verbose: boolean): void {
  const planned = result.toCreate + result.toUpdate;
  if (verbose && planned > 0) {
    out.table({
      title: messages.getMessage(result.dryRun ? 'table.title' : 'table.title.written'),
      data: shown.slice(0, TABLE_ROWS_SHOWN).map((u) => ({ row: u.line, action: u.action, externalId: u.record.External_Id__c, reason: u.reason })),
      columns: (['row', 'action', 'externalId', 'reason'] as const).map((key) => ({ key, name: messages.getMessage(`table.${key}`) })),
    });
    if (planned > TABLE_ROWS_SHOWN) out.log(messages.getMessage('info.moreRows', [planned - TABLE_ROWS_SHOWN]));
  }
  const row = (f: MeasurementImportFailure): SummaryItem => ({ record: messages.getMessage('summary.row', [f.row]), why: f.error });
  const refused = result.failures.filter((f) => f.kind !== 'duplicate');
  printSummary(out, verbose, {
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
  if (result.errorFile) out.log(messages.getMessage('info.errorFile', [result.failures.length, result.errorFile]));
  if (result.dryRun) out.log(messages.getMessage('info.dryRun', [result.toCreate, result.toUpdate]));
  out.logSuccess(
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
