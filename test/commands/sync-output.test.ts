/**
 * What a person sees from a sync without --json: a short summary (counts by object and action, what failed and why,
 * what needs a person) that says how to see every change, and the per-record table only with --verbose.
 */
import path from 'node:path';
import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import HandoverSync from '../../src/commands/outcomes/handover/sync.js';
import MeasurementsImport from '../../src/commands/outcomes/measurements/import.js';
import Recompute from '../../src/commands/outcomes/recompute.js';
import RenewalsSync from '../../src/commands/outcomes/renewals/sync.js';
import { ITEMS_SHOWN } from '../../src/cli/summary.js';
import { lastErrorOutput, lastExitCode, lastOutput, runCommand, sampleDataDir, startTestOrg, type TestOrg } from './harness.js';

const TIMEOUT = 120_000;
const longestLine = (text: string): number => Math.max(...text.split('\n').map((l) => l.length));

describe('sync output people read', () => {
  let env: TestOrg;

  beforeAll(async () => {
    env = await startTestOrg();
  }, TIMEOUT);

  afterAll(async () => {
    await env?.stop();
  });

  it('handover sync: counts by object and action, the gaps and undated lines, and how to see every change', async () => {
    await runCommand(HandoverSync, ['--target-org', env.alias, '--dry-run'], { json: false });
    const out = lastOutput;
    // Columns are separated by box lines, or by spaces alone where CI is set (oclif's table then draws none).
    expect(out).toMatch(/Object[\s│]+To create[\s│]+To update[\s│]+Skipped[\s│]+Failed/);
    expect(out).toMatch(/Initiative__c[\s│]+7[\s│]+19[\s│]+/);
    expect(out).toMatch(/Solution_Component__c[\s│]+130[\s│]+/);
    // What needs a person: the handover gaps (cut to a few, with how to see the rest) and the undated lines.
    const gaps = /Handover gaps to close, each also listed in its review task \((\d+)\)/.exec(out);
    expect(Number(gaps?.[1])).toBeGreaterThan(ITEMS_SHOWN);
    expect(out).toMatch(new RegExp(`\\.\\.\\. and ${Number(gaps?.[1]) - ITEMS_SHOWN} more: --verbose or --json lists them all`));
    expect(out).toMatch(/Line items without a renewal date \(2\)\n {2}.*Integration Connector Pack \(00k\w{15}\): No renewal date/);
    expect(out).toMatch(/rerun with --verbose \(a table\) or --json/);
    // Not the per-record table with its long lines.
    expect(out).not.toMatch(/What the handover creates, updates and skips/);
    expect(out).toMatch(/Planned the handover of 26 opportunities/);
    expect(lastExitCode).toBe(0);
  }, TIMEOUT);

  it('handover sync --verbose: the per-record table and every gap', async () => {
    await runCommand(HandoverSync, ['--target-org', env.alias, '--dry-run', '--verbose'], { json: false });
    expect(lastOutput).toMatch(/What the handover creates, updates and skips/);
    expect(lastOutput).not.toMatch(/\.\.\. and \d+ more: --verbose/);
    expect(lastOutput).not.toMatch(/rerun with --verbose/);
  }, TIMEOUT);

  it('measurements import: names each row that failed and why, and where the rest are', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sync-output-'));
    const file = path.join(dir, 'measurements.csv');
    await cp(path.join(sampleDataDir, 'measurements.csv'), file);
    await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file], { json: false });
    expect(lastExitCode).toBe(1);
    expect(lastOutput).toMatch(/Measurement__c[\s│]+419[\s│]+0[\s│]+0[\s│]+6[\s│]+/);
    expect(lastOutput).toMatch(/Failed \(6\): not written, and why\n {2}Row \d+: \S.*\n {2}Row \d+: /);
    expect(lastOutput).toMatch(/6 rows were not imported; they are in .*measurements\.errors\.csv/);
    expect(lastOutput).not.toMatch(/Measurements written/);
    expect(longestLine(lastOutput)).toBeLessThan(300);
    // Progress went to stderr as plain lines (jest's stderr is not a terminal): the start, then a few counts.
    const progress = lastErrorOutput.split('\n').filter((l) => l.includes('records written'));
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.length).toBeLessThanOrEqual(10);
    expect(progress.at(-1)).toMatch(/419\/419 records written \(100%\)/);
  }, TIMEOUT);

  it('measurements import: a row replaced by a later duplicate is listed apart from the failures', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sync-output-'));
    const file = path.join(dir, 'dupes.csv');
    await writeFile(file, 'outcome,measured_on,value,external_id\nOUT-000002,2024-01-31,1,DUP-1\nOUT-000002,2024-01-31,2,DUP-1\nOUT-000002,2024-02-29,n/a,\n');
    await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file, '--dry-run'], { json: false });
    expect(lastOutput).toMatch(/Measurement__c[\s│]+1[\s│]+0[\s│]+0[\s│]+1[\s│]+/);
    expect(lastOutput).toMatch(/Failed \(1\): not written, and why\n {2}Row 4: value: /);
    expect(lastOutput).toMatch(/Rows replaced by a later row with the same external id \(check which reading is right\) \(1\)\n {2}Row 2: /);
  }, TIMEOUT);

  it('renewals sync and recompute: the same summary, with --verbose for the table', async () => {
    await runCommand(HandoverSync, ['--target-org', env.alias]);
    await runCommand(RenewalsSync, ['--target-org', env.alias, '--dry-run'], { json: false });
    expect(lastOutput).toMatch(/Solution_Component__c[\s│]+\d+[\s│]+\d+[\s│]+0/);
    expect(lastOutput).toMatch(/Renewable components that cannot be dated \(2\)/);
    expect(lastOutput).not.toMatch(/Renewal dates that change/);

    await runCommand(Recompute, ['--target-org', env.alias, '--dry-run'], { json: false });
    expect(lastOutput).toMatch(/Outcome_Requirement__c[\s│]+\d+[\s│]+\d+[\s│]+0/);
    expect(lastOutput).not.toMatch(/Outcome requirements that changed/);
    await runCommand(Recompute, ['--target-org', env.alias, '--dry-run', '--verbose'], { json: false });
    expect(lastOutput).toMatch(/Outcome requirements that changed/);
  }, TIMEOUT);
});
