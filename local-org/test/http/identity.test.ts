/**
 * Identity URL (Salesforce Help, "Identity URLs") and the Sforce-Limit-Info response header (REST API Developer
 * Guide, "Response Headers" / "Limit Info Header"), checked through jsforce: `conn.identity()` on an
 * access-token connection and `conn.limitInfo`.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { raw, startTestOrg, type TestOrg } from './helpers.js';

describe('identity URL', () => {
  let t: TestOrg;
  beforeAll(async () => {
    t = await startTestOrg();
  });
  afterAll(async () => {
    await t.org.stop();
  });

  it('lists identity among the resources of a version, as an absolute URL', async () => {
    const resources = (await raw(t.org, '/services/data/v64.0/')).body as Record<string, string>;
    expect(resources.identity).toBe(`${t.org.instanceUrl}/id/${t.org.orgId}/${t.org.userId}`);
  });

  it('answers jsforce conn.identity() on an access-token connection', async () => {
    const identity = await t.conn.identity();
    expect(identity).toMatchObject({
      id: `${t.org.instanceUrl}/id/${t.org.orgId}/${t.org.userId}`,
      asserted_user: true,
      user_id: t.org.userId,
      organization_id: t.org.orgId,
      username: t.org.username,
      display_name: 'Local Admin',
      email: t.org.username,
      active: true,
      user_type: 'STANDARD',
      language: 'en_US',
      locale: 'en_US',
      utcOffset: 0,
    });
    expect(typeof identity.nick_name).toBe('string');
    expect(typeof (identity as unknown as Record<string, unknown>).last_modified_date).toBe('string');
    expect(identity.urls.rest).toBe(`${t.org.instanceUrl}/services/data/v{version}/`);
    expect(identity.urls.sobjects).toBe(`${t.org.instanceUrl}/services/data/v{version}/sobjects/`);
  });

  it('is the URL userinfo names in sub, and fills the version when asked', async () => {
    const info = await t.conn.request<{ sub: string }>('/services/oauth2/userinfo');
    const answer = await raw(t.org, `${new URL(info.sub).pathname}?version=64.0`);
    expect(answer.status).toBe(200);
    expect((answer.body as { urls: { query: string } }).urls.query).toBe(`${t.org.instanceUrl}/services/data/v64.0/query/`);
  });

  it('takes the token from oauth_token too, and answers the Identity Service errors otherwise', async () => {
    const path = `/id/${t.org.orgId}/${t.org.userId}`;
    expect((await raw(t.org, `${path}?format=json&oauth_token=${encodeURIComponent(t.org.accessToken)}`, { token: null })).status).toBe(200);
    expect(await raw(t.org, path, { token: null })).toMatchObject({ status: 403, text: 'Missing_OAuth_Token' });
    expect(await raw(t.org, path, { token: 'nope' })).toMatchObject({ status: 403, text: 'Bad_OAuth_Token' });
    expect(await raw(t.org, `/id/00D000000000001AAA/${t.org.userId}`)).toMatchObject({ status: 403, text: 'Wrong_Org' });
    expect(await raw(t.org, `/id/${t.org.orgId}/005000000000009AAA`)).toMatchObject({ status: 404, text: 'Bad_Id' });
    expect((await raw(t.org, `${path}?format=xml`)).status).toBe(406);
  });
});

describe('Sforce-Limit-Info', () => {
  let t: TestOrg;
  beforeAll(async () => {
    t = await startTestOrg({ apiCallCap: 500 });
  });
  afterAll(async () => {
    await t.org.stop();
  });

  it('reports api-usage=used/allowance on each counted call, and jsforce fills conn.limitInfo from it', async () => {
    await t.conn.query('SELECT Id FROM Account');
    const first = t.conn.limitInfo?.apiUsage;
    expect(first).toEqual({ used: t.org.stats().apiCalls, limit: 500 });
    await t.conn.describeGlobal();
    expect(t.conn.limitInfo?.apiUsage).toEqual({ used: (first?.used ?? 0) + 1, limit: 500 });

    const failed = await raw(t.org, '/services/data/v64.0/query?q=SELECT+Nope+FROM+Account');
    expect(failed.status).toBe(400);
    expect(failed.headers['sforce-limit-info']).toBe(`api-usage=${t.org.stats().apiCalls}/500`);
  });

  it('is absent where nothing was counted: a refused session or an unserved resource', async () => {
    expect((await raw(t.org, '/services/data/v64.0/limits', { token: 'nope' })).headers['sforce-limit-info']).toBeUndefined();
    expect((await raw(t.org, '/services/async/64.0/job')).headers['sforce-limit-info']).toBeUndefined();
  });
});
