/**
 * `sf outcomes measurements import` reads its file row by row and keeps the rows to write on disk, in runs
 * (OUTCOMES_SPOOL_RUN_RECORDS lowers the run to a few rows here): a file many runs long ends as it did when the import
 * held it whole — through Bulk API 2.0 jobs and through collections alike —, a later duplicate still replaces an
 * earlier row (named in the error file by its own spelling), and rows the org refuses in any run are reported by line.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import MeasurementsImport, { type MeasurementsImportResult } from '../../src/commands/outcomes/measurements/import.js';
import { ApiUsage } from '../../src/org/apiUsage.js';
import type { OrgConnection } from '../../src/org/connection.js';
import { fetchAll } from '../../src/org/fetch.js';
import { lastExitCode, runCommand, startTestOrg, type TestOrg } from './harness.js';

const TIMEOUT = 180_000;
const OUTCOMES = ['OUT-000031', 'OUT-000032', 'OUT-000033'];

/**
 * 45 readings across three outcomes, interleaved as a feed by date lists them, then: a row naming no outcome, a bad
 * value, and a later row with the same external id as row 5 in other letters (it wins).
 */
function feed(prefix: string): { text: string; winners: Map<string, number> } {
  const lines = ['outcome,measured_on,value,source,notes,external_id'];
  const winners = new Map<string, number>();
  for (let i = 0; i < 45; i++) {
    const day = new Date(Date.UTC(2024, 11, 31) - Math.floor(i / 3) * 86_400_000).toISOString().slice(0, 10);
    lines.push(`${OUTCOMES[i % 3]},${day},${i},System,"note ${i}, with a comma",${prefix}-${i}`);
    winners.set(`${prefix}-${i}`, i);
  }
  lines.push(`NOPE-1,2024-06-01,1,System,,${prefix}-nope`);
  lines.push(`${OUTCOMES[0]},2024-06-02,abc,System,,${prefix}-bad`);
  // Line 5 is the reading i = 3 (OUT-000031): replaced by this later row, spelled in lower case.
  lines.push(`${OUTCOMES[0]},2024-12-30,99.5,Manual,replaced,${prefix.toLowerCase()}-3`);
  winners.set(`${prefix}-3`, 99.5);
  return { text: `${lines.join('\n')}\n`, winners };
}

describe('sf outcomes measurements import: a file many spool runs long', () => {
  let env: TestOrg;
  let dir: string;

  beforeAll(async () => {
    process.env.OUTCOMES_SPOOL_RUN_RECORDS = '4';
    env = await startTestOrg();
    dir = await mkdtemp(path.join(os.tmpdir(), 'import-pages-'));
  }, TIMEOUT);

  afterAll(async () => {
    delete process.env.OUTCOMES_SPOOL_RUN_RECORDS;
    await env?.stop();
  });

  async function storedValues(prefix: string): Promise<Map<string, number>> {
    const records = await fetchAll(
      env.conn as unknown as OrgConnection,
      `SELECT External_Id__c, Value__c FROM Measurement__c WHERE External_Id__c LIKE '${prefix}-%'`,
      new ApiUsage(),
    );
    return new Map(records.map((r) => [String(r.External_Id__c).toUpperCase(), Number(r.Value__c)]));
  }

  it.each([
    ['Bulk API 2.0 jobs', 'PGB', ['--bulk-threshold', '5']],
    ['sObject Collections', 'PGC', ['--mode', 'collections']],
  ])('writes every winning row once through %s, and reports the others by line', async (_, prefix, flags) => {
    const { text, winners } = feed(prefix);
    const file = path.join(dir, `${prefix}.csv`);
    await writeFile(file, text);
    const result = (await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file, ...flags])) as MeasurementsImportResult;
    expect(result).toMatchObject({ mode: flags.includes('collections') ? 'collections' : 'bulk', rowsRead: 48, created: 45, updated: 0, failed: 2, duplicates: 1 });
    expect(lastExitCode).toBe(1);
    expect(await storedValues(prefix)).toEqual(new Map([...winners].map(([key, value]) => [key.toUpperCase(), value])));

    expect(result.failures.map((f) => [f.row, f.kind, f.externalId])).toEqual([
      [5, 'duplicate', `${prefix}-3`],
      [47, 'unresolved', `${prefix}-nope`],
      [48, 'invalid', `${prefix}-bad`],
    ]);
    expect(result.failures[0].error).toMatch(new RegExp(`line 49 has the same external id "${prefix}-3"`));
    // The error file repeats each failed row as the file has it, read again from the input.
    const errors = parse<Record<string, string>>(await readFile(result.errorFile as string, 'utf8'), { columns: true });
    expect(errors.map((e) => [e.row, e.external_id, e.notes])).toEqual([
      ['5', `${prefix}-3`, 'note 3, with a comma'],
      ['47', `${prefix}-nope`, ''],
      ['48', `${prefix}-bad`, ''],
    ]);
  }, TIMEOUT);

  it('reports each row the org refuses in a bulk job, whatever run it was spooled in', async () => {
    const lines = ['outcome,measured_on,value,external_id'];
    for (let i = 0; i < 12; i++) lines.push(`${OUTCOMES[i % 3]},2024-0${1 + (i % 9)}-1${i % 3},${i},PGL-${i}`);
    const file = path.join(dir, 'locked.csv');
    await writeFile(file, `${lines.join('\n')}\n`);
    env.setFaults({ lockRowShare: 1 });
    let result: MeasurementsImportResult;
    try {
      result = (await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file, '--bulk-threshold', '5'])) as MeasurementsImportResult;
    } finally {
      env.setFaults({ lockRowShare: 0 });
    }
    expect(result).toMatchObject({ mode: 'bulk', created: 0, failed: 12 });
    expect(result.failures.map((f) => [f.row, f.externalId])).toEqual(Array.from({ length: 12 }, (_, i) => [i + 2, `PGL-${i}`]));
    for (const failure of result.failures) expect(failure.error).toMatch(/UNABLE_TO_LOCK_ROW/);
  }, TIMEOUT);
});
