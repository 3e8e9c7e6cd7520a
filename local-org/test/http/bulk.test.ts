import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { accountIds, raw, startTestOrg, type TestOrg } from './helpers.js';

/** Records of a jsforce bulk2 query stream. */
function collect(stream: Readable): Promise<Array<Record<string, string>>> {
  return new Promise((done, fail) => {
    const records: Array<Record<string, string>> = [];
    stream.on('record', (r: Record<string, string>) => records.push(r));
    stream.on('end', () => done(records));
    stream.on('error', fail);
  });
}

describe('Bulk API 2.0', () => {
  let t: TestOrg;
  beforeAll(async () => {
    t = await startTestOrg();
    t.conn.bulk2.pollInterval = 20;
    t.conn.bulk2.pollTimeout = 10_000;
  });
  afterAll(async () => {
    await t.org.stop();
  });

  it('runs an ingest job through jsforce loadAndWaitForResults, with a failed row reported', async () => {
    const input = [{ Name: 'Bulk A' }, { Name: '' }, { Name: 'Bulk B' }];
    const results = await t.conn.bulk2.loadAndWaitForResults({ object: 'Account', operation: 'insert', input, pollInterval: 20, pollTimeout: 10_000 });
    expect(results.successfulResults).toHaveLength(2);
    expect(results.successfulResults.map((r) => (r as Record<string, unknown>).Name)).toEqual(['Bulk A', 'Bulk B']);
    expect(results.successfulResults.every((r) => String(r.sf__Created) === 'true' && String(r.sf__Id).startsWith('001'))).toBe(true);
    expect(results.failedResults).toHaveLength(1);
    expect(String(results.failedResults[0].sf__Error)).toMatch(/^REQUIRED_FIELD_MISSING:Required fields are missing: \[Name\]:Name --$/);
    expect(results.unprocessedRecords).toHaveLength(0);
    expect((await t.conn.query("SELECT Id FROM Account WHERE Name IN ('Bulk A', 'Bulk B')")).totalSize).toBe(2);
  });

  it('upserts by external id, resolves parents named by external id, and counts the calls', async () => {
    const [accountId] = await accountIds(t.org, 1);
    t.org.engine.update('Account', [{ Id: accountId, Name: 'Parent Co' }], { allOrNone: true });
    const before = t.org.stats().byKind.bulk;
    const csv = ['Name,Account__c,Source_Opportunity_Id__c', `First,${accountId},OPP-B1`, `Second,${accountId},OPP-B2`].join('\n');
    const first = await t.conn.bulk2.loadAndWaitForResults({ object: 'Initiative__c', operation: 'upsert', externalIdFieldName: 'Source_Opportunity_Id__c', input: csv, pollInterval: 20, pollTimeout: 10_000 });
    expect(first.successfulResults.map((r) => String(r.sf__Created))).toEqual(['true', 'true']);
    const again = await t.conn.bulk2.loadAndWaitForResults({
      object: 'Initiative__c',
      operation: 'upsert',
      externalIdFieldName: 'Source_Opportunity_Id__c',
      input: 'Name,Source_Opportunity_Id__c\nFirst renamed,OPP-B1\n',
      pollInterval: 20,
      pollTimeout: 10_000,
    });
    expect(again.successfulResults.map((r) => String(r.sf__Created))).toEqual(['false']);
    expect((await t.conn.query("SELECT Name FROM Initiative__c WHERE Source_Opportunity_Id__c = 'OPP-B1'")).records[0].Name).toBe('First renamed');
    expect(t.org.stats().byKind.bulk - before).toBeGreaterThanOrEqual(2 * 7); // open, upload, close, poll, 3 result reads

    // A child names its parent by the parent's external id, as Bulk API 2.0 relationship columns do.
    const children = await t.conn.bulk2.loadAndWaitForResults({
      object: 'Solution_Component__c',
      operation: 'insert',
      input: 'Name,Initiative__r.Source_Opportunity_Id__c\nLicences,OPP-B2\nOrphan,OPP-NONE\n',
      pollInterval: 20,
      pollTimeout: 10_000,
    });
    expect(children.successfulResults.map((r) => (r as Record<string, unknown>).Name)).toEqual(['Licences']);
    expect(String(children.failedResults[0].sf__Error)).toBe('INVALID_FIELD:Foreign key external ID: OPP-NONE not found for field Source_Opportunity_Id__c in entity Initiative__c:--');
    const licences = await t.conn.query("SELECT Initiative__r.Source_Opportunity_Id__c FROM Solution_Component__c WHERE Name = 'Licences'");
    expect(licences.records[0]).toMatchObject({ Initiative__r: { Source_Opportunity_Id__c: 'OPP-B2' } });
  });

  it('fails a job whose CSV names an unknown field, with Salesforce’s InvalidBatch message', async () => {
    const error = await t.conn.bulk2
      .loadAndWaitForResults({ object: 'Account', operation: 'insert', input: 'Name,Nope__c\nX,1\n', pollInterval: 20, pollTimeout: 10_000 })
      .then(() => null, (e: Error) => e);
    expect(error?.message).toMatch(/InvalidBatch : Field name not found : Nope__c/);
  });

  // Bulk API 2.0 Developer Guide, "Prepare CSV Files" / "Upsert": with externalIdFieldName Id, rows without an Id are inserted.
  it('upserts on Id: rows with an Id update, rows without one (or without an Id column) are inserted', async () => {
    const [existing] = await accountIds(t.org, 1, () => 'Upsert On Id');
    const mixed = await t.conn.bulk2.loadAndWaitForResults({
      object: 'Account',
      operation: 'upsert',
      externalIdFieldName: 'Id',
      input: `Id,Name\n${existing},Upsert On Id renamed\n,Upsert On Id new\n`,
      pollInterval: 20,
      pollTimeout: 10_000,
    });
    expect(mixed.failedResults).toEqual([]);
    expect(mixed.successfulResults.map((r) => [String(r.sf__Created), (r as Record<string, unknown>).Name])).toEqual([
      ['false', 'Upsert On Id renamed'],
      ['true', 'Upsert On Id new'],
    ]);
    const noIdColumn = await t.conn.bulk2.loadAndWaitForResults({ object: 'Account', operation: 'upsert', externalIdFieldName: 'Id', input: 'Name\nUpsert No Id Column\n', pollInterval: 20, pollTimeout: 10_000 });
    expect(noIdColumn.successfulResults.map((r) => String(r.sf__Created))).toEqual(['true']);
    const names = (await t.conn.query<{ Name: string }>("SELECT Name FROM Account WHERE Name LIKE 'Upsert%' ORDER BY Name")).records.map((r) => r.Name);
    expect(names).toEqual(['Upsert No Id Column', 'Upsert On Id new', 'Upsert On Id renamed']);
  });

  it('completes a delete job with nothing uploaded, with 0 records processed', async () => {
    const job = (await raw(t.org, '/services/data/v64.0/jobs/ingest', { method: 'POST', body: { object: 'Account', operation: 'delete' } })).body as { id: string };
    const closed = await raw(t.org, `/services/data/v64.0/jobs/ingest/${job.id}`, { method: 'PATCH', body: { state: 'UploadComplete' } });
    expect(closed.status).toBe(200);
    let info: Record<string, unknown> = {};
    for (let i = 0; i < 50 && !['JobComplete', 'Failed'].includes(String(info.state)); i++) {
      await new Promise((r) => setTimeout(r, 10));
      info = (await raw(t.org, `/services/data/v64.0/jobs/ingest/${job.id}`)).body as Record<string, unknown>;
    }
    expect(info).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 0, numberRecordsFailed: 0 });
    const viaJsforce = await t.conn.bulk2.loadAndWaitForResults({ object: 'Account', operation: 'delete', input: [], pollInterval: 20, pollTimeout: 10_000 });
    expect(viaJsforce).toMatchObject({ successfulResults: [], failedResults: [], unprocessedRecords: [] });
  });

  it('runs a query job and pages its results with Sforce-Locator', async () => {
    await accountIds(t.org, 120, (i) => `Paged ${i}`);
    const stream = await t.conn.bulk2.query("SELECT Id, Name FROM Account WHERE Name LIKE 'Paged%'", { pollInterval: 20, pollTimeout: 10_000 });
    const records = await collect(stream as unknown as Readable);
    expect(records).toHaveLength(120);
    expect(Object.keys(records[0])).toEqual(['Id', 'Name']);

    const job = (await raw(t.org, '/services/data/v64.0/jobs/query', { method: 'POST', body: { operation: 'query', query: "SELECT Name FROM Account WHERE Name LIKE 'Paged%'" } })).body as { id: string };
    await new Promise((r) => setTimeout(r, 20));
    const page = await raw(t.org, `/services/data/v64.0/jobs/query/${job.id}/results?maxRecords=100`);
    expect(page.headers['sforce-numberofrecords']).toBe('100');
    const locator = String(page.headers['sforce-locator']);
    expect(locator).not.toBe('null');
    const last = await raw(t.org, `/services/data/v64.0/jobs/query/${job.id}/results?maxRecords=100&locator=${locator}`);
    expect(last.headers['sforce-numberofrecords']).toBe('20');
    expect(last.headers['sforce-locator']).toBe('null');
    expect(last.text.split('\n')[0]).toBe('"Name"');
  });
});
