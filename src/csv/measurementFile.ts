/**
 * The measurement CSV of an import, read and mapped to the planner's rows by column name. A file that cannot be
 * read, is empty or lacks a required column is refused here, before any row is looked at or any API call.
 */
import { Messages } from '@salesforce/core';
import { MEASUREMENT_COLUMNS, REQUIRED_MEASUREMENT_COLUMNS, type MeasurementRow } from '../core/plan/measurementImport.js';
import { failWith } from '../org/failWith.js';
import { matchColumns, readCsvFile, type CsvTable } from './readCsv.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@outcomes/plugin-outcomes', 'outcomes.measurements.import');

export async function readMeasurementFile(file: string): Promise<{ table: CsvTable; rows: MeasurementRow[] }> {
  const table = await failWith(messages, 'error.UnreadableFile', [file])(readCsvFile(file));
  return { table, rows: toMeasurementRows(file, table) };
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
