/**
 * The measurement CSV of an import, read row by row and mapped to the planner's rows by column name. A file that
 * cannot be read, is empty or lacks a required column is refused: the header before any row is looked at, and the
 * rest while the file is read (the import reads it whole once before any API call).
 */
import { Messages } from '@salesforce/core';
import { MEASUREMENT_COLUMNS, REQUIRED_MEASUREMENT_COLUMNS, type MeasurementRow } from '../core/plan/measurementImport.js';
import { failWith } from '../org/failWith.js';
import { matchColumns, openCsvFile, type CsvRow } from './readCsv.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@outcomes/plugin-outcomes', 'outcomes.measurements.import');

/**
 * Reads the file row by row, handing each row to `visit` as it is parsed; returns the header as written and how many
 * data rows were read. Nothing of the file is kept here: a million-row file is read in constant memory.
 */
export async function forEachMeasurementRow(file: string, visit: (row: MeasurementRow) => void): Promise<{ header: string[]; rows: number }> {
  const unreadable = failWith(messages, 'error.UnreadableFile', [file]);
  const { header, rows } = await unreadable(openCsvFile(file));
  if (header.length === 0) throw messages.createError('error.EmptyFile', [file]);
  const columns = matchColumns(header, MEASUREMENT_COLUMNS);
  const missing = REQUIRED_MEASUREMENT_COLUMNS.filter((name) => columns[name] === undefined);
  if (missing.length > 0) {
    throw messages.createError('error.MissingColumns', [file, missing.map((m) => `"${m}"`).join(', ')], [header.join(', ')]);
  }
  const read = (values: Record<string, string>, name: (typeof MEASUREMENT_COLUMNS)[number]): string => {
    const column = columns[name];
    return column === undefined ? '' : (values[column] ?? '');
  };
  const iterator = (async function* (): AsyncGenerator<CsvRow> {
    yield* rows;
  })();
  let count = 0;
  for (;;) {
    // Only the reading is the file's fault: what `visit` throws is passed on as it is.
    // eslint-disable-next-line no-await-in-loop -- rows are read one after another
    const next = await unreadable(iterator.next());
    if (next.done) break;
    const { line, values } = next.value;
    count += 1;
    visit({
      line,
      values: {
        outcome: read(values, 'outcome'),
        measured_on: read(values, 'measured_on'),
        value: read(values, 'value'),
        source: read(values, 'source'),
        notes: read(values, 'notes'),
        external_id: read(values, 'external_id'),
      },
    });
  }
  return { header, rows: count };
}
