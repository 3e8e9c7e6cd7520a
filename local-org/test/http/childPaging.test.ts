/**
 * A child subquery with many rows comes back with its first rows and a nextRecordsUrl of its own
 * (SOQL and SOSL Reference, "Understanding Query Results": subquery results are like regular query results,
 * and queryMore may be needed to retrieve all the children).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CHILD_PAGE_SIZE } from '../../src/http/paging.js';
import { startTestOrg, type TestOrg } from './helpers.js';

type ChildResult = { totalSize: number; done: boolean; nextRecordsUrl?: string; records: Array<{ Id: string; LastName: string }> };

describe('child subquery paging', () => {
  let t: TestOrg;
  let accountId: string;
  beforeAll(async () => {
    t = await startTestOrg();
    accountId = (await t.conn.sobject('Account').create({ Name: 'Many Contacts Ltd' })).id as string;
    const contacts = Array.from({ length: 450 }, (_, i) => ({ AccountId: accountId, LastName: `Contact ${String(i).padStart(3, '0')}` }));
    for (let i = 0; i < contacts.length; i += 200) await t.conn.sobject('Contact').create(contacts.slice(i, i + 200), { allOrNone: true });
    await t.conn.sobject('Account').create({ Name: 'Few Contacts Ltd' });
  });
  afterAll(async () => {
    await t.org.stop();
  });

  it('returns the first rows of a large child result with a cursor for the rest, small ones whole', async () => {
    const result = await t.conn.query<{ Name: string; Contacts: ChildResult | null }>(
      "SELECT Name, (SELECT Id, LastName FROM Contacts ORDER BY LastName) FROM Account WHERE Name LIKE '%Contacts Ltd' ORDER BY Name",
    );
    const [few, many] = result.records;
    expect(few.Contacts).toBeNull();
    const contacts = many.Contacts as ChildResult;
    expect(contacts).toMatchObject({ totalSize: 450, done: false });
    expect(contacts.records).toHaveLength(CHILD_PAGE_SIZE);
    expect(contacts.nextRecordsUrl).toMatch(/\/services\/data\/v64\.0\/query\/01g[0-9A-Za-z]{15}-200$/);

    const rest: ChildResult['records'] = [];
    let locator = contacts.nextRecordsUrl;
    while (locator) {
      const more = (await t.conn.queryMore(locator)) as unknown as ChildResult;
      rest.push(...more.records);
      locator = more.done ? undefined : more.nextRecordsUrl;
    }
    const names = [...contacts.records, ...rest].map((c) => c.LastName);
    expect(names).toHaveLength(450);
    expect(names[0]).toBe('Contact 000');
    expect(names[449]).toBe('Contact 449');
    expect(new Set(names).size).toBe(450);
  });
});
