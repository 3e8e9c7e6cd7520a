import { describe, expect, it } from '@jest/globals';
import { parse } from 'formulon';
import { evaluateWithFormulon, usesCachedFormulonTrees } from '../../src/store/formulon-runtime.js';
import { customKeyPrefix } from '../../src/schema/index.js';
import { newEngine } from './helpers.js';

describe('local org engine: schema and describe', () => {
  it('describeGlobal lists standard and custom objects with Salesforce key prefixes', async () => {
    const engine = await newEngine();
    const global = engine.describeGlobal();
    expect(global).toMatchObject({ encoding: 'UTF-8', maxBatchSize: 200 });
    const prefixes = Object.fromEntries(global.sobjects.map((s) => [s.name, s.keyPrefix]));
    expect(prefixes).toMatchObject({
      Account: '001',
      Contact: '003',
      User: '005',
      Opportunity: '006',
      OpportunityLineItem: '00k',
      Product2: '01t',
      Pricebook2: '01s',
      PricebookEntry: '01u',
      Contract: '800',
      Task: '00T',
      Organization: '00D',
      AccountTeamMember: '01M',
    });
    // Custom objects get a00, a01, … in alphabetical order.
    const custom = global.sobjects.filter((s) => s.custom).map((s) => [s.name, s.keyPrefix]);
    expect(custom.map(([, prefix]) => prefix)).toEqual(custom.map((_, i) => customKeyPrefix(i)));
    expect(custom.map(([name]) => name)).toEqual([...custom.map(([name]) => name)].sort());
  });

  it('describes fields with types, picklists, references and formulas as Salesforce does', async () => {
    const engine = await newEngine();
    const outcome = engine.describe('outcome_requirement__c');
    expect(outcome).toMatchObject({ name: 'Outcome_Requirement__c', custom: true, createable: true, queryable: true });
    const field = (name: string) => outcome.fields.find((f) => f.name === name)!;
    expect(field('Id')).toMatchObject({ type: 'id', createable: false, nillable: false });
    expect(field('Initiative__c')).toMatchObject({ type: 'reference', referenceTo: ['Initiative__c'], relationshipName: 'Initiative__r', nillable: false });
    expect(field('Due_Date__c')).toMatchObject({ type: 'date', calculated: true, createable: false, updateable: false });
    expect(String(field('Due_Date__c').calculatedFormula)).toContain('ADDMONTHS');
    expect(field('Deadline_Type__c')).toMatchObject({ type: 'picklist', restrictedPicklist: true });
    expect(field('Deadline_Type__c').picklistValues).toEqual([
      { value: 'Date', label: 'Date', active: true, defaultValue: false, validFor: null },
      { value: 'Months_After_Go_Live', label: 'Months After Go-Live', active: true, defaultValue: false, validFor: null },
      { value: 'Immediate', label: 'Immediate', active: true, defaultValue: false, validFor: null },
    ]);
    expect(field('External_Id__c')).toMatchObject({ type: 'string', externalId: true, unique: true, idLookup: true, length: 80 });
    expect(field('Baseline_Value__c')).toMatchObject({ type: 'double', precision: 16, scale: 4 });
    expect(field('Name')).toMatchObject({ autoNumber: true, nameField: true, createable: false });
    expect(outcome.childRelationships).toEqual(
      expect.arrayContaining([expect.objectContaining({ childSObject: 'Measurement__c', field: 'Outcome_Requirement__c', relationshipName: 'Measurements__r', cascadeDelete: true })]),
    );
    const initiative = engine.describe('Initiative__c');
    expect(initiative.fields.find((f) => f.name === 'Renewable_Annual_Value__c')).toMatchObject({ type: 'currency', calculated: true });
    expect(initiative.fields.find((f) => f.name === 'OwnerId')).toMatchObject({ type: 'reference', referenceTo: ['User'] });
    expect(outcome.fields.some((f) => f.name === 'OwnerId')).toBe(false);
    const opportunity = engine.describe('Opportunity');
    expect(opportunity.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['IsWon', 'IsClosed', 'Expected_Go_Live_Date__c', 'Handover_Status__c']));
    expect(engine.describe('Account').childRelationships).toEqual(
      expect.arrayContaining([expect.objectContaining({ childSObject: 'Opportunity', relationshipName: 'Opportunities' })]),
    );
  });

  it('evaluates cached formula trees exactly as formulon parse does', () => {
    expect(usesCachedFormulonTrees).toBe(true);
    const formula = 'IF(ISPICKVAL(T__c, "Date"), D__c, ADDMONTHS(D__c, N__c) - 1)';
    for (const type of ['Date', 'Other']) {
      const values = {
        T__c: { type: 'literal' as const, dataType: 'picklist' as const, value: type, options: { values: ['Date', 'Other'] } },
        D__c: { type: 'literal' as const, dataType: 'date' as const, value: new Date(Date.UTC(2024, 1, 29)) },
        N__c: { type: 'literal' as const, dataType: 'number' as const, value: 12, options: { length: 3, scale: 0 } },
      };
      expect(evaluateWithFormulon(formula, values)).toEqual(parse(formula, values));
    }
  });
});
