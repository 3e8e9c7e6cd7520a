/**
 * HAVING and the clauses the local org does not carry out, through jsforce's query call. HAVING follows the
 * SOQL and SOSL Reference ("HAVING", "Aggregate Functions"); a clause the org cannot honour answers 400
 * MALFORMED_QUERY instead of being ignored.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { rejection, startTestOrg, type TestOrg } from './helpers.js';

describe('SOQL HAVING and refused clauses', () => {
  let t: TestOrg;
  beforeAll(async () => {
    t = await startTestOrg();
    // Three accounts with 3, 2 and 1 initiatives.
    const accounts = t.org.engine.create('Account', [{ Name: 'Having A', Industry: 'Banking' }, { Name: 'Having B', Industry: 'Banking' }, { Name: 'Having C', Industry: 'Energy' }], { allOrNone: true });
    const [a, b, c] = accounts.map((r) => String(r.id));
    const initiative = (name: string, account: string, value: number): Record<string, unknown> => ({ Name: name, Account__c: account, Annual_Contract_Value__c: value });
    const created = t.org.engine.create(
      'Initiative__c',
      [initiative('A1', a, 100), initiative('A2', a, 200), initiative('A3', a, 300), initiative('B1', b, 1000), initiative('B2', b, 50), initiative('C1', c, 10)],
      { allOrNone: true },
    );
    if (created.some((r) => !r.success)) throw new Error(JSON.stringify(created));
  });
  afterAll(async () => {
    await t.org.stop();
  });

  type Row = { Name?: string; n: number; total?: number };
  const names = async (soql: string): Promise<string[]> => ((await t.conn.query<Row>(soql)).records.map((r) => r.Name ?? '')).sort();

  it('keeps only the groups HAVING accepts: COUNT, SUM, MAX, with AND / OR / NOT', async () => {
    const base = "SELECT Account__r.Name Name, COUNT(Id) n FROM Initiative__c WHERE Account__r.Name LIKE 'Having%' GROUP BY Account__r.Name";
    expect(await names(base)).toEqual(['Having A', 'Having B', 'Having C']);
    expect(await names(`${base} HAVING COUNT(Id) > 100`)).toEqual([]);
    expect(await names(`${base} HAVING COUNT(Id) >= 2`)).toEqual(['Having A', 'Having B']);
    expect(await names(`${base} HAVING COUNT(Id) = 1`)).toEqual(['Having C']);
    expect(await names(`${base} HAVING SUM(Annual_Contract_Value__c) > 500`)).toEqual(['Having A', 'Having B']);
    expect(await names(`${base} HAVING COUNT(Id) > 1 AND MAX(Annual_Contract_Value__c) < 500`)).toEqual(['Having A']);
    expect(await names(`${base} HAVING COUNT(Id) = 1 OR (SUM(Annual_Contract_Value__c) > 1000 AND NOT COUNT(Id) > 2)`)).toEqual(['Having B', 'Having C']);
    expect(await names(`${base} HAVING COUNT(Id) IN (1, 3)`)).toEqual(['Having A', 'Having C']);
  });

  it('filters on a grouped field in HAVING, and refuses a field that is neither grouped nor aggregated', async () => {
    const soql = "SELECT Account__r.Industry Industry, COUNT(Id) n FROM Initiative__c WHERE Account__r.Name LIKE 'Having%' GROUP BY Account__r.Industry HAVING Account__r.Industry LIKE 'Bank%'";
    const result = await t.conn.query<{ Industry: string; n: number }>(soql);
    expect(result.records.map((r) => [r.Industry, r.n])).toEqual([['Banking', 5]]);
    const error = await rejection(t.conn.query('SELECT Account__c, COUNT(Id) FROM Initiative__c GROUP BY Account__c HAVING Name = \'A1\''));
    expect(error.errorCode).toBe('MALFORMED_QUERY');
  });

  it('refuses clauses it does not carry out instead of ignoring them', async () => {
    for (const soql of [
      'SELECT Id FROM Account USING SCOPE mine',
      'SELECT Id FROM Account FOR VIEW',
      'SELECT Id FROM Account FOR UPDATE',
      'SELECT Id FROM Account UPDATE TRACKING',
      'SELECT Id, (SELECT Id FROM Initiatives__r GROUP BY Id) FROM Account',
      'SELECT Account__c FROM Initiative__c GROUP BY ROLLUP(Account__c)',
    ]) {
      const error = await rejection(t.conn.query(soql));
      expect({ soql, errorCode: error.errorCode }).toEqual({ soql, errorCode: 'MALFORMED_QUERY' });
    }
    // The only user is an administrator: security enforcement changes nothing and is accepted.
    expect((await t.conn.query("SELECT Id FROM Account WHERE Name = 'Having A' WITH SECURITY_ENFORCED")).totalSize).toBe(1);
  });
});
