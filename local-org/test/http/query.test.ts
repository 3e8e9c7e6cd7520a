import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { accountIds, raw, rejection, startTestOrg, type TestOrg } from './helpers.js';

describe('query paging', () => {
  let t: TestOrg;
  let ids: string[];
  beforeAll(async () => {
    t = await startTestOrg();
    ids = await accountIds(t.org, 4500, (i) => `Account ${String(i).padStart(4, '0')}`);
  });
  afterAll(async () => {
    await t.org.stop();
  });

  it('pages 4,500 rows by 2,000 with nextRecordsUrl, done and totalSize', async () => {
    const first = await t.conn.query('SELECT Id, Name FROM Account ORDER BY Name');
    expect(first).toMatchObject({ totalSize: 4500, done: false });
    expect(first.records).toHaveLength(2000);
    // jsforce turns the locator into a full URL; the wire value is Salesforce's relative one.
    expect(first.nextRecordsUrl).toMatch(/\/services\/data\/v64\.0\/query\/01g[0-9A-Za-z]{15}-2000$/);
    const wire = (await raw(t.org, '/services/data/v64.0/query?q=SELECT+Id+FROM+Account')).body as { nextRecordsUrl: string; done: boolean };
    expect(wire.nextRecordsUrl).toMatch(/^\/services\/data\/v64\.0\/query\/01g[0-9A-Za-z]{15}-2000$/);
    expect(wire.done).toBe(false);
    expect(first.records[0]).toEqual({ attributes: { type: 'Account', url: `/services/data/v64.0/sobjects/Account/${first.records[0].Id}` }, Id: first.records[0].Id, Name: 'Account 0000' });

    const second = await t.conn.queryMore(first.nextRecordsUrl as string);
    expect(second).toMatchObject({ totalSize: 4500, done: false });
    expect(second.records[0].Name).toBe('Account 2000');
    const third = await t.conn.queryMore(second.nextRecordsUrl as string);
    expect(third.done).toBe(true);
    expect(third.records).toHaveLength(500);
    expect(third.nextRecordsUrl).toBeUndefined();

    const seen = [...first.records, ...second.records, ...third.records].map((r) => r.Id);
    expect(new Set(seen)).toEqual(new Set(ids));
    const stats = t.org.stats().byKind;
    expect(stats.queryMore).toBe(2);
    expect(stats.query).toBe(2);
  });

  it('fetches every page with autoFetch', async () => {
    const records = await t.conn.query('SELECT Id FROM Account').run({ autoFetch: true, maxFetch: 10_000 });
    expect(records.records).toHaveLength(4500);
  });

  it('honours Sforce-Query-Options batchSize within 200..2000', async () => {
    const small = await raw(t.org, '/services/data/v64.0/query?q=SELECT+Id+FROM+Account', { headers: { 'Sforce-Query-Options': 'batchSize=500' } });
    expect((small.body as { records: unknown[] }).records).toHaveLength(500);
    const tiny = await raw(t.org, '/services/data/v64.0/query?q=SELECT+Id+FROM+Account', { headers: { 'Sforce-Query-Options': 'batchSize=10' } });
    expect((tiny.body as { records: unknown[] }).records).toHaveLength(200);
    const next = (tiny.body as { nextRecordsUrl: string }).nextRecordsUrl;
    expect(next).toMatch(/-200$/);
  });

  it('answers a spent cursor with INVALID_QUERY_LOCATOR', async () => {
    const response = await raw(t.org, '/services/data/v64.0/query/01g000000000000AAA-2000');
    expect(response.status).toBe(400);
    expect(response.body).toEqual([{ message: 'invalid query locator: 01g000000000000AAA-2000', errorCode: 'INVALID_QUERY_LOCATOR' }]);
  });

  it('includes deleted rows with queryAll only', async () => {
    const [gone] = ids;
    await t.conn.sobject('Account').destroy(gone);
    const live = await t.conn.query(`SELECT Id FROM Account WHERE Id = '${gone}'`);
    expect(live.totalSize).toBe(0);
    const all = await t.conn.query(`SELECT Id FROM Account WHERE Id = '${gone}'`, { scanAll: true });
    expect(all.totalSize).toBe(1);
  });

  it('reports query errors with Salesforce’s error codes', async () => {
    expect((await rejection(t.conn.query('SELECT Nope__c FROM Account'))).errorCode).toBe('INVALID_FIELD');
    expect((await rejection(t.conn.query('SELECT Id FROM Nope__c'))).errorCode).toBe('INVALID_TYPE');
    expect((await rejection(t.conn.query('SELEKT Id FROM Account'))).errorCode).toBe('MALFORMED_QUERY');
  });
});
