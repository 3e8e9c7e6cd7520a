import { beforeAll, describe, expect, it } from '@jest/globals';
import type { LocalOrgEngine, SfRecord } from '../../src/engine/index.js';
import { newEngine, ok, one } from './helpers.js';

const single = { allOrNone: false };

/** Small fixed data set; TODAY is 2026-11-23 (a Monday). */
describe('local org engine: SOQL', () => {
  let engine: LocalOrgEngine;
  let acme: string;
  let globex: string;
  let won: string;
  let initiative: string;

  const names = (soql: string): unknown[] => engine.query(soql).records.map((r) => r.Name);

  beforeAll(async () => {
    engine = await newEngine();
    acme = one(engine, 'Account', { Name: 'Acme', Industry: 'Manufacturing' });
    globex = one(engine, 'Account', { Name: 'Globex', Industry: 'Retail' });
    one(engine, 'Account', { Name: "O'Brien & Sons" });
    const product = one(engine, 'Product2', { Name: 'Platform', IsActive: true, Lifecycle__c: 'Renewable' });
    const service = one(engine, 'Product2', { Name: 'Onboarding', IsActive: true, Lifecycle__c: 'One_Time' });
    ok(
      engine.create(
        'PricebookEntry',
        [
          { Pricebook2Id: engine.standardPricebookId, Product2Id: product, UnitPrice: 100, IsActive: true },
          { Pricebook2Id: engine.standardPricebookId, Product2Id: service, UnitPrice: 50, IsActive: true },
        ],
        single,
      ),
    );
    [won] = ok(
      engine.create(
        'Opportunity',
        [
          { Name: 'Acme expansion', AccountId: acme, StageName: 'Closed Won', CloseDate: '2026-11-20', Amount: 1000 },
          { Name: 'Globex pilot', AccountId: globex, StageName: 'Closed Lost', CloseDate: '2026-10-05' },
          { Name: 'Orphan deal', StageName: 'Prospecting', CloseDate: '2027-02-10', Amount: 50 },
        ],
        single,
      ),
    );
    ok(
      engine.create(
        'OpportunityLineItem',
        [
          { OpportunityId: won, Product2Id: product, Quantity: 2, UnitPrice: 100 },
          { OpportunityId: won, Product2Id: service, Quantity: 1, UnitPrice: 50 },
        ],
        single,
      ),
    );
    initiative = one(engine, 'Initiative__c', { Name: 'Acme rollout', Account__c: acme, Opportunity__c: won, Go_Live_Date__c: '2026-01-31' });
    ok(
      engine.create(
        'Outcome_Requirement__c',
        [
          { Initiative__c: initiative, Description__c: 'Service quality', Priority__c: 'Primary', Deadline_Type__c: 'Months_After_Go_Live', Deadline_Offset_Months__c: 24 },
          { Initiative__c: initiative, Description__c: 'Wastage', Priority__c: 'Secondary', Deadline_Type__c: 'Date', Deadline_Date__c: '2026-12-01' },
        ],
        single,
      ),
    );
  });

  it('selects fields with canonical names and attributes', () => {
    const [record] = engine.query(`SELECT id, name FROM account WHERE Name = 'acme'`).records;
    expect(record).toEqual({ attributes: { type: 'Account', url: `/services/data/v64.0/sobjects/Account/${acme}` }, Id: acme, Name: 'Acme' });
  });

  it('parent relationship fields nest, and a missing parent is null', () => {
    const records = engine.query('SELECT Name, Account.Name, Account.Owner.Name FROM Opportunity ORDER BY Name').records;
    expect(records[0]).toMatchObject({ Name: 'Acme expansion', Account: { attributes: { type: 'Account' }, Name: 'Acme', Owner: { Name: 'Local Admin' } } });
    expect(records[2]).toMatchObject({ Name: 'Orphan deal', Account: null });
    const deep = engine.query('SELECT Initiative__r.Opportunity__r.Account.Name FROM Outcome_Requirement__c LIMIT 1').records[0];
    expect(deep).toMatchObject({ Initiative__r: { Opportunity__r: { Account: { Name: 'Acme' } } } });
  });

  it('child subqueries by relationship name, with their own WHERE/ORDER BY; empty children are null', () => {
    const records = engine.query(
      `SELECT Name, (SELECT Quantity, Product2.Name, Product2.Lifecycle__c FROM OpportunityLineItems WHERE Quantity > 0 ORDER BY Quantity DESC) FROM Opportunity ORDER BY Name`,
    ).records;
    const lines = records[0].OpportunityLineItems as { totalSize: number; done: boolean; records: SfRecord[] };
    expect(lines.totalSize).toBe(2);
    expect(lines.done).toBe(true);
    expect(lines.records.map((l) => (l.Product2 as SfRecord).Name)).toEqual(['Platform', 'Onboarding']);
    expect(records[1].OpportunityLineItems).toBeNull();
    const outcomes = engine.query('SELECT (SELECT Description__c FROM Outcome_Requirements__r ORDER BY Description__c) FROM Initiative__c').records[0];
    expect((outcomes.Outcome_Requirements__r as { records: SfRecord[] }).records.map((r) => r.Description__c)).toEqual(['Service quality', 'Wastage']);
  });

  it('WHERE with AND / OR / NOT and parentheses', () => {
    expect(names(`SELECT Name FROM Opportunity WHERE (StageName = 'Closed Won' OR StageName = 'Closed Lost') AND NOT Name LIKE 'Globex%'`)).toEqual(['Acme expansion']);
    expect(names(`SELECT Name FROM Opportunity WHERE NOT (IsClosed = true AND IsWon = false) ORDER BY Name`)).toEqual(['Acme expansion', 'Orphan deal']);
    expect(names(`SELECT Name FROM Opportunity WHERE IsWon = false AND (Amount > 10 OR AccountId = null)`)).toEqual(['Orphan deal']);
  });

  it('comparison operators on numbers and dates; null never matches < or >', () => {
    expect(names('SELECT Name FROM Opportunity WHERE Amount >= 50 ORDER BY Amount')).toEqual(['Orphan deal', 'Acme expansion']);
    expect(names('SELECT Name FROM Opportunity WHERE Amount < 100000 ORDER BY Name')).toEqual(['Acme expansion', 'Orphan deal']);
    expect(names('SELECT Name FROM Opportunity WHERE CloseDate <= 2026-11-20 ORDER BY CloseDate DESC')).toEqual(['Acme expansion', 'Globex pilot']);
  });

  it('= null, != null, and != including nulls (SOQL and SOSL Reference, "Comparison Operators")', () => {
    expect(names('SELECT Name FROM Opportunity WHERE AccountId = null')).toEqual(['Orphan deal']);
    expect(names('SELECT Name FROM Opportunity WHERE AccountId != null ORDER BY Name')).toEqual(['Acme expansion', 'Globex pilot']);
    expect(names(`SELECT Name FROM Account WHERE Industry != 'Retail' ORDER BY Name`)).toEqual(['Acme', "O'Brien & Sons"]);
  });

  it('IN / NOT IN lists, case-insensitive text, escaped quotes', () => {
    expect(names(`SELECT Name FROM Account WHERE Industry IN ('manufacturing', 'RETAIL') ORDER BY Name`)).toEqual(['Acme', 'Globex']);
    expect(names(`SELECT Name FROM Account WHERE Industry NOT IN ('Retail') ORDER BY Name`)).toEqual(['Acme', "O'Brien & Sons"]);
    expect(names(`SELECT Name FROM Account WHERE Name = 'O\\'Brien & Sons'`)).toEqual(["O'Brien & Sons"]);
    expect(names(`SELECT Name FROM Account WHERE Id IN ('${acme}', '${globex.slice(0, 15)}') ORDER BY Name`)).toEqual(['Acme', 'Globex']);
  });

  it('LIKE is case-insensitive with % and _', () => {
    expect(names(`SELECT Name FROM Account WHERE Name LIKE 'a%'`)).toEqual(['Acme']);
    expect(names(`SELECT Name FROM Account WHERE Name LIKE '_LOBEX'`)).toEqual(['Globex']);
    expect(names(`SELECT Name FROM Account WHERE Name LIKE '%&%'`)).toEqual(["O'Brien & Sons"]);
  });

  it('semi-joins and anti-joins', () => {
    expect(names('SELECT Name FROM Opportunity WHERE Id IN (SELECT OpportunityId FROM OpportunityLineItem WHERE Quantity >= 2)')).toEqual(['Acme expansion']);
    expect(names('SELECT Name FROM Opportunity WHERE Id NOT IN (SELECT Opportunity__c FROM Initiative__c) ORDER BY Name')).toEqual(['Globex pilot', 'Orphan deal']);
    expect(names(`SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Opportunity WHERE IsWon = true)`)).toEqual(['Acme']);
  });

  it('relationship fields and formula fields in WHERE', () => {
    expect(names(`SELECT Name FROM Opportunity WHERE Account.Industry = 'Retail'`)).toEqual(['Globex pilot']);
    const due = engine.query('SELECT Description__c, Due_Date__c FROM Outcome_Requirement__c WHERE Due_Date__c > 2027-01-01').records;
    expect(due).toEqual([expect.objectContaining({ Description__c: 'Service quality', Due_Date__c: '2028-01-31' })]);
    expect(engine.query(`SELECT Id FROM OpportunityLineItem WHERE Product2.Lifecycle__c = 'Renewable'`).totalSize).toBe(1);
  });

  it('date literals relative to the org date (SOQL and SOSL Reference, "Date Formats and Date Literals in WHERE")', () => {
    expect(names('SELECT Name FROM Opportunity WHERE CloseDate = LAST_N_DAYS:3')).toEqual(['Acme expansion']);
    expect(names('SELECT Name FROM Opportunity WHERE CloseDate = LAST_N_DAYS:2')).toEqual([]);
    expect(names('SELECT Name FROM Opportunity WHERE CloseDate = THIS_MONTH')).toEqual(['Acme expansion']);
    expect(names('SELECT Name FROM Opportunity WHERE CloseDate = LAST_MONTH')).toEqual(['Globex pilot']);
    expect(names('SELECT Name FROM Opportunity WHERE CloseDate = NEXT_90_DAYS')).toEqual(['Orphan deal']);
    expect(names('SELECT Name FROM Opportunity WHERE CloseDate < THIS_YEAR')).toEqual([]);
    expect(names('SELECT Name FROM Opportunity WHERE CloseDate > THIS_YEAR')).toEqual(['Orphan deal']);
    expect(names('SELECT Name FROM Opportunity WHERE CloseDate = N_DAYS_AGO:3')).toEqual(['Acme expansion']);
    expect(names('SELECT Name FROM Opportunity WHERE CloseDate < TODAY ORDER BY Name')).toEqual(['Acme expansion', 'Globex pilot']);
    expect(engine.query('SELECT Id FROM Account WHERE CreatedDate = TODAY').totalSize).toBe(3);
    expect(engine.query('SELECT Id FROM Account WHERE CreatedDate = YESTERDAY').totalSize).toBe(0);
    expect(engine.query('SELECT Id FROM Account WHERE CreatedDate > 2026-11-22T23:59:59Z').totalSize).toBe(3);
    expect(engine.query('SELECT Id FROM Outcome_Requirement__c WHERE Due_Date__c = NEXT_N_DAYS:8').totalSize).toBe(1);
  });

  it('ORDER BY: multiple keys, DESC, and nulls first on ASC by default, last on DESC', () => {
    expect(names('SELECT Name FROM Account ORDER BY Industry, Name')).toEqual(["O'Brien & Sons", 'Acme', 'Globex']);
    expect(names('SELECT Name FROM Account ORDER BY Industry DESC')).toEqual(['Globex', 'Acme', "O'Brien & Sons"]);
    expect(names('SELECT Name FROM Account ORDER BY Industry ASC NULLS LAST')).toEqual(['Acme', 'Globex', "O'Brien & Sons"]);
    expect(names('SELECT Name FROM Opportunity ORDER BY Account.Name DESC NULLS FIRST')).toEqual(['Orphan deal', 'Globex pilot', 'Acme expansion']);
  });

  it('LIMIT and OFFSET', () => {
    expect(names('SELECT Name FROM Account ORDER BY Name LIMIT 2')).toEqual(['Acme', 'Globex']);
    expect(names('SELECT Name FROM Account ORDER BY Name LIMIT 1 OFFSET 1')).toEqual(['Globex']);
  });

  it('COUNT() returns totalSize without records; COUNT(Id) and GROUP BY return AggregateResult rows', () => {
    expect(engine.query('SELECT COUNT() FROM Opportunity WHERE IsClosed = true')).toEqual({ totalSize: 2, done: true, records: [] });
    expect(engine.query('SELECT COUNT(Id) FROM Opportunity').records).toEqual([{ attributes: { type: 'AggregateResult' }, expr0: 3 }]);
    const grouped = engine.query('SELECT StageName, COUNT(Id) n, SUM(Amount) total FROM Opportunity GROUP BY StageName ORDER BY StageName').records;
    expect(grouped).toEqual([
      { attributes: { type: 'AggregateResult' }, StageName: 'Closed Lost', n: 1, total: null },
      { attributes: { type: 'AggregateResult' }, StageName: 'Closed Won', n: 1, total: 250 },
      { attributes: { type: 'AggregateResult' }, StageName: 'Prospecting', n: 1, total: 50 },
    ]);
  });

  it('errors: INVALID_TYPE, INVALID_FIELD with Salesforce wording, MALFORMED_QUERY', () => {
    expect(() => engine.query('SELECT Id FROM Nope__c')).toThrow(expect.objectContaining({ errorCode: 'INVALID_TYPE', httpStatus: 400 }));
    expect(() => engine.query('SELECT Id FROM ScratchOrgInfo')).toThrow(expect.objectContaining({ errorCode: 'INVALID_TYPE' }));
    let error: unknown;
    try {
      engine.query('SELECT Foo__c FROM Account');
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ errorCode: 'INVALID_FIELD' });
    expect((error as Error).message).toContain("No such column 'Foo__c' on entity 'Account'");
    expect((error as Error).message).toContain('ERROR at Row:1:Column:8');
    expect(() => engine.query('SELECT Bogus__r.Name FROM Account')).toThrow(expect.objectContaining({ errorCode: 'INVALID_FIELD' }));
    expect(() => engine.query('SELECT (SELECT Id FROM Nothing__r) FROM Account')).toThrow(expect.objectContaining({ errorCode: 'INVALID_TYPE' }));
    expect(() => engine.query('SELECT FROM Account')).toThrow(expect.objectContaining({ errorCode: 'MALFORMED_QUERY' }));
  });

  it('queryAll sees deleted records; the tooling API answers the sf CLI', async () => {
    const local = await newEngine();
    const id = one(local, 'Account', { Name: 'Gone' });
    ok(local.delete([id], single));
    expect(local.query('SELECT Id FROM Account').totalSize).toBe(0);
    expect(local.query('SELECT Id, IsDeleted FROM Account', { includeDeleted: true }).records[0]).toMatchObject({ Id: id, IsDeleted: true });
    expect(local.query('SELECT Id FROM SandboxProcess', { tooling: true }).totalSize).toBe(0);
    const org = local.query('SELECT Name, InstanceName, IsSandbox, TrialExpirationDate, NamespacePrefix, OrganizationType FROM Organization').records[0];
    expect(org).toMatchObject({ attributes: { url: expect.stringContaining(local.orgId) }, IsSandbox: false, NamespacePrefix: null, OrganizationType: 'Developer Edition' });
  });
});
