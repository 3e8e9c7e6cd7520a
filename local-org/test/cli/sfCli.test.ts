/**
 * Salesforce's own CLI (`sf`, the @salesforce/cli dev dependency) as a client of the local org: the real
 * binary in a child process, against an empty local org registered as a target org in the test's home.
 *
 * The sample book is loaded the way an admin loads it into a real org (data/sample/README.md): the org's
 * Standard Price Book and Standard User profile are looked up with `sf data query` and written into a copy
 * of the files in place of `@StandardPriceBook` and the missing ProfileId. The local org resolves neither for
 * a client; loading the shipped files unchanged fails as it would on Salesforce.
 *
 * Each command starts the CLI (about a second or two), so the test runs a handful of them.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startLocalOrg, type LocalOrg } from '../../src/index.js';
import { registerLocalOrg } from '../../src/register.js';
import { projectRoot, sampleDataDir } from '../../../test/commands/harness.js';

const CLI = path.join(projectRoot, 'node_modules', '@salesforce', 'cli', 'bin', 'run.js');
// The `node` dev dependency is Node 22, which the CLI needs; jest itself may run on another.
const NODE = existsSync(path.join(projectRoot, 'node_modules', '.bin', 'node')) ? path.join(projectRoot, 'node_modules', '.bin', 'node') : process.execPath;

/** A few CLI start-ups per test, on a busy 2-core machine. */
const CLI_TIMEOUT = 120_000;

type SfResult<T> = { status: number; result: T; message?: string; name?: string };
type Run<T> = { exitCode: number; json: SfResult<T>; stderr: string };

/** Runs `sf <args> --json` asynchronously (the org answers from this process) and parses its envelope. */
function sf<T>(args: string[], cwd: string): Promise<Run<T>> {
  return new Promise((done, fail) => {
    execFile(
      NODE,
      [CLI, ...args, '--json'],
      {
        cwd,
        timeout: 90_000,
        maxBuffer: 64 * 1024 * 1024,
        // HOME is the test's own (test/setupEnv.cjs), where registerLocalOrg wrote the auth file.
        env: {
          ...process.env,
          SF_DISABLE_AUTOUPDATE: 'true',
          SF_AUTOUPDATE_DISABLE: 'true',
          SF_DISABLE_TELEMETRY: 'true',
          SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
          SF_SKIP_NEW_VERSION_CHECK: 'true',
          SF_DISABLE_LOG_FILE: 'true',
          NODE_OPTIONS: '',
        },
      },
      (error, stdout, stderr) => {
        try {
          const exitCode = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
          done({ exitCode, json: JSON.parse(stdout) as SfResult<T>, stderr });
        } catch {
          fail(new Error(`sf ${args.join(' ')} did not print JSON (${error?.message ?? ''}):\n${stdout}\n${stderr}`));
        }
      },
    );
  });
}

async function startEmptyOrg(): Promise<{ org: LocalOrg; alias: string }> {
  const org = await startLocalOrg({ port: 0, projectDir: projectRoot, username: `cli-${randomUUID().slice(0, 8)}@outcomes.local` });
  const alias = `cli-${randomUUID().slice(0, 8)}`;
  await registerLocalOrg({ instanceUrl: org.instanceUrl, accessToken: org.accessToken, username: org.username, alias });
  return { org, alias };
}

const readRecords = (dir: string, file: string): Array<Record<string, unknown>> =>
  (JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { records: Array<Record<string, unknown>> }).records;

/** Record counts per object in a plan's files. */
function planCounts(dir: string, plan: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of JSON.parse(readFileSync(path.join(dir, plan), 'utf8')) as Array<{ sobject: string; files: string[] }>) {
    counts[entry.sobject] = (counts[entry.sobject] ?? 0) + entry.files.reduce((n, file) => n + readRecords(dir, file).length, 0);
  }
  return counts;
}

const cliMissing = !existsSync(CLI);
const suite = cliMissing ? describe.skip : describe;
// eslint-disable-next-line no-console -- says why the suite is skipped
if (cliMissing) console.warn(`Skipping the sf CLI tests: ${CLI} is missing (it is a dev dependency: run npm install).`);

