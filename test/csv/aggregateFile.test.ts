/** The benchmark's aggregate files: written and read back alike in CSV and JSON, never written over a foreign file. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BenchmarkAggregate } from '../../src/core/benchmark/aggregateFile.js';
import { NotAnAggregateFile, readAggregateFile, UnreadableAggregateFile, writeAggregateFile } from '../../src/csv/aggregateFile.js';

const ROW: BenchmarkAggregate = {
  kpiCode: 'OPS-RAW-WASTE',
  kpiName: '=cmd|"/c calc"!A1',
  stage: 'Marketing_And_Sales',
  betterDirection: 'Lower',
  measure: 'latest',
  dimension: 'industry',
  group: 'Food & Beverage, "fresh"',
  customers: 12,
  p25: -1.5,
  median: 4,
  p75: 9.3,
  p90: 20.1,
};
const meta = { measure: 'latest' as const, minGroup: 5 };

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(process.cwd(), '.tmp', 'aggregates-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('aggregate files', () => {
  it.each(['rows.csv', 'rows.json'])('%s: writes, rewrites its own file, and reads the rows back as they were', async (name) => {
    const file = path.join(dir, name);
    await writeAggregateFile(file, [ROW], meta);
    await writeAggregateFile(file, [ROW, { ...ROW, group: 'Retail' }], meta);
    expect(await readAggregateFile(file, 5)).toEqual({ rows: [ROW, { ...ROW, group: 'Retail' }], problems: [] });
  });

  it('neutralises formula-looking text in the CSV', async () => {
    const file = path.join(dir, 'formula.csv');
    await writeAggregateFile(file, [ROW], meta);
    expect(await readFile(file, 'utf8')).toContain(`"'=cmd|""/c calc""!A1"`);
  });

  it('never writes over a file it did not write', async () => {
    for (const name of ['mine.csv', 'mine.json']) {
      const file = path.join(dir, name);
      await writeFile(file, '{"some": "thing"}\n');
      await expect(writeAggregateFile(file, [ROW], meta)).rejects.toBeInstanceOf(NotAnAggregateFile);
      expect(await readFile(file, 'utf8')).toBe('{"some": "thing"}\n');
    }
  });

  it('names each bad row and refuses a file of another shape', async () => {
    const json = path.join(dir, 'bad.json');
    await writeFile(json, JSON.stringify({ format: 'outcomes-benchmark/1', rows: [{ format: 'outcomes-benchmark/1', kpi_code: 'X', measure: 'latest', dimension: 'nation', group: 'A', customers: 6, p25: 1, median: 2, p75: 3, p90: 4 }] }));
    expect((await readAggregateFile(json, 5)).problems).toEqual([{ row: 1, problem: expect.stringContaining('dimension must be one of all, industry') }]);
    const csv = path.join(dir, 'bad.csv');
    await writeFile(csv, 'kpi,median\nX,2\n');
    await expect(readAggregateFile(csv, 5)).rejects.toBeInstanceOf(UnreadableAggregateFile);
    const notJson = path.join(dir, 'not.json');
    await writeFile(notJson, 'kpi,median\n');
    await expect(readAggregateFile(notJson, 5)).rejects.toThrow(/not JSON/);
  });
});
