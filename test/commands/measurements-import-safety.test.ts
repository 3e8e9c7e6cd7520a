/**
 * `sf outcomes measurements import` keeps the user's data safe: it never removes or overwrites a file it did not
 * write (nor on a dry run), its exit status says whether every row was written, rows locked by the org are retried
 * until written, and the error file cannot run formulas in a spreadsheet. Against the local org over HTTP.
 */
import { mkdtemp, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import MeasurementsImport, { type MeasurementsImportResult } from '../../src/commands/outcomes/measurements/import.js';
import { ApiUsage } from '../../src/org/apiUsage.js';
import type { OrgConnection, SfRecord } from '../../src/org/connection.js';
import { fetchAll } from '../../src/org/fetch.js';
import { lastExitCode, lastOutput, runCommand, startTestOrg, type TestOrg } from './harness.js';

const TIMEOUT = 120_000;
const HEADER = 'outcome,measured_on,value,source,notes,external_id';
const PRECIOUS = 'my own notes, not a CSV of this tool\n';

async function workDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'import-safety-'));
}

async function writeIn(dir: string, name: string, text: string | Buffer): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, text);
  return file;
}

const exists = (file: string): Promise<boolean> => stat(file).then(() => true, () => false);
const rows = (text: string): Array<Record<string, string>> => parse<Record<string, string>>(text, { columns: true });

/** Readings for one outcome, one a day back from 2024-12-31. */
function readings(outcome: string, count: number, prefix: string): string {
  const lines = [HEADER];
  for (let i = 0; i < count; i++) {
    const day = new Date(Date.UTC(2024, 11, 31) - i * 86_400_000).toISOString().slice(0, 10);
    lines.push(`${outcome},${day},${(10 + (i % 17) * 0.5).toFixed(1)},System,reading ${i},${prefix}-${i}`);
  }
  return `${lines.join('\n')}\n`;
}

async function stored(env: TestOrg, prefix: string): Promise<Map<string, SfRecord>> {
  const records = await fetchAll(
    env.conn as unknown as OrgConnection,
    `SELECT External_Id__c, Outcome_Requirement__c, Measured_On__c, Value__c, Source__c, Notes__c FROM Measurement__c WHERE External_Id__c LIKE '${prefix}-%'`,
    new ApiUsage(),
  );
  return new Map(records.map((r) => [String(r.External_Id__c), r]));
}

