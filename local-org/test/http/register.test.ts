import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Lifecycle, Org, StateAggregator } from '@salesforce/core';
import { registerLocalOrg } from '../../src/register.js';
import { useTestHome } from './coreInJest.js';
import { PROJECT_DIR, startTestOrg, type TestOrg } from './helpers.js';

describe('registering the local org with @salesforce/core', () => {
  let t: TestOrg;
  let testHome: ReturnType<typeof useTestHome>;
  const notes: string[] = [];
  const notify = (message: string): void => {
    notes.push(message);
  };
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
    await registerLocalOrg({ instanceUrl: t.org.instanceUrl, accessToken: t.org.accessToken, username: t.org.username, alias: 'outcomes-local-test' }, notify);
    t.org.engine.create('Account', [{ Name: 'Registered' }], { allOrNone: true });

    const org = await Org.create({ aliasOrUsername: 'outcomes-local-test' });
    expect(org.getUsername()).toBe(t.org.username);
    expect(org.getOrgId()).toBe(t.org.orgId);
    const result = await org.getConnection().query<{ Name: string }>("SELECT Name FROM Account WHERE Name = 'Registered'");
    expect(result.records.map((r) => r.Name)).toEqual(['Registered']);
  });

  it('prints no warning about http for the loopback address it is served on, and leaves no warning listener behind', async () => {
    const processWarnings: string[] = [];
    const spy = jest.spyOn(process, 'emitWarning').mockImplementation((w: string | Error) => {
      processWarnings.push(String(w));
    });
    // @salesforce/core warns once per origin: a new org, on a port of its own, is a new origin.
    const fresh = await startTestOrg();
    try {
      await registerLocalOrg({ instanceUrl: fresh.org.instanceUrl, accessToken: fresh.org.accessToken, username: fresh.org.username, alias: 'outcomes-fresh' }, notify);
    } finally {
      spy.mockRestore();
      await fresh.org.stop();
    }
    expect(processWarnings.filter((w) => w.includes('insecure protocol'))).toEqual([]);
    expect(notes.filter((n) => n.includes('insecure protocol'))).toEqual([]);
    expect(Lifecycle.getInstance().getListeners(Lifecycle.warningEventName)).toHaveLength(0);
  });

  it('gives every started org its own username and org id, so a second one does not take the first one’s place', async () => {
    const second = await startTestOrg();
    try {
      expect(second.org.username).not.toBe(t.org.username);
      expect(second.org.orgId).not.toBe(t.org.orgId);
      expect(second.org.userId).not.toBe(t.org.userId);
      await registerLocalOrg({ instanceUrl: second.org.instanceUrl, accessToken: second.org.accessToken, username: second.org.username, alias: 'outcomes-second' }, notify);
      expect((await Org.create({ aliasOrUsername: 'outcomes-second' })).getOrgId()).toBe(second.org.orgId);
      expect((await Org.create({ aliasOrUsername: 'outcomes-local-test' })).getOrgId()).toBe(t.org.orgId);
    } finally {
      await second.org.stop();
    }
  });

  it('refuses to re-point an alias that names another running org, and leaves it where it was', async () => {
    const other = await startTestOrg();
    try {
      await expect(
        registerLocalOrg({ instanceUrl: other.org.instanceUrl, accessToken: other.org.accessToken, username: other.org.username, alias: 'outcomes-local-test' }, notify),
      ).rejects.toThrow(/alias "outcomes-local-test" names .* still running/);
      expect((await Org.create({ aliasOrUsername: 'outcomes-local-test' })).getOrgId()).toBe(t.org.orgId);
    } finally {
      await other.org.stop();
    }
  });

  it('refuses to re-point an alias that names an org which is not local', async () => {
    const state = await StateAggregator.getInstance();
    state.orgs.set('someone@real-company.example', { username: 'someone@real-company.example', instanceUrl: 'https://real-company.my.salesforce.com', orgId: '00D000000000002AAA' });
    await state.orgs.write('someone@real-company.example');
    await state.aliases.setAndSave('outcomes-real', 'someone@real-company.example');
    StateAggregator.clearInstance();
    await expect(registerLocalOrg({ instanceUrl: t.org.instanceUrl, accessToken: t.org.accessToken, username: t.org.username, alias: 'outcomes-real' }, notify)).rejects.toThrow(
      /names someone@real-company.example at https:\/\/real-company.my.salesforce.com, which is not a local org/,
    );
  });

  it('moves an alias from a local org that has stopped to its successor, and says so', async () => {
    const first = await startTestOrg();
    await registerLocalOrg({ instanceUrl: first.org.instanceUrl, accessToken: first.org.accessToken, username: first.org.username, alias: 'outcomes-restart' }, notify);
    await first.org.stop();
    const restarted = await startTestOrg();
    try {
      notes.length = 0;
      await registerLocalOrg({ instanceUrl: restarted.org.instanceUrl, accessToken: restarted.org.accessToken, username: restarted.org.username, alias: 'outcomes-restart' }, notify);
      expect(notes).toEqual([`Alias "outcomes-restart" moved from ${first.org.username} (a local org that has stopped) to ${restarted.org.username}.`]);
      const org = await Org.create({ aliasOrUsername: 'outcomes-restart' });
      expect(org.getConnection().instanceUrl).toBe(restarted.org.instanceUrl);
      const limits = await org.getConnection().request<{ DailyApiRequests: { Max: number } }>('/services/data/v64.0/limits');
      expect(limits.DailyApiRequests.Max).toBe(15000);
      expect(await (await StateAggregator.getInstance()).orgs.hasFile(first.org.username)).toBe(false); // the stopped org's auth file is gone
    } finally {
      await restarted.org.stop();
    }
  });

  it('registers again a restart that keeps its username (new token)', async () => {
    const again = await startTestOrg({ username: t.org.username });
    try {
      await registerLocalOrg({ instanceUrl: again.org.instanceUrl, accessToken: again.org.accessToken, username: again.org.username, alias: 'outcomes-local-test' }, notify);
      expect((await Org.create({ aliasOrUsername: 'outcomes-local-test' })).getConnection().instanceUrl).toBe(again.org.instanceUrl);
    } finally {
      await again.org.stop();
    }
  });
});
