/**
 * The benchmark's exchange format: anonymised aggregates only (a KPI, a group, how many customers, four quantiles),
 * never rows, ids or names. `--export` writes it; an independent party can pool several vendors' files (summing
 * nothing: a pooled row is recomputed by the party from its own inputs) and hand back a file of the same format that
 * `--peer-file` reads. README.md, "Benchmark export format", documents each column.
 */
import { z } from 'zod';
import { BETTER_DIRECTIONS, VALUE_CHAIN_STAGES, type BetterDirection, type ValueChainStage } from '../model.js';
import { BENCHMARK_DIMENSIONS, type BenchmarkDimension } from './groups.js';
import { BENCHMARK_MEASURES, type BenchmarkMeasure } from './improvement.js';

export const AGGREGATE_FORMAT = 'outcomes-benchmark/1';

export type BenchmarkAggregate = {
  kpiCode: string;
  kpiName: string;
  stage: ValueChainStage | null;
  betterDirection: BetterDirection | null;
  measure: BenchmarkMeasure;
  dimension: BenchmarkDimension;
  group: string;
  customers: number;
  p25: number;
  median: number;
  p75: number;
  p90: number;
};

/** CSV columns, in order; the JSON rows use the same names. */
export const AGGREGATE_COLUMNS = [
  'format',
  'kpi_code',
  'kpi_name',
  'value_chain_stage',
  'better_direction',
  'measure',
  'dimension',
  'group',
  'customers',
  'p25',
  'median',
  'p75',
  'p90',
] as const;
type Column = (typeof AGGREGATE_COLUMNS)[number];

export function aggregateRecord(row: BenchmarkAggregate): Record<Column, string | number> {
  return {
    format: AGGREGATE_FORMAT,
    kpi_code: row.kpiCode,
    kpi_name: row.kpiName,
    value_chain_stage: row.stage ?? '',
    better_direction: row.betterDirection ?? '',
    measure: row.measure,
    dimension: row.dimension,
    group: row.group,
    customers: row.customers,
    p25: row.p25,
    median: row.median,
    p75: row.p75,
    p90: row.p90,
  };
}

const number = z.coerce.number<string | number>().refine(Number.isFinite, { error: 'must be a number' });
/** A blank cell of an optional column reads as null. */
const blankAsNull = (value: unknown): unknown => (value === '' ? null : value);

const recordSchema = z.object({
  format: z.literal(AGGREGATE_FORMAT, { error: `must be ${AGGREGATE_FORMAT}` }),
  kpi_code: z.string().trim().min(1, { error: 'is required' }),
  kpi_name: z.string().trim().default(''),
  value_chain_stage: z.preprocess(blankAsNull, z.enum(VALUE_CHAIN_STAGES).nullable()).default(null),
  better_direction: z.preprocess(blankAsNull, z.enum(BETTER_DIRECTIONS).nullable()).default(null),
  measure: z.enum(BENCHMARK_MEASURES as [BenchmarkMeasure, ...BenchmarkMeasure[]], { error: `must be one of ${BENCHMARK_MEASURES.join(', ')}` }),
  dimension: z.enum(BENCHMARK_DIMENSIONS, { error: `must be one of ${BENCHMARK_DIMENSIONS.join(', ')}` }),
  group: z.string().trim().min(1, { error: 'is required' }),
  customers: number.refine(Number.isInteger, { error: 'must be a whole number' }),
  p25: number,
  median: number,
  p75: number,
  p90: number,
});

/** The JSON file: the rows and what produced them. */
export type AggregateFile = { format: typeof AGGREGATE_FORMAT; measure: BenchmarkMeasure; minGroup: number; rows: Array<Record<Column, string | number>> };

export type ParsedAggregates = { rows: BenchmarkAggregate[]; problems: Array<{ row: number; problem: string }> };

/**
 * Reads the records of a peer file (JSON rows or CSV rows by column name), row numbers as the user sees them. A row
 * whose quantiles are out of order or whose group is below the minimum is refused with its reason.
 */
export function parseAggregates(records: ReadonlyArray<{ row: number; values: Record<string, unknown> }>, minGroup: number): ParsedAggregates {
  const rows: BenchmarkAggregate[] = [];
  const problems: ParsedAggregates['problems'] = [];
  for (const { row, values } of records) {
    const parsed = recordSchema.safeParse(values);
    if (!parsed.success) {
      problems.push({ row, problem: parsed.error.issues.map((i) => `${i.path.join('.') || 'row'} ${i.message}`).join('; ') });
      continue;
    }
    const r = parsed.data;
    if (!(r.p25 <= r.median && r.median <= r.p75 && r.p75 <= r.p90)) {
      problems.push({ row, problem: 'p25, median, p75 and p90 must not decrease' });
    } else if (r.customers < minGroup) {
      problems.push({ row, problem: `customers ${r.customers} is below the minimum group of ${minGroup}: a pooled file must not carry small groups` });
    } else {
      rows.push({
        kpiCode: r.kpi_code,
        kpiName: r.kpi_name,
        stage: r.value_chain_stage,
        betterDirection: r.better_direction,
        measure: r.measure,
        dimension: r.dimension,
        group: r.group,
        customers: r.customers,
        p25: r.p25,
        median: r.median,
        p75: r.p75,
        p90: r.p90,
      });
    }
  }
  return { rows, problems };
}
