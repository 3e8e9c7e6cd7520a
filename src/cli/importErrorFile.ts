/**
 * The error file of `sf outcomes measurements import` (src/csv/errorFile.ts writes it): checked before the run, so
 * that it may only replace an earlier error file (never the input, never a file of the user's), and written after.
 */
import { Messages } from '@salesforce/core';
import { errorFileProblem, writeErrorFile } from '../csv/errorFile.js';
import type { CsvRow, CsvTable } from '../csv/readCsv.js';
import { failWith } from '../org/failWith.js';
import type { MeasurementImportFailure } from '../org/measurementApply.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@outcomes/plugin-outcomes', 'outcomes.measurements.import');

/** Refuses an error file path that is the input itself or a file this tool did not write. */
export async function assertErrorFileReplaceable(errorFile: string, inputFile: string): Promise<void> {
  const problem = await errorFileProblem(errorFile, inputFile);
  if (problem === 'isInput') throw messages.createError('error.ErrorFileIsInput', [errorFile, inputFile]);
  if (problem === 'notAnErrorFile') throw messages.createError('error.ErrorFileNotOwn', [errorFile], [errorFile]);
}

/** The failed rows with their original columns and why; the path written, or null when there was nothing to write. */
export async function writeImportErrorFile(
  errorFile: string,
  inputFile: string,
  table: CsvTable,
  failures: readonly MeasurementImportFailure[],
): Promise<string | null> {
  const byLine = new Map(table.rows.map((row) => [row.line, row]));
  const rejected = failures.map((f) => ({ row: byLine.get(f.row) as CsvRow, error: f.error }));
  return failWith(messages, 'error.ErrorFileFailed', [errorFile])(writeErrorFile(errorFile, inputFile, table.header, rejected));
}
