/**
 * Reads a CSV file into rows that remember where they came from, so every error can point at a line
 * of the user's file (header = line 1, as an editor numbers it).
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { isErrorFileHeader } from './errorFile.js';
import { restoreFormula } from './writeCsv.js';

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

/** A file that is not CSV text the tool can read, said in one sentence with the fix. */
export class UnreadableCsv extends Error {}

type ParsedRecord = { record: string[]; info: { lines: number } };

/**
 * Parses CSV text; blank lines are skipped, a UTF-8 byte-order mark is dropped, short rows are padded with blanks.
 * A header naming a column twice is refused: which of the two a reader takes would be a guess.
 * Cells the tool neutralised in an error file it wrote (`'=…`) read back as they were.
 */
export function parseCsv(text: string): CsvTable {
  const records = parse(text, {
    bom: true,
    info: true,
    skip_empty_lines: true,
    relax_column_count: true,
  }) as unknown as ParsedRecord[];
  if (records.length === 0) return { header: [], rows: [] };
  const header = records[0].record.map((name) => name.trim());
  const seen = new Set<string>();
  for (const name of header) {
    const key = name.toLowerCase();
    if (key !== '' && seen.has(key)) throw new UnreadableCsv(`the header names the column "${name}" twice; keep one of them`);
    seen.add(key);
  }
  const read = isErrorFileHeader(header) ? restoreFormula : (value: string): string => value;
  const rows = records.slice(1).map(({ record, info }) => ({
    // csv-parse counts lines up to the end of the record; step back over line breaks inside quoted values.
    line: info.lines - record.reduce((breaks, value) => breaks + (value.match(/\r\n|\n|\r/g)?.length ?? 0), 0),
    values: Object.fromEntries(header.map((name, i) => [name, read(record[i] ?? '')])),
  }));
  return { header, rows };
}

/**
 * The text of a file: UTF-8 (with or without a byte-order mark), or UTF-16 with its byte-order mark, as Excel's
 * "Unicode text" writes it. Anything else is refused rather than guessed: a Latin-1 file read as UTF-8 would store
 * "Gr��e" without a word.
 */
export function decodeCsvBytes(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new UnreadableCsv(`it holds binary data (a zero byte at byte ${nul + 1}), not CSV text; export the data as CSV (UTF-8)`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const line = lineOfFirstInvalidUtf8(bytes);
    throw new UnreadableCsv(
      `it is not UTF-8 text (line ${line} holds bytes that are not UTF-8, as a Latin-1 or Windows-1252 file does); save it as "CSV UTF-8" and import it again`,
    );
  }
}

function lineOfFirstInvalidUtf8(bytes: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line += 1;
      start = i + 1;
    }
  }
  return line;
}

export async function readCsvFile(file: string): Promise<CsvTable> {
  return parseCsv(decodeCsvBytes(await readFile(file)));
}

/**
 * Finds each wanted column in a header by name, ignoring case and surrounding blanks.
 * Returns the header name as written in the file, or undefined for a column the file lacks.
 */
export function matchColumns<const K extends string>(header: readonly string[], wanted: readonly K[]): Record<K, string | undefined> {
  const byLowerName = new Map(header.map((name) => [name.trim().toLowerCase(), name]));
  return Object.fromEntries(wanted.map((name) => [name, byLowerName.get(name.toLowerCase())])) as Record<K, string | undefined>;
}
