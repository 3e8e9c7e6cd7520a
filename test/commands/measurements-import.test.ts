/**
 * `sf outcomes measurements import` against the local org over HTTP, on the sample data and on the fixtures
 * in test/fixtures/measurements. Every run works on copies in a temporary folder, since the command writes
 * its error file beside the input.
 */
import { copyFile, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import MeasurementsImport, { type MeasurementsImportResult } from '../../src/commands/outcomes/measurements/import.js';
import { ApiUsage } from '../../src/org/apiUsage.js';
import type { OrgConnection, SfRecord } from '../../src/org/connection.js';
import { fetchAll } from '../../src/org/fetch.js';
import { projectRoot, runCommand, sampleDataDir, startTestOrg, type TestOrg } from './harness.js';

const fixtures = path.join(projectRoot, 'test', 'fixtures', 'measurements');
const TIMEOUT = 120_000;

type StoredMeasurement = { External_Id__c: string; Value__c: number; Source__c: string | null; Notes__c: string | null; Measured_On__c: string; Outcome_Requirement__c: string };

async function workCopy(file: string, name = path.basename(file)): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'measurements-'));
  const copy = path.join(dir, name);
  await copyFile(file, copy);
  return copy;
}

async function writeWorkFile(name: string, text: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'measurements-'));
  const file = path.join(dir, name);
  await writeFile(file, text, 'utf8');
  return file;
}

async function storedMeasurements(env: TestOrg): Promise<Map<string, StoredMeasurement>> {
  const rows = await fetchAll(
    env.conn as unknown as OrgConnection,
    'SELECT Id, External_Id__c, Value__c, Source__c, Notes__c, Measured_On__c, Outcome_Requirement__c FROM Measurement__c',
    new ApiUsage(),
  );
  return new Map(rows.map((r: SfRecord) => [String(r.External_Id__c), r as unknown as StoredMeasurement]));
}

async function outcomeId(env: TestOrg, externalId: string): Promise<string> {
  const rows = await fetchAll(env.conn as unknown as OrgConnection, `SELECT Id FROM Outcome_Requirement__c WHERE External_Id__c = '${externalId}'`, new ApiUsage());
  return String(rows[0].Id);
}

function readCsv(text: string): Array<Record<string, string>> {
  return parse<Record<string, string>>(text, { columns: true });
}

const exists = (file: string): Promise<boolean> => stat(file).then(() => true, () => false);
const today = (): string => {
  const now = new Date();
  return [now.getFullYear(), now.getMonth() + 1, now.getDate()].map((n, i) => String(n).padStart(i === 0 ? 4 : 2, '0')).join('-');
};

