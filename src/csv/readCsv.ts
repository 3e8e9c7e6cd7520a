/**
 * Reads a CSV file into rows that remember where they came from, so every error can point at a line
 * of the user's file (header = line 1, as an editor numbers it).
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';

export type CsvRow = {
  /** 1-based line of the file where the row starts (a quoted value may span several lines). */
  line: number;
  /** The row's values by the file's own header names, as written in the file. */
  values: Record<string, string>;
};

export type CsvTable = {
  /** Header names as written in the file (trimmed), in file order. */
  header: string[];
  rows: CsvRow[];
};

type ParsedRecord = { record: string[]; info: { lines: number } };

/** Parses CSV text; blank lines are skipped, a UTF-8 byte-order mark is dropped, short rows are padded with blanks. */
export function parseCsv(text: string): CsvTable {
  const records = parse(text, {
    bom: true,
    info: true,
    skip_empty_lines: true,
    relax_column_count: true,
  }) as unknown as ParsedRecord[];
  if (records.length === 0) return { header: [], rows: [] };
  const header = records[0].record.map((name) => name.trim());
  const rows = records.slice(1).map(({ record, info }) => ({
    // csv-parse counts lines up to the end of the record; step back over line breaks inside quoted values.
    line: info.lines - record.reduce((breaks, value) => breaks + (value.match(/\r\n|\n|\r/g)?.length ?? 0), 0),
    values: Object.fromEntries(header.map((name, i) => [name, record[i] ?? ''])),
  }));
  return { header, rows };
}

export async function readCsvFile(file: string): Promise<CsvTable> {
  return parseCsv(await readFile(file, 'utf8'));
}

/**
 * Finds each wanted column in a header by name, ignoring case and surrounding blanks.
 * Returns the header name as written in the file, or undefined for a column the file lacks.
 */
export function matchColumns<const K extends string>(header: readonly string[], wanted: readonly K[]): Record<K, string | undefined> {
  const byLowerName = new Map(header.map((name) => [name.trim().toLowerCase(), name]));
  return Object.fromEntries(wanted.map((name) => [name, byLowerName.get(name.toLowerCase())])) as Record<K, string | undefined>;
}
