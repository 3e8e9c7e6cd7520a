/**
 * The error file of an import: the rows that were not written, with their original columns plus `row`
 * (line in the input file) and `error` (why, and what to do), so the user can fix them and import that file.
 *
 * A command may remove or overwrite only a file it wrote itself: an error file is recognised by its last two
 * header columns, `row` and `error`. Anything else at that path (the user's own file, the input itself) is
 * refused before the run starts, and a dry run never touches the file.
 */
import { open, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { CsvRow } from './readCsv.js';
import { toCsv } from './writeCsv.js';

export const ROW_COLUMN = 'row';
export const ERROR_COLUMN = 'error';
/** Enough of a file to read its header line. */
const HEADER_BYTES = 64 * 1024;

export type RejectedRow = { row: CsvRow; error: string };

/** Why a path cannot take the error file: it is the input itself, or a file this tool did not write. */
export type ErrorFileProblem = 'isInput' | 'notAnErrorFile';

/** `data/readings.csv` → `data/readings.errors.csv`. */
export function defaultErrorFilePath(inputFile: string): string {
  const { dir, name, ext } = path.parse(inputFile);
  return path.join(dir, `${ext.toLowerCase() === '.csv' ? name : `${name}${ext}`}.errors.csv`);
}

const isReportColumn = (name: string): boolean => [ROW_COLUMN, ERROR_COLUMN].includes(name.trim().toLowerCase());

/** True when a header is an error file's: it ends with the `row` and `error` columns. */
export function isErrorFileHeader(header: readonly string[]): boolean {
  const [row, error] = header.slice(-2).map((name) => name.trim().toLowerCase());
  return header.length >= 2 && row === ROW_COLUMN && error === ERROR_COLUMN;
}

async function readHeader(file: string): Promise<string[] | null> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEADER_BYTES, 0);
    const firstLine = buffer.subarray(0, bytesRead).toString('utf8').split(/\r?\n/, 1)[0];
    const rows = parse(firstLine, { bom: true, relax_quotes: true });
    return rows[0] ?? null;
  } catch {
    return null;
  } finally {
    await handle.close();
  }
}

const fileId = async (file: string): Promise<string | null> =>
  stat(file).then((s) => `${s.dev}:${s.ino}`, () => null);

/** Whether `file` may take the error file of an import of `inputFile`; null when it may (absent, or an earlier error file). */
export async function errorFileProblem(file: string, inputFile: string): Promise<ErrorFileProblem | null> {
  if (path.resolve(file) === path.resolve(inputFile)) return 'isInput';
  const id = await fileId(file);
  if (id === null) return null;
  // The same file under another name (a symlink, a hard link, another spelling of the path).
  if (id === (await fileId(inputFile))) return 'isInput';
  const header = await readHeader(file);
  return header && isErrorFileHeader(header) ? null : 'notAnErrorFile';
}

export class ErrorFileRefused extends Error {
  public constructor(public readonly file: string, public readonly problem: ErrorFileProblem) {
    super(`${file}: ${problem}`);
  }
}

/**
 * Writes the rejected rows, in file order, or removes a stale error file of an earlier run when there are none
 * (a clean rerun must not leave last run's errors lying beside the input). Returns the path written, or null.
 * The file is written beside its final place and renamed, so a run killed while writing leaves no half file.
 */
export async function writeErrorFile(file: string, inputFile: string, header: readonly string[], rejected: readonly RejectedRow[]): Promise<string | null> {
  const problem = await errorFileProblem(file, inputFile);
  if (problem) throw new ErrorFileRefused(file, problem);
  if (rejected.length === 0) {
    await rm(file, { force: true });
    return null;
  }
  // An error file imported again already has row/error columns: replace them rather than repeat them.
  const columns = header.filter((name) => !isReportColumn(name));
  const lines = [...rejected]
    .sort((a, b) => a.row.line - b.row.line)
    .map(({ row, error }) => [...columns.map((name) => row.values[name] ?? ''), String(row.line), error]);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, toCsv([...columns, ROW_COLUMN, ERROR_COLUMN], lines), 'utf8');
    await rename(temporary, file);
  } finally {
    await rm(temporary, { force: true });
  }
  return file;
}
