/**
 * Records in the org that break the syncs' assumptions are reported, never crash a run: a won opportunity without
 * line items, a contract without an end date, an outcome whose target equals its baseline.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import HandoverSync, { type HandoverSyncResult } from '../../src/commands/outcomes/handover/sync.js';
import Recompute, { type RecomputeResult } from '../../src/commands/outcomes/recompute.js';
import RenewalsSync from '../../src/commands/outcomes/renewals/sync.js';
import Report from '../../src/commands/outcomes/report.js';
import Risk from '../../src/commands/outcomes/risk.js';
import { lastExitCode, runCommand, startTestOrg, type TestOrg } from './harness.js';

const TIMEOUT = 120_000;

async function created(result: unknown): Promise<string> {
  const r = result as { success: boolean; id: string; errors: unknown };
  if (!r.success) throw new Error(`test setup failed: ${JSON.stringify(r.errors)}`);
  return r.id;
}

describe('records that break assumptions', () => {
  let env: TestOrg;
  let bareOpportunity: string;
  let flatOutcomeInitiative: string;

  beforeAll(async () => {
    env = await startTestOrg();
    const [account] = (await env.conn.query<{ Id: string }>('SELECT Id FROM Account LIMIT 1')).records;
    const contract = await created(await env.conn.sobject('Contract').create({ AccountId: account.Id, StartDate: '2026-01-01', ContractTerm: null, Status: 'Draft' }).catch((e: unknown) => ({ success: false, errors: e })));
    bareOpportunity = await created(
      await env.conn.sobject('Opportunity').create({ Name: 'No lines at all', AccountId: account.Id, StageName: 'Closed Won', CloseDate: '2026-10-01', Amount: 1000, ContractId: contract }),
    );
    flatOutcomeInitiative = await created(await env.conn.sobject('Initiative__c').create({ Name: 'Flat target', Account__c: account.Id, Go_Live_Date__c: '2026-01-01' }));
    // Data older than the rule that now forbids it: the rule is switched off while the record goes in, as an admin would.
    const rules = (env.org.engine as unknown as { schema: { objects: Map<string, { validationRules: Array<{ active: boolean }> }> } }).schema.objects.get(
      'Outcome_Requirement__c',
    )!.validationRules;
    for (const rule of rules) rule.active = false;
    const outcome = await created(
      await env.conn.sobject('Outcome_Requirement__c').create({
        Initiative__c: flatOutcomeInitiative,
        Description__c: 'Keep the backlog where it is',
        Priority__c: 'Primary',
        Quantity_Type__c: 'Absolute',
        Direction__c: 'Increase',
        Baseline_Value__c: 50,
        Target_Value__c: 50,
        Deadline_Type__c: 'Date',
        Deadline_Date__c: '2027-06-30',
      }),
    );
    for (const rule of rules) rule.active = true;
    await env.conn.sobject('Measurement__c').create([
      { Outcome_Requirement__c: outcome, Measured_On__c: '2026-03-31', Value__c: 49 },
      { Outcome_Requirement__c: outcome, Measured_On__c: '2026-06-30', Value__c: 51 },
    ]);
  }, TIMEOUT);

  afterAll(async () => {
    await env?.stop();
  });

  it('hands over a won opportunity without line items and names the gap', async () => {
    const result = (await runCommand(HandoverSync, ['--target-org', env.alias, '--opportunity', bareOpportunity])) as HandoverSyncResult;
    expect(lastExitCode).toBe(0);
    expect(result.handovers).toHaveLength(1);
    expect(result.handovers[0].gaps.map((g) => g.message).join(' ')).toMatch(/has no solution components: add the products sold/);
  }, TIMEOUT);

  it('renewals, recompute, risk and report run through an outcome whose target equals its baseline', async () => {
    await runCommand(RenewalsSync, ['--target-org', env.alias]);
    expect(lastExitCode).toBe(0);
    const recompute = (await runCommand(Recompute, ['--target-org', env.alias, '--initiative', flatOutcomeInitiative, '--as-of', '2026-11-23'])) as RecomputeResult;
    // The org's validation rule now refuses any write to that outcome: reported with the rule's own fix, exit 1.
    expect(lastExitCode).toBe(1);
    expect(recompute.failures).toEqual([expect.objectContaining({ sobject: 'Outcome_Requirement__c', error: expect.stringMatching(/Target Value must be above the Baseline Value/) })]);
    // No division by zero surfaces anywhere in what it computed.
    expect(JSON.stringify(recompute)).not.toMatch(/Infinity|NaN/);
    await runCommand(Risk, ['--target-org', env.alias, '--within', '365', '--as-of', '2026-11-23']);
    expect(lastExitCode).toBe(0);
    await runCommand(Report, ['--target-org', env.alias, '--initiative', flatOutcomeInitiative, '--format', 'md', '--as-of', '2026-11-23']);
    expect(lastExitCode).toBe(0);
  }, TIMEOUT);
});
