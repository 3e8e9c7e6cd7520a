/**
 * `sf outcomes fees` against the local org over HTTP, end to end: fees at risk of each payout rule on an initiative
 * built here, judged by `sf outcomes recompute` as of a date, then listed, summed and checked for a renewal that
 * falls short.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import OutcomesFees, { type FeesResult } from '../../src/commands/outcomes/fees.js';
import Recompute from '../../src/commands/outcomes/recompute.js';
import OutcomesReport, { type ReportResult } from '../../src/commands/outcomes/report.js';
import { FEE_CSV_COLUMNS } from '../../src/report/feeCsv.js';
import { lastOutput, runCommand, startTestOrg, type TestOrg } from './harness.js';

const TIMEOUT = 120_000;
const AS_OF = '2025-08-01';

async function created(result: unknown): Promise<string> {
  const r = result as { id?: string; success?: boolean; errors?: unknown };
  if (!r.success || !r.id) throw new Error(`test setup failed: ${JSON.stringify(r.errors)}`);
  return r.id;
}

describe('sf outcomes fees', () => {
  let env: TestOrg;
  let accountId: string;
  let initiativeId: string;
  const fees: Record<string, string> = {};

  beforeAll(async () => {
    env = await startTestOrg();
    accountId = await created(await env.conn.sobject('Account').create({ Name: '=Fee Test Account' }));
    // Renews 2025-10-01, inside the 120 days after AS_OF.
    initiativeId = await created(
      await env.conn.sobject('Initiative__c').create({ Name: 'Outcome-priced rollout', Account__c: accountId, Go_Live_Date__c: '2024-11-01', Next_Renewal_Date__c: '2025-10-01' }),
    );
    const outcome = async (externalId: string, extra: Record<string, unknown>) =>
      created(
        await env.conn.sobject('Outcome_Requirement__c').create({
          Initiative__c: initiativeId,
          Description__c: `Outcome ${externalId}`,
          Priority__c: 'Primary',
          Quantity_Type__c: 'Absolute',
          Deadline_Type__c: 'Date',
          Deadline_Date__c: '2025-12-31',
          External_Id__c: externalId,
          ...extra,
        }),
      );
    // An increase at 50% attainment, forecast 80.3% at the due date (recompute.test.ts works the numbers out).
    const rising = await outcome('FEE-RISING', { Direction__c: 'Increase', Baseline_Value__c: 100, Target_Value__c: 200 });
    // A decrease already past its target: 100 → 70 against a target of 80 (150% attainment).
    const falling = await outcome('FEE-FALLING', { Direction__c: 'Decrease', Baseline_Value__c: 100, Target_Value__c: 80 });
    // No measurement at all.
    const unmeasured = await outcome('FEE-NONE', { Direction__c: 'At Most', Target_Value__c: 6 });
    for (const [id, date, value] of [
      [rising, '2025-01-01', 120],
      [rising, '2025-07-01', 150],
      [falling, '2025-03-01', 90],
      [falling, '2025-07-01', 70],
    ] as const) {
      await created(await env.conn.sobject('Measurement__c').create({ Outcome_Requirement__c: id, Measured_On__c: date, Value__c: value }));
    }
    const fee = async (key: string, outcomeId: string, terms: Record<string, unknown>) => {
      fees[key] = await created(await env.conn.sobject('Fee_At_Risk__c').create({ Outcome_Requirement__c: outcomeId, ...terms }));
    };
    await fee('linear', rising, { Amount_At_Risk__c: 10_000, Payout_Rule__c: 'Linear', Floor_Attainment_Percent__c: 50 });
    await fee('tiered', rising, { Amount_At_Risk__c: 8000, Payout_Rule__c: 'Tiered' });
    for (const [from, payout] of [[50, 25], [80, 60], [100, 100]]) {
      await created(await env.conn.sobject('Fee_Tier__c').create({ Fee_At_Risk__c: fees.tiered, From_Attainment_Percent__c: from, Payout_Percent__c: payout }));
    }
    await fee('capped', falling, { Amount_At_Risk__c: 4000, Payout_Rule__c: 'Linear', Cap_Percent__c: 125 });
    await fee('allOrNothing', unmeasured, { Amount_At_Risk__c: 3000, Payout_Rule__c: 'All_Or_Nothing' });
  }, TIMEOUT);

  afterAll(async () => {
    await env?.stop();
  });

  it('lists fees recompute has not judged yet as such, with their amount at risk only', async () => {
    const result: FeesResult = await runCommand(OutcomesFees, ['--target-org', env.alias, '--initiative', initiativeId, '--as-of', AS_OF], { json: false });
    expect(result.totals).toMatchObject({ fees: 4, atRisk: 25_000, earned: 0, forecastToEarn: 0, notRecomputed: 4 });
    expect(lastOutput).toContain('Not recomputed');
  }, TIMEOUT);

  describe('after a recompute', () => {
    beforeAll(async () => {
      await runCommand(Recompute, ['--target-org', env.alias, '--initiative', initiativeId, '--as-of', AS_OF]);
    }, TIMEOUT);

    it('lists each fee with what recompute stored on it', async () => {
      const result: FeesResult = await runCommand(OutcomesFees, ['--target-org', env.alias, '--initiative', initiativeId, '--as-of', AS_OF]);
      const byId = new Map(result.fees.map((f) => [f.id, f]));
      // Linear from a 50% floor: nothing at 50%, 60.6% of 10,000 at the forecast 80.3%.
      expect(byId.get(fees.linear)).toMatchObject({ earnedToDate: 0, forecastToEarn: 6060, forfeited: 0, status: 'Open', payoutRule: 'Linear', initiativeId, accountId });
      // Tiers: the 25% tier now, the 60% tier at the forecast.
      expect(byId.get(fees.tiered)).toMatchObject({ earnedToDate: 2000, forecastToEarn: 4800, status: 'Open' });
      // A decrease at 150% attainment, capped at 125% of the amount: earned before the due date.
      expect(byId.get(fees.capped)).toMatchObject({ earnedToDate: 5000, forecastToEarn: 5000, status: 'Earned' });
      // No measurement: nothing earned, nothing to forecast from.
      expect(byId.get(fees.allOrNothing)).toMatchObject({ earnedToDate: 0, forecastToEarn: null, forfeited: 0, status: 'Open' });
      expect(byId.get(fees.linear)?.outcomeDescription).toBe('Outcome FEE-RISING');
      expect(byId.get(fees.linear)?.accountName).toBe('=Fee Test Account');
    }, TIMEOUT);

    it('sums by initiative and account, and names the renewal whose fee forecast falls short', async () => {
      const result: FeesResult = await runCommand(OutcomesFees, ['--target-org', env.alias, '--account', accountId, '--as-of', AS_OF, '--json']);
      const sums = { fees: 4, atRisk: 25_000, earned: 7000, forecastToEarn: 15_860, forfeited: 0, shortfall: 9140, notRecomputed: 0 };
      expect(result.initiatives).toEqual([expect.objectContaining({ initiativeId, ...sums, nextRenewalDate: '2025-10-01' })]);
      expect(result.accounts).toEqual([expect.objectContaining({ accountId, ...sums })]);
      expect(result.totals).toEqual(sums);
      expect(result.renewalsFallingShort).toEqual([expect.objectContaining({ initiativeId, nextRenewalDate: '2025-10-01', daysToRenewal: 61, shortfall: 9140 })]);
      expect(result.scope).toEqual({ kind: 'account', id: accountId });
      // One query for the fees, two for the currency (the first fails: the local org has no multi-currency).
      expect(result.apiCalls.queries).toBeLessThanOrEqual(3);
    }, TIMEOUT);

    it('leaves a renewal outside the window out of the shortfalls', async () => {
      const result: FeesResult = await runCommand(OutcomesFees, ['--target-org', env.alias, '--initiative', initiativeId, '--as-of', AS_OF, '--within', '30']);
      expect(result.renewalsFallingShort).toEqual([]);
      expect(result.totals.shortfall).toBe(9140);
    }, TIMEOUT);

    it('prints one CSV row per fee, raw amounts, formulas neutralised', async () => {
      await runCommand(OutcomesFees, ['--target-org', env.alias, '--initiative', initiativeId, '--as-of', AS_OF, '--format', 'csv'], { json: false });
      const lines = lastOutput.trim().split('\n');
      expect(lines[0]).toBe(FEE_CSV_COLUMNS.join(','));
      expect(lines).toHaveLength(5);
      const linear = lines.find((l) => l.includes(fees.linear)) ?? '';
      expect(linear).toContain("'=Fee Test Account");
      expect(linear).toMatch(/,Linear,10000,0,6060,0,Open$/);
    }, TIMEOUT);

    it('after the due date the fees read as recompute judged them: earned, partly earned, forfeited', async () => {
      await runCommand(Recompute, ['--target-org', env.alias, '--initiative', initiativeId, '--as-of', '2026-01-05']);
      const result: FeesResult = await runCommand(OutcomesFees, ['--target-org', env.alias, '--initiative', initiativeId, '--as-of', '2026-01-05']);
      const status = Object.fromEntries(result.fees.map((f) => [f.id, [f.status, f.earnedToDate, f.forfeited]]));
      expect(status).toEqual({
        [fees.linear]: ['Forfeited', 0, 10_000],
        [fees.tiered]: ['Partly Earned', 2000, 6000],
        [fees.capped]: ['Earned', 5000, 0],
        [fees.allOrNothing]: ['Forfeited', 0, 3000],
      });
      expect(result.totals).toMatchObject({ earned: 7000, forfeited: 19_000 });
    }, TIMEOUT);
  });

  describe('the value report', () => {
    const reportOf = async (...extra: string[]): Promise<ReportResult> =>
      runCommand(OutcomesReport, ['--target-org', env.alias, '--initiative', initiativeId, '--as-of', AS_OF, '--format', 'md', ...extra]);

    it('internal variant: shows the fee position, judged as of the report date', async () => {
      const result = await reportOf('--audience', 'internal');
      expect(result.report.fees).toEqual({ fees: 4, atRisk: 25_000, earned: 7000, forecastToEarn: 15_860, forfeited: 0 });
      expect(result.content).toContain('### Fees at risk');
    }, TIMEOUT);

    it('customer variant: leaves fees out, and does not even read them', async () => {
      const result = await reportOf();
      expect(result.report.fees).toBeNull();
      expect(result.content).not.toContain('Fees at risk');
      // The fee query is the one more the report spends with --include-fees.
      expect(result.apiCalls.queries).toBe((await reportOf('--include-fees')).apiCalls.queries - 1);
    }, TIMEOUT);

    it('customer variant with --include-fees: shows them', async () => {
      const result = await reportOf('--include-fees');
      expect(result.report.fees).toMatchObject({ atRisk: 25_000, forecastToEarn: 15_860 });
      expect(result.content).toContain('### Fees at risk');
    }, TIMEOUT);
  });

  it('on the sample book: after a recompute every fee of the book is judged and listed', async () => {
    await runCommand(Recompute, ['--target-org', env.alias]);
    const result: FeesResult = await runCommand(OutcomesFees, ['--target-org', env.alias, '--within', '3650']);
    const sampleFees = result.fees.filter((f) => f.initiativeId !== initiativeId);
    expect(sampleFees).toHaveLength(9);
    expect(new Set(sampleFees.map((f) => f.payoutRule))).toEqual(new Set(['All_Or_Nothing', 'Linear', 'Tiered']));
    expect(result.totals.notRecomputed).toBe(0);
    for (const fee of sampleFees) {
      expect(['Open', 'Earned', 'Partly Earned', 'Forfeited']).toContain(fee.status);
      expect((fee.earnedToDate ?? 0) + (fee.forfeited ?? 0)).toBeLessThanOrEqual(fee.amountAtRisk * 1.2 + 0.01);
    }
  }, TIMEOUT);

  it('refuses --account and --initiative together, before any API call', async () => {
    await expect(runCommand(OutcomesFees, ['--target-org', env.alias, '--initiative', initiativeId, '--account', accountId])).rejects.toThrow(/cannot also be provided/);
  }, TIMEOUT);

  it('refuses an Id that is not one, before it reaches SOQL', async () => {
    await expect(runCommand(OutcomesFees, ['--target-org', env.alias, '--account', "001' OR Name != '"])).rejects.toThrow(/Account/);
  }, TIMEOUT);
});
