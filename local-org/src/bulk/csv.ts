/** CSV as Bulk API 2.0 speaks it: a header row, the job's delimiter and line ending, `#N/A` for null. */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

export const COLUMN_DELIMITERS = { COMMA: ',', TAB: '\t', PIPE: '|', SEMICOLON: ';', CARET: '^', BACKQUOTE: '`' } as const;
export type ColumnDelimiter = keyof typeof COLUMN_DELIMITERS;
export type LineEnding = 'LF' | 'CRLF';

export type CsvTable = { header: string[]; rows: string[][] };

export function parseCsv(text: string, delimiter: ColumnDelimiter): CsvTable {
  const lines = parse(text, { delimiter: COLUMN_DELIMITERS[delimiter], bom: true, skip_empty_lines: false, relax_column_count: false });
  const [header = [], ...rows] = lines;
  return { header: header.map((h) => h.trim()), rows };
}

export function formatCsv(header: string[], rows: string[][], delimiter: ColumnDelimiter, lineEnding: LineEnding): string {
  return stringify([header, ...rows], {
    delimiter: COLUMN_DELIMITERS[delimiter],
    record_delimiter: lineEnding === 'CRLF' ? 'windows' : 'unix',
    quoted: true,
  });
}

/** A value as a result CSV cell: empty for null, `true`/`false` for checkboxes. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
