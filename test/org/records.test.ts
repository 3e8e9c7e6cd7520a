/**
 * Query rows become typed records through the zod schemas of src/core/schemas.ts: a value of the wrong type from
 * the org is an error naming the record and the field, never a silent cast.
 */
import { describe, expect, it } from '@jest/globals';
import { initiativeSchema } from '../../src/core/schemas.js';
import { parentName, readRecord, UnexpectedRecordError } from '../../src/org/records.js';
import { toExistingTask, toRenewalInputs, toSourceOpportunity, toTeamMember } from '../../src/org/queries/handoverRows.js';

const OPPORTUNITY = '0065g000000000zAAA';

describe('readRecord', () => {
  it('reads a blank optional field as null and leaves out what the schema does not name', () => {
    const schema = initiativeSchema.pick({ Name: true, Go_Live_Date__c: true, Next_Renewal_Date__c: true });
    const record = readRecord(schema, { attributes: { type: 'Initiative__c' }, Name: 'Faster releases', Go_Live_Date__c: null }, 'Initiative__c a025g0000000001AAA');
    expect(record).toEqual({ Name: 'Faster releases', Go_Live_Date__c: null, Next_Renewal_Date__c: null });
  });

  it('refuses a value of the wrong type, naming the record and the field', () => {
    const schema = initiativeSchema.pick({ Annual_Contract_Value__c: true });
    const read = (): unknown => readRecord(schema, { Annual_Contract_Value__c: '12,000' }, 'Initiative__c a025g0000000001AAA');
    expect(read).toThrow(UnexpectedRecordError);
    expect(read).toThrow(/Initiative__c a025g0000000001AAA: Annual_Contract_Value__c must be a finite number, got "12,000"/);
  });
});

describe('handover and renewal rows', () => {
  const opportunity = {
    Id: OPPORTUNITY,
    Name: 'Acme – claims portal',
    AccountId: '0015g000000000CAAQ',
    IsWon: true,
    CloseDate: '2026-10-01',
    Amount: 120000,
    Contract: { EndDate: '2027-09-30' },
    Account: { OwnerId: '0055g0000000001AAA', Owner: { IsActive: true } },
    Expected_Go_Live_Date__c: null,
    Handover_Status__c: null,
    OpportunityLineItems: { totalSize: 0, done: true, records: [] },
  };

  it('reads a won opportunity with its parents', () => {
    expect(toSourceOpportunity(opportunity, 'OpportunityLineItems')).toMatchObject({
      id: OPPORTUNITY,
      isWon: true,
      amount: 120000,
      contractEndDate: '2027-09-30',
      accountOwnerId: '0055g0000000001AAA',
      lines: [],
    });
  });

  it.each([
    [{ Amount: '120000' }, /Opportunity 0065g000000000zAAA: Amount must be a finite number/],
    [{ CloseDate: '2026-02-30' }, /Opportunity 0065g000000000zAAA: CloseDate "2026-02-30" is not a day of 2026-02/],
    [{ Handover_Status__c: 'Done' }, /Opportunity 0065g000000000zAAA: Handover_Status__c/],
    [{ IsWon: 'true' }, /Opportunity 0065g000000000zAAA: IsWon must be true or false/],
  ])('refuses %j, naming the record and the field', (change, message) => {
    expect(() => toSourceOpportunity({ ...opportunity, ...change }, 'OpportunityLineItems')).toThrow(message);
  });

  it('names a line item and its product field', () => {
    const line = { Id: '00k5g000000000AAAA', ServiceDate: '2026-10-01', Term_Months__c: 12, End_Date__c: null, Product2: { Default_Term_Months__c: 'twelve' }, Opportunity: null };
    expect(() => toRenewalInputs(line)).toThrow(/OpportunityLineItem 00k5g000000000AAAA: .*Default_Term_Months__c/);
  });

  it('reads tasks and team members of standard objects through their schemas', () => {
    expect(toExistingTask({ Id: '00T5g0000000001EAA', WhatId: null, Subject: 'Review handover: Acme', IsClosed: false }, 'a025g000000000LAAQ')).toEqual({
      id: '00T5g0000000001EAA',
      whatId: 'a025g000000000LAAQ',
      subject: 'Review handover: Acme',
      isClosed: false,
    });
    expect(toTeamMember({ AccountId: '0015g000000000CAAQ', UserId: '0055g0000000002AAA', User: { IsActive: false } })).toEqual({
      accountId: '0015g000000000CAAQ',
      userId: '0055g0000000002AAA',
      userActive: false,
    });
    expect(() => toTeamMember({ AccountId: '0015g000000000CAAQ', UserId: 42 })).toThrow(/AccountTeamMember .*UserId must be a record id, got 42/);
  });
});

describe('parentName', () => {
  it("reads a parent's Name, null without a parent, and refuses a Name that is not text", () => {
    expect(parentName({ Account__r: { attributes: { type: 'Account' }, Name: 'Acme' } }, 'Account__r', 'Initiative__c a025g0000000001AAA')).toBe('Acme');
    expect(parentName({ Account__r: null }, 'Account__r', 'Initiative__c a025g0000000001AAA')).toBeNull();
    expect(() => parentName({ Account__r: { Name: 7 } }, 'Account__r', 'Initiative__c a025g0000000001AAA')).toThrow(
      /Initiative__c a025g0000000001AAA: Account__r.Name must be text, got 7/,
    );
  });
});
