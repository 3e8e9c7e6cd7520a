/**
 * CSV the tool writes, for people who open it in a spreadsheet. Text comes from people and other systems, so a
 * cell may start like a formula (`=HYPERLINK(...)`, `+cmd`, `@SUM`): such a cell is prefixed with an apostrophe,
 * as OWASP advises for CSV exports, and every CSV the tool writes goes through here.
 */
import { stringify } from 'csv-stringify/sync';

/** What a spreadsheet would read as a formula: = + - @ at the start, or a tab or carriage return before one. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain decimal number ("-5", "12.5") is read as a number, never run: it stays as it is. */
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;
const NEUTRALISED = /^'[=+\-@\t\r]/;

export function neutraliseFormula(value: string | number | null | undefined): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value;
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/** The value a neutralised cell held before: used when the tool reads back a file it wrote itself. */
export function restoreFormula(value: string): string {
  return NEUTRALISED.test(value) ? value.slice(1) : value;
}

/** Rows as RFC 4180 CSV (quoted where needed, CRLF-free), with formula-looking text neutralised. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>): string {
  return stringify([header.map(neutraliseFormula), ...rows.map((row) => row.map(neutraliseFormula))]);
}
