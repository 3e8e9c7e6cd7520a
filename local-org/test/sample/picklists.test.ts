import { describe, expect, it } from '@jest/globals';
import * as model from '../../../src/core/model.js';
import * as local from '../../src/sample/picklists.js';
import { sample } from './helpers.js';

/** Salesforce's shipped values of the standard picklists the sample uses (Setup › Object Manager). */
const SALESFORCE_INDUSTRIES = [
  'Agriculture', 'Apparel', 'Banking', 'Biotechnology', 'Chemicals', 'Communications', 'Construction', 'Consulting',
  'Education', 'Electronics', 'Energy', 'Engineering', 'Entertainment', 'Environmental', 'Finance', 'Food & Beverage',
  'Government', 'Healthcare', 'Hospitality', 'Insurance', 'Machinery', 'Manufacturing', 'Media', 'Not For Profit',
  'Other', 'Recreation', 'Retail', 'Shipping', 'Technology', 'Telecommunications', 'Transportation', 'Utilities',
];
const SALESFORCE_STAGES = [
  'Prospecting', 'Qualification', 'Needs Analysis', 'Value Proposition', 'Id. Decision Makers', 'Perception Analysis',
  'Proposal/Price Quote', 'Negotiation/Review', 'Closed Won', 'Closed Lost',
];
const CONTRACT_STATUSES = ['Draft', 'In Approval Process', 'Activated'];

describe('sample picklists', () => {
  it('re-declares the package’s values exactly as src/core/model.ts has them', () => {
    const names = [
      'INITIATIVE_STATUSES', 'PRIORITIES', 'VALIDATION_STATUSES', 'QUANTITY_TYPES', 'DIRECTIONS',
      'DEADLINE_TYPES', 'MEASUREMENT_SOURCES', 'COMPONENT_TYPES', 'LIFECYCLES', 'PAYOUT_RULES',
      'BETTER_DIRECTIONS', 'VALUE_CHAIN_STAGES', 'RESPONSIBLE_PARTIES',
    ] as const;
    for (const name of names) expect({ name, values: [...local[name]] }).toEqual({ name, values: [...model[name]] });
  });

  it('writes only fields the model knows on custom objects (never computed ones), and only the package’s custom fields on standard objects', () => {
    const data = sample(42, 600);
    const unknown: string[] = [];
    for (const [sobject, records] of Object.entries(data.records)) {
      const spec = model.ALL_OBJECTS.find((candidate) => candidate.apiName === sobject);
      const custom = sobject.endsWith('__c');
      for (const record of records) {
        for (const field of Object.keys(record).filter((name) => name !== 'attributes')) {
          if (!custom && !field.endsWith('__c')) continue;
          const fieldSpec = spec?.fields[field];
          const writable = fieldSpec && !fieldSpec.formula && fieldSpec.type !== 'Summary' && fieldSpec.type !== 'AutoNumber';
          if (!writable) unknown.push(`${sobject}.${field}`);
        }
      }
    }
    expect([...new Set(unknown)]).toEqual([]);
  });

  it('uses only picklist values the model allows', () => {
    const data = sample(42, 600);
    let checked = 0;
    for (const [sobject, records] of Object.entries(data.records)) {
      const spec = model.ALL_OBJECTS.find((candidate) => candidate.apiName === sobject);
      if (!spec) continue;
      for (const [field, fieldSpec] of Object.entries(spec.fields)) {
        if (fieldSpec.type !== 'Picklist') continue;
        for (const record of records) {
          if (record[field] === undefined) continue;
          checked++;
          expect({ sobject, field, value: record[field], allowed: fieldSpec.values?.includes(record[field] as string) }).toMatchObject({ allowed: true });
        }
      }
    }
    expect(checked).toBeGreaterThan(1_000);
  });

  it('uses Salesforce’s own values on standard picklists', () => {
    const data = sample(42, 600);
    for (const account of data.records.Account) expect(SALESFORCE_INDUSTRIES).toContain(account.Industry);
    for (const opportunity of data.records.Opportunity) expect(SALESFORCE_STAGES).toContain(opportunity.StageName);
    for (const contract of data.records.Contract) expect(CONTRACT_STATUSES).toContain(contract.Status);
    expect(new Set(data.records.Account.map((account) => account.Industry)).size).toBe(local.INDUSTRIES.length);
  });
});
