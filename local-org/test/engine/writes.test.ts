import { beforeEach, describe, expect, it } from '@jest/globals';
import type { LocalOrgEngine } from '../../src/engine/index.js';
import { OrgApiError } from '../../src/engine/index.js';
import { caseSafeSuffix, normalizeId } from '../../src/store/ids.js';
import { codes, newEngine, ok, one } from './helpers.js';

const single = { allOrNone: false };

describe('local org engine: writes', () => {
  let engine: LocalOrgEngine;
  let accountId: string;
  let initiativeId: string;

  beforeEach(async () => {
    engine = await newEngine();
    accountId = one(engine, 'Account', { Name: 'Acme' });
    initiativeId = one(engine, 'Initiative__c', { Name: 'Plant rollout', Account__c: accountId, Go_Live_Date__c: '2024-01-31' });
  });

  describe('Ids', () => {
    it('gives 18-character Ids with the key prefix and the case-safe suffix', () => {
      expect(accountId).toHaveLength(18);
      expect(accountId.startsWith('001')).toBe(true);
      expect(caseSafeSuffix(accountId.slice(0, 15))).toBe(accountId.slice(15));
      expect(engine.sobjectOfId(initiativeId)).toBe('Initiative__c');
    });

    it('computes the suffix as Salesforce does (documented example 001A0000006Vm9r → 001A0000006Vm9rIAC)', () => {
      // REST API Developer Guide / Salesforce Help, "What is a Case-Safe ID": 15 → 18 characters.
      expect(normalizeId('001A0000006Vm9r')).toBe('001A0000006Vm9rIAC');
      expect(normalizeId('001A0000006Vm9rIAC'.toLowerCase().slice(0, 15))).not.toBe('001A0000006Vm9rIAC');
      expect(normalizeId('not-an-id')).toBeNull();
    });
  });

  describe('create, retrieve, update, delete', () => {
    it('stores system fields and returns them on retrieve', () => {
      const account = engine.retrieve('Account', accountId);
      expect(account).toMatchObject({ attributes: { type: 'Account' }, Id: accountId, Name: 'Acme', OwnerId: engine.userId, IsDeleted: false });
      expect(String(account.CreatedDate)).toMatch(/^2026-11-23T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
      expect(engine.retrieve('Account', accountId, ['Name'])).toEqual({ attributes: account.attributes, Name: 'Acme' });
    });

    it('updates and deletes; a deleted record is gone from retrieve and reports ENTITY_IS_DELETED on update', () => {
      ok(engine.update('Account', [{ Id: accountId, Name: 'Acme Corp' }], single));
      expect(engine.retrieve('Account', accountId).Name).toBe('Acme Corp');
      const other = one(engine, 'Account', { Name: 'Other' });
      ok(engine.delete([other], single));
      expect(() => engine.retrieve('Account', other)).toThrow(OrgApiError);
      expect(codes(engine.update(null, [{ Id: other, Name: 'x' }], single)[0])).toEqual(['ENTITY_IS_DELETED']);
      expect(codes(engine.delete([other], single)[0])).toEqual(['ENTITY_IS_DELETED']);
    });

    it('retrieve of an unknown record or type is 404 NOT_FOUND', () => {
      expect(() => engine.retrieve('Account', '001000000000000AAA')).toThrow(expect.objectContaining({ httpStatus: 404, errorCode: 'NOT_FOUND' }));
      expect(() => engine.describe('Nope__c')).toThrow(expect.objectContaining({ httpStatus: 404, errorCode: 'NOT_FOUND' }));
    });
  });

  describe('Salesforce write errors', () => {
    it('REQUIRED_FIELD_MISSING names the missing fields', () => {
      const [result] = engine.create('Opportunity', [{ Name: 'Deal' }], single);
      expect(result.success).toBe(false);
      expect(result.errors[0]).toMatchObject({ statusCode: 'REQUIRED_FIELD_MISSING', fields: ['StageName', 'CloseDate'] });
    });

    it('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST for a value outside the metadata value set', () => {
      const [result] = engine.create('Initiative__c', [{ Name: 'X', Account__c: accountId, Status__c: 'Sleeping' }], single);
      expect(result.errors[0]).toMatchObject({ statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', fields: ['Status__c'] });
      expect(result.errors[0].message).toContain('Sleeping');
    });

    it('STRING_TOO_LONG past the field length', () => {
      const [result] = engine.create('Initiative__c', [{ Name: 'x'.repeat(81), Account__c: accountId }], single);
      expect(result.errors[0]).toMatchObject({ statusCode: 'STRING_TOO_LONG', fields: ['Name'] });
      expect(result.errors[0].message).toContain('max length=80');
    });

    it('DUPLICATE_VALUE on a unique external id, naming the record that has it', () => {
      one(engine, 'Initiative__c', { Name: 'A', Account__c: accountId, Source_Opportunity_Id__c: 'OPP-1' });
      const [result] = engine.create('Initiative__c', [{ Name: 'B', Account__c: accountId, Source_Opportunity_Id__c: 'opp-1' }], single);
      expect(result.errors[0].statusCode).toBe('DUPLICATE_VALUE');
      expect(result.errors[0].message).toMatch(/Source_Opportunity_Id__c duplicates value on record with id: a\w{17}/);
    });

    it('INVALID_FIELD for an unknown field, INVALID_FIELD_FOR_INSERT_UPDATE for computed ones', () => {
      expect(engine.create('Account', [{ Name: 'A', Colour__c: 'red' }], single)[0].errors[0]).toMatchObject({ statusCode: 'INVALID_FIELD', fields: ['Colour__c'] });
      const [computed] = engine.create('Initiative__c', [{ Name: 'A', Account__c: accountId, Outcome_Count__c: 3 }], single);
      expect(computed.errors[0]).toMatchObject({ statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE', fields: ['Outcome_Count__c'] });
      const [id] = engine.create('Account', [{ Id: accountId, Name: 'A' }], single);
      expect(codes(id)).toEqual(['INVALID_FIELD_FOR_INSERT_UPDATE']);
    });

    it('references: MALFORMED_ID, wrong object (FIELD_INTEGRITY_EXCEPTION), missing parent (INVALID_CROSS_REFERENCE_KEY)', () => {
      const make = (parent: string) => engine.create('Outcome_Requirement__c', [{ Initiative__c: parent, Description__c: 'd' }], single)[0];
      expect(codes(make('garbage'))).toEqual(['MALFORMED_ID']);
      expect(codes(make(accountId))).toEqual(['FIELD_INTEGRITY_EXCEPTION']);
      const missing = `${initiativeId.slice(0, 14)}Z`;
      const result = make(missing);
      expect(codes(result)).toEqual(['INVALID_CROSS_REFERENCE_KEY']);
      expect(result.errors[0].fields).toEqual(['Initiative__c']);
    });

    it('master-detail parent missing entirely → REQUIRED_FIELD_MISSING', () => {
      const [result] = engine.create('Outcome_Requirement__c', [{ Description__c: 'd' }], single);
      expect(result.errors[0]).toMatchObject({ statusCode: 'REQUIRED_FIELD_MISSING', fields: ['Initiative__c'] });
    });

    it('INVALID_TYPE for an unknown sObject', () => {
      expect(() => engine.create('Nope__c', [{ Name: 'x' }], single)).toThrow(expect.objectContaining({ errorCode: 'INVALID_TYPE' }));
      expect(codes(engine.create('', [{ attributes: { type: 'Nope__c' }, Name: 'x' }], single)[0])).toEqual(['INVALID_TYPE']);
    });

    it('update with a malformed or missing Id', () => {
      expect(codes(engine.update('Account', [{ Id: 'bad', Name: 'x' }], single)[0])).toEqual(['MALFORMED_ID']);
      expect(codes(engine.update('Account', [{ Name: 'x' }], single)[0])).toEqual(['MISSING_ARGUMENT']);
      expect(codes(engine.update('Account', [{ Id: initiativeId, Name: 'x' }], single)[0])).toEqual(['MALFORMED_ID']);
    });
  });

  describe('validation rules from force-app metadata', () => {
    it('a dated deadline without a date fails with FIELD_CUSTOM_VALIDATION_EXCEPTION on Deadline_Date__c', () => {
      const [result] = engine.create('Outcome_Requirement__c', [{ Initiative__c: initiativeId, Description__c: 'd', Deadline_Type__c: 'Date' }], single);
      expect(result.errors).toEqual([expect.objectContaining({ statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', fields: ['Deadline_Date__c'] })]);
      ok(engine.create('Outcome_Requirement__c', [{ Initiative__c: initiativeId, Description__c: 'd', Deadline_Type__c: 'Date', Deadline_Date__c: '2027-01-01' }], single));
    });

    it('TODAY() is the org date: a measurement dated after it fails, one dated on it passes', () => {
      const outcome = one(engine, 'Outcome_Requirement__c', { Initiative__c: initiativeId, Description__c: 'd' });
      const [future] = engine.create('Measurement__c', [{ Outcome_Requirement__c: outcome, Measured_On__c: '2026-11-24', Value__c: 1 }], single);
      expect(future.errors[0]).toMatchObject({ statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', fields: ['Measured_On__c'] });
      ok(engine.create('Measurement__c', [{ Outcome_Requirement__c: outcome, Measured_On__c: '2026-11-23', Value__c: 1 }], single));
    });
  });

  describe('formula fields', () => {
    const dueDate = (id: string) => engine.retrieve('Outcome_Requirement__c', id, ['Due_Date__c']).Due_Date__c;

    it('Due_Date__c follows the deadline type and the initiative dates (docs/design.md examples)', () => {
      const months = one(engine, 'Outcome_Requirement__c', { Initiative__c: initiativeId, Description__c: 'survey', Deadline_Type__c: 'Months_After_Go_Live', Deadline_Offset_Months__c: 24 });
      const dated = one(engine, 'Outcome_Requirement__c', { Initiative__c: initiativeId, Description__c: 'waste', Deadline_Type__c: 'Date', Deadline_Date__c: '2020-12-31' });
      const immediate = one(engine, 'Outcome_Requirement__c', { Initiative__c: initiativeId, Description__c: 'releases', Deadline_Type__c: 'Immediate' });
      expect(dueDate(months)).toBe('2026-01-31');
      expect(dueDate(dated)).toBe('2020-12-31');
      expect(dueDate(immediate)).toBe('2024-01-31');

      // Recomputed on read: the parent's dates drive it.
      ok(engine.update('Initiative__c', [{ Id: initiativeId, Go_Live_Date__c: null, Handover_Date__c: '2023-11-15' }], single));
      expect(dueDate(immediate)).toBe('2023-11-15');
      expect(dueDate(months)).toBeNull();
    });

    it('Contract.EndDate = ADDMONTHS(StartDate, ContractTerm) - 1 with the end-of-month rule', () => {
      const contract = one(engine, 'Contract', { AccountId: accountId, StartDate: '2024-02-29', ContractTerm: 12 });
      expect(engine.retrieve('Contract', contract, ['EndDate', 'Status']).EndDate).toBe('2025-02-27');
    });
  });

  describe('roll-up summaries', () => {
    it('keeps counts (with equals filters) current on child insert, update and delete', () => {
      const counts = () => engine.retrieve('Initiative__c', initiativeId, ['Outcome_Count__c', 'Primary_Outcome_Count__c', 'Primary_Outcomes_Off_Track__c']);
      const [a, b] = ok(
        engine.create(
          'Outcome_Requirement__c',
          [
            { Initiative__c: initiativeId, Description__c: 'a', Priority__c: 'Primary', Status__c: 'Off Track' },
            { Initiative__c: initiativeId, Description__c: 'b', Priority__c: 'Secondary' },
          ],
          single,
        ),
      );
      expect(counts()).toMatchObject({ Outcome_Count__c: 2, Primary_Outcome_Count__c: 1, Primary_Outcomes_Off_Track__c: 1 });
      ok(engine.update('Outcome_Requirement__c', [{ Id: a, Status__c: 'On Track' }], single));
      expect(counts()).toMatchObject({ Primary_Outcomes_Off_Track__c: 0 });
      ok(engine.delete([b], single));
      expect(counts()).toMatchObject({ Outcome_Count__c: 1, Primary_Outcome_Count__c: 1 });
    });

    it('sums with a filter (Renewable_Annual_Value__c)', () => {
      ok(
        engine.create(
          'Solution_Component__c',
          [
            { Name: 'Sub', Initiative__c: initiativeId, Lifecycle__c: 'Renewable', Annual_Value__c: 1200.5 },
            { Name: 'Sub 2', Initiative__c: initiativeId, Lifecycle__c: 'Renewable', Annual_Value__c: 300 },
            { Name: 'Setup', Initiative__c: initiativeId, Lifecycle__c: 'One_Time', Annual_Value__c: 999 },
          ],
          single,
        ),
      );
      expect(engine.retrieve('Initiative__c', initiativeId, ['Renewable_Annual_Value__c']).Renewable_Annual_Value__c).toBe(1500.5);
    });
  });

  describe('cascade delete', () => {
    it('deleting a master deletes its details and their details; lookups are cleared', () => {
      const outcome = one(engine, 'Outcome_Requirement__c', { Initiative__c: initiativeId, Description__c: 'a' });
      const measurement = one(engine, 'Measurement__c', { Outcome_Requirement__c: outcome, Measured_On__c: '2026-01-01', Value__c: 3 });
      const component = one(engine, 'Solution_Component__c', { Name: 'C', Initiative__c: initiativeId });
      ok(engine.delete([initiativeId], single));
      for (const [type, id] of [
        ['Outcome_Requirement__c', outcome],
        ['Measurement__c', measurement],
        ['Solution_Component__c', component],
      ]) {
        expect(() => engine.retrieve(type, id)).toThrow(expect.objectContaining({ errorCode: 'NOT_FOUND' }));
      }
      expect(engine.query('SELECT Id, IsDeleted FROM Measurement__c', { includeDeleted: true }).records).toEqual([
        expect.objectContaining({ Id: measurement, IsDeleted: true }),
      ]);
    });

    it('a SetNull lookup is cleared when its parent is deleted; a Restrict lookup blocks the delete', () => {
      const capability = one(engine, 'Business_Capability__c', { Name: 'Sales', Account__c: accountId, Level__c: 1 });
      const outcome = one(engine, 'Outcome_Requirement__c', { Initiative__c: initiativeId, Description__c: 'a', Business_Capability__c: capability });
      ok(engine.delete([capability], single));
      expect(engine.retrieve('Outcome_Requirement__c', outcome, ['Business_Capability__c']).Business_Capability__c).toBeNull();
      // Initiative__c.Account__c is a required lookup with deleteConstraint Restrict in force-app.
      expect(codes(engine.delete([accountId], single)[0])).toEqual(['DELETE_FAILED']);
    });
  });

  describe('allOrNone', () => {
    it('one bad record rolls back the whole call, including roll-ups', () => {
      const results = engine.create(
        'Outcome_Requirement__c',
        [
          { Initiative__c: initiativeId, Description__c: 'good' },
          { Initiative__c: initiativeId },
        ],
        { allOrNone: true },
      );
      expect(results.map((r) => r.success)).toEqual([false, false]);
      expect(codes(results[0])).toEqual(['ALL_OR_NONE_OPERATION_ROLLED_BACK']);
      expect(codes(results[1])).toEqual(['REQUIRED_FIELD_MISSING']);
      expect(engine.query('SELECT COUNT() FROM Outcome_Requirement__c').totalSize).toBe(0);
      expect(engine.retrieve('Initiative__c', initiativeId, ['Outcome_Count__c']).Outcome_Count__c).toBe(0);
    });

    it('without allOrNone the good records are written', () => {
      const results = engine.create('Outcome_Requirement__c', [{ Initiative__c: initiativeId, Description__c: 'good' }, { Initiative__c: initiativeId }], single);
      expect(results.map((r) => r.success)).toEqual([true, false]);
      expect(engine.query('SELECT COUNT() FROM Outcome_Requirement__c').totalSize).toBe(1);
    });

    it('rolls back updates and deletes too', () => {
      const results = engine.update(
        'Account',
        [
          { Id: accountId, Name: 'Renamed' },
          { Id: accountId, Name: 'y'.repeat(300) },
        ],
        { allOrNone: true },
      );
      expect(results.every((r) => !r.success)).toBe(true);
      expect(engine.retrieve('Account', accountId).Name).toBe('Acme');
    });
  });

  describe('upsert', () => {
    it('creates then updates by external id, reporting created', () => {
      const record = { Name: 'Up', Account__c: accountId, Source_Opportunity_Id__c: 'SRC-9' };
      const [first] = engine.upsert('Initiative__c', 'Source_Opportunity_Id__c', [record], single);
      expect(first).toMatchObject({ success: true, created: true });
      const [second] = engine.upsert('Initiative__c', 'Source_Opportunity_Id__c', [{ ...record, Purpose__c: 'Grow' }], single);
      expect(second).toMatchObject({ success: true, created: false, id: first.id });
      expect(engine.retrieve('Initiative__c', first.id!, ['Purpose__c']).Purpose__c).toBe('Grow');
      expect(() => engine.upsert('Initiative__c', 'Purpose__c', [record], single)).toThrow(expect.objectContaining({ errorCode: 'INVALID_FIELD' }));
    });

    it('resolves a parent by its external id in a relationship field', () => {
      one(engine, 'Initiative__c', { Name: 'Keyed', Account__c: accountId, Source_Opportunity_Id__c: 'KEY-1' });
      const id = one(engine, 'Outcome_Requirement__c', { Initiative__r: { Source_Opportunity_Id__c: 'KEY-1' }, Description__c: 'x' });
      expect(engine.query(`SELECT Initiative__r.Name FROM Outcome_Requirement__c WHERE Id = '${id}'`).records[0].Initiative__r).toMatchObject({ Name: 'Keyed' });
    });
  });

  describe('standard object rules', () => {
    it('derives IsWon/IsClosed/Probability from the stage and the line item totals and Amount', () => {
      const product = one(engine, 'Product2', { Name: 'Platform', IsActive: true, Lifecycle__c: 'Renewable' });
      one(engine, 'PricebookEntry', { Pricebook2Id: engine.standardPricebookId, Product2Id: product, UnitPrice: 100, IsActive: true });
      const opportunity = one(engine, 'Opportunity', { Name: 'Deal', StageName: 'Closed Won', CloseDate: '2026-01-15', AccountId: accountId });
      const line = one(engine, 'OpportunityLineItem', { OpportunityId: opportunity, Product2Id: product, Quantity: 3, UnitPrice: 90 });
      const read = engine.query(`SELECT IsWon, IsClosed, Probability, Amount, Pricebook2Id, (SELECT TotalPrice, Product2.Lifecycle__c FROM OpportunityLineItems) FROM Opportunity`).records[0];
      expect(read).toMatchObject({ IsWon: true, IsClosed: true, Probability: 100, Amount: 270, Pricebook2Id: engine.standardPricebookId });
      expect((read.OpportunityLineItems as { records: unknown[] }).records[0]).toMatchObject({ TotalPrice: 270, Product2: { Lifecycle__c: 'Renewable' } });
      ok(engine.delete([line], single));
      expect(engine.retrieve('Opportunity', opportunity, ['HasOpportunityLineItem']).HasOpportunityLineItem).toBe(false);
    });

    it('a custom price book entry needs a standard price first', () => {
      const product = one(engine, 'Product2', { Name: 'Widget' });
      const pricebook = one(engine, 'Pricebook2', { Name: 'Partners', IsActive: true });
      const [result] = engine.create('PricebookEntry', [{ Pricebook2Id: pricebook, Product2Id: product, UnitPrice: 5 }], single);
      expect(codes(result)).toEqual(['STANDARD_PRICE_NOT_DEFINED']);
    });
  });
});
