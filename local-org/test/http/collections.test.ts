import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { raw, startTestOrg, type TestOrg } from './helpers.js';

const accounts = (n: number, prefix = 'Coll'): Array<{ attributes: { type: string }; Name: string }> =>
  Array.from({ length: n }, (_, i) => ({ attributes: { type: 'Account' }, Name: `${prefix} ${i}` }));

describe('sObject Collections', () => {
  let t: TestOrg;
  beforeAll(async () => {
    t = await startTestOrg();
  });
  afterAll(async () => {
    await t.org.stop();
  });

  it('creates 200 records in one call and refuses 201 with EXCEEDED_ID_LIMIT', async () => {
    const before = t.org.stats().byKind.collections;
    const ok = await raw(t.org, '/services/data/v64.0/composite/sobjects', { method: 'POST', body: { allOrNone: false, records: accounts(200) } });
    expect(ok.status).toBe(200);
    expect((ok.body as Array<{ success: boolean }>).every((r) => r.success)).toBe(true);
    expect(t.org.stats().byKind.collections - before).toBe(1);

    const tooMany = await raw(t.org, '/services/data/v64.0/composite/sobjects', { method: 'POST', body: { allOrNone: false, records: accounts(201, 'Over') } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toEqual([{ message: 'record limit reached. cannot submit more than 200 records into this call', errorCode: 'EXCEEDED_ID_LIMIT' }]);
    expect((await t.conn.query("SELECT Id FROM Account WHERE Name = 'Over 0'")).totalSize).toBe(0);
  });

  it('with allOrNone false writes the valid records and reports the failed ones (jsforce does not throw)', async () => {
    const results = await t.conn.sobject('Account').create([{ Name: 'Partial A' }, { Name: '' }, { Name: 'Partial B' }], { allOrNone: false });
    expect(results.map((r) => r.success)).toEqual([true, false, true]);
    const failed = results[1] as unknown as { success: false; errors: Array<{ statusCode: string; fields: string[] }> };
    expect(failed.errors[0]).toMatchObject({ statusCode: 'REQUIRED_FIELD_MISSING', fields: ['Name'] });
    expect((await t.conn.query("SELECT Id FROM Account WHERE Name IN ('Partial A', 'Partial B')")).totalSize).toBe(2);
  });

  it('with allOrNone true rolls everything back and marks the others ALL_OR_NONE_OPERATION_ROLLED_BACK', async () => {
    const results = await t.conn.sobject('Account').create([{ Name: 'Atomic A' }, { Name: '' }, { Name: 'Atomic B' }], { allOrNone: true });
    expect(results.map((r) => r.success)).toEqual([false, false, false]);
    const codes = results.map((r) => (r as { errors: Array<{ statusCode: string }> }).errors[0].statusCode);
    expect(codes).toEqual(['ALL_OR_NONE_OPERATION_ROLLED_BACK', 'REQUIRED_FIELD_MISSING', 'ALL_OR_NONE_OPERATION_ROLLED_BACK']);
    expect((await t.conn.query("SELECT Id FROM Account WHERE Name IN ('Atomic A', 'Atomic B')")).totalSize).toBe(0);
  });

  it('updates, upserts by external id, retrieves and deletes', async () => {
    const [a, b] = await t.conn.sobject('Account').create([{ Name: 'Up A' }, { Name: 'Up B' }]);
    const accountId = (a as { id: string }).id;
    const updated = await t.conn.sobject('Account').update([
      { Id: accountId, Name: 'Up A2' },
      { Id: (b as { id: string }).id, Name: 'Up B2' },
    ]);
    expect(updated).toEqual([expect.objectContaining({ success: true }), expect.objectContaining({ success: true })]);

    const initiatives = (n: number, name: string) =>
      Array.from({ length: n }, (_, i) => ({ attributes: { type: 'Initiative__c' }, Name: `${name} ${i}`, Account__c: accountId, Source_Opportunity_Id__c: `OPP-${i}` }));
    const first = await raw(t.org, '/services/data/v64.0/composite/sobjects/Initiative__c/Source_Opportunity_Id__c', { method: 'PATCH', body: { allOrNone: false, records: initiatives(3, 'First') } });
    expect((first.body as Array<{ created: boolean }>).map((r) => r.created)).toEqual([true, true, true]);
    const again = (await t.conn.sobject('Initiative__c').upsert(initiatives(4, 'Again'), 'Source_Opportunity_Id__c')) as unknown as Array<{ id: string; created: boolean; success: boolean }>;
    expect(again.map((r) => r.created)).toEqual([false, false, false, true]);

    const ids = again.map((r) => r.id);
    const retrieved = await t.conn.sobject('Initiative__c').retrieve([ids[0], 'a01000000000999AAA'], { fields: ['Name'] });
    expect(retrieved[0]).toMatchObject({ Id: ids[0], Name: 'Again 0' });
    expect(retrieved[1]).toBeNull();
    const viaPost = await raw(t.org, '/services/data/v64.0/composite/sobjects/Initiative__c', { method: 'POST', body: { ids: [ids[1]], fields: ['Name', 'Source_Opportunity_Id__c'] } });
    expect(viaPost.body).toMatchObject([{ Name: 'Again 1', Source_Opportunity_Id__c: 'OPP-1' }]);

    const deleted = await t.conn.sobject('Initiative__c').destroy(ids);
    expect(deleted.every((r) => r.success)).toBe(true);
    const twice = await raw(t.org, `/services/data/v64.0/composite/sobjects?ids=${ids[0]},${ids[1]}&allOrNone=false`, { method: 'DELETE' });
    expect((twice.body as Array<{ success: boolean; errors: Array<{ statusCode: string }> }>).map((r) => r.errors[0]?.statusCode)).toEqual(['ENTITY_IS_DELETED', 'ENTITY_IS_DELETED']);
  });

  it('needs attributes.type on created records', async () => {
    const response = await raw(t.org, '/services/data/v64.0/composite/sobjects', { method: 'POST', body: { records: [{ Name: 'Typeless' }] } });
    expect(response.status).toBe(400);
    expect(response.body).toEqual([{ message: 'Must send a concrete entity type.', errorCode: 'INVALID_TYPE' }]);
  });

  // REST API Developer Guide, "Upsert Multiple Records Using sObject Collections": with allOrNone every result
  // is rolled back, and `created` still says whether the row would have been created.
  it('upsert with allOrNone that rolls back reports created as the row would have been', async () => {
    const [accountId] = (await t.conn.sobject('Account').create([{ Name: 'Rollback Parent' }])).map((r) => r.id as string);
    await t.conn.sobject('Initiative__c').create({ Name: 'Existing', Account__c: accountId, Source_Opportunity_Id__c: 'OPP-RB-1' });
    const response = await raw(t.org, '/services/data/v64.0/composite/sobjects/Initiative__c/Source_Opportunity_Id__c', {
      method: 'PATCH',
      body: {
        allOrNone: true,
        records: [
          { attributes: { type: 'Initiative__c' }, Source_Opportunity_Id__c: 'OPP-RB-1', Name: 'Existing renamed' },
          { attributes: { type: 'Initiative__c' }, Source_Opportunity_Id__c: 'OPP-RB-2', Name: 'New one', Account__c: accountId },
          { attributes: { type: 'Initiative__c' }, Source_Opportunity_Id__c: 'OPP-RB-3', Name: 'Missing account' },
        ],
      },
    });
    expect(response.status).toBe(200);
    const results = response.body as Array<{ success: boolean; created: boolean; errors: Array<{ statusCode: string }> }>;
    expect(results.map((r) => [r.success, r.created])).toEqual([
      [false, false],
      [false, true],
      [false, true],
    ]);
    expect(results[0].errors[0].statusCode).toBe('ALL_OR_NONE_OPERATION_ROLLED_BACK');
    expect(results[2].errors[0].statusCode).toBe('REQUIRED_FIELD_MISSING');
    expect((await t.conn.query("SELECT Name FROM Initiative__c WHERE Source_Opportunity_Id__c LIKE 'OPP-RB-%'")).records.map((r) => r.Name)).toEqual(['Existing']);
  });
});