describe('sf outcomes measurements import: data safety', () => {
  let env: TestOrg;

  beforeAll(async () => {
    env = await startTestOrg();
  }, TIMEOUT);

  afterAll(async () => {
    await env?.stop();
  });

  afterEach(() => {
    env.setFaults({ unavailableShare: 0, rateLimitShare: 0, lockRowShare: 0, apiCallCap: null, latencyMs: 0 });
  });

  describe('the error file', () => {
    it.each([[[]], [['--dry-run']]])('never overwrites or removes a file of the user%s', async (extra: string[]) => {
      const dir = await workDir();
      const file = await writeIn(dir, 'clean.csv', readings('OUT-000010', 3, 'CLEAN'));
      const precious = await writeIn(dir, 'precious.txt', PRECIOUS);
      const calls = env.stats().apiCalls;
      await expect(runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file, '--error-file', precious, ...extra])).rejects.toMatchObject({
        name: 'ErrorFileNotOwnError',
        message: expect.stringContaining('is not an error file of this command'),
      });
      expect(lastExitCode).toBe(2);
      expect(await readFile(precious, 'utf8')).toBe(PRECIOUS);
      // Refused before any API call: nothing read, nothing written.
      expect(env.stats().apiCalls).toBe(calls);
    }, TIMEOUT);

    it('refuses an error file that is the input, under its own name or another', async () => {
      const dir = await workDir();
      const text = `${HEADER}\nOUT-999999,2024-01-31,1,System,,SELF-1\n`;
      const file = await writeIn(dir, 'input.csv', text);
      const alias = path.join(dir, 'alias.csv');
      await symlink(file, alias);
      for (const errorFile of [file, path.join(dir, '.', 'input.csv'), alias]) {
        await expect(runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file, '--error-file', errorFile])).rejects.toMatchObject({
          name: 'ErrorFileIsInputError',
        });
        expect(lastExitCode).toBe(2);
      }
      expect(await readFile(file, 'utf8')).toBe(text);
    }, TIMEOUT);

    it('is left alone on a dry run: not written for bad rows, an earlier one not removed', async () => {
      const dir = await workDir();
      const file = await writeIn(dir, 'dry.csv', `${HEADER}\nOUT-999999,2024-01-31,1,System,,DRY-1\n`);
      const errorFile = path.join(dir, 'dry.errors.csv');
      const dry = await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file, '--dry-run']);
      expect(dry).toMatchObject({ dryRun: true, failed: 1, errorFile: null });
      expect(await exists(errorFile)).toBe(false);
      // A dry run that finds refusals says so in its exit status, as the real run would.
      expect(lastExitCode).toBe(1);

      const real = await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file]);
      expect(real.errorFile).toBe(errorFile);
      const written = await readFile(errorFile, 'utf8');
      await writeFile(file, readings('OUT-000010', 2, 'DRYFIX'));
      await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file, '--dry-run']);
      expect(lastExitCode).toBe(0);
      expect(await readFile(errorFile, 'utf8')).toBe(written);
      // The real clean run removes the error file it wrote itself.
      await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file]);
      expect(await exists(errorFile)).toBe(false);
    }, TIMEOUT);

    it('neutralises formulas in the cells it repeats, and reads them back as they were when imported again', async () => {
      const dir = await workDir();
      const notes = '=HYPERLINK("http://example.invalid","open")';
      const file = await writeIn(
        dir,
        'formulas.csv',
        [HEADER, `OUT-000011,2024-03-31,@SUM(A1),System,"${notes.replace(/"/g, '""')}",FORMULA-1`, `OUT-000011,2024-04-30,-3,System,+cmd|' /C calc'!A0,FORMULA-2`, 'OUT-000011,2024-05-31,\t=1+1,System,,FORMULA-3'].join('\n'),
      );
      const result = await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file]);
      expect(result).toMatchObject({ created: 1, failed: 2 });
      const errors = rows(await readFile(result.errorFile as string, 'utf8'));
      expect(errors.map((e) => [e.value, e.notes])).toEqual([
        ["'@SUM(A1)", `'${notes}`],
        ["'\t=1+1", ''],
      ]);
      // No cell a spreadsheet would run: each begins with something other than = + - @ tab or CR.
      for (const error of errors) for (const cell of Object.values(error)) expect(cell).not.toMatch(/^[=+@\t\r]|^-(?!\d+(\.\d+)?$)/);
      // A plain negative number stays a number, and the written row kept its notes exactly.
      expect((await stored(env, 'FORMULA')).get('FORMULA-2')).toMatchObject({ Value__c: -3, Notes__c: "+cmd|' /C calc'!A0" });

      // Corrected in the error file and imported again: the notes arrive as the user wrote them, not with the apostrophe.
      const errorFile = result.errorFile as string;
      await writeFile(errorFile, (await readFile(errorFile, 'utf8')).replace("'@SUM(A1)", '7').replace("'\t=1+1", '8'));
      const again = await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', errorFile, '--error-file', path.join(dir, 'again.errors.csv')]);
      expect(again).toMatchObject({ created: 2, failed: 0 });
      expect((await stored(env, 'FORMULA')).get('FORMULA-1')).toMatchObject({ Value__c: 7, Notes__c: notes });
    }, TIMEOUT);
  });

  describe('the exit status', () => {
    it('is 1 when rows were refused, in the --json envelope too, and 0 once every row is written', async () => {
      const dir = await workDir();
      const file = await writeIn(dir, 'mixed.csv', `${HEADER}\nOUT-999999,2024-01-31,1,System,,EXIT-1\nOUT-000012,2024-01-31,n/a,System,,EXIT-2\nOUT-000012,2024-02-29,4,System,,EXIT-3\n`);
      const result = await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file]);
      expect(result).toMatchObject({ created: 1, failed: 2 });
      expect(lastExitCode).toBe(1);
      expect(JSON.parse(lastOutput)).toMatchObject({ status: 1, result: { failed: 2 } });

      await writeFile(file, `${HEADER}\nOUT-000012,2024-01-31,1,System,,EXIT-1\nOUT-000012,2024-02-29,4,System,,EXIT-3\n`);
      await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file]);
      expect(lastExitCode).toBe(0);
      expect(JSON.parse(lastOutput)).toMatchObject({ status: 0 });
    }, TIMEOUT);

    it('is 2 when the run cannot start: a file without a required column', async () => {
      const file = await writeIn(await workDir(), 'nocolumn.csv', 'outcome,measured_on\nOUT-000012,2024-01-31\n');
      await expect(runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file])).rejects.toMatchObject({ name: 'MissingColumnsError' });
      expect(lastExitCode).toBe(2);
      expect(JSON.parse(lastOutput)).toMatchObject({ status: 2, name: 'MissingColumnsError' });
    }, TIMEOUT);

    it('is 2 when the daily API limit stops the run part way, and a rerun writes the rest exactly once', async () => {
      const file = await writeIn(await workDir(), 'capped.csv', readings('OUT-000013', 700, 'CAP'));
      env.setFaults({ apiCallCap: env.stats().apiCalls + 3 });
      await expect(runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file])).rejects.toMatchObject({
        // The cause named (see org-failures.test.ts), with how far the write got in the command's own words.
        name: 'DailyLimitReportedError',
        message: expect.stringMatching(/\d+ of 700 records were written before it stopped: .*TotalRequests Limit exceeded.*daily API request limit is used up/),
      });
      expect(lastExitCode).toBe(2);
      env.setFaults({ apiCallCap: null });
      const part = await stored(env, 'CAP');
      expect(part.size).toBeGreaterThan(0);
      expect(part.size).toBeLessThan(700);

      const rerun = await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file]);
      expect(rerun).toMatchObject({ created: 700 - part.size, unchanged: part.size, failed: 0 });
      expect(lastExitCode).toBe(0);
      expect((await stored(env, 'CAP')).size).toBe(700);
    }, TIMEOUT);
  });

  describe('under faults', () => {
    // The shares of the issue that found rows lost: 10% 503, 5% REQUEST_LIMIT_EXCEEDED, 5% UNABLE_TO_LOCK_ROW.
    const faults = { unavailableShare: 0.1, rateLimitShare: 0.05, lockRowShare: 0.05 };

    it.each([
      ['collections', 'COLL', 'OUT-000014', 900],
      ['bulk', 'BULK', 'OUT-000015', 3000],
    ])('writes every row through %s exactly as a fault-free run does, and exits 0', async (mode, prefix, outcome, count) => {
      const dir = await workDir();
      const text = readings(outcome, count, prefix);
      // The same rows under another prefix, written with no faults: the state the faulty run must reach.
      const cleanFile = await writeIn(dir, 'clean.csv', text.replaceAll(`${prefix}-`, `${prefix}CLEAN-`));
      await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', cleanFile, '--mode', mode]);
      const file = await writeIn(dir, 'faulty.csv', text);
      env.setFaults({ ...faults, seed: 13 + count });
      const faultsBefore = { ...env.stats().faults };
      const result = await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file, '--mode', mode]);
      env.setFaults({ unavailableShare: 0, rateLimitShare: 0, lockRowShare: 0 });
      // The org did fail calls and lock rows during the run: what follows held under faults.
      const faultsAfter = env.stats().faults;
      expect(faultsAfter.unavailable + faultsAfter.rateLimited - faultsBefore.unavailable - faultsBefore.rateLimited).toBeGreaterThan(0);
      expect(faultsAfter.lockedRows - faultsBefore.lockedRows).toBeGreaterThan(0);
      expect(result).toMatchObject({ mode, created: count, failed: 0, errorFile: null });
      expect(lastExitCode).toBe(0);
      const faulty = await stored(env, prefix);
      const clean = await stored(env, `${prefix}CLEAN`);
      expect(faulty.size).toBe(count);
      for (const [key, record] of clean) {
        const { External_Id__c: _, attributes: __, ...fields } = record;
        expect(faulty.get(key.replace(`${prefix}CLEAN-`, `${prefix}-`))).toMatchObject(fields);
      }
    }, TIMEOUT);

    it.each([['collections'], ['bulk']])(
      'through %s, lists rows the org keeps locked, exits 1, and a rerun writes them',
      async (mode) => {
        const prefix = `LOCK${mode.toUpperCase()}`;
        const file = await writeIn(await workDir(), 'locked.csv', readings('OUT-000016', 40, prefix));
        env.setFaults({ lockRowShare: 1 });
        const result = await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file, '--mode', mode]);
        env.setFaults({ lockRowShare: 0 });
        expect(result).toMatchObject({ created: 0, failed: 40 });
        expect(lastExitCode).toBe(1);
        expect(result.failures[0].error).toMatch(/UNABLE_TO_LOCK_ROW.*Import the error file again; nothing is duplicated/);
        expect(rows(await readFile(result.errorFile as string, 'utf8'))).toHaveLength(40);

        const rerun: MeasurementsImportResult = await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file, '--mode', mode]);
        expect(rerun).toMatchObject({ created: 40, failed: 0, errorFile: null });
        expect(lastExitCode).toBe(0);
        expect((await stored(env, prefix)).size).toBe(40);
      },
      TIMEOUT,
    );
  });

  describe('encodings', () => {
    it('reads UTF-16 with a byte-order mark, as Excel saves "Unicode text"', async () => {
      const text = `${HEADER}\r\nOUT-000017,2024-01-31,3,Survey,Größe café,ENC-16\r\n`;
      const file = await writeIn(await workDir(), 'utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
      expect(await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file])).toMatchObject({ created: 1, failed: 0 });
      expect((await stored(env, 'ENC')).get('ENC-16')).toMatchObject({ Notes__c: 'Größe café' });
    }, TIMEOUT);

    it.each([
      ['a Latin-1 file', Buffer.from(`${HEADER}\nOUT-000017,2024-01-31,3,Survey,Gr\u00f6\u00dfe caf\u00e9,ENC-L1\n`, 'latin1'), /not UTF-8 text \(line 2 .*save it as "CSV UTF-8"/],
      ['a binary file', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]), /binary data \(a zero byte at byte 5\)/],
      ['a header naming a column twice', Buffer.from(`${HEADER},value\nOUT-000017,2024-01-31,3,Survey,,ENC-D,4\n`), /names the column "value" twice/],
    ])('refuses %s in one sentence, before any API call', async (_, bytes, message) => {
      const file = await writeIn(await workDir(), 'odd.csv', bytes);
      const calls = env.stats().apiCalls;
      await expect(runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file])).rejects.toMatchObject({ name: 'UnreadableFileError', message: expect.stringMatching(message) });
      expect(lastExitCode).toBe(2);
      expect(env.stats().apiCalls).toBe(calls);
      // One sentence and its fix, not a dump of the bytes.
      expect((JSON.parse(lastOutput) as { message: string }).message.length).toBeLessThan(300);
    }, TIMEOUT);
  });
});
