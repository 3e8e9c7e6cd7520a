/**
 * `sf outcomes recompute` against the local org over HTTP: on the sample data (after importing its
 * measurements) and on an initiative built here whose numbers are worked out by hand.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import MeasurementsImport from '../../src/commands/outcomes/measurements/import.js';
import Recompute, { type RecomputeResult } from '../../src/commands/outcomes/recompute.js';
import { ApiUsage } from '../../src/org/apiUsage.js';
import type { OrgConnection, SfRecord } from '../../src/org/connection.js';
import { fetchAll } from '../../src/org/fetch.js';
import { runCommand, sampleDataDir, startTestOrg, type TestOrg } from './harness.js';

const TIMEOUT = 120_000;
const AS_OF = '2025-08-01';

async function query(env: TestOrg, soql: string): Promise<SfRecord[]> {
  return fetchAll(env.conn as unknown as OrgConnection, soql, new ApiUsage());
}

async function created(result: unknown): Promise<string> {
  const r = result as { id?: string; success?: boolean; errors?: unknown };
  if (!r.success || !r.id) throw new Error(`test setup failed: ${JSON.stringify(r.errors)}`);
  return r.id;
}

async function importFile(env: TestOrg, name: string, text: string, extra: string[] = []): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'recompute-'));
  const file = path.join(dir, name);
  await writeFile(file, text, 'utf8');
  await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file, ...extra]);
}

const outcomeFields =
  'Id, Name, Status__c, Latest_Value__c, Latest_Measured_On__c, Attainment_Percent__c, Forecast_At_Deadline__c, Forecast_Attainment_Percent__c';

describe('sf outcomes recompute', () => {
  let env: TestOrg;

  beforeAll(async () => {
    env = await startTestOrg();
  }, TIMEOUT);

  afterAll(async () => {
    await env?.stop();
  });

  describe('an initiative with hand-computed numbers', () => {
    let initiativeId: string;
    let risingId: string;
    let longSeriesId: string;
    const feeIds: Record<string, string> = {};
    let result: RecomputeResult;

    beforeAll(async () => {
      const [account] = await query(env, 'SELECT Id FROM Account LIMIT 1');
      initiativeId = await created(
        await env.conn.sobject('Initiative__c').create({ Name: 'Hand-computed', Account__c: account.Id, Go_Live_Date__c: '2024-11-01', Outcome_Health__c: 'On Track' }),
      );
      const outcome = (externalId: string, priority: string) => ({
        Initiative__c: initiativeId,
        Description__c: `Outcome ${externalId}`,
        Priority__c: priority,
        Quantity_Type__c: 'Absolute',
        Direction__c: 'Increase',
        Baseline_Value__c: 100,
        Target_Value__c: 200,
        Deadline_Type__c: 'Date',
        Deadline_Date__c: '2025-12-31',
        External_Id__c: externalId,
      });
      risingId = await created(await env.conn.sobject('Outcome_Requirement__c').create(outcome('HAND-RISING', 'Primary')));
      longSeriesId = await created(await env.conn.sobject('Outcome_Requirement__c').create(outcome('HAND-LONG', 'Secondary')));
      await importFile(env, 'rising.csv', 'outcome,measured_on,value\nHAND-RISING,2025-01-01,120\nHAND-RISING,2025-07-01,150\n');
      // 2,100 daily readings, more than one page of a child subquery; the latest (2025-07-01) sits on the last page.
      const lines = ['outcome,measured_on,value'];
      for (let i = 2099; i >= 0; i--) {
        lines.push(`HAND-LONG,${new Date(Date.UTC(2025, 6, 1) - i * 86_400_000).toISOString().slice(0, 10)},${(100 + (2099 - i) * 0.01).toFixed(2)}`);
      }
      await importFile(env, 'long.csv', `${lines.join('\n')}\n`, ['--mode', 'bulk']);
      // A fee at risk of each payout rule on the rising outcome.
      const fee = async (key: string, terms: Record<string, unknown>) => {
        feeIds[key] = await created(await env.conn.sobject('Fee_At_Risk__c').create({ Outcome_Requirement__c: risingId, ...terms }));
      };
      await fee('linear', { Amount_At_Risk__c: 10_000, Payout_Rule__c: 'Linear', Floor_Attainment_Percent__c: 50, Cap_Percent__c: 120 });
      await fee('allOrNothing', { Amount_At_Risk__c: 5000, Payout_Rule__c: 'All_Or_Nothing' });
      await fee('tiered', { Amount_At_Risk__c: 8000, Payout_Rule__c: 'Tiered' });
      for (const [from, payout] of [[50, 25], [80, 60], [100, 100]]) {
        await created(await env.conn.sobject('Fee_Tier__c').create({ Fee_At_Risk__c: feeIds.tiered, From_Attainment_Percent__c: from, Payout_Percent__c: payout }));
      }

      result = await runCommand(Recompute, ['--target-org', env.alias, '--initiative', initiativeId, '--as-of', AS_OF]);
    }, TIMEOUT);

    it('writes latest value, attainment, forecast and status as worked out by hand', async () => {
      // 120 → 150 over 181 days; due 2025-12-31 is 183 days after the latest: 150 + 30 × 183/181 = 180.3315,
      // attainment of the latest (150 − 100)/(200 − 100) = 50%, of the forecast 80.3%: at least 80%, so At Risk.
      const [rising] = await query(env, `SELECT ${outcomeFields} FROM Outcome_Requirement__c WHERE Id = '${risingId}'`);
      expect(rising).toMatchObject({
        Status__c: 'At Risk',
        Latest_Value__c: 150,
        Latest_Measured_On__c: '2025-07-01',
        Attainment_Percent__c: 50,
        Forecast_At_Deadline__c: 180.3315,
        Forecast_Attainment_Percent__c: 80.3,
      });
      expect(result.changedOutcomes.find((o) => o.id === risingId)).toMatchObject({ oldStatus: null, newStatus: 'At Risk' });
    });

    it('reads every measurement of an outcome with more than a page of them', async () => {
      const [long] = await query(env, `SELECT ${outcomeFields} FROM Outcome_Requirement__c WHERE Id = '${longSeriesId}'`);
      expect(long).toMatchObject({ Latest_Measured_On__c: '2025-07-01', Latest_Value__c: 120.99 });
    });

    it("sets the initiative's health from its primary outcome only", async () => {
      const [initiative] = await query(env, `SELECT Outcome_Health__c FROM Initiative__c WHERE Id = '${initiativeId}'`);
      expect(initiative.Outcome_Health__c).toBe('At Risk');
      expect(result.changedInitiatives).toEqual([
        { id: initiativeId, name: 'Hand-computed', oldHealth: 'On Track', newHealth: 'At Risk', reason: 'primary outcomes: 1 At Risk' },
      ]);
    });

    it('judges each fee at risk on the outcome\'s attainment (50%) and forecast (80.3%)', async () => {
      const fees = await query(env, `SELECT Id, Earned_To_Date__c, Forecast_To_Earn__c, Forfeited__c, Status__c FROM Fee_At_Risk__c WHERE Outcome_Requirement__c = '${risingId}'`);
      const byId = new Map(fees.map((f) => [f.Id, f]));
      // Linear from a 50% floor: 50% earns nothing; 80.3% earns (80.3 − 50)/50 = 60.6% of 10,000.
      expect(byId.get(feeIds.linear)).toMatchObject({ Earned_To_Date__c: 0, Forecast_To_Earn__c: 6060, Forfeited__c: 0, Status__c: 'Open' });
      // All or nothing: the forecast falls short of the target.
      expect(byId.get(feeIds.allOrNothing)).toMatchObject({ Earned_To_Date__c: 0, Forecast_To_Earn__c: 0, Forfeited__c: 0, Status__c: 'Open' });
      // Tiers: 50% reaches the 25% tier (2,000 of 8,000), 80.3% the 60% tier (4,800).
      expect(byId.get(feeIds.tiered)).toMatchObject({ Earned_To_Date__c: 2000, Forecast_To_Earn__c: 4800, Forfeited__c: 0, Status__c: 'Open' });
      expect(result.changedFees.map((f) => f.id).sort()).toEqual(Object.values(feeIds).sort());
    });

    it('once the due date has passed unmet, the fees are earned in part or forfeited (dry run)', async () => {
      const after = await runCommand(Recompute, ['--target-org', env.alias, '--initiative', initiativeId, '--as-of', '2026-01-05', '--dry-run']);
      const change = (id: string) => after.changedFees.find((f: { id: string }) => f.id === id);
      expect(change(feeIds.linear)).toMatchObject({ newStatus: 'Forfeited', changes: { Forecast_To_Earn__c: 0, Forfeited__c: 10_000, Status__c: 'Forfeited' } });
      expect(change(feeIds.allOrNothing)).toMatchObject({ newStatus: 'Forfeited', changes: { Forfeited__c: 5000, Status__c: 'Forfeited' } });
      expect(change(feeIds.tiered)).toMatchObject({ newStatus: 'Partly Earned', changes: { Forecast_To_Earn__c: 2000, Forfeited__c: 6000, Status__c: 'Partly Earned' } });
      expect(after.fees).toMatchObject({ checked: 3, toUpdate: 3, updated: 0 });
    }, TIMEOUT);

    it('spends three queries (plus child pages) and one collection call per object written', () => {
      expect(result.apiCalls.queries).toBe(3);
      expect(result.apiCalls.collections).toBe(3);
      expect(result).toMatchObject({
        outcomes: { checked: 2, toUpdate: 2, updated: 2, unchanged: 0 },
        initiatives: { checked: 1, toUpdate: 1, updated: 1 },
        fees: { checked: 3, toUpdate: 3, updated: 3, unchanged: 0 },
      });
    });

    it('passes --at-risk-threshold on: at 81% the outcome is Off Track, and so is the initiative', async () => {
      const stricter = await runCommand(Recompute, ['--target-org', env.alias, '--initiative', initiativeId, '--as-of', AS_OF, '--at-risk-threshold', '81', '--dry-run']);
      expect(stricter.changedOutcomes).toEqual([
        expect.objectContaining({ id: risingId, oldStatus: 'At Risk', newStatus: 'Off Track', changes: { Status__c: 'Off Track' } }),
      ]);
      expect(stricter.changedInitiatives).toEqual([expect.objectContaining({ oldHealth: 'At Risk', newHealth: 'Off Track' })]);
    }, TIMEOUT);
  });

  describe('on the sample data', () => {
    beforeAll(async () => {
      await importFile(env, 'sample.csv', await readFile(path.join(sampleDataDir, 'measurements.csv'), 'utf8'));
    }, TIMEOUT);

    it('dry run: reports what would change and writes nothing', async () => {
      const before = env.stats();
      const statusesBefore = await query(env, 'SELECT Id, Status__c, Attainment_Percent__c FROM Outcome_Requirement__c');
      const dry = await runCommand(Recompute, ['--target-org', env.alias, '--dry-run']);
      expect(dry.dryRun).toBe(true);
      expect(dry.outcomes.toUpdate).toBeGreaterThan(0);
      expect(dry.outcomes.updated).toBe(0);
      expect(env.stats().byKind.collections - before.byKind.collections).toBe(0);
      expect(env.stats().recordsSubmitted - before.recordsSubmitted).toBe(0);
      expect(await query(env, 'SELECT Id, Status__c, Attainment_Percent__c FROM Outcome_Requirement__c')).toEqual(statusesBefore);
    }, TIMEOUT);

    it('recomputes every outcome and initiative, in as few calls as the limits allow', async () => {
      const outcomeCount = (await query(env, 'SELECT Id FROM Outcome_Requirement__c')).length;
      const initiativeCount = (await query(env, 'SELECT Id FROM Initiative__c')).length;
      const result = await runCommand(Recompute, ['--target-org', env.alias]);
      expect(result.outcomes.checked).toBe(outcomeCount);
      expect(result.initiatives.checked).toBe(initiativeCount);
      expect(result.failures).toEqual([]);
      expect(result.outcomes.updated).toBe(result.outcomes.toUpdate);
      expect(result.apiCalls.collections).toBe(
        Math.ceil(result.outcomes.toUpdate / 200) + Math.ceil(result.initiatives.toUpdate / 200) + Math.ceil(result.fees.toUpdate / 200),
      );
      expect(result.apiCalls.queries).toBe(3);
      // Every status in the org is now one of the statuses, and every measured outcome has a latest value.
      const outcomes = await query(env, `SELECT ${outcomeFields}, (SELECT Id FROM Measurements__r) FROM Outcome_Requirement__c`);
      for (const outcome of outcomes) {
        expect(['No Data', 'On Track', 'At Risk', 'Off Track', 'Attained', 'Missed']).toContain(outcome.Status__c);
        const measured = ((outcome.Measurements__r as { records?: unknown[] } | null)?.records?.length ?? 0) > 0;
        expect(outcome.Latest_Value__c !== null).toBe(measured);
      }
      const table = result.changedOutcomes[0];
      expect(typeof table.reason).toBe('string');
      expect(table.reason.length).toBeGreaterThan(10);
    }, TIMEOUT);

    it('writes nothing on a rerun', async () => {
      const before = env.stats();
      const rerun = await runCommand(Recompute, ['--target-org', env.alias]);
      expect(rerun.outcomes.toUpdate).toBe(0);
      expect(rerun.initiatives.toUpdate).toBe(0);
      expect(rerun.changedOutcomes).toEqual([]);
      expect(env.stats().byKind.collections - before.byKind.collections).toBe(0);
    }, TIMEOUT);

    it('loses nothing under faults: every change is written or reported, and a rerun finishes the job', async () => {
      // Far in the future every unmet outcome is Missed: plenty of changes to write.
      env.setFaults({ unavailableShare: 0.2, rateLimitShare: 0.1, lockRowShare: 0.4, seed: 5 });
      let faulty: RecomputeResult;
      try {
        // Every outcome (--full), for plenty of calls to fail; the reruns then read what changed since the last complete run.
        faulty = await runCommand(Recompute, ['--target-org', env.alias, '--as-of', '2035-01-01', '--full']);
      } finally {
        env.setFaults({ unavailableShare: 0, rateLimitShare: 0, lockRowShare: 0 });
      }
      expect(faulty.outcomes.toUpdate).toBeGreaterThan(0);
      expect(faulty.apiCalls.retries).toBeGreaterThan(0);
      expect(faulty.outcomes.updated + faulty.failures.filter((f) => f.sobject === 'Outcome_Requirement__c').length).toBe(faulty.outcomes.toUpdate);
      expect(faulty.initiatives.updated + faulty.failures.filter((f) => f.sobject === 'Initiative__c').length).toBe(faulty.initiatives.toUpdate);

      const rerun = await runCommand(Recompute, ['--target-org', env.alias, '--as-of', '2035-01-01']);
      expect(rerun.failures).toEqual([]);
      const failedOutcomes = faulty.failures.filter((f) => f.sobject === 'Outcome_Requirement__c').length;
      expect(rerun.outcomes.toUpdate).toBe(failedOutcomes);
      const done = await runCommand(Recompute, ['--target-org', env.alias, '--as-of', '2035-01-01']);
      expect(done.outcomes.toUpdate + done.initiatives.toUpdate).toBe(0);
    }, TIMEOUT);
  });

  describe('flag checks, before any API call', () => {
    it.each([
      [['--initiative', "a00' OR Name != '"], 'InvalidRecordIdError', /is not a valid Initiative__c Id/],
      [['--initiative', 'a00000000000000AAB'], 'InvalidRecordIdError', /last three characters do not match/],
      [['--as-of', '2025-02-30'], 'InvalidDateError', /"2025-02-30" is not a day of 2025-02/],
      [['--as-of', 'yesterday'], 'InvalidDateError', /YYYY-MM-DD/],
    ])('%j → %s', async (argv, name, message) => {
      const before = env.stats().apiCalls;
      await expect(runCommand(Recompute, ['--target-org', env.alias, ...argv])).rejects.toMatchObject({ name, message: expect.stringMatching(message) });
      expect(env.stats().apiCalls).toBe(before);
    });

    it('refuses an initiative Id that names no initiative, and writes nothing', async () => {
      const before = env.stats();
      await expect(runCommand(Recompute, ['--target-org', env.alias, '--initiative', 'a00000000000000AAA'])).rejects.toMatchObject({
        name: 'InitiativeNotFoundError',
        message: expect.stringContaining('a00000000000000AAA'),
      });
      expect(env.stats().byKind.collections - before.byKind.collections).toBe(0);
    });
  });

  it('returns a typed JSON result', async () => {
    const result = await runCommand(Recompute, ['--target-org', env.alias, '--dry-run', '--as-of', AS_OF]);
    expect(Object.keys(result).sort()).toEqual(
      ['apiCalls', 'asOf', 'atRiskThresholdPercent', 'changedFees', 'changedInitiatives', 'changedOutcomes', 'changesNotListed', 'dryRun', 'failures', 'fees', 'initiatives', 'outcomes', 'run'].sort(),
    );
    expect(result).toMatchObject({ asOf: AS_OF, atRiskThresholdPercent: 80, dryRun: true });
    for (const counts of [result.outcomes, result.initiatives, result.fees]) {
      expect(Object.keys(counts).sort()).toEqual(['checked', 'toUpdate', 'unchanged', 'updated']);
      expect(counts.checked).toBe(counts.toUpdate + counts.unchanged);
    }
    for (const change of result.changedOutcomes) {
      expect(Object.keys(change).sort()).toEqual(['changes', 'id', 'initiativeId', 'name', 'newStatus', 'oldStatus', 'reason']);
      expect(Object.keys(change.changes).length).toBeGreaterThan(0);
    }
    expect(Object.keys(result.apiCalls).sort()).toEqual(['bulk', 'collections', 'other', 'queries', 'queryMore', 'retries', 'total']);
  }, TIMEOUT);
});