suite(`Salesforce's sf CLI against the local org${cliMissing ? ' (skipped: @salesforce/cli is not installed)' : ''}`, () => {
  let source: { org: LocalOrg; alias: string };
  let target: { org: LocalOrg; alias: string };
  let work: string;
  const count = (org: LocalOrg, object: string): number => org.engine.query(`SELECT COUNT() FROM ${object}`).totalSize;

  beforeAll(async () => {
    source = await startEmptyOrg();
    target = await startEmptyOrg();
    work = mkdtempSync(path.join(projectRoot, '.tmp', 'sf-cli-'));
  });
  afterAll(async () => {
    await source?.org.stop();
    await target?.org.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('imports the sample plan with sf data import tree once the org-specific ids are filled in, references resolved', async () => {
    const usersBefore = count(source.org, 'User');
    // The shipped files as they are: the users have no ProfileId, which Salesforce requires.
    const asShipped = await sf<unknown>(['data', 'import', 'tree', '--plan', path.join(sampleDataDir, 'outcomes-plan.json'), '--target-org', source.alias], work);
    expect(asShipped.exitCode).not.toBe(0);
    expect(JSON.stringify(asShipped.json)).toMatch(/ProfileId/);
    expect(count(source.org, 'User')).toBe(usersBefore);

    // What an admin does: look the org's own ids up, then edit a copy of the files.
    const [book, profile] = await Promise.all([
      sf<{ records: Array<{ Id: string }> }>(['data', 'query', '-q', 'SELECT Id FROM Pricebook2 WHERE IsStandard = true', '--target-org', source.alias], work),
      sf<{ records: Array<{ Id: string }> }>(['data', 'query', '-q', "SELECT Id FROM Profile WHERE Name = 'Standard User'", '--target-org', source.alias], work),
    ]);
    expect(book.json.result.records).toHaveLength(1);
    expect(profile.json.result.records).toHaveLength(1);
    const dir = path.join(work, 'sample');
    cpSync(sampleDataDir, dir, { recursive: true });
    const users = JSON.parse(readFileSync(path.join(dir, 'User.json'), 'utf8')) as { records: Array<Record<string, unknown>> };
    for (const user of users.records) user.ProfileId = profile.json.result.records[0].Id;
    writeFileSync(path.join(dir, 'User.json'), JSON.stringify(users, null, 2));
    const entries = readFileSync(path.join(dir, 'PricebookEntry.json'), 'utf8');
    expect(entries).toContain('"@StandardPriceBook"');
    writeFileSync(path.join(dir, 'PricebookEntry.json'), entries.replaceAll('"@StandardPriceBook"', JSON.stringify(book.json.result.records[0].Id)));

    const imported = await sf<Array<{ refId: string; type: string; id: string }>>(['data', 'import', 'tree', '--plan', path.join(dir, 'outcomes-plan.json'), '--target-org', source.alias], work);
    expect({ exitCode: imported.exitCode, message: imported.json.message }).toEqual({ exitCode: 0, message: undefined });
    const expected = planCounts(dir, 'outcomes-plan.json');
    const importedCounts: Record<string, number> = {};
    for (const row of imported.json.result) importedCounts[row.type] = (importedCounts[row.type] ?? 0) + 1;
    expect(importedCounts).toEqual(expected);
    // The org's own records (its admin, the Standard Price Book) were there before.
    const seeded: Record<string, number> = { User: usersBefore, Pricebook2: 1 };
    for (const [object, n] of Object.entries(expected)) expect({ object, n: count(source.org, object) }).toEqual({ object, n: n + (seeded[object] ?? 0) });

    // References resolved: every line, team member and standard price points at the record its @ref named.
    const idOf = new Map(imported.json.result.map((row) => [row.refId, row.id]));
    const members = readRecords(dir, 'AccountTeamMember.json');
    const stored = source.org.engine.query('SELECT Id, AccountId, UserId, User.Username FROM AccountTeamMember').records;
    for (const member of members) {
      const match = stored.find((s) => s.AccountId === idOf.get(String(member.AccountId).slice(1)) && s.UserId === idOf.get(String(member.UserId).slice(1)));
      expect(match).toBeDefined();
    }
    expect(source.org.engine.query(`SELECT COUNT() FROM PricebookEntry WHERE Pricebook2Id = '${book.json.result.records[0].Id}'`).totalSize).toBe(
      readRecords(dir, 'PricebookEntry.json').filter((e) => e.Pricebook2Id === book.json.result.records[0].Id).length,
    );
    const orphanLines = source.org.engine.query('SELECT COUNT() FROM OpportunityLineItem WHERE Opportunity.Name = null OR PricebookEntry.Product2Id = null').totalSize;
    expect(orphanLines).toBe(0);
    expect(source.org.engine.query("SELECT COUNT() FROM User WHERE Profile.Name = 'Standard User'").totalSize).toBe(users.records.length);
  }, CLI_TIMEOUT);

  it('inserts rows without Ids with sf data upsert bulk --external-id Id, and reads them back with sf data query', async () => {
    const csv = path.join(work, 'new-rows.csv');
    writeFileSync(csv, 'Id,Name,Industry,BillingStreet,BillingCity,BillingCountry,Rating\n,CLI Upsert One,Retail,1 Rue de la Paix,Lyon,France,Hot\n,"CLI Upsert, Two",Banking,,Oslo,Norway,Warm\n');
    const upsert = await sf<{ jobInfo: { state: string; numberRecordsProcessed: number; numberRecordsFailed: number }; records: { successfulResults: Array<{ sf__Created: string; sf__Id: string }> } }>(
      ['data', 'upsert', 'bulk', '--sobject', 'Account', '--file', csv, '--external-id', 'Id', '--wait', '5', '--target-org', source.alias],
      work,
    );
    expect(upsert.exitCode).toBe(0);
    expect(upsert.json.result.jobInfo).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 2, numberRecordsFailed: 0 });
    expect(upsert.json.result.records.successfulResults.map((r) => r.sf__Created)).toEqual(['true', 'true']);

    const query = await sf<{ totalSize: number; records: Array<{ Name: string; BillingAddress: { city: string; street: string | null } | null; Owner: { Username: string } }> }>(
      ['data', 'query', '-q', "SELECT Name, BillingAddress, Owner.Username FROM Account WHERE Name LIKE 'CLI Upsert%' ORDER BY Name", '--target-org', source.alias],
      work,
    );
    expect(query.exitCode).toBe(0);
    expect(query.json.result.records.map((r) => [r.Name, r.BillingAddress?.city, r.BillingAddress?.street, r.Owner.Username])).toEqual([
      ['CLI Upsert One', 'Lyon', '1 Rue de la Paix', source.org.username],
      ['CLI Upsert, Two', 'Oslo', null, source.org.username],
    ]);
  }, CLI_TIMEOUT);

  it('round-trips accounts and their opportunities through sf data export tree and import tree into another org', async () => {
    const out = path.join(work, 'export');
    const soql = 'SELECT Id, Name, Industry, Type, BillingCity, BillingCountry, (SELECT Id, Name, StageName, CloseDate, Amount, Probability FROM Opportunities) FROM Account';
    const exported = await sf<Array<{ sobject: string; files: string[] }>>(['data', 'export', 'tree', '-q', soql, '--plan', '--output-dir', out, '--target-org', source.alias], work);
    expect(exported.exitCode).toBe(0);
    const plan = readdirSync(out).find((f) => f.endsWith('-plan.json'))!;
    expect(Object.keys(planCounts(out, plan)).sort()).toEqual(['Account', 'Opportunity']);

    const imported = await sf<unknown[]>(['data', 'import', 'tree', '--plan', path.join(out, plan), '--target-org', target.alias], work);
    expect({ exitCode: imported.exitCode, message: imported.json.message }).toEqual({ exitCode: 0, message: undefined });

    const snapshot = (org: LocalOrg): string[] =>
      org.engine
        .query('SELECT Name, Industry, Type, BillingCity, BillingCountry, (SELECT Name, StageName, CloseDate, Amount, Probability FROM Opportunities ORDER BY Name) FROM Account ORDER BY Name')
        .records.map((r) => JSON.stringify({ ...r, attributes: undefined, Opportunities: (r.Opportunities as { records?: unknown[] } | null)?.records?.map((o) => ({ ...(o as object), attributes: undefined })) ?? [] }));
    const before = snapshot(source.org);
    expect(before.length).toBe(count(source.org, 'Account'));
    expect(snapshot(target.org)).toEqual(before);
  }, CLI_TIMEOUT);
});
