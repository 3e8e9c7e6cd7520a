/**
 * Account Teams are optional in Salesforce and off in a new org: `handover sync` against an org without them (no
 * AccountTeamMember object at all) says so once, and takes the default CSM, else the account's owner.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import HandoverSync, { type HandoverSyncResult } from '../../src/commands/outcomes/handover/sync.js';
import { ApiUsage } from '../../src/org/apiUsage.js';
import type { OrgConnection, SfRecord } from '../../src/org/connection.js';
import { fetchAll } from '../../src/org/fetch.js';
import { lastExitCode, lastOutput, runCommand, startTestOrg, type TestOrg } from './harness.js';

const TIMEOUT = 120_000;

async function query(env: TestOrg, soql: string): Promise<SfRecord[]> {
  return fetchAll(env.conn as unknown as OrgConnection, soql, new ApiUsage());
}

describe('sf outcomes handover sync in an org without Account Teams', () => {
  let env: TestOrg;

  beforeAll(async () => {
    env = await startTestOrg({ features: { accountTeams: false } });
  }, TIMEOUT);

  afterAll(async () => {
    await env?.stop();
  });

  it('is an org where AccountTeamMember does not exist, as in Salesforce', async () => {
    await expect(query(env, 'SELECT Id FROM AccountTeamMember')).rejects.toMatchObject({ errorCode: 'INVALID_TYPE' });
  });

  it('hands over with the account owners as CSMs, says once that Account Teams are off, and exits 0', async () => {
    const result = (await runCommand(HandoverSync, ['--target-org', env.alias, '--opportunity', ...(await wonIds(env)).slice(0, 3)])) as HandoverSyncResult;
    expect(lastExitCode).toBe(0);
    expect(result.failures).toEqual([]);
    const warnings = (JSON.parse(lastOutput) as { warnings: string[] }).warnings.filter((w) => w.includes('Account Teams are not enabled'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/Setup › Account Teams/);
    const rows = await query(env, 'SELECT CSM__c, Account__r.OwnerId FROM Initiative__c WHERE Source_Opportunity_Id__c != null');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.CSM__c).toBe((row.Account__r as SfRecord).OwnerId);
    expect(result.changes.filter((c) => c.object === 'Initiative__c' && c.action !== 'skip').every((c) => c.reason.includes('account owner (Account Teams are not enabled'))).toBe(true);
  }, TIMEOUT);

  it('takes --default-csm before the account owner', async () => {
    const [csm] = await query(env, 'SELECT Id, Username FROM User WHERE IsActive = true AND Id NOT IN (SELECT OwnerId FROM Account) LIMIT 1');
    const result = (await runCommand(HandoverSync, ['--target-org', env.alias, '--default-csm', String(csm.Username)])) as HandoverSyncResult;
    expect(lastExitCode).toBe(0);
    const created = result.handovers.filter((h) => h.initiativeId);
    const rows = await query(env, `SELECT CSM__c FROM Initiative__c WHERE CSM__c = '${String(csm.Id)}'`);
    expect(rows.length).toBeGreaterThan(0);
    expect(created.length).toBeGreaterThan(rows.length);
  }, TIMEOUT);
});

async function wonIds(env: TestOrg): Promise<string[]> {
  return (await query(env, 'SELECT Id FROM Opportunity WHERE IsWon = true ORDER BY CloseDate, Id')).map((r) => String(r.Id));
}
