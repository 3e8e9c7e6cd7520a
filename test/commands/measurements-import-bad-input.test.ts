/**
 * Bad input to `sf outcomes measurements import`: every bad row is in the error file with its row number and the
 * fix, every good row is written exactly once, and files that are not a CSV of measurements are refused whole.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import MeasurementsImport, { type MeasurementsImportResult } from '../../src/commands/outcomes/measurements/import.js';
import { lastExitCode, runCommand, startTestOrg, type TestOrg } from './harness.js';

const TIMEOUT = 180_000;

async function file(name: string, text: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bad-input-'));
  const target = path.join(dir, name);
  await writeFile(target, text);
  return target;
}

describe('sf outcomes measurements import: bad input', () => {
  let env: TestOrg;
  let initiativeId: string;
  let outcomeId: string;

  beforeAll(async () => {
    env = await startTestOrg();
    const [outcome] = (await env.conn.query<{ Id: string; Initiative__c: string }>("SELECT Id, Initiative__c FROM Outcome_Requirement__c WHERE External_Id__c = 'OUT-000030'")).records;
    outcomeId = outcome.Id;
    initiativeId = outcome.Initiative__c;
  }, TIMEOUT);

  afterAll(async () => {
    await env?.stop();
  });

  it('refuses each bad value for its row, with the fix, and writes the good rows once', async () => {
    const rows = [
      ['OUT-000030', '2024-01-31', '1,5', 'comma decimal'],
      ['OUT-000030', '2024-02-29', '1e309', 'overflows a double'],
      ['OUT-000030', '2024-03-31', 'NaN', 'not a number'],
      ['OUT-000030', '2026-02-30', '4', 'a day that does not exist'],
      ['OUT-000030', '31.03.2024', '4', 'another date format'],
      [initiativeId, '2024-04-30', '4', 'the Id of an initiative, not an outcome'],
      ['OUT-000030', '2024-05-31', '7.5', 'good'],
      ['', '', '', ''],
      [outcomeId, '2024-06-30', '-2', 'good, by record Id'],
    ];
    const target = await file('values.csv', `outcome,measured_on,value,notes\r\n${rows.map((r) => r.map((v) => (v.includes(',') ? `"${v}"` : v)).join(',')).join('\r\n')}\r\n`);
    const result = (await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', target])) as MeasurementsImportResult;
    expect(lastExitCode).toBe(1);
    expect(result).toMatchObject({ created: 2, failed: 6 });
    const errors = parse<Record<string, string>>(await readFile(result.errorFile as string, 'utf8'), { columns: true });
    expect(errors.map((e) => [e.row, e.notes])).toEqual([
      ['2', 'comma decimal'],
      ['3', 'overflows a double'],
      ['4', 'not a number'],
      ['5', 'a day that does not exist'],
      ['6', 'another date format'],
      ['7', 'the Id of an initiative, not an outcome'],
    ]);
    for (const error of errors) expect(error.error).toMatch(/\. [A-Z][^.]*(again|existing outcome)/);
    expect(errors[0].error).toMatch(/value/);
    expect(errors[3].error).toMatch(/2026-02-30/);
    expect(errors[5].error).toMatch(/outcome/);
  }, TIMEOUT);

  it('refuses an empty file and a header-only file says there is nothing to import', async () => {
    await expect(runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', await file('empty.csv', '')])).rejects.toMatchObject({ name: 'EmptyFileError' });
    expect(lastExitCode).toBe(2);
    const headerOnly = (await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', await file('header.csv', 'outcome,measured_on,value\n')])) as MeasurementsImportResult;
    expect(headerOnly).toMatchObject({ rowsRead: 0, created: 0, failed: 0 });
    expect(lastExitCode).toBe(0);
  }, TIMEOUT);

  it('imports a file of 100,000 rows through Bulk API 2.0, every row once', async () => {
    const lines = ['outcome,measured_on,value,external_id'];
    for (let i = 0; i < 100_000; i++) {
      lines.push(`OUT-0000${31 + (i % 10)},${new Date(Date.UTC(2024, 11, 31) - Math.floor(i / 10) * 86_400_000).toISOString().slice(0, 10)},${i % 97},BIG-${i}`);
    }
    const target = await file('big.csv', `${lines.join('\n')}\n`);
    const result = (await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', target])) as MeasurementsImportResult;
    expect(result).toMatchObject({ mode: 'bulk', rowsRead: 100_000, created: 100_000, failed: 0 });
    expect(lastExitCode).toBe(0);
    const [{ expr0 }] = (await env.conn.query<{ expr0: number }>("SELECT COUNT(Id) FROM Measurement__c WHERE External_Id__c LIKE 'BIG-%'")).records;
    expect(expr0).toBe(100_000);
  }, TIMEOUT);
});