/** Daily readings for one outcome, `count` days back from 2024-12-31, with explicit external ids. */
function generatedFile(outcome: string, count: number, prefix: string): string {
  const lines = ['outcome,measured_on,value,source,notes,external_id'];
  const end = Date.UTC(2024, 11, 31);
  for (let i = 0; i < count; i++) {
    const day = new Date(end - i * 86_400_000).toISOString().slice(0, 10);
    lines.push(`${outcome},${day},${(50 + (i % 37) * 0.25).toFixed(2)},System,,${prefix}-${i}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('sf outcomes measurements import', () => {
  let env: TestOrg;

  beforeAll(async () => {
    env = await startTestOrg();
  }, TIMEOUT);

  afterAll(async () => {
    await env?.stop();
  });

  describe('on the sample data', () => {
    let file: string;
    let first: MeasurementsImportResult;
    let sampleRows: Array<Record<string, string>>;

    beforeAll(async () => {
      file = await workCopy(path.join(sampleDataDir, 'measurements.csv'));
      sampleRows = readCsv(await readFile(file, 'utf8'));
      const before = env.stats();
      first = await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file]);
      const after = env.stats();
      // What the command says it spent is what the org answered.
      expect(after.byKind.collections - before.byKind.collections).toBe(first.apiCalls.collections);
      expect(after.byKind.query + after.byKind.queryMore - before.byKind.query - before.byKind.queryMore).toBe(
        first.apiCalls.queries + first.apiCalls.queryMore,
      );
    }, TIMEOUT);

    it('creates one measurement per good row, in collections of 200', async () => {
      expect(first.rowsRead).toBe(sampleRows.length);
      expect(first.mode).toBe('collections');
      expect(first.created).toBe(first.valid);
      expect(first.updated).toBe(0);
      expect(first.valid + first.failed + first.duplicates).toBe(first.rowsRead);
      const stored = await storedMeasurements(env);
      expect(stored.size).toBe(first.created);
      // One lookup query for the 49 outcomes, and the fewest collection calls 200 records a call allow.
      expect(first.apiCalls.queries).toBe(1);
      expect(first.apiCalls.collections).toBe(Math.ceil(first.created / 200));
      expect(first.apiCalls.bulk).toBe(0);
    });

    it('stores each good row with its values and the outcome set by Id', async () => {
      const stored = await storedMeasurements(env);
      const good = sampleRows.find((r) => r.notes !== '' && r.outcome === 'OUT-000002') as Record<string, string>;
      const record = stored.get(good.external_id) as StoredMeasurement;
      expect(record).toMatchObject({ Measured_On__c: good.measured_on, Value__c: Number(good.value), Source__c: good.source, Notes__c: good.notes });
      expect(record.Outcome_Requirement__c).toBe(await outcomeId(env, 'OUT-000002'));
    });

    it("puts each of the sample's bad rows in the error file, with its line, the original columns and the reason", async () => {
      const errorFile = file.replace(/\.csv$/, '.errors.csv');
      expect(first.errorFile).toBe(errorFile);
      const errors = readCsv(await readFile(errorFile, 'utf8'));
      expect(Object.keys(errors[0])).toEqual(['outcome', 'measured_on', 'value', 'source', 'notes', 'external_id', 'row', 'error']);
      expect(errors).toHaveLength(first.failures.length);
      // `row` is the line in the input (header = line 1): the same values sit on that line.
      for (const error of errors) {
        const original = sampleRows[Number(error.row) - 2];
        expect(error.external_id).toBe(original.external_id);
        expect(error.value).toBe(original.value);
      }
      const reasons = errors.map((e) => e.error).join('\n');
      expect(reasons).toMatch(/outcome: no Outcome_Requirement__c has External_Id__c or Id "OUT-999999"/);
      expect(reasons).toMatch(/value: Value__c must be a finite number, got "n\/a"/);
      expect(reasons).toMatch(/value: Value__c is required/);
      expect(reasons).toMatch(/measured_on: .*YYYY-MM-DD/);
      expect(reasons).toMatch(/source: Source__c has no value "Spreadsheet"/);
      // The sample dates one row 40 days after the day it was generated: in the future until that day comes.
      const future = sampleRows.filter((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.measured_on) && r.measured_on > today());
      expect(errors.filter((e) => e.error.includes('after today'))).toHaveLength(future.length);
      expect(first.failures.map((f) => f.kind).sort()).toEqual(
        ['invalid', 'invalid', 'invalid', 'invalid', 'unresolved', ...future.map(() => 'invalid')].sort(),
      );
    });

    it('adds nothing on a rerun: every good row is already there with the same values', async () => {
      const before = env.stats();
      const rerun = await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file]);
      expect(rerun).toMatchObject({ toCreate: 0, toUpdate: 0, created: 0, updated: 0, upserted: 0, unchanged: first.valid, failed: first.failed });
      expect(env.stats().byKind.collections - before.byKind.collections).toBe(0);
      // The one record submitted is the run's own Sync_Run__c (the audit trail).
      expect(env.stats().recordsSubmitted - before.recordsSubmitted).toBe(1);
      expect((await fetchAll(env.conn as unknown as OrgConnection, "SELECT Outcome__c, Records_Created__c FROM Sync_Run__c WHERE Command__c = 'measurements import' ORDER BY CreatedDate DESC, Name DESC LIMIT 1", new ApiUsage()))[0]).toMatchObject({
        Outcome__c: first.failed > 0 ? 'Refused' : 'Done',
        Records_Created__c: 0,
      });
      expect((await storedMeasurements(env)).size).toBe(first.created);
    }, TIMEOUT);
  });

  it('dry run: shows the plan, writes nothing; the real run then writes exactly that plan', async () => {
    const file = await workCopy(path.join(fixtures, 'good.csv'));
    const before = env.stats();
    const dry = await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file, '--dry-run']);
    expect(dry).toMatchObject({ dryRun: true, rowsRead: 4, valid: 4, toCreate: 4, toUpdate: 0, created: 0, upserted: 0, failed: 0, errorFile: null });
    expect(env.stats().byKind.collections - before.byKind.collections).toBe(0);
    expect(env.stats().byKind.bulk - before.byKind.bulk).toBe(0);
    expect(env.stats().recordsSubmitted - before.recordsSubmitted).toBe(0);
    expect((await storedMeasurements(env)).has('FIX-GOOD-1')).toBe(false);

    const real = await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file]);
    expect(real).toMatchObject({ dryRun: false, created: 4, updated: 0, failed: 0 });
    const stored = await storedMeasurements(env);
    // Header names matched ignoring case and blanks; quoted commas and line breaks kept; blank source → Import.
    expect(stored.get('FIX-GOOD-1')).toMatchObject({ Value__c: 41.5, Source__c: 'Survey', Notes__c: 'Pulse survey, first wave' });
    expect(stored.get('OUT-000004-2025-02-28')).toMatchObject({ Value__c: 12.25, Source__c: 'Import', Notes__c: 'Two lines of notes:\ncounted by hand' });
    expect(stored.get('OUT-000004-2025-05-31')).toMatchObject({ Value__c: 11.75, Source__c: 'Manual' });
    expect(stored.get('OUT-000004-2025-05-31')?.Outcome_Requirement__c).toBe(await outcomeId(env, 'OUT-000004'));
  }, TIMEOUT);

  it('changes only what changed on a corrected file, and a blank note keeps the note in the org', async () => {
    const id = await outcomeId(env, 'OUT-000003');
    // The same reading by record Id (15 characters) instead of external id, with a corrected value and no notes.
    const file = await writeWorkFile('corrected.csv', `outcome,measured_on,value,source,notes,external_id\n${id.slice(0, 15)},2025-01-31,42,Survey,,FIX-GOOD-1\n`);
    const result = await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file]);
    expect(result).toMatchObject({ toCreate: 0, toUpdate: 1, created: 0, updated: 1, failed: 0 });
    expect((await storedMeasurements(env)).get('FIX-GOOD-1')).toMatchObject({ Value__c: 42, Notes__c: 'Pulse survey, first wave' });
  }, TIMEOUT);

  it('reports every kind of bad row with the reason, keeps extra columns, and lets the later duplicate win', async () => {
    const file = await workCopy(path.join(fixtures, 'bad.csv'));
    const result = await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file]);
    expect(result).toMatchObject({ rowsRead: 11, created: 2, failed: 8, duplicates: 1 });
    const errors = readCsv(await readFile(result.errorFile as string, 'utf8'));
    expect(errors.map((e) => [e.row, e.external_id, e.comment])).toEqual([
      ['3', 'FIX-BAD-UNKNOWN', 'an outcome the org lacks'],
      ['4', 'FIX-BAD-FUTURE', 'a date in the future'],
      ['5', 'FIX-BAD-NODAY', 'a day that does not exist'],
      ['6', 'FIX-BAD-FORMAT', 'a date in another format'],
      ['7', 'FIX-BAD-VALUE', 'a value that is not a number'],
      ['8', 'FIX-BAD-NOVALUE', 'a blank value'],
      ['9', 'FIX-BAD-SOURCE', 'a source outside the picklist'],
      ['10', 'FIX-BAD-NOOUTCOME', 'a blank outcome'],
      ['11', 'FIX-BAD-DUP', 'first of two rows with one external id'],
    ]);
    expect(errors.map((e) => e.error.split(':')[0])).toEqual(['outcome', 'measured_on', 'measured_on', 'measured_on', 'value', 'value', 'source', 'outcome', 'external_id']);
    expect(errors[8].error).toMatch(/line 12 has the same external id "FIX-BAD-DUP"/);
    const stored = await storedMeasurements(env);
    expect(stored.get('FIX-BAD-DUP')?.Value__c).toBe(21);
    expect(stored.has('FIX-BAD-OK')).toBe(true);
    expect([...stored.keys()].filter((k) => k.startsWith('FIX-BAD-'))).toHaveLength(2);

    // The error file, corrected, imports as it is (its row and error columns are ignored) and a clean run removes it.
    const corrected = [
      'outcome,measured_on,value,source,notes,external_id,comment,row,error',
      'OUT-000003,2025-02-28,10,Survey,,FIX-BAD-NODAY,fixed,5,old reason',
    ].join('\n');
    await writeFile(file, `${corrected}\n`, 'utf8');
    const clean = await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file]);
    expect(clean).toMatchObject({ created: 1, failed: 0, errorFile: null });
    expect(await exists(result.errorFile as string)).toBe(false);
  }, TIMEOUT);

  it('refuses a file without a required column before any API call, naming the column', async () => {
    const file = await workCopy(path.join(fixtures, 'missing-column.csv'));
    const before = env.stats().apiCalls;
    await expect(runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file])).rejects.toMatchObject({
      name: 'MissingColumnsError',
      message: expect.stringContaining('has no column "value"'),
      actions: [expect.stringContaining('outcome, measured_on, source')],
    });
    expect(env.stats().apiCalls).toBe(before);
  }, TIMEOUT);

  it('goes through Bulk API 2.0 with --mode bulk, and a rerun in auto mode writes nothing', async () => {
    const file = await writeWorkFile('big.csv', generatedFile('OUT-000006', 2500, 'BULK'));
    const before = env.stats();
    const result = await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file, '--mode', 'bulk']);
    expect(result).toMatchObject({ mode: 'bulk', rowsRead: 2500, created: 2500, failed: 0 });
    expect(result.apiCalls.collections).toBe(0);
    expect(result.apiCalls.bulk).toBeGreaterThanOrEqual(6);
    expect(env.stats().byKind.collections - before.byKind.collections).toBe(0);
    const stored = await storedMeasurements(env);
    expect([...stored.keys()].filter((k) => k.startsWith('BULK-'))).toHaveLength(2500);
    expect(stored.get('BULK-0')).toMatchObject({ Measured_On__c: '2024-12-31', Value__c: 50, Source__c: 'System' });

    const rerun = await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file]);
    expect(rerun).toMatchObject({ mode: 'collections', unchanged: 2500, upserted: 0 });
    expect(rerun.apiCalls.bulk + rerun.apiCalls.collections).toBe(0);

    // Corrected values of ten rows: updated through Bulk API 2.0 too, and only those.
    const corrected = (await readFile(file, 'utf8')).replace(/^(OUT-000006,[^,]+,)[^,]+(,System,,BULK-[0-9])$/gm, '$1999$2');
    await writeFile(file, corrected, 'utf8');
    const update = await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file, '--mode', 'bulk']);
    expect(update).toMatchObject({ mode: 'bulk', toCreate: 0, toUpdate: 10, updated: 10, unchanged: 2490, failed: 0 });
    expect((await storedMeasurements(env)).get('BULK-9')?.Value__c).toBe(999);
  }, TIMEOUT);

  it('picks Bulk API 2.0 by itself above --bulk-threshold', async () => {
    const file = await writeWorkFile('threshold.csv', generatedFile('OUT-000007', 30, 'AUTO'));
    const result = await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file, '--bulk-threshold', '20']);
    expect(result).toMatchObject({ mode: 'bulk', created: 30 });
  }, TIMEOUT);

  it('loses nothing under 503s, rate limits and locked rows: every row is written or reported, and a rerun finishes the job', async () => {
    const file = await writeWorkFile('faulty.csv', generatedFile('OUT-000008', 600, 'FAULT'));
    env.setFaults({ unavailableShare: 0.2, rateLimitShare: 0.1, lockRowShare: 0.3, seed: 11 });
    let result: MeasurementsImportResult;
    try {
      result = await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file]);
    } finally {
      env.setFaults({ unavailableShare: 0, rateLimitShare: 0, lockRowShare: 0 });
    }
    expect(result.apiCalls.retries).toBeGreaterThan(0);
    expect(result.created + result.failed).toBe(600);
    const afterFaults = [...(await storedMeasurements(env)).keys()].filter((k) => k.startsWith('FAULT-'));
    expect(afterFaults).toHaveLength(result.created);
    if (result.failed > 0) {
      expect(result.failures.every((f) => f.kind === 'rejected')).toBe(true);
      expect(readCsv(await readFile(result.errorFile as string, 'utf8'))).toHaveLength(result.failed);
    }

    const rerun = await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file]);
    expect(rerun).toMatchObject({ created: result.failed, failed: 0, unchanged: result.created, errorFile: null });
    const stored = [...(await storedMeasurements(env)).keys()].filter((k) => k.startsWith('FAULT-'));
    expect(new Set(stored).size).toBe(600);
    expect(stored).toHaveLength(600);
  }, TIMEOUT);

  it('returns a typed JSON result', async () => {
    const file = await writeWorkFile('shape.csv', generatedFile('OUT-000009', 3, 'SHAPE'));
    const result = await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file, '--dry-run']);
    expect(Object.keys(result).sort()).toEqual(
      ['apiCalls', 'created', 'dryRun', 'duplicates', 'errorFile', 'failed', 'failures', 'file', 'mode', 'rowsRead', 'toCreate', 'toUpdate', 'unchanged', 'updated', 'upserted', 'valid'].sort(),
    );
    expect(result).toEqual({
      file,
      dryRun: true,
      mode: 'collections',
      rowsRead: 3,
      valid: 3,
      toCreate: 3,
      toUpdate: 0,
      unchanged: 0,
      upserted: 0,
      created: 0,
      updated: 0,
      failed: 0,
      duplicates: 0,
      errorFile: null,
      failures: [],
      // The lookup query, and userinfo for the org user's today.
      apiCalls: { total: 2, queries: 1, queryMore: 0, collections: 0, bulk: 0, other: 1, retries: 0 },
    });
  }, TIMEOUT);
});
