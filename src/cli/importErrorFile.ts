/**
 * The error file of `sf outcomes measurements import` (src/csv/errorFile.ts writes it): checked before the run, so
 * that it may only replace an earlier error file (never the input, never a file of the user's), and written after.
 */
import { Messages } from '@salesforce/core';
import { errorFileProblem, writeErrorFile } from '../csv/errorFile.js';
import { openCsvFile, type CsvRow } from '../csv/readCsv.js';
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

/**
 * The failed rows with their original columns and why; the path written, or null when there was nothing to write.
 * The input is read again for the failed rows' columns (by line), rather than held through the run.
 */
export async function writeImportErrorFile(errorFile: string, inputFile: string, failures: readonly MeasurementImportFailure[]): Promise<string | null> {
  const failed = async (): Promise<{ header: string[]; rejected: Array<{ row: CsvRow; error: string }> }> => {
    if (failures.length === 0) return { header: [], rejected: [] };
    const errorOf = new Map(failures.map((f) => [f.row, f.error]));
    const { header, rows } = await openCsvFile(inputFile);
    const rejected: Array<{ row: CsvRow; error: string }> = [];
    for await (const row of rows) {
      const error = errorOf.get(row.line);
      if (error !== undefined) rejected.push({ row, error });
    }
    return { header, rejected };
  };
  return failWith(messages, 'error.ErrorFileFailed', [errorFile])(
    failed().then(({ header, rejected }) => writeErrorFile(errorFile, inputFile, header, rejected)),
  );
}
