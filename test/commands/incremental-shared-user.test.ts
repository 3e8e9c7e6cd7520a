/**
 * An incremental run tells its own writes apart by their user. When another run wrote as that same user while the
 * last one worked (an import beside a recompute, both as the integration user), the next run cannot, and reads
 * every change since shortly before the last run's start. Saves are stamped in the past with the org's clock.
 */
import { copyFile, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import HandoverSync from '../../src/commands/outcomes/handover/sync.js';
import MeasurementsImport from '../../src/commands/outcomes/measurements/import.js';
import Recompute, { type RecomputeResult } from '../../src/commands/outcomes/recompute.js';
import { ApiUsage } from '../../src/org/apiUsage.js';
import type { OrgConnection, SfRecord } from '../../src/org/connection.js';
import { fetchAll } from '../../src/org/fetch.js';
import { runCommand, sampleDataDir, startTestOrg, type TestOrg } from './harness.js';

const TIMEOUT = 240_000;

describe('an incremental run after a run that shared its user', () => {
  let env: TestOrg;
  /** The org's clock runs this far behind the machine's while a test stamps a save in the past. */
  let clockOffsetMs = 0;
  let measurement: SfRecord;

  const query = async (soql: string): Promise<SfRecord[]> => fetchAll(env.conn as unknown as OrgConnection, soql, new ApiUsage());
  const recompute = async (argv: string[] = []): Promise<RecomputeResult> =>
    (await runCommand(Recompute, ['--target-org', env.alias, ...argv])) as RecomputeResult;
  const lastRecompute = async (): Promise<SfRecord> =>
    (await query("SELECT CreatedDate FROM Sync_Run__c WHERE Command__c = 'recompute' ORDER BY CreatedDate DESC, Name DESC LIMIT 1"))[0];
  /** Saves the measurement's value as the running user, stamped a minute before the last recompute started. */
  const saveBeforeLastRecompute = async (value: number): Promise<void> => {
    const started = Date.parse(String((await lastRecompute()).CreatedDate).replace(/\+0000$/, 'Z'));
    clockOffsetMs = Date.now() - (started - 60_000);
    try {
      await env.conn.sobject('Measurement__c').update({ Id: String(measurement.Id), Value__c: value });
    } finally {
      clockOffsetMs = 0;
    }
  };

  beforeAll(async () => {
    env = await startTestOrg({ now: () => new Date(Date.now() - clockOffsetMs) });
    await runCommand(HandoverSync, ['--target-org', env.alias]);
    // A copy: the import writes its error file beside its input, never into data/sample.
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'shared-user-')), 'measurements.csv');
    await copyFile(path.join(sampleDataDir, 'measurements.csv'), file);
    await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file]);
    [measurement] = await query(
      'SELECT Id, Value__c, Outcome_Requirement__c FROM Measurement__c WHERE Outcome_Requirement__r.Target_Value__c != null ORDER BY Measured_On__c DESC, Id LIMIT 1',
    );
    const first = await recompute();
    expect(first.run.selection).toBe('Full');
  }, TIMEOUT);

  afterAll(async () => {
    await env?.stop();
  });

  it('without a trace of another run, leaves the run user’s late-committed save unread (the documented limit) and stays at 5 calls', async () => {
    await saveBeforeLastRecompute(Number(measurement.Value__c) * 3 + 17);
    const rerun = await recompute();
    expect(rerun.run.selection).toBe('Changes');
    expect(rerun.outcomes.checked).toBe(0);
    expect(rerun.apiCalls.total).toBeLessThanOrEqual(5);
  });

  it('after a run of another command as the same user that ended after the last run started, reads the changes since shortly before that start', async () => {
    await saveBeforeLastRecompute(Number(measurement.Value__c) * 5 + 29);
    // The trace an import leaves when it ends: recorded once, by the same user, after the last recompute started.
    await env.conn.sobject('Sync_Run__c').create({ Command__c: 'measurements import', Selection__c: 'Named', Outcome__c: 'Done', As_Of__c: '2026-11-23' });

    const rerun = await recompute();
    expect(rerun.run.selection).toBe('Changes');
    expect(rerun.run.reason).toMatch(/another run wrote as the same user/);
    expect(rerun.changedOutcomes.map((o) => o.id)).toContain(String(measurement.Outcome_Requirement__c));
    // Nothing is left for a whole pass to correct.
    const whole = await recompute(['--full', '--dry-run']);
    expect(whole.outcomes.toUpdate).toBe(0);
  });
});
