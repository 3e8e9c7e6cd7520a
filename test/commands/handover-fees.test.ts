/**
 * Fee-at-risk terms recorded on a won deal's line items become Fee_At_Risk__c records at handover: one per line,
 * on the outcome the line names, linked to the line's solution component, upserted on the line's Id so a rerun
 * converges; incomplete or foreign terms are skipped with the fix.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import HandoverSync, { type HandoverSyncResult } from '../../src/commands/outcomes/handover/sync.js';
import { ApiUsage } from '../../src/org/apiUsage.js';
import type { OrgConnection, SfRecord } from '../../src/org/connection.js';
import { fetchAll } from '../../src/org/fetch.js';
import { lastOutput, runCommand, startTestOrg, type TestOrg } from './harness.js';

const TIMEOUT = 120_000;

async function query(env: TestOrg, soql: string): Promise<SfRecord[]> {
  return fetchAll(env.conn as unknown as OrgConnection, soql, new ApiUsage());
}

async function created(result: unknown): Promise<string> {
  const r = result as { id?: string; success?: boolean; errors?: unknown };
  if (!r.success || !r.id) throw new Error(`test setup failed: ${JSON.stringify(r.errors)}`);
  return r.id;
}

const FEE_FIELDS = 'Id, Source_Line_Item_Id__c, Outcome_Requirement__c, Solution_Component__c, Amount_At_Risk__c, Payout_Rule__c, Floor_Attainment_Percent__c, Cap_Percent__c';

describe('sf outcomes handover sync: fee-at-risk terms on line items', () => {
  let env: TestOrg;
  let opportunityId: string;
  let ownOutcome: string;
  let foreignOutcome: string;
  const lines: Record<string, string> = {};
  let dryRun: HandoverSyncResult;
  let first: HandoverSyncResult;
  let rerun: HandoverSyncResult;

  const handover = async (...extra: string[]): Promise<HandoverSyncResult> =>
    (await runCommand(HandoverSync, ['--target-org', env.alias, '--opportunity', opportunityId, ...extra])) as HandoverSyncResult;
  const feeChange = (result: HandoverSyncResult, line: string) => result.changes.find((c) => c.object === 'Fee_At_Risk__c' && c.reason.includes(line));

  beforeAll(async () => {
    env = await startTestOrg();
    const [entry] = await query(env, 'SELECT Id FROM PricebookEntry WHERE IsActive = true LIMIT 1');
    const accountId = await created(await env.conn.sobject('Account').create({ Name: 'Outcome-priced customer' }));
    opportunityId = await created(
      await env.conn.sobject('Opportunity').create({ Name: 'Outcome-priced deal', AccountId: accountId, StageName: 'Closed Won', CloseDate: '2026-10-01' }),
    );
    // Sales entered the initiative and its outcome on the deal before it closed; another deal has its own.
    const initiative = await created(await env.conn.sobject('Initiative__c').create({ Name: 'Outcome-priced rollout', Account__c: accountId, Opportunity__c: opportunityId }));
    const other = await created(await env.conn.sobject('Initiative__c').create({ Name: 'Someone else', Account__c: accountId }));
    const outcome = async (initiativeId: string, description: string) =>
      created(await env.conn.sobject('Outcome_Requirement__c').create({ Initiative__c: initiativeId, Description__c: description, Priority__c: 'Primary' }));
    ownOutcome = await outcome(initiative, 'Order cycle time');
    foreignOutcome = await outcome(other, 'Not this deal');
    const line = async (key: string, fee: Record<string, unknown>) => {
      lines[key] = await created(
        await env.conn.sobject('OpportunityLineItem').create({ OpportunityId: opportunityId, PricebookEntryId: entry.Id, Quantity: 1, UnitPrice: 10_000, ...fee }),
      );
    };
    await line('linear', { Fee_Outcome__c: ownOutcome, Fee_At_Risk_Amount__c: 5000, Fee_Payout_Rule__c: 'Linear', Fee_Floor_Percent__c: 40, Fee_Cap_Percent__c: 120 });
    await line('allOrNothing', { Fee_Outcome__c: ownOutcome, Fee_At_Risk_Amount__c: 2000, Fee_Payout_Rule__c: 'All_Or_Nothing' });
    await line('incomplete', { Fee_At_Risk_Amount__c: 1000 });
    await line('foreign', { Fee_Outcome__c: foreignOutcome, Fee_At_Risk_Amount__c: 1000, Fee_Payout_Rule__c: 'All_Or_Nothing' });
    await line('none', {});

    dryRun = await handover('--dry-run');
    first = await handover();
    rerun = await handover();
  }, TIMEOUT);

  afterAll(async () => {
    await env?.stop();
  });

  it('dry run: plans the fees that the real run then writes', () => {
    expect(dryRun.fees).toEqual({ created: 2, updated: 0, skipped: 2, failed: 0 });
    expect(first.fees).toEqual({ created: 2, updated: 0, skipped: 2, failed: 0 });
  });

  it('creates one fee per line with complete terms, on the outcome the line names, linked to the line\'s component', async () => {
    const fees = await query(env, `SELECT ${FEE_FIELDS} FROM Fee_At_Risk__c WHERE Outcome_Requirement__c = '${ownOutcome}'`);
    const components = await query(env, `SELECT Id, Source_Line_Item_Id__c FROM Solution_Component__c WHERE Source_Line_Item_Id__c IN ('${lines.linear}', '${lines.allOrNothing}')`);
    const componentOf = new Map(components.map((c) => [c.Source_Line_Item_Id__c, c.Id]));
    expect(fees.map((f) => f.Source_Line_Item_Id__c).sort()).toEqual([lines.linear, lines.allOrNothing].sort());
    expect(fees.find((f) => f.Source_Line_Item_Id__c === lines.linear)).toMatchObject({
      Amount_At_Risk__c: 5000,
      Payout_Rule__c: 'Linear',
      Floor_Attainment_Percent__c: 40,
      Cap_Percent__c: 120,
      Solution_Component__c: componentOf.get(lines.linear),
    });
    expect(fees.find((f) => f.Source_Line_Item_Id__c === lines.allOrNothing)).toMatchObject({
      Amount_At_Risk__c: 2000,
      Payout_Rule__c: 'All_Or_Nothing',
      Floor_Attainment_Percent__c: null,
      Solution_Component__c: componentOf.get(lines.allOrNothing),
    });
    expect(await query(env, `SELECT Id FROM Fee_At_Risk__c WHERE Outcome_Requirement__c = '${foreignOutcome}'`)).toEqual([]);
  });

  it('skips incomplete terms and an outcome of another initiative, saying what to fix', () => {
    expect(feeChange(first, lines.incomplete)).toMatchObject({ action: 'skip', reason: expect.stringMatching(/incomplete: set Fee_Outcome__c, Fee_Payout_Rule__c on the line/) });
    expect(feeChange(first, lines.foreign)).toMatchObject({ action: 'skip', reason: expect.stringMatching(/is not an outcome of the initiative of "Outcome-priced deal"/) });
    expect(first.changes.filter((c) => c.object === 'Fee_At_Risk__c')).toHaveLength(4);
  });

  it('a rerun finds the fees by their line and writes none', () => {
    expect(rerun.fees).toEqual({ created: 0, updated: 0, skipped: 4, failed: 0 });
  });

  it('says what became of the fees in its text output', async () => {
    await runCommand(HandoverSync, ['--target-org', env.alias, '--opportunity', opportunityId, '--dry-run'], { json: false });
    expect(lastOutput).toMatch(/Fee_At_Risk__c/);
    expect(lastOutput).toContain('Fee-at-risk terms on line items to complete or correct (2)');
    expect(lastOutput).toMatch(/incomplete: set Fee_Outcome__c, Fee_Payout_Rule__c on the line/);
  }, TIMEOUT);

  it('brings a change of the terms on the line over to the fee', async () => {
    await env.conn.sobject('OpportunityLineItem').update({ Id: lines.linear, Fee_At_Risk_Amount__c: 6000, Fee_Cap_Percent__c: null });
    const again = await handover();
    expect(again.fees).toMatchObject({ created: 0, updated: 1 });
    const [fee] = await query(env, `SELECT ${FEE_FIELDS} FROM Fee_At_Risk__c WHERE Source_Line_Item_Id__c = '${lines.linear}'`);
    // The amount follows the line; the cap the line no longer carries is kept (a blank never blanks).
    expect(fee).toMatchObject({ Amount_At_Risk__c: 6000, Cap_Percent__c: 120 });
  }, TIMEOUT);
});
