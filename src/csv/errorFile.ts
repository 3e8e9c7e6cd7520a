/**
 * The error file of an import: the rows that were not written, with their original columns plus `row`
 * (line in the input file) and `error` (why, and what to do), so the user can fix them and import that file.
 */
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { CsvRow } from './readCsv.js';

export const ROW_COLUMN = 'row';
export const ERROR_COLUMN = 'error';

export type RejectedRow = { row: CsvRow; error: string };

/** `data/readings.csv` → `data/readings.errors.csv`. */
export function defaultErrorFilePath(inputFile: string): string {
  const { dir, name, ext } = path.parse(inputFile);
  return path.join(dir, `${ext.toLowerCase() === '.csv' ? name : `${name}${ext}`}.errors.csv`);
}

/**
 * Writes the rejected rows, in file order, or removes a stale error file when there are none
 * (a clean rerun must not leave last run's errors lying beside the input). Returns the path written, or null.
 */
export async function writeErrorFile(file: string, header: readonly string[], rejected: readonly RejectedRow[]): Promise<string | null> {
  if (rejected.length === 0) {
    await rm(file, { force: true });
    return null;
  }
  // An error file imported again already has row/error columns: replace them rather than repeat them.
  const isReportColumn = (name: string): boolean => [ROW_COLUMN, ERROR_COLUMN].includes(name.trim().toLowerCase());
  const columns = header.filter((name) => !isReportColumn(name));
  const lines = [...rejected]
    .sort((a, b) => a.row.line - b.row.line)
    .map(({ row, error }) => [...columns.map((name) => row.values[name] ?? ''), String(row.line), error]);
  await writeFile(file, stringify([[...columns, ROW_COLUMN, ERROR_COLUMN], ...lines]), 'utf8');
  return file;
}
