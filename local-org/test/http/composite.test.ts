import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { raw, startTestOrg, type TestOrg } from './helpers.js';

type CompositeReply = { compositeResponse: Array<{ body: unknown; httpStatusCode: number; referenceId: string }> };
const query = (referenceId: string, soql: string) => ({ method: 'GET', url: `/services/data/v64.0/query?q=${encodeURIComponent(soql)}`, referenceId });

describe('Composite (POST /composite)', () => {
  let t: TestOrg;
  beforeAll(async () => {
    t = await startTestOrg();
  });
  afterAll(async () => {
    await t.org.stop();
  });

  it('runs queries and a create in order, as one API call, each answering with its status and reference id', async () => {
    const before = t.org.stats();
    const reply = await raw(t.org, '/services/data/v64.0/composite', {
      method: 'POST',
      body: {
        allOrNone: false,
        compositeRequest: [
          { method: 'POST', url: '/services/data/v64.0/sobjects/Account', referenceId: 'newAccount', body: { Name: 'Composite Co' } },
          query('found', "SELECT Id, Name FROM Account WHERE Name = 'Composite Co'"),
          query('broken', 'SELECT Nope__c FROM Account'),
        ],
      },
    });
    expect(reply.status).toBe(200);
    const [created, found, broken] = (reply.body as CompositeReply).compositeResponse;
    expect(created).toMatchObject({ httpStatusCode: 201, referenceId: 'newAccount', body: { success: true } });
    expect(found).toMatchObject({ httpStatusCode: 200, referenceId: 'found', body: { totalSize: 1, done: true } });
    expect(broken.httpStatusCode).toBe(400);
    expect((broken.body as Array<{ errorCode: string }>)[0].errorCode).toBe('INVALID_FIELD');
    const after = t.org.stats();
    expect(after.apiCalls - before.apiCalls).toBe(1);
    expect(after.byKind.composite - before.byKind.composite).toBe(1);
  });

  it('refuses more than 5 query subrequests, or more than 25 subrequests, before running any', async () => {
    const six = Array.from({ length: 6 }, (_, i) => query(`q${i}`, 'SELECT Id FROM Account'));
    const tooManyQueries = await raw(t.org, '/services/data/v64.0/composite', { method: 'POST', body: { compositeRequest: six } });
    expect(tooManyQueries.status).toBe(400);
    expect((tooManyQueries.body as Array<{ errorCode: string }>)[0].errorCode).toBe('LIMIT_EXCEEDED');

    const creates = Array.from({ length: 26 }, (_, i) => ({ method: 'POST', url: '/services/data/v64.0/sobjects/Account', referenceId: `a${i}`, body: { Name: `Over ${i}` } }));
    const tooMany = await raw(t.org, '/services/data/v64.0/composite', { method: 'POST', body: { compositeRequest: creates } });
    expect(tooMany.status).toBe(400);
    expect((await t.conn.query("SELECT Id FROM Account WHERE Name = 'Over 0'")).totalSize).toBe(0);
  });

  it('refuses what it does not implement (references, allOrNone true, other resources) instead of doing something else', async () => {
    const reference = await raw(t.org, '/services/data/v64.0/composite', {
      method: 'POST',
      body: { compositeRequest: [{ method: 'GET', url: '/services/data/v64.0/sobjects/Account/@{x.id}', referenceId: 'r' }] },
    });
    expect(reference.status).toBe(400);
    const atomic = await raw(t.org, '/services/data/v64.0/composite', { method: 'POST', body: { allOrNone: true, compositeRequest: [query('q', 'SELECT Id FROM Account')] } });
    expect(atomic.status).toBe(400);
    const other = await raw(t.org, '/services/data/v64.0/composite', { method: 'POST', body: { compositeRequest: [{ method: 'GET', url: '/services/data/v64.0/limits', referenceId: 'l' }] } });
    expect(other.status).toBe(400);
  });
});
