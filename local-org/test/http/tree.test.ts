import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PROJECT_DIR, raw, startTestOrg, type TestOrg } from './helpers.js';

const ok = (results: Array<{ success: boolean; id: string | null; errors: unknown[] }>): string[] => {
  const failed = results.find((r) => !r.success);
  if (failed) throw new Error(`setup failed: ${JSON.stringify(failed.errors)}`);
  return results.map((r) => String(r.id));
};

describe('sf data tree persistence', () => {
  it('loads the shipped sample data and saves it back with the same records', async () => {
    const sample = join(PROJECT_DIR, 'data', 'sample');
    const plan = JSON.parse(readFileSync(join(sample, readdirSync(sample).find((f) => f.endsWith('-plan.json')) as string), 'utf8')) as Array<{ sobject: string; files: string[] }>;
    const expected: Record<string, number> = {};
    for (const entry of plan) {
      for (const file of entry.files) expected[entry.sobject] = (expected[entry.sobject] ?? 0) + JSON.parse(readFileSync(join(sample, file), 'utf8')).records.length;
    }
    const org = await startTestOrg({ dataDir: sample });
    try {
      expect(org.org.loaded?.records).toEqual(expected);
      const out = mkdtempSync(join(PROJECT_DIR, '.tmp', 'tree-sample-'));
      const saved = await org.org.save(out);
      expect(saved.records).toEqual(expected);
      const again = await startTestOrg({ dataDir: out });
      try {
        expect(again.org.loaded?.records).toEqual(expected);
      } finally {
        await again.org.stop();
      }
    } finally {
      await org.org.stop();
    }
  });

  let source: TestOrg;
  let dir: string;
  beforeAll(async () => {
    source = await startTestOrg();
    const e = source.org.engine;
    const [acme] = ok(e.create('Account', [{ Name: 'Acme' }], { allOrNone: true }));
    const [initiative] = ok(e.create('Initiative__c', [{ Name: 'Rollout', Account__c: acme, Source_Opportunity_Id__c: 'OPP-T1', Go_Live_Date__c: '2025-03-01' }], { allOrNone: true }));
    const [sales] = ok(e.create('Business_Capability__c', [{ Name: 'Sales', Account__c: acme, Level__c: 1 }], { allOrNone: true }));
    // A level-2 capability needs its parent (a validation rule): loading must save Sales before it.
    const [orders] = ok(e.create('Business_Capability__c', [{ Name: 'Taking New Orders', Account__c: acme, Level__c: 2, Parent_Capability__c: sales }], { allOrNone: true }));
    ok(e.create('Outcome_Requirement__c', [{ Initiative__c: initiative, Description__c: 'Faster orders', Business_Capability__c: orders, External_Id__c: 'OUT-T1' }], { allOrNone: true }));
    dir = mkdtempSync(join(PROJECT_DIR, '.tmp', 'tree-'));
  });
  afterAll(async () => {
    await source.org.stop();
  });

  it('saves a plan and per-object files with @references and no system or computed fields', async () => {
    const saved = (await raw(source.org, '/__local/save', { method: 'POST', body: { dir } })).body as { plan: string; records: Record<string, number> };
    expect(saved.plan).toBe('outcomes-plan.json');
    expect(saved.records).toEqual({ Account: 1, Business_Capability__c: 2, Initiative__c: 1, Outcome_Requirement__c: 1 });
    const plan = JSON.parse(readFileSync(join(dir, 'outcomes-plan.json'), 'utf8')) as Array<{ sobject: string; saveRefs: boolean; resolveRefs: boolean; files: string[] }>;
    const order = plan.map((p) => p.sobject);
    expect(order.indexOf('Account')).toBeLessThan(order.indexOf('Initiative__c'));
    expect(order.indexOf('Initiative__c')).toBeLessThan(order.indexOf('Outcome_Requirement__c'));
    expect(plan.find((p) => p.sobject === 'Account')).toMatchObject({ saveRefs: true, resolveRefs: false, files: ['Account.json'] });

    const outcome = JSON.parse(readFileSync(join(dir, 'Outcome_Requirement__c.json'), 'utf8')).records[0];
    expect(outcome).toMatchObject({ attributes: { type: 'Outcome_Requirement__c', referenceId: 'Outcome_Requirement__cRef1' }, Initiative__c: '@Initiative__cRef1', Description__c: 'Faster orders' });
    for (const dropped of ['Id', 'Name', 'Due_Date__c', 'CreatedDate', 'SystemModstamp', 'Measurement_Count__c']) expect(outcome).not.toHaveProperty(dropped);
    expect(readdirSync(dir).sort()).toEqual(['Account.json', 'Business_Capability__c.json', 'Initiative__c.json', 'Outcome_Requirement__c.json', 'outcomes-plan.json']);
  });

  it('loads the saved folder into a new org with every reference resolved', async () => {
    const copy = await startTestOrg({ dataDir: dir });
    try {
      expect(copy.org.loaded?.records).toEqual({ Account: 1, Business_Capability__c: 2, Initiative__c: 1, Outcome_Requirement__c: 1 });
      const outcome = await copy.conn.query(
        'SELECT Description__c, Initiative__r.Name, Initiative__r.Account__r.Name, Business_Capability__r.Name, Business_Capability__r.Parent_Capability__r.Name FROM Outcome_Requirement__c',
      );
      expect(outcome.records[0]).toMatchObject({
        Description__c: 'Faster orders',
        Initiative__r: { Name: 'Rollout', Account__r: { Name: 'Acme' } },
        Business_Capability__r: { Name: 'Taking New Orders', Parent_Capability__r: { Name: 'Sales' } },
      });
      const initiative = await copy.conn.query('SELECT Go_Live_Date__c, Source_Opportunity_Id__c FROM Initiative__c');
      expect(initiative.records[0]).toMatchObject({ Go_Live_Date__c: '2025-03-01', Source_Opportunity_Id__c: 'OPP-T1' });
    } finally {
      await copy.org.stop();
    }
  });
});
