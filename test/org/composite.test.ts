/** runComposite against the local org: queries and their pages, and a query with more rows than the caller can use. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApiUsage } from '../../src/org/apiUsage.js';
import { runComposite } from '../../src/org/composite.js';
import type { OrgConnection } from '../../src/org/connection.js';
import { API_VERSION, startTestOrg, type TestOrg } from '../commands/harness.js';

describe('runComposite', () => {
  let env: TestOrg;
  let conn: OrgConnection;

  beforeAll(async () => {
    env = await startTestOrg();
    // The commands' connection is @salesforce/core's, which names its API version this way; jsforce's does not.
    conn = Object.assign(env.conn, { getApiVersion: () => API_VERSION }) as unknown as OrgConnection;
  }, 60_000);

  afterAll(async () => {
    await env?.stop();
  });

  it('reads every row of each query, and stops at the first page of one with more rows than maxRows', async () => {
    const queries = [
      { referenceId: 'lines', query: 'SELECT Id FROM OpportunityLineItem' },
      { referenceId: 'accounts', query: 'SELECT Id FROM Account LIMIT 3' },
    ];
    const all = new ApiUsage();
    const whole = await runComposite(conn, queries, all);
    const lines = whole.records('lines').length;
    expect(lines).toBeGreaterThan(3);
    expect(whole.tooMany('lines')).toBe(false);

    const capped = new ApiUsage();
    const answer = await runComposite(conn, queries, capped, { maxRows: 3 });
    expect(answer.tooMany('lines')).toBe(true);
    expect(answer.tooMany('accounts')).toBe(false);
    expect(answer.records('accounts')).toHaveLength(3);
    // One composite call, no page followed.
    expect(capped.snapshot().total).toBe(1);
    expect(capped.snapshot().queryMore).toBe(0);
  });
});
