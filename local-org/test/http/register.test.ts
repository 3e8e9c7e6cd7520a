import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Org } from '@salesforce/core';
import os from 'node:os';
import { registerLocalOrg } from '../../src/register.js';
import { useTestHome } from './coreInJest.js';
import { PROJECT_DIR, startTestOrg, type TestOrg } from './helpers.js';

describe('registering the local org with @salesforce/core', () => {
  let t: TestOrg;
  let testHome: ReturnType<typeof useTestHome>;
  beforeAll(async () => {
    testHome = useTestHome(PROJECT_DIR, 'home-http');
    t = await startTestOrg();
  });
  afterAll(async () => {
    testHome.restore();
    await t.org.stop();
  });

  it('makes Org.create({ aliasOrUsername }).getConnection() query the server', async () => {
    expect(os.homedir()).toBe(testHome.home); // the real ~/.sf stays untouched
    await registerLocalOrg({ instanceUrl: t.org.instanceUrl, accessToken: t.org.accessToken, username: t.org.username, alias: 'outcomes-local-test' });
    t.org.engine.create('Account', [{ Name: 'Registered' }], { allOrNone: true });

    const org = await Org.create({ aliasOrUsername: 'outcomes-local-test' });
    expect(org.getUsername()).toBe(t.org.username);
    expect(org.getOrgId()).toBe(t.org.orgId);
    const result = await org.getConnection().query<{ Name: string }>("SELECT Name FROM Account WHERE Name = 'Registered'");
    expect(result.records.map((r) => r.Name)).toEqual(['Registered']);
  });

  it('registers again after a restart (new token, same username)', async () => {
    const restarted = await startTestOrg();
    try {
      await registerLocalOrg({ instanceUrl: restarted.org.instanceUrl, accessToken: restarted.org.accessToken, username: restarted.org.username, alias: 'outcomes-local-test' });
      const org = await Org.create({ aliasOrUsername: 'outcomes-local-test' });
      expect(org.getConnection().instanceUrl).toBe(restarted.org.instanceUrl);
      const limits = (await org.getConnection().request('/services/data/v64.0/limits')) as { DailyApiRequests: { Max: number } };
      expect(limits.DailyApiRequests.Max).toBe(15000);
    } finally {
      await restarted.org.stop();
    }
  });
});
