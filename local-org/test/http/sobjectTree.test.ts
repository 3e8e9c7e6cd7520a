/**
 * sObject Tree, as Salesforce's REST API Developer Guide documents it ("sObject Tree", "sObject Tree Request
 * Body", "sObject Tree Response Body", "Create Nested Records", "Create Multiple Records"). Requests go through
 * jsforce's `conn.request`, exactly as `sf data import tree` (plugin-data's importCommon.ts) sends them.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { raw, rejection, startTestOrg, type TestOrg } from './helpers.js';

type TreeResponse = { hasErrors: boolean; results: Array<{ referenceId: string | null; id?: string; errors?: Array<{ statusCode: string; message: string; fields: string[] }> }> };

const account = (ref: string, name: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ attributes: { type: 'Account', referenceId: ref }, Name: name, ...extra });

describe('sObject Tree: POST /services/data/vXX.X/composite/tree/{sObject}', () => {
  let t: TestOrg;
  beforeAll(async () => {
    t = await startTestOrg();
  });
  afterAll(async () => {
    await t.org.stop();
  });

  const post = (sobject: string, records: unknown[]) => raw(t.org, `/services/data/v64.0/composite/tree/${sobject}`, { method: 'POST', body: { records } });
  const count = async (soql: string): Promise<number> => (await t.conn.query(soql)).totalSize;

  it('creates nested records and answers 201 with every referenceId, roots first, then each level (Create Nested Records)', async () => {
    const records = [
      account('ref1', 'Tree Parent', {
        Initiatives__r: {
          records: [
            { attributes: { type: 'Initiative__c', referenceId: 'ref2' }, Name: 'Tree Rollout' },
            { attributes: { type: 'Initiative__c', referenceId: 'ref3' }, Name: 'Tree Upgrade' },
          ],
        },
      }),
      account('ref4', 'Tree Sibling'),
    ];
    const response = await t.conn.request<TreeResponse>({ method: 'POST', url: '/composite/tree/Account', body: JSON.stringify({ records }), headers: { 'content-type': 'application/json' } });
    expect(response.hasErrors).toBe(false);
    expect(response.results.map((r) => r.referenceId)).toEqual(['ref1', 'ref4', 'ref2', 'ref3']);
    const ids = Object.fromEntries(response.results.map((r) => [r.referenceId, r.id as string]));
    expect(ids.ref1).toMatch(/^001/);
    const initiatives = await t.conn.query<{ Name: string; Account__c: string }>("SELECT Name, Account__c FROM Initiative__c WHERE Name LIKE 'Tree %' ORDER BY Name");
    expect(initiatives.records.map((r) => [r.Name, r.Account__c])).toEqual([
      ['Tree Rollout', ids.ref1],
      ['Tree Upgrade', ids.ref1],
    ]);
    const status = await post('Account', [account('single1', 'Status Check')]);
    expect(status.status).toBe(201);
  });

  it('fills each level’s lookup to its parent, three levels deep', async () => {
    const records = [
      account('deep1', 'Deep Parent', {
        Initiatives__r: {
          records: [
            {
              attributes: { type: 'Initiative__c', referenceId: 'deep2' },
              Name: 'Deep Initiative',
              Milestones__r: { records: [{ attributes: { type: 'Initiative_Milestone__c', referenceId: 'deep3' }, Name: 'Kick-off', Due_Date__c: '2026-02-01' }] },
            },
          ],
        },
      }),
    ];
    const response = await post('Account', records);
    expect(response.status).toBe(201);
    const ids = Object.fromEntries((response.body as TreeResponse).results.map((r) => [r.referenceId, r.id]));
    expect(Object.keys(ids)).toEqual(['deep1', 'deep2', 'deep3']);
    const milestone = await t.conn.query(`SELECT Initiative__c, Initiative__r.Account__c FROM Initiative_Milestone__c WHERE Id = '${ids.deep3}'`);
    expect(milestone.records[0]).toMatchObject({ Initiative__c: ids.deep2, Initiative__r: { Account__c: ids.deep1 } });
  });

  it('creates up to 200 unrelated records of one type (Create Multiple Records)', async () => {
    const records = Array.from({ length: 200 }, (_, i) => account(`many${i}`, `Many ${i}`));
    const response = await post('Account', records);
    expect(response.status).toBe(201);
    expect((response.body as TreeResponse).results).toHaveLength(200);
    expect(await count("SELECT COUNT() FROM Account WHERE Name LIKE 'Many %'")).toBe(200);
  });

  it('refuses more than 200 records across all trees, saving nothing', async () => {
    const records = Array.from({ length: 201 }, (_, i) => account(`over${i}`, `Over ${i}`));
    const response = await post('Account', records);
    expect(response.status).toBe(400);
    const body = response.body as TreeResponse;
    expect(body.hasErrors).toBe(true);
    expect(body.results[0].errors?.[0].statusCode).toBe('LIMIT_EXCEEDED');
    expect(await count("SELECT COUNT() FROM Account WHERE Name LIKE 'Over %'")).toBe(0);
  });

  it('answers 400 with only the failing reference and its error, and keeps nothing of the request (all or nothing)', async () => {
    const records = [
      account('ok1', 'Rolled Back Parent', { Initiatives__r: { records: [{ attributes: { type: 'Initiative__c', referenceId: 'bad1' }, Go_Live_Date__c: '2026-01-01' }] } }),
    ];
    const response = await post('Account', records);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      hasErrors: true,
      results: [{ referenceId: 'bad1', errors: [{ statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Name]', fields: ['Name'] }] }],
    });
    expect(await count("SELECT COUNT() FROM Account WHERE Name = 'Rolled Back Parent'")).toBe(0);
    const all = await t.conn.query("SELECT Id FROM Account WHERE Name = 'Rolled Back Parent'", { scanAll: true });
    expect(all.totalSize).toBe(0); // rolled back, not deleted into the recycle bin
  });

  it('refuses a missing or duplicated referenceId, one result per duplicate (sObject Tree Response Body)', async () => {
    const missing = await post('Account', [{ attributes: { type: 'Account' }, Name: 'No Ref' }]);
    expect(missing.status).toBe(400);
    expect((missing.body as TreeResponse).results[0]).toMatchObject({ referenceId: null, errors: [{ statusCode: 'INVALID_INPUT' }] });

    const duplicated = await post('Account', [account('dup', 'Dup A'), account('dup', 'Dup B'), account('fine', 'Dup C')]);
    expect(duplicated.status).toBe(400);
    const body = duplicated.body as TreeResponse;
    expect(body.hasErrors).toBe(true);
    expect(body.results.map((r) => r.referenceId)).toEqual(['dup', 'dup']);
    expect(body.results[0].errors?.[0]).toMatchObject({ statusCode: 'INVALID_INPUT', message: expect.stringContaining('Duplicate ReferenceId') });
    expect(await count("SELECT COUNT() FROM Account WHERE Name LIKE 'Dup %'")).toBe(0);
  });

  it('refuses unknown fields the way sf data import tree reads them (INVALID_FIELD naming field and object)', async () => {
    const error = await rejection(t.conn.request({ method: 'POST', url: '/composite/tree/Account', body: JSON.stringify({ records: [account('f1', 'Field Test', { Nope__c: 1 })] }) }));
    expect(error.errorCode).toBe('INVALID_FIELD');
    expect(error.message).toBe("No such column 'Nope__c' on sobject of type Account");
    const wrongType = await post('Account', [{ attributes: { type: 'Initiative__c', referenceId: 'x1' }, Name: 'Wrong' }]);
    expect(wrongType.status).toBe(400);
  });
});
