import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { raw, rejection, startTestOrg, type TestOrg } from './helpers.js';

describe('local org REST API', () => {
  let t: TestOrg;
  beforeAll(async () => {
    t = await startTestOrg();
  });
  afterAll(async () => {
    await t.org.stop();
  });

  describe('versions, resources and authentication', () => {
    it('lists API versions up to 66.0 and the resources of a version', async () => {
      const versions = (await raw(t.org, '/services/data/')).body as Array<{ version: string; url: string; label: string }>;
      expect(versions[versions.length - 1]).toEqual({ version: '66.0', url: '/services/data/v66.0', label: "Spring '26" });
      expect(versions.find((v) => v.version === '64.0')?.label).toBe("Summer '25");
      const resources = (await raw(t.org, '/services/data/v64.0/')).body as Record<string, string>;
      expect(resources.sobjects).toBe('/services/data/v64.0/sobjects');
      expect(resources.query).toBe('/services/data/v64.0/query');
    });

    it('answers 401 INVALID_SESSION_ID without the Bearer token or with a wrong one', async () => {
      for (const token of [null, 'wrong-token']) {
        const response = await raw(t.org, '/services/data/v64.0/limits', { token });
        expect(response.status).toBe(401);
        expect(response.body).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
      }
    });

    it('normalises doubled slashes, as sf sends them', async () => {
      const response = await raw(t.org, '//services/data//v64.0//limits');
      expect(response.status).toBe(200);
      expect(response.body).toHaveProperty('DailyApiRequests');
    });

    it('answers unknown resources with 404 NOT_FOUND in Salesforce’s error shape', async () => {
      const response = await raw(t.org, '/services/data/v64.0/nothing-here');
      expect(response.status).toBe(404);
      expect(response.body).toEqual([{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
    });
  });

  describe('identity', () => {
    it('answers userinfo, the running User and the Organization', async () => {
      const info = await t.conn.request<Record<string, unknown>>('/services/oauth2/userinfo');
      expect(info).toMatchObject({ user_id: t.org.userId, organization_id: t.org.orgId, preferred_username: t.org.username });
      const user = await t.conn.request<Record<string, unknown>>(`/services/data/v64.0/sobjects/User/${t.org.userId}`);
      expect(user.Username).toBe(t.org.username);
      const org = await t.conn.query('SELECT Name, InstanceName, IsSandbox, TrialExpirationDate, NamespacePrefix, OrganizationType FROM Organization');
      expect(org.records[0]).toMatchObject({ IsSandbox: false, TrialExpirationDate: null, NamespacePrefix: null, OrganizationType: 'Developer Edition' });
      expect(org.records[0].attributes?.url).toBe(`/services/data/v64.0/sobjects/Organization/${t.org.orgId}`);
    });

    it('rejects ScratchOrgInfo with INVALID_TYPE and answers the SandboxProcess tooling query empty', async () => {
      const error = await rejection(t.conn.query('SELECT Id FROM ScratchOrgInfo LIMIT 1'));
      expect(error.errorCode).toBe('INVALID_TYPE');
      const sandboxes = await t.conn.tooling.query('SELECT Id, SandboxName FROM SandboxProcess');
      expect(sandboxes).toMatchObject({ totalSize: 0, done: true, records: [] });
      expect((await rejection(t.conn.tooling.query('SELECT Id FROM ApexClass'))).errorCode).toBe('INVALID_TYPE');
    });
  });

  describe('describe', () => {
    it('describes the global list and one object through HTTP', async () => {
      const global = await t.conn.describeGlobal();
      expect(global.sobjects.map((s) => s.name)).toEqual(expect.arrayContaining(['Account', 'Initiative__c']));
      const initiative = await t.conn.sobject('Initiative__c').describe();
      expect(initiative.name).toBe('Initiative__c');
      expect(initiative.fields.find((f) => f.name === 'Account__c')?.referenceTo).toEqual(['Account']);
      const basic = await t.conn.request<{ objectDescribe: { name: string }; recentItems: unknown[] }>('/services/data/v64.0/sobjects/Account');
      expect(basic.objectDescribe.name).toBe('Account');
      expect(basic).not.toHaveProperty('objectDescribe.fields');
    });

    it('answers an unknown object with NOT_FOUND', async () => {
      expect((await rejection(t.conn.sobject('Nope__c').describe())).errorCode).toBe('NOT_FOUND');
    });
  });

  describe('single records', () => {
    it('creates (201), reads, updates (204) and deletes (204) a record', async () => {
      const created = await raw(t.org, '/services/data/v64.0/sobjects/Account', { method: 'POST', body: { Name: 'Acme' } });
      expect(created.status).toBe(201);
      const { id } = created.body as { id: string };
      expect(created.body).toEqual({ id, success: true, errors: [] });

      const read = await t.conn.sobject('Account').retrieve(id);
      expect(read).toMatchObject({ Id: id, Name: 'Acme', attributes: { type: 'Account', url: `/services/data/v64.0/sobjects/Account/${id}` } });
      const some = await t.conn.request<Record<string, unknown>>(`/services/data/v64.0/sobjects/Account/${id}?fields=Name`);
      expect(Object.keys(some).sort()).toEqual(['Id', 'Name', 'attributes']);

      const patched = await raw(t.org, `/services/data/v64.0/sobjects/Account/${id}`, { method: 'PATCH', body: { Name: 'Acme Corp' } });
      expect(patched.status).toBe(204);
      expect((await t.conn.sobject('Account').retrieve(id)).Name).toBe('Acme Corp');

      const deleted = await raw(t.org, `/services/data/v64.0/sobjects/Account/${id}`, { method: 'DELETE' });
      expect(deleted.status).toBe(204);
      expect((await rejection(t.conn.sobject('Account').retrieve(id))).errorCode).toBe('NOT_FOUND');
    });

    it('turns a rejected save into a jsforce error carrying Salesforce’s errorCode and fields', async () => {
      const response = await raw(t.org, '/services/data/v64.0/sobjects/Initiative__c', { method: 'POST', body: { Name: 'No account' } });
      expect(response.status).toBe(400);
      expect(response.body).toEqual([{ message: 'Required fields are missing: [Account__c]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['Account__c'] }]);
      const error = await rejection(t.conn.sobject('Initiative__c').create({ Name: 'No account' }));
      expect(error.errorCode).toBe('REQUIRED_FIELD_MISSING');
    });

    it('upserts by external id: 201 created, 200 updated', async () => {
      const account = await t.conn.sobject('Account').create({ Name: 'Upsert Co' });
      const path = '/services/data/v64.0/sobjects/Initiative__c/Source_Opportunity_Id__c/006000000000001';
      const first = await raw(t.org, path, { method: 'PATCH', body: { Name: 'Rollout', Account__c: account.id } });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ success: true, errors: [], created: true });
      const second = await raw(t.org, path, { method: 'PATCH', body: { Name: 'Rollout, phase 2' } });
      expect(second.status).toBe(200);
      expect(second.body).toEqual({ id: (first.body as { id: string }).id, success: true, errors: [], created: false });

      const viaJsforce = await t.conn.sobject('Initiative__c').upsert({ Name: 'Third', Account__c: account.id, Source_Opportunity_Id__c: '006000000000003' }, 'Source_Opportunity_Id__c');
      expect(viaJsforce).toMatchObject({ success: true, created: true });

    });
  });

  it('answers 300 with the matching record URLs when an external id matches several records', async () => {
    // Unique external ids cannot be duplicated on the real engine: the fake engine allows upserting by Name.
    const fake = await startTestOrg({ fake: true });
    try {
      fake.org.engine.create('Account', [{ Name: 'Twin' }, { Name: 'Twin' }], { allOrNone: true });
      const twins = await raw(fake.org, '/services/data/v64.0/sobjects/Account/Name/Twin', { method: 'PATCH', body: { AnnualRevenue: 5 } });
      expect(twins.status).toBe(300);
      expect(twins.body).toHaveLength(2);
      expect((twins.body as string[]).every((url) => url.startsWith('/services/data/v64.0/sobjects/Account/001'))).toBe(true);
      expect((await rejection(fake.conn.sobject('Account').upsert({ Name: 'Twin', AnnualRevenue: 5 }, 'Name'))).errorCode).toBe('MULTIPLE_CHOICES');
    } finally {
      await fake.org.stop();
    }
  });

  describe('limits', () => {
    it('counts every call the server answers in DailyApiRequests', async () => {
      const limitsCallsBefore = t.org.stats().byKind.limits;
      const before = (await t.conn.limits()).DailyApiRequests;
      await t.conn.query('SELECT Id FROM Account');
      await t.conn.describeGlobal();
      await raw(t.org, '/services/data/');
      const after = (await t.conn.limits()).DailyApiRequests;
      expect(before.Max).toBe(15000);
      expect(before.Remaining - after.Remaining).toBe(4); // three calls, plus the first limits call itself
      expect(t.org.stats().byKind.limits - limitsCallsBefore).toBe(2);
    });
  });
});
