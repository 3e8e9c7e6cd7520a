/**
 * The sample data held against the package's own rules in src/core (the code the org's validation rules
 * and the measurement import share), not only against this folder's restatement of them.
 */
import { describe, expect, it } from '@jest/globals';
import { kpiSchema, outcomeRequirementSchema } from '../../../src/core/schemas.js';
import { planMeasurementImport, validateMeasurementRows } from '../../../src/core/plan/measurementImport.js';
import { MEASUREMENT_COLUMNS } from '../../src/sample/measurements.js';
import { sample, TODAY } from './helpers.js';

describe('sample data against src/core', () => {
  it('every outcome requirement passes the package’s outcome schema and its cross-field rules', () => {
    const failures = sample(42, 600).records.Outcome_Requirement__c.flatMap((outcome) => {
      // Lookups hold tree references (@Initiative__cRef1) until the import resolves them.
      const { attributes, Initiative__c, KPI__c, ...fields } = outcome;
      void attributes;
      void Initiative__c;
      expect(KPI__c).toMatch(/^@KPI__cRef\d+$/);
      const parsed = outcomeRequirementSchema.safeParse(fields);
      return parsed.success ? [] : [`${String(outcome.External_Id__c)}: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`];
    });
    expect(failures).toEqual([]);
  });

  it('every KPI of the starter library passes the package’s KPI schema, with a unique code', () => {
    const kpis = sample(42, 60).records.KPI__c;
    expect(kpis.flatMap(({ attributes, ...fields }) => (void attributes, kpiSchema.safeParse(fields).success ? [] : [fields.KPI_Code__c]))).toEqual([]);
    expect(new Set(kpis.map((k) => k.KPI_Code__c)).size).toBe(kpis.length);
  });

  it('the measurement import refuses exactly the deliberately bad rows', () => {
    const data = sample();
    const rows = data.measurements.map((row, index) => ({
      line: index + 2,
      values: Object.fromEntries(MEASUREMENT_COLUMNS.map((column) => [column, row[column]])) as Record<(typeof MEASUREMENT_COLUMNS)[number], string>,
    }));
    const { valid, invalid } = validateMeasurementRows(rows, TODAY);
    const refused = invalid.map((problem) => data.measurements[problem.line - 2]);
    expect(refused).toHaveLength(5);
    expect(refused.find((row) => row.measured_on > TODAY && /^\d{4}-\d{2}-\d{2}$/.test(row.measured_on))).toBeDefined();
    expect(refused.find((row) => /^\d{2}\/\d{2}\/\d{4}$/.test(row.measured_on))).toBeDefined();
    expect(refused.find((row) => row.value === 'n/a')).toBeDefined();
    expect(refused.find((row) => row.value === '')).toBeDefined();
    expect(refused.find((row) => row.source === 'Spreadsheet')).toBeDefined();

    // The unknown outcome passes the row check; the plan refuses it when it looks the outcome up.
    const known = data.records.Outcome_Requirement__c.map((outcome, index) => ({
      id: `a01${String(index).padStart(15, '0')}`,
      externalId: outcome.External_Id__c as string,
      measurements: [],
    }));
    const plan = planMeasurementImport(valid, known);
    expect(plan.unresolved.map((problem) => data.measurements[problem.line - 2].outcome)).toEqual(['OUT-999999']);
    expect(plan.upserts).toHaveLength(data.measurements.length - 6);
    expect(plan.superseded).toEqual([]);
  });
});
