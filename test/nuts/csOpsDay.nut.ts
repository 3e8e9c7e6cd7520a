/**
 * NUT (non-unit test), as salesforcecli's plugins write them: the `sf outcomes` commands run as the CLI runs them
 * (@salesforce/cli-plugins-testkit's execCmd, the plugin from its sources) against an org, on a deal the test makes.
 *
 * By default, in `npm test`, the org is a fresh local org. With OUTCOMES_NUT_TARGET_ORG set to an authenticated org
 * (the real-org workflow in .github/workflows sets it to a scratch org with the package deployed), the same test runs
 * against that org, using the home folder where it is authenticated (TESTKIT_HOMEDIR), and removes what it created.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execCmd, TestSession } from '@salesforce/cli-plugins-testkit';
import { Org, type Connection } from '@salesforce/core';
import { startLocalOrg, type LocalOrg } from '../../local-org/src/index.js';
import { registerLocalOrg } from '../../local-org/src/register.js';
import type { HandoverSyncResult } from '../../src/commands/outcomes/handover/sync.js';
import type { MeasurementsImportResult } from '../../src/commands/outcomes/measurements/import.js';
import type { RecomputeResult } from '../../src/commands/outcomes/recompute.js';
import type { RiskResult } from '../../src/commands/outcomes/risk.js';

const TIMEOUT = 300_000;
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const realOrg = process.env.OUTCOMES_NUT_TARGET_ORG;

type Created = { sobject: string; id: string };

/**
 * `sf outcomes …` through bin/dev.js, the plugin from its sources (no build needed; npm puts Node 22 on the PATH).
 * Asynchronous: the local org answers from this process, which a synchronous child would block.
 */
async function sf<T>(args: string, exitCode: number): Promise<T> {
  const result = await execCmd<T>(`${args} --target-org ${target} --json`, { ensureExitCode: exitCode, cwd: projectRoot, cli: 'dev', async: true });
  return result.jsonOutput?.result as T;
}

let target = '';

describe('the CS-ops day on a new won deal (NUT)', () => {
  let session: TestSession;
  let local: LocalOrg | null = null;
  let conn: Connection;
  const created: Created[] = [];
  const key = randomUUID().slice(0, 8);
  let opportunityId = '';
  let initiativeId = '';
  let username = '';

  const make = async (sobject: string, fields: Record<string, unknown>): Promise<string> => {
    const result = await conn.sobject(sobject).create(fields);
    if (!result.success) throw new Error(`setup: ${sobject} not created: ${JSON.stringify(result.errors)}`);
    created.push({ sobject, id: result.id });
    return result.id;
  };

  beforeAll(async () => {
    // The session's commands see the home folder the org is authenticated in: the test run's own, or the workflow's.
    process.env.TESTKIT_HOMEDIR ??= process.env.HOME;
    session = await TestSession.create({ devhubAuthStrategy: 'NONE' });
    if (realOrg) {
      target = realOrg;
    } else {
      local = await startLocalOrg({ port: 0, projectDir: projectRoot, username: `nut-${key}@outcomes.local` });
      target = `nut-${key}`;
      await registerLocalOrg({ instanceUrl: local.instanceUrl, accessToken: local.accessToken, username: local.username, alias: target }, () => undefined);
    }
    conn = (await Org.create({ aliasOrUsername: target })).getConnection();
    username = String((await conn.identity()).username);

    // A deal as sales closes it: account, product with its standard price, won opportunity with one line.
    const [book] = (await conn.query<{ Id: string }>('SELECT Id FROM Pricebook2 WHERE IsStandard = true LIMIT 1')).records;
    const accountId = await make('Account', { Name: `NUT Customer ${key}` });
    const productId = await make('Product2', { Name: `NUT Platform ${key}`, IsActive: true, Component_Type__c: 'Subscription', Lifecycle__c: 'Renewable', Default_Term_Months__c: 12 });
    const entryId = await make('PricebookEntry', { Pricebook2Id: book.Id, Product2Id: productId, UnitPrice: 1200, IsActive: true });
    opportunityId = await make('Opportunity', {
      Name: `NUT Deal ${key}`,
      AccountId: accountId,
      StageName: 'Closed Won',
      CloseDate: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10),
      Pricebook2Id: book.Id,
    });
    await make('OpportunityLineItem', {
      OpportunityId: opportunityId,
      PricebookEntryId: entryId,
      Quantity: 10,
      TotalPrice: 12_000,
      ServiceDate: new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10),
    });
  }, TIMEOUT);

  afterAll(async () => {
    // In a real org, what the test made goes again, children first (an initiative takes its components along).
    if (realOrg && conn) {
      const initiatives = initiativeId ? [{ sobject: 'Initiative__c', id: initiativeId }] : [];
      for (const { sobject, id } of [...initiatives, ...created].reverse()) {
        await conn.sobject(sobject).destroy(id).catch(() => undefined);
      }
    }
    await local?.stop();
    await session?.clean();
  }, TIMEOUT);

  it('hands the deal over: one initiative, one component, a review task; exit 0', async () => {
    const result = await sf<HandoverSyncResult>(`outcomes handover sync --opportunity ${opportunityId} --default-csm ${username}`, 0);
    expect(result.initiatives.created).toBe(1);
    expect(result.components.created).toBe(1);
    expect(result.tasks.created).toBe(1);
    initiativeId = String(result.handovers[0].initiativeId);
    expect(initiativeId).toMatch(/^[a-zA-Z0-9]{18}$/);
  }, TIMEOUT);

  it('imports measurements of an outcome the CSM added, refuses a bad row with exit 1, and recomputes', async () => {
    await conn.sobject('Outcome_Requirement__c').create({
      Initiative__c: initiativeId,
      Description__c: 'Orders processed per day',
      Priority__c: 'Primary',
      Quantity_Type__c: 'Absolute',
      Direction__c: 'Increase',
      Baseline_Value__c: 100,
      Target_Value__c: 150,
      Deadline_Type__c: 'Months_After_Go_Live',
      Deadline_Offset_Months__c: 12,
      Measurement_Method__c: 'Orders in the order system, daily average',
      External_Id__c: `NUT-${key}`,
    });
    const dir = path.join(session.dir, 'files');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'readings.csv');
    const day = (ago: number): string => new Date(Date.now() - ago * 86_400_000).toISOString().slice(0, 10);
    writeFileSync(file, `outcome,measured_on,value\nNUT-${key},${day(15)},110\nNUT-${key},${day(5)},121\nNUT-${key},${day(3)},n/a\n`);
    const imported = await sf<MeasurementsImportResult>(`outcomes measurements import --file ${file}`, 1);
    expect(imported).toMatchObject({ created: 2, failed: 1 });
    const recomputed = await sf<RecomputeResult>(`outcomes recompute --initiative ${initiativeId}`, 0);
    expect(recomputed.outcomes.checked).toBe(1);
  }, TIMEOUT);

  it('answers risk and the report with exit 0', async () => {
    const risk = await sf<RiskResult>('outcomes risk --within 400', 0);
    expect(Array.isArray(risk.renewals)).toBe(true);
    const report = await sf<unknown>(`outcomes report --initiative ${initiativeId} --format json`, 0);
    expect(JSON.stringify(report)).toContain('Orders processed per day');
  }, TIMEOUT);
});
