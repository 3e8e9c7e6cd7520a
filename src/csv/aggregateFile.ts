/**
 * Reading and writing the benchmark's aggregate files (core/benchmark/aggregateFile.ts has the format): CSV, or JSON
 * when the file name ends in .json. Writing refuses to replace a file that is not such a file already, so a typo in
 * `--export` cannot overwrite someone's spreadsheet.
 */
import { readFile, writeFile } from 'node:fs/promises';
import {
  AGGREGATE_COLUMNS,
  AGGREGATE_FORMAT,
  aggregateRecord,
  parseAggregates,
  type AggregateFile,
  type BenchmarkAggregate,
  type ParsedAggregates,
} from '../core/benchmark/aggregateFile.js';
import type { BenchmarkMeasure } from '../core/benchmark/improvement.js';
import { decodeCsvBytes, parseCsv } from './readCsv.js';
import { restoreFormula, toCsv } from './writeCsv.js';

export class UnreadableAggregateFile extends Error {}
export class NotAnAggregateFile extends Error {}

const isJson = (file: string): boolean => file.toLowerCase().endsWith('.json');

export async function readAggregateFile(file: string, minGroup: number): Promise<ParsedAggregates> {
  const text = decodeCsvBytes(await readFile(file));
  if (isJson(file)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new UnreadableAggregateFile(`it is not JSON (${(error as Error).message})`);
    }
    const rows = (parsed as { format?: unknown; rows?: unknown }).rows;
    if ((parsed as { format?: unknown }).format !== AGGREGATE_FORMAT || !Array.isArray(rows)) {
      throw new UnreadableAggregateFile(`it has no "format": "${AGGREGATE_FORMAT}" and "rows" array`);
    }
    // JSON rows are numbered from 1, as a person counts them.
    return parseAggregates(rows.map((values, i) => ({ row: i + 1, values: (values ?? {}) as Record<string, unknown> })), minGroup);
  }
  const table = parseCsv(text);
  const missing = AGGREGATE_COLUMNS.filter((c) => !table.header.includes(c));
  if (missing.length > 0) throw new UnreadableAggregateFile(`its header lacks ${missing.join(', ')}`);
  // Text this tool neutralised when it wrote the file ('=…) reads back as it was, so a file round-trips.
  const restored = (values: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, restoreFormula(v)]));
  return parseAggregates(table.rows.map((r) => ({ row: r.line, values: restored(r.values) })), minGroup);
}

/** Whether an existing file is an aggregate file (then the command may replace it). */
export async function isAggregateFile(file: string): Promise<boolean> {
  const text = await readFile(file, 'utf8').catch(() => null);
  if (text === null) return true; // absent: nothing to protect
  if (isJson(file)) return text.includes(`"format": "${AGGREGATE_FORMAT}"`);
  return text.replace(/^\uFEFF/, '').startsWith(`${AGGREGATE_COLUMNS.join(',')}\n`);
}

export function aggregatesAsCsv(rows: readonly BenchmarkAggregate[]): string {
  return toCsv(AGGREGATE_COLUMNS, rows.map((r) => AGGREGATE_COLUMNS.map((c) => aggregateRecord(r)[c])));
}

export function aggregatesAsJson(rows: readonly BenchmarkAggregate[], meta: { measure: BenchmarkMeasure; minGroup: number }): string {
  const file: AggregateFile = { format: AGGREGATE_FORMAT, measure: meta.measure, minGroup: meta.minGroup, rows: rows.map(aggregateRecord) };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export async function writeAggregateFile(file: string, rows: readonly BenchmarkAggregate[], meta: { measure: BenchmarkMeasure; minGroup: number }): Promise<void> {
  if (!(await isAggregateFile(file))) throw new NotAnAggregateFile(file);
  await writeFile(file, isJson(file) ? aggregatesAsJson(rows, meta) : aggregatesAsCsv(rows), 'utf8');
}
