/**
 * `sf outcomes renewals sync` and `sf outcomes recompute`, run after run: each reads only what changed since its
 * last complete run (a line item, a measurement, an outcome a person edited) and what time made stale (a next
 * renewal date, a due date that passed), and a rerun with nothing changed makes at most 5 API calls. A dry run
 * reads incrementally and records no run.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import HandoverSync from '../../src/commands/outcomes/handover/sync.js';
import MeasurementsImport from '../../src/commands/outcomes/measurements/import.js';
import Recompute, { type RecomputeResult } from '../../src/commands/outcomes/recompute.js';
import RenewalsSync, { type RenewalsSyncResult } from '../../src/commands/outcomes/renewals/sync.js';
import { addDays } from '../../src/core/dates.js';
import { ApiUsage } from '../../src/org/apiUsage.js';
import type { OrgConnection, SfRecord } from '../../src/org/connection.js';
import { fetchAll } from '../../src/org/fetch.js';
import { afterThisSecond, runCommand, sampleDataDir, startTestOrg, type TestOrg } from './harness.js';

const TIMEOUT = 240_000;

async function query(env: TestOrg, soql: string): Promise<SfRecord[]> {
  return fetchAll(env.conn as unknown as OrgConnection, soql, new ApiUsage());
}

const renewals = async (env: TestOrg, argv: string[] = []): Promise<RenewalsSyncResult> =>
  (await runCommand(RenewalsSync, ['--target-org', env.alias, ...argv])) as RenewalsSyncResult;
const recompute = async (env: TestOrg, argv: string[] = []): Promise<RecomputeResult> =>
  (await runCommand(Recompute, ['--target-org', env.alias, ...argv])) as RecomputeResult;

async function runsOf(env: TestOrg, command: string): Promise<SfRecord[]> {
  return query(env, `SELECT Id, Selection__c, Outcome__c, As_Of__c, Settings__c, API_Calls__c FROM Sync_Run__c WHERE Command__c = '${command}' ORDER BY CreatedDate, Name`);
}

describe('renewals sync and recompute, incrementally', () => {
  let env: TestOrg;

  beforeAll(async () => {
    env = await startTestOrg();
    await runCommand(HandoverSync, ['--target-org', env.alias]);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'incremental-'));
    const file = path.join(dir, 'measurements.csv');
    await writeFile(file, await readFile(path.join(sampleDataDir, 'measurements.csv'), 'utf8'), 'utf8');
    await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file]);
  }, TIMEOUT);

  afterAll(async () => {
    await env?.stop();
  });

  describe('renewals sync', () => {
    it('reads the whole book first, then nothing when nothing changed, in at most 5 API calls', async () => {
      const first = await renewals(env);
      expect(first.run.selection).toBe('Full');
      expect(first.initiatives).toBeGreaterThan(0);
      const rerun = await renewals(env);
      expect(rerun.run.selection).toBe('Changes');
      expect(rerun.initiatives).toBe(0);
      expect(rerun.apiCalls.total).toBeLessThanOrEqual(5);
      expect((await runsOf(env, 'renewals sync')).map((r) => [r.Selection__c, r.Outcome__c])).toEqual([
        ['Full', 'Done'],
        ['Changes', 'Done'],
      ]);
    });

    it('reads the initiative of a line item someone changed, and dates its component from it', async () => {
      const [component] = await query(
        env,
        "SELECT Id, Initiative__c, Source_Line_Item_Id__c FROM Solution_Component__c WHERE Lifecycle__c = 'Renewable' AND Renewal_Date__c != null ORDER BY Id LIMIT 1",
      );
      await afterThisSecond();
      await env.conn.sobject('OpportunityLineItem').update({ Id: String(component.Source_Line_Item_Id__c), End_Date__c: '2031-12-30' });
      const result = await renewals(env);
      expect(result.initiatives).toBe(1);
      expect(result.changes.find((c) => c.recordId === component.Id)).toMatchObject({ to: '2031-12-30', result: 'done' });
      expect((await renewals(env)).initiatives).toBe(0);
    });

    it('a dry run reads incrementally and records no run', async () => {
      const before = await runsOf(env, 'renewals sync');
      const dry = await renewals(env, ['--dry-run']);
      expect(dry.run).toMatchObject({ selection: 'Changes', syncRunId: null });
      expect(await runsOf(env, 'renewals sync')).toHaveLength(before.length);
    });

    it('reads, the day after, the initiatives whose next renewal date passed', async () => {
      const lastAsOf = String((await runsOf(env, 'renewals sync')).at(-1)?.As_Of__c);
      const [earliest] = await query(
        env,
        `SELECT Next_Renewal_Date__c FROM Initiative__c WHERE Next_Renewal_Date__c >= ${lastAsOf} AND Id IN (SELECT Initiative__c FROM Solution_Component__c WHERE Lifecycle__c = 'Renewable') ORDER BY Next_Renewal_Date__c LIMIT 1`,
      );
      const date = String(earliest.Next_Renewal_Date__c);
      const due = await query(
        env,
        `SELECT Id FROM Initiative__c WHERE Next_Renewal_Date__c >= ${lastAsOf} AND Next_Renewal_Date__c <= ${date} AND Id IN (SELECT Initiative__c FROM Solution_Component__c WHERE Lifecycle__c = 'Renewable')`,
      );
      const result = await renewals(env, ['--as-of', addDays(date, 1)]);
      expect(result.run.selection).toBe('Changes');
      expect(result.initiatives).toBe(due.length);
    });
  });

  describe('recompute', () => {
    it('recomputes everything first, then nothing when nothing changed, in at most 5 API calls', async () => {
      const first = await recompute(env);
      expect(first.run.selection).toBe('Full');
      const rerun = await recompute(env);
      expect(rerun.run.selection).toBe('Changes');
      expect(rerun.outcomes.checked).toBe(0);
      expect(rerun.apiCalls.total).toBeLessThanOrEqual(5);
      expect((await runsOf(env, 'recompute')).at(-1)).toMatchObject({ Selection__c: 'Changes', Outcome__c: 'Done', Settings__c: 'at-risk threshold 80', API_Calls__c: rerun.apiCalls.total });
    });

    it('recomputes the initiatives of a new measurement and of an outcome someone edited, and no other', async () => {
      const outcomes = await query(env, 'SELECT Id, Initiative__c, Target_Value__c FROM Outcome_Requirement__c WHERE Target_Value__c != null ORDER BY Initiative__c');
      const measured = outcomes[0];
      const edited = outcomes.find((o) => o.Initiative__c !== measured.Initiative__c) as SfRecord;
      const [latest] = await query(env, `SELECT Value__c FROM Measurement__c WHERE Outcome_Requirement__c = '${String(measured.Id)}' ORDER BY Measured_On__c DESC LIMIT 1`);
      await afterThisSecond();
      const today = (await recompute(env, ['--dry-run'])).asOf;
      await env.conn.sobject('Measurement__c').create({ Outcome_Requirement__c: measured.Id, Measured_On__c: today, Value__c: Number(latest?.Value__c ?? 1) + 1, Source__c: 'Manual' });
      await env.conn.sobject('Outcome_Requirement__c').update({ Id: String(edited.Id), Description__c: 'Edited by the CSM' });

      const result = await recompute(env);
      const initiatives = [String(measured.Initiative__c), String(edited.Initiative__c)];
      const expected = await query(env, `SELECT Id FROM Outcome_Requirement__c WHERE Initiative__c IN ('${initiatives.join("','")}')`);
      expect(result.initiatives.checked).toBe(2);
      expect(result.outcomes.checked).toBe(expected.length);
      expect(result.changedOutcomes.some((o) => o.id === measured.Id)).toBe(true);
      expect((await recompute(env)).outcomes.checked).toBe(0);
    });

    it('recomputes the initiative of a fee tier someone edited, and no other', async () => {
      const [tier] = await query(env, 'SELECT Id, Payout_Percent__c, Fee_At_Risk__r.Outcome_Requirement__r.Initiative__c FROM Fee_Tier__c ORDER BY Id LIMIT 1');
      const initiativeId = String(((tier.Fee_At_Risk__r as SfRecord).Outcome_Requirement__r as SfRecord).Initiative__c);
      await afterThisSecond();
      await env.conn.sobject('Fee_Tier__c').update({ Id: String(tier.Id), Payout_Percent__c: Number(tier.Payout_Percent__c) + 1 });
      const result = await recompute(env);
      expect(result.initiatives.checked).toBe(1);
      const outcomes = await query(env, `SELECT Id FROM Outcome_Requirement__c WHERE Initiative__c = '${initiativeId}'`);
      expect(result.outcomes.checked).toBe(outcomes.length);
      expect((await recompute(env)).initiatives.checked).toBe(0);
    });

    it('recomputes, the day after a due date, the outcomes that came due, and records runs with another threshold apart', async () => {
      const lastAsOf = String((await runsOf(env, 'recompute')).at(-1)?.As_Of__c);
      const [next] = await query(env, `SELECT Due_Date__c FROM Outcome_Requirement__c WHERE Due_Date__c >= ${lastAsOf} ORDER BY Due_Date__c LIMIT 1`);
      const date = String(next.Due_Date__c);
      const due = await query(env, `SELECT Initiative__c FROM Outcome_Requirement__c WHERE Due_Date__c >= ${lastAsOf} AND Due_Date__c <= ${date}`);
      const result = await recompute(env, ['--as-of', addDays(date, 1)]);
      expect(result.run.selection).toBe('Changes');
      expect(result.initiatives.checked).toBe(new Set(due.map((o) => String(o.Initiative__c))).size);

      // Another threshold changes results without changing a record: its first run reads everything.
      const stricter = await recompute(env, ['--as-of', addDays(date, 1), '--at-risk-threshold', '90', '--dry-run']);
      expect(stricter.run.selection).toBe('Full');
    });
  });
});
