/**
 * What an org answers for resources it does not serve and versions it does not have: 404 NOT_FOUND with
 * "The requested resource does not exist" (REST API Developer Guide, "Status Codes and Error Responses"),
 * whatever the session; 401 INVALID_SESSION_ID only on real routes. Supported versions are those
 * `GET /services/data` lists ("Versions").
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { raw, rejection, startTestOrg, type TestOrg } from './helpers.js';

const NOT_FOUND = [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }];

describe('unserved routes and unknown API versions', () => {
  let t: TestOrg;
  beforeAll(async () => {
    t = await startTestOrg();
  });
  afterAll(async () => {
    await t.org.stop();
  });

  it('answers Bulk API 1.0 (/services/async) with 404 NOT_FOUND, with or without a session, so clients do not refresh and retry', async () => {
    for (const token of [undefined, null]) {
      const response = await raw(t.org, '/services/async/64.0/job', { method: 'POST', text: '<jobInfo/>', token, headers: { 'X-SFDC-Session': t.org.accessToken } });
      expect(response.status).toBe(404);
      expect(response.body).toEqual(NOT_FOUND);
    }
    const before = t.org.stats().apiCalls;
    const batch = t.conn.bulk.load('Account', 'insert', [{ Name: 'Bulk One' }]);
    const error = await rejection(new Promise((done, fail) => void batch.then(done, fail)));
    expect(error).toBeInstanceOf(Error);
    expect(t.org.stats().apiCalls).toBe(before); // one refused request, not a refresh loop
  });

  it('answers sObject subresources it does not serve with 404, never as an Id or external id lookup', async () => {
    for (const path of ['sobjects/Account/describe/layouts', 'sobjects/Account/updated/?start=2026-01-01T00:00:00Z&end=2026-01-02T00:00:00Z', 'sobjects/Account/deleted/', 'sobjects/Account/listviews', 'sobjects/Account/describe/compactLayouts/primary']) {
      const response = await raw(t.org, `/services/data/v64.0/${path}`);
      expect({ path, status: response.status, body: response.body }).toEqual({ path, status: 404, body: NOT_FOUND });
    }
    const error = await rejection(t.conn.request('/services/data/v64.0/sobjects/Account/describe/layouts'));
    expect(error.errorCode).toBe('NOT_FOUND');
  });

  it('still answers 401 INVALID_SESSION_ID on a real route without a valid session', async () => {
    for (const path of ['/services/data/v64.0/sobjects/Account/describe', '/services/data/v64.0/composite/tree/Account', '/services/oauth2/userinfo']) {
      const response = await raw(t.org, path, { token: 'wrong' });
      expect(response.status).toBe(401);
      expect(response.body).toEqual([{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }]);
    }
  });

  it('answers a version GET /services/data does not list with 404 NOT_FOUND', async () => {
    const listed = ((await raw(t.org, '/services/data')).body as Array<{ version: string }>).map((v) => v.version);
    expect(listed).not.toContain('99.0');
    for (const path of ['/services/data/v99.0/', '/services/data/v99.0/query?q=SELECT+Id+FROM+Account', '/services/data/v64.5/limits', '/services/data/v20.0/limits']) {
      const response = await raw(t.org, path);
      expect({ path, status: response.status, body: response.body }).toEqual({ path, status: 404, body: NOT_FOUND });
    }
    expect((await raw(t.org, `/services/data/v${listed[0]}/limits`)).status).toBe(200);
    expect((await raw(t.org, `/services/data/v${listed[listed.length - 1]}/limits`)).status).toBe(200);
  });
});
