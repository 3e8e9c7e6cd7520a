/**
 * writeRowsWithBulk: a bulk write whose rows are read (a spool) rather than held reports each row's final result once,
 * by its match key, with the counts of writeWithBulk; the job's result lists are read as they arrive, and when the
 * session is refused for that read (it expired), jsforce's own call reads them with the same results and calls.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { ApiUsage } from '../../src/org/apiUsage.js';
import { writeRowsWithBulk, writeWithBulk, type BulkRowResult } from '../../src/org/bulk.js';
import type { OrgConnection, SfRecord } from '../../src/org/connection.js';
import { fetchAll } from '../../src/org/fetch.js';
import { startTestOrg, type TestOrg } from '../commands/harness.js';

const TIMEOUT = 120_000;
const FIELDS = ['External_Id__c', 'Outcome_Requirement__c', 'Measured_On__c', 'Value__c'];

describe('writeRowsWithBulk', () => {
  let env: TestOrg;
  let conn: OrgConnection;
  let outcomes: string[];

  beforeAll(async () => {
    env = await startTestOrg();
    conn = env.conn as unknown as OrgConnection;
    outcomes = (await fetchAll(conn, 'SELECT Id FROM Outcome_Requirement__c ORDER BY Id LIMIT 7', new ApiUsage())).map((r) => String(r.Id));
  }, TIMEOUT);

  afterEach(() => {
    jest.restoreAllMocks();
  });

  afterAll(async () => {
    await env?.stop();
  });

  /** Readings; every tenth is dated in the future, which the org's validation rule refuses. */
  const readings = (prefix: string, count: number): SfRecord[] =>
    Array.from({ length: count }, (_, i) => ({
      External_Id__c: `${prefix}-${i}`,
      Outcome_Requirement__c: outcomes[i % outcomes.length],
      Measured_On__c: i % 10 === 9 ? '2099-01-01' : `2024-0${1 + (i % 9)}-0${1 + (i % 7)}`,
      Value__c: i,
    }));

  async function write(records: SfRecord[], maxJobBytes?: number): Promise<{ results: Map<string, BulkRowResult>; written: number; calls: number; jobs: number }> {
    const usage = new ApiUsage();
    let jobs = 0;
    const createJob = conn.bulk2.createJob.bind(conn.bulk2);
    const counter = jest.spyOn(conn.bulk2, 'createJob').mockImplementation((options) => {
      jobs += 1;
      return createJob(options);
    });
    const results = new Map<string, BulkRowResult>();
    const { written } = await writeRowsWithBulk(
      conn,
      {
        sobject: 'Measurement__c',
        operation: 'upsert',
        externalIdField: 'External_Id__c',
        fields: FIELDS,
        count: records.length,
        maxJobBytes,
        // An async source, read again for each job, as a spool is.
        async *rows() {
          yield* records;
        },
      },
      usage,
      (result) => {
        expect(results.has(result.key)).toBe(false);
        results.set(result.key, result);
      },
    ).finally(() => counter.mockRestore());
    return { results, written, calls: usage.snapshot().total, jobs };
  }

  it('reports each row once by key, as writeWithBulk reports it by index', async () => {
    const records = readings('BROWS', 60);
    const { results, written } = await write(records);
    expect(results.size).toBe(60);
    expect(written).toBe(54);
    for (const [i, record] of records.entries()) {
      const result = results.get(String(record.External_Id__c)) as BulkRowResult;
      expect(result.success).toBe(i % 10 !== 9);
      if (result.success) expect(result).toMatchObject({ created: true, id: expect.stringMatching(/^[a-zA-Z0-9]{18}$/) });
      else expect(result.errors[0].code).toBe('FIELD_CUSTOM_VALIDATION_EXCEPTION');
    }
    // The same rows again through writeWithBulk: refused for the master-detail field they may only set on a create,
    // then upserted without it in a job of their own (updated), the same refusals, each at its index.
    const again = await writeWithBulk(
      conn,
      { sobject: 'Measurement__c', operation: 'upsert', externalIdField: 'External_Id__c', fields: FIELDS, records, createOnlyFields: ['Outcome_Requirement__c'] },
      new ApiUsage(),
    );
    expect(again.map((r) => [r.index, r.success, r.success ? r.created : undefined])).toEqual(records.map((_, i) => [i, i % 10 !== 9, i % 10 !== 9 ? false : undefined]));
  }, TIMEOUT);

  it('reads the result lists through jsforce when the session is refused for them, with the same results and calls', async () => {
    const streamed = await write(readings('BSTREAM', 40));
    const realFetch = globalThis.fetch;
    const refused: string[] = [];
    jest.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (/\/jobs\/ingest\/[^/]+\/(successfulResults|failedResults|unprocessedrecords)$/.test(url)) {
        refused.push(url);
        return new Response('[{"errorCode":"INVALID_SESSION_ID","message":"Session expired or invalid"}]', { status: 401 });
      }
      return realFetch(input, init);
    });
    const fallback = await write(readings('BFALL', 40));
    expect(refused.length).toBe(3);
    expect(fallback.written).toBe(streamed.written);
    expect(fallback.calls).toBe(streamed.calls);
    const shape = (results: Map<string, BulkRowResult>, prefix: string): Array<[string, boolean, string[]]> =>
      [...results].map(([key, r]) => [key.replace(prefix, ''), r.success, r.errors.map((e) => e.code)] as [string, boolean, string[]]).sort();
    expect(shape(fallback.results, 'BFALL')).toEqual(shape(streamed.results, 'BSTREAM'));
  }, TIMEOUT);

  it('reads the result lists through jsforce when the org cannot be reached directly (a proxy only jsforce knows), with the same results', async () => {
    const streamed = await write(readings('BDIRECT', 40));
    const realFetch = globalThis.fetch;
    let unreachable = 0;
    const spy = jest.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (/\/jobs\/ingest\/[^/]+\/(successfulResults|failedResults|unprocessedrecords)$/.test(url)) {
        unreachable += 1;
        throw new TypeError('fetch failed');
      }
      return realFetch(input, init);
    });
    try {
      const proxied = await write(readings('BPROXY', 40));
      expect(unreachable).toBe(3);
      expect(proxied.written).toBe(streamed.written);
      expect(proxied.calls).toBe(streamed.calls);
      const shape = (results: Map<string, BulkRowResult>, prefix: string): Array<[string, boolean, string[]]> =>
        [...results].map(([key, r]) => [key.replace(prefix, ''), r.success, r.errors.map((e) => e.code)] as [string, boolean, string[]]).sort();
      expect(shape(proxied.results, 'BPROXY')).toEqual(shape(streamed.results, 'BDIRECT'));
    } finally {
      spy.mockRestore();
    }
  }, TIMEOUT);

  it('splits rows whose CSV is larger than a job takes into further jobs, with the results of one job', async () => {
    const one = await write(readings('BONE', 90));
    expect(one.jobs).toBe(1);
    // Some 4,200 bytes of CSV (about 47 a row): jobs of 1,500 bytes take 30 rows or so each.
    const split = await write(readings('BSPLIT', 90), 1500);
    expect(split.jobs).toBeGreaterThanOrEqual(3);
    expect(split.jobs).toBeLessThanOrEqual(4);
    expect(split.written).toBe(one.written);
    const shape = (results: Map<string, BulkRowResult>, prefix: string): Array<[string, boolean, boolean, string[]]> =>
      [...results].map(([key, r]) => [key.replace(prefix, ''), r.success, r.created, r.errors.map((e) => e.code)] as [string, boolean, boolean, string[]]).sort();
    expect(shape(split.results, 'BSPLIT')).toEqual(shape(one.results, 'BONE'));
    const rows = await fetchAll(conn, "SELECT External_Id__c FROM Measurement__c WHERE External_Id__c LIKE 'BSPLIT-%'", new ApiUsage());
    expect(rows).toHaveLength(split.written);
  }, TIMEOUT);

  it('sends a row larger than a job takes in a job of its own rather than none', async () => {
    const big = await write(readings('BBIG', 3), 10);
    expect(big.jobs).toBe(3);
    expect(big.results.size).toBe(3);
  }, TIMEOUT);
});
