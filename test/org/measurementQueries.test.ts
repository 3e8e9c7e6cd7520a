/**
 * The pure parts of the measurement import's outcome lookup (src/org/queries/measurements.ts): how many pages a
 * read of every outcome still needs, and which outcomes of such a read the file names. The lookups against the
 * local org are tested in test/commands/measurements-import-lookups.test.ts.
 */
import { describe, expect, it } from '@jest/globals';
import { allOutcomesSoql, chunkByLength, outcomesByReferenceSoql, pagesLeft, referenceMatcher } from '../../src/org/queries/measurements.js';

describe('pagesLeft', () => {
  it.each([
    // fetched, total, pages still to read
    [2000, 14_012, 7], // 12,012 rows left in pages of 2,000
    [2000, 4000, 1],
    [2000, 2001, 1],
    [1500, 1500, 0], // one page held them all
    [0, 0, 0], // no outcome at all
    [500, 1600, 3], // the org chose pages of 500: 1,100 rows left
  ])('after %i of %i rows: %i', (fetched, total, expected) => {
    expect(pagesLeft(fetched, total)).toBe(expected);
  });

  it('cannot tell from an empty first page of a non-empty result, so counts it as endless', () => {
    expect(pagesLeft(0, 10)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('referenceMatcher', () => {
  const row = (Id: string, External_Id__c: string | null): Record<string, unknown> => ({ Id, External_Id__c });
  const named = referenceMatcher(['OUT-000001', 'a02000000000007', 'a02000000000009AAC']);

  it('finds outcomes by External_Id__c ignoring case, as Salesforce compares text', () => {
    expect(named(row('a02000000000001AAA', 'OUT-000001'))).toBe(true);
    expect(named(row('a02000000000001AAA', 'out-000001'))).toBe(true);
    expect(named(row('a02000000000002AAA', 'OUT-000002'))).toBe(false);
    expect(named(row('a02000000000003AAA', null))).toBe(false);
  });

  it('finds outcomes by their 15- or 18-character record Id, which is case-sensitive', () => {
    expect(named(row('a02000000000007AAQ', 'OUT-000007'))).toBe(true);
    expect(named(row('a02000000000009AAC', null))).toBe(true);
    expect(named(row('A02000000000009AAC', null))).toBe(false);
  });
});

describe('the lookup queries', () => {
  it('reads every outcome with the fields and measurements the planner compares', () => {
    expect(allOutcomesSoql()).toBe(
      'SELECT Id, External_Id__c, (SELECT Id, External_Id__c, Measured_On__c, Value__c, Source__c, Notes__c FROM Measurements__r) FROM Outcome_Requirement__c',
    );
  });

  it('escapes every reference of an IN-list, and lists only real Ids under Id', () => {
    expect(outcomesByReferenceSoql(["OUT-1' OR Name != '", 'a02000000000007'])).toMatch(
      /WHERE External_Id__c IN \('OUT-1\\' OR Name != \\'','a02000000000007'\) OR Id IN \('a02000000000007'\)$/,
    );
  });

  it('splits references by the characters they add, so 14,012 short external ids need 41 queries', () => {
    const references = Array.from({ length: 14_012 }, (_, i) => `OUT-${String(i + 1).padStart(6, '0')}`);
    // Each costs 10 × 2 + 3 = 23 of 8,000 characters: 347 a query.
    const chunks = chunkByLength(references, 8000);
    expect(chunks[0]).toHaveLength(347);
    expect(chunks).toHaveLength(Math.ceil(14_012 / 347));
  });
});
