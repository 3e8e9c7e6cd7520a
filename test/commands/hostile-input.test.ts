/**
 * Hostile input: values that try SOQL injection through flags and CSV reach the org as escaped literals (the
 * queries are recorded on the wire), and no file a command writes carries the access token.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import HandoverSync from '../../src/commands/outcomes/handover/sync.js';
import MeasurementsImport, { type MeasurementsImportResult } from '../../src/commands/outcomes/measurements/import.js';
import Report from '../../src/commands/outcomes/report.js';
import { lastExitCode, runCommand, startTestOrg, type TestOrg } from './harness.js';
import { recordQueries, type QueryRecorder } from './queryRecorder.js';

const TIMEOUT = 120_000;
const INJECTION = "x' OR Name != '";

describe('hostile input', () => {
  let env: TestOrg;
  let recorder: QueryRecorder;

  beforeAll(async () => {
    env = await startTestOrg();
    recorder = await recordQueries(env);
  }, TIMEOUT);

  afterAll(async () => {
    await recorder?.stop();
    await env?.stop();
  });

  it('a --default-csm that tries SOQL injection is sent as one escaped literal and names no user', async () => {
    recorder.queries.length = 0;
    const hostile = "nobody' OR Username != '";
    await expect(runCommand(HandoverSync, ['--target-org', recorder.alias, '--default-csm', hostile])).rejects.toMatchObject({ name: 'DefaultCsmNotFoundError' });
    expect(lastExitCode).toBe(2);
    expect(recorder.queries).toEqual(["SELECT Id, Username, IsActive FROM User WHERE Username = 'nobody\\' OR Username != \\'' LIMIT 1"]);
  }, TIMEOUT);

  it('an outcome reference in the CSV that tries SOQL injection matches no outcome and is refused for its row', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'hostile-'));
    const file = path.join(dir, 'hostile.csv');
    await writeFile(file, `outcome,measured_on,value,external_id\n"${INJECTION}",2024-01-31,1,HOSTILE-1\nOUT-000001,2024-01-31,1,HOSTILE-2\n`);
    recorder.queries.length = 0;
    const result = (await runCommand(MeasurementsImport, ['--target-org', recorder.alias, '--file', file])) as MeasurementsImportResult;
    expect(result).toMatchObject({ created: 1, failed: 1 });
    expect(result.failures[0]).toMatchObject({ row: 2, kind: 'unresolved' });
    const [lookup] = recorder.queries;
    expect(lookup).toContain("'x\\' OR Name != \\''");
    expect(lookup).not.toContain(INJECTION);
  }, TIMEOUT);

  it('an --account that is not a record Id is refused before any query', async () => {
    recorder.queries.length = 0;
    await expect(runCommand(Report, ['--target-org', recorder.alias, '--account', `001' OR Name != '`])).rejects.toMatchObject({ name: 'InvalidRecordIdError' });
    expect(recorder.queries).toEqual([]);
  }, TIMEOUT);

  it('no file a command writes holds the access token: error file, reports', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'secrets-'));
    const file = path.join(dir, 'bad.csv');
    await writeFile(file, `outcome,measured_on,value\nOUT-999999,2024-01-31,1\n`);
    const imported = (await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file])) as MeasurementsImportResult;
    const written = [imported.errorFile as string];
    const [initiative] = (await env.conn.query<{ Id: string }>('SELECT Id FROM Initiative__c LIMIT 1')).records;
    for (const format of ['html', 'md', 'csv', 'json']) {
      const output = path.join(dir, `report.${format}`);
      await runCommand(Report, ['--target-org', env.alias, '--initiative', initiative.Id, '--format', format, '--output', output]);
      written.push(output);
    }
    const secret = env.org.accessToken.split('!')[1];
    for (const output of written) {
      const text = await readFile(output, 'utf8');
      expect(text.length).toBeGreaterThan(0);
      expect(text).not.toContain(secret);
    }
  }, TIMEOUT);
});
