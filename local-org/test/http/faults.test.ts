import { afterEach, describe, expect, it } from '@jest/globals';
import { raw, rejection, startTestOrg, type TestOrg } from './helpers.js';

const LIMITS = '/services/data/v64.0/limits';

async function statuses(t: TestOrg, calls: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < calls; i++) out.push((await raw(t.org, LIMITS)).status);
  return out;
}

describe('fault injection', () => {
  let t: TestOrg | undefined;
  afterEach(async () => {
    await t?.org.stop();
    t = undefined;
  });

  it('answers a seeded share of calls 503 SERVER_UNAVAILABLE, the same calls on every run', async () => {
    t = await startTestOrg({ faults: { unavailableShare: 0.3 }, seed: 42 });
    const first = await statuses(t, 200);
    const failed = first.filter((s) => s === 503).length;
    expect(failed).toBeGreaterThan(30);
    expect(failed).toBeLessThan(90);
    let response = await raw(t.org, LIMITS);
    for (let i = 0; i < 50 && response.status !== 503; i++) response = await raw(t.org, LIMITS);
    expect(response.body).toEqual([{ message: 'Server is unavailable, please try again later.', errorCode: 'SERVER_UNAVAILABLE' }]);
    expect(t.org.stats().faults.unavailable).toBeGreaterThanOrEqual(failed);

    t.org.setFaults({ seed: 42 }); // same seed, same sequence
    expect(await statuses(t, 200)).toEqual(first);
  });

  it('answers a share of calls 403 REQUEST_LIMIT_EXCEEDED, which jsforce reports with that errorCode', async () => {
    t = await startTestOrg({ faults: { rateLimitShare: 1 } });
    const error = await rejection(t.conn.query('SELECT Id FROM Account'));
    expect(error.errorCode).toBe('REQUEST_LIMIT_EXCEEDED');
    expect(error.message).not.toMatch(/TotalRequests/);
    // Faults never touch the admin surface.
    expect((await raw(t.org, '/__local/stats')).status).toBe(200);
  });

  it('refuses every call past the daily cap with "TotalRequests Limit exceeded." and shows it in limits', async () => {
    t = await startTestOrg({ apiCallCap: 5 });
    const limits = (await raw(t.org, LIMITS)).body as { DailyApiRequests: { Max: number; Remaining: number } };
    expect(limits.DailyApiRequests).toEqual({ Max: 5, Remaining: 4 });
    expect(await statuses(t, 6)).toEqual([200, 200, 200, 200, 403, 403]);
    const refused = await raw(t.org, LIMITS);
    expect(refused.body).toEqual([{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
    expect(t.org.stats().apiCalls).toBe(5);

    await raw(t.org, '/__local/stats/reset', { method: 'POST' }); // a new day
    expect((await raw(t.org, LIMITS)).status).toBe(200);
  });

  it('fails a share of records inside a collection call with UNABLE_TO_LOCK_ROW and writes the rest', async () => {
    t = await startTestOrg({ faults: { lockRowShare: 0.25 }, seed: 7 });
    const records = Array.from({ length: 100 }, (_, i) => ({ Name: `Locked ${i}` }));
    const results = await t.conn.sobject('Account').create(records, { allOrNone: false });
    const locked = results.filter((r) => !r.success);
    expect(locked.length).toBeGreaterThan(5);
    expect(locked.length).toBeLessThan(50);
    expect(locked.every((r) => (r as unknown as { errors: Array<{ statusCode: string }> }).errors[0].statusCode === 'UNABLE_TO_LOCK_ROW')).toBe(true);
    expect((await t.conn.query("SELECT Id FROM Account WHERE Name LIKE 'Locked%'")).totalSize).toBe(100 - locked.length);
    expect(t.org.stats().faults.lockedRows).toBe(locked.length);

    // With allOrNone the whole call rolls back.
    const atomic = await t.conn.sobject('Account').create(Array.from({ length: 50 }, (_, i) => ({ Name: `Atomic lock ${i}` })), { allOrNone: true });
    expect(atomic.every((r) => !r.success)).toBe(true);
    expect((await t.conn.query("SELECT Id FROM Account WHERE Name LIKE 'Atomic lock%'")).totalSize).toBe(0);
  });

  it('fails locked rows inside bulk jobs as failed results', async () => {
    t = await startTestOrg({ faults: { lockRowShare: 0.2 }, seed: 3 });
    const input = Array.from({ length: 200 }, (_, i) => ({ Name: `Bulk lock ${i}` }));
    const results = await t.conn.bulk2.loadAndWaitForResults({ object: 'Account', operation: 'insert', input, pollInterval: 20, pollTimeout: 10_000 });
    expect(results.failedResults.length).toBeGreaterThan(10);
    expect(results.failedResults.every((r) => String(r.sf__Error).startsWith('UNABLE_TO_LOCK_ROW:'))).toBe(true);
    expect(results.successfulResults.length + results.failedResults.length).toBe(200);
  });

  it('sets faults through the admin endpoint and rejects unknown settings', async () => {
    t = await startTestOrg();
    const set = await raw(t.org, '/__local/faults', { method: 'POST', body: { latencyMs: 30, seed: 9 } });
    expect(set.body).toMatchObject({ latencyMs: 30, seed: 9, unavailableShare: 0 });
    const started = Date.now();
    await raw(t.org, LIMITS);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    const typo = await raw(t.org, '/__local/faults', { method: 'POST', body: { unavailable: 0.5 } });
    expect(typo.status).toBe(400);
    expect((typo.body as Array<{ message: string }>)[0].message).toMatch(/Unknown fault setting\(s\): unavailable/);
  });
});
