/**
 * Reads a CSV file into rows that remember where they came from, so every error can point at a line
 * of the user's file (header = line 1, as an editor numbers it).
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { pipeline, Readable } from 'node:stream';
import { parse as parseStream } from 'csv-parse';
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
 * Parses CSV text; blank lines and rows of only blank cells are skipped, a UTF-8 byte-order mark is dropped, short rows
 * are padded with blanks.
 * A header naming a column twice is refused: which of the two a reader takes would be a guess.
 * Cells the tool neutralised in an error file it wrote (`'=…`) read back as they were.
 */
export function parseCsv(text: string): CsvTable {
  const records = parse(text, PARSE_OPTIONS) as unknown as ParsedRecord[];
  if (records.length === 0) return { header: [], rows: [] };
  const header = headerOf(records[0]);
  const toRow = rowReader(header);
  const rows = records.slice(1).flatMap((record) => toRow(record) ?? []);
  return { header, rows };
}

const PARSE_OPTIONS = { bom: true, info: true, skip_empty_lines: true, relax_column_count: true } as const;

/** The header's names, trimmed; a header naming a column twice is refused. */
function headerOf({ record }: ParsedRecord): string[] {
  const header = record.map((name) => name.trim());
  const seen = new Set<string>();
  for (const name of header) {
    const key = name.toLowerCase();
    if (key !== '' && seen.has(key)) throw new UnreadableCsv(`the header names the column "${name}" twice; keep one of them`);
    seen.add(key);
  }
  return header;
}

/** A parsed record as a row by the header's names, or null for a row of only blanks. */
function rowReader(header: readonly string[]): (parsed: ParsedRecord) => CsvRow | null {
  const read = isErrorFileHeader(header) ? restoreFormula : (value: string): string => value;
  return ({ record, info }) => {
    // A row of only blanks (",,,", as spreadsheets export below the data) holds nothing to import or report.
    if (!record.some((value) => value.trim() !== '')) return null;
    return {
      // csv-parse counts lines up to the end of the record; step back over line breaks inside quoted values.
      line: info.lines - record.reduce((breaks, value) => breaks + (value.match(/\r\n|\n|\r/g)?.length ?? 0), 0),
      values: Object.fromEntries(header.map((name, i) => [name, read(record[i] ?? '')])),
    };
  };
}

/** A CSV file opened for reading row by row: its header, and its rows as `parseCsv` gives them, read as they are used. */
export type CsvFileReader = { header: string[]; rows: AsyncIterable<CsvRow> | Iterable<CsvRow> };

/**
 * Opens a CSV file and reads its header; the rows follow as the caller iterates, so a file of a million rows is never
 * held whole. The same rules as `readCsvFile` (encodings, blank rows, line numbers, a header naming a column twice).
 * A file that is not text the tool can read fails while it is read, with `decodeCsvBytes`'s message.
 */
export async function openCsvFile(file: string): Promise<CsvFileReader> {
  const parser = parseStream(PARSE_OPTIONS);
  // pipeline, not pipe: a file refused while it is decoded fails the parser, so the reader sees the refusal.
  pipeline(Readable.from(decodedText(file)), parser, () => undefined);
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<ParsedRecord>;
  const first = await records.next();
  if (first.done) return { header: [], rows: [] };
  const header = headerOf(first.value);
  const toRow = rowReader(header);
  async function* rows(): AsyncGenerator<CsvRow> {
    // eslint-disable-next-line no-await-in-loop -- records are parsed one after another
    for (let next = await records.next(); !next.done; next = await records.next()) {
      const row = toRow(next.value);
      if (row) yield row;
    }
  }
  return { header, rows: rows() };
}

/**
 * The file's text, decoded chunk by chunk as `decodeCsvBytes` decodes the whole: a file it refuses (a zero byte, bytes
 * that are not UTF-8) is handed to it whole, so the message is the same (naming the line or byte).
 */
async function* decodedText(file: string): AsyncGenerator<string> {
  let decoder: InstanceType<typeof TextDecoder> | null = null;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    let bytes = chunk;
    if (!decoder) {
      const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : null;
      decoder = new TextDecoder(utf16 ?? 'utf-8', { fatal: utf16 === null });
      if (utf16) bytes = bytes.subarray(2);
    }
    if (decoder.encoding === 'utf-8' && bytes.includes(0)) throw await refusalOf(file);
    let text: string;
    try {
      text = decoder.decode(bytes, { stream: true });
    } catch {
      throw await refusalOf(file);
    }
    if (text) yield text;
  }
  if (decoder) {
    let rest: string;
    try {
      rest = decoder.decode();
    } catch {
      throw await refusalOf(file);
    }
    if (rest) yield rest;
  }
}

/** Why `decodeCsvBytes` refuses a file (read whole, on this failure path only). */
async function refusalOf(file: string): Promise<Error> {
  try {
    decodeCsvBytes(await readFile(file));
  } catch (error) {
    return error as Error;
  }
  return new UnreadableCsv('it is not text the tool can read; export the data as CSV (UTF-8)');
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
