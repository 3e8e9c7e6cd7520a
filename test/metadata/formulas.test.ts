/**
 * Parses and evaluates every formula field and validation rule in force-app with formulon,
 * the check source-deploy-retrieve does not make: a misspelt field, a wrong function arity or a
 * picklist compared with "=" would otherwise only show up at deploy time (or never, for logic).
 * Identifier types come from src/core/model.ts; Initiative__r.X resolves through the lookup.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from '@jest/globals';
import { ALL_OBJECTS, type FieldSpec } from '../../src/core/model.js';
import { readFields, readValidationRules } from './readMetadata.js';

type Literal = { type: 'literal'; dataType: string; value: unknown; options?: Record<string, unknown> };
type FormulonError = { type: 'error'; errorType: string; message: string };
type Formulon = {
  parse(formula: string, identifiers?: Record<string, Literal>): Literal | FormulonError;
  extract(formula: string): string[];
};
// formulon ships no type declarations; this is the part of its API the tests use.
const formulon = createRequire(import.meta.url)('formulon') as Formulon;

const specOf = new Map(ALL_OBJECTS.map((o) => [o.apiName, o]));

/** Resolves `Field__c` or `Lookup__r.Field__c` from an object to the target field's spec. */
function resolveIdentifier(object: string, identifier: string): FieldSpec {
  const path = identifier.split('.');
  let current = object;
  for (const hop of path.slice(0, -1)) {
    const via = specOf.get(current)?.fields[hop.replace(/__r$/, '__c')];
    if (!via?.referenceTo) throw new Error(`${object}: ${identifier} goes through ${hop}, which is not a lookup or master-detail of ${current}`);
    current = via.referenceTo;
  }
  const field = specOf.get(current)?.fields[path[path.length - 1]];
  if (!field) throw new Error(`${object}: ${identifier} names no field of ${current} in src/core/model.ts`);
  return field;
}

type Value = string | number | boolean | null;

/** A formulon literal for a field of the model; dates are ISO strings, blank is null. */
function literal(spec: FieldSpec, value: Value): Literal {
  switch (spec.type) {
    case 'Date':
      return { type: 'literal', dataType: 'date', value: value === null ? null : new Date(`${String(value)}T00:00:00Z`), options: {} };
    case 'Number':
    case 'Currency':
    case 'Percent':
    case 'Summary':
      return { type: 'literal', dataType: 'number', value, options: { length: (spec.precision ?? 18) - (spec.scale ?? 0), scale: spec.scale ?? 0 } };
    case 'Checkbox':
      return { type: 'literal', dataType: 'checkbox', value: value ?? false, options: {} };
    case 'Picklist':
      // Salesforce sees a blank picklist as "" in TEXT, ISPICKVAL and CASE; formulon does the same only
      // when given "" (with null, TEXT() returns the string "NULL" and CASE() rejects the argument).
      return { type: 'literal', dataType: 'picklist', value: value ?? '', options: { values: [...(spec.values ?? [])] } };
    default:
      // Text, text areas, lookups (an Id), auto numbers.
      return { type: 'literal', dataType: 'text', value, options: { length: spec.length ?? 255 } };
  }
}

/** Evaluates a formula of an object with the given field values; every other field it reads is blank. */
function evaluate(object: string, formula: string, values: Record<string, Value> = {}): Literal {
  const identifiers: Record<string, Literal> = {};
  for (const id of formulon.extract(formula)) identifiers[id] = literal(resolveIdentifier(object, id), values[id] ?? null);
  const unknown = Object.keys(values).filter((k) => !(k in identifiers));
  if (unknown.length) throw new Error(`values for fields the formula does not read: ${unknown.join(', ')}`);
  const result = formulon.parse(formula, identifiers);
  if (result.type === 'error') throw new Error(`${object}: ${result.errorType}: ${result.message}\n${formula}`);
  return result;
}

const isoDate = (r: Literal): string | null => (r.value instanceof Date ? r.value.toISOString().slice(0, 10) : (r.value as null));

const formulaFields = readFields().filter((f) => f.formula);
const rules = readValidationRules();

describe('formula fields', () => {
  it('the model and the metadata agree on which fields are formulas', () => {
    const modelFormulas = ALL_OBJECTS.flatMap((o) => Object.entries(o.fields).filter(([, f]) => f.formula).map(([n]) => `${o.apiName}.${n}`));
    expect(formulaFields.map((f) => `${f.object}.${f.fileName}`).sort()).toEqual(modelFormulas.sort());
  });

  it.each(formulaFields.map((f) => [`${f.object}.${f.fileName}`, f] as const))('%s parses and returns its declared type (or blank)', (_key, f) => {
    const result = evaluate(f.object, f.formula!);
    expect([f.type!.toLowerCase(), 'null']).toContain(result.dataType);
  });
});

describe('Outcome_Requirement__c.Due_Date__c', () => {
  const formula = formulaFields.find((f) => f.object === 'Outcome_Requirement__c' && f.fileName === 'Due_Date__c')?.formula;
  const dueDate = (values: Record<string, Value>) => {
    const result = evaluate('Outcome_Requirement__c', formula!, values);
    // Every branch yields a date or blank.
    if (result.value !== null) expect(result.dataType).toBe('date');
    return isoDate(result);
  };

  it('exists', () => {
    expect(formula).toBeTruthy();
  });

  it('Months After Go-Live: go-live plus the offset ("15% uplift, 24 months from go-live")', () => {
    expect(
      dueDate({ Deadline_Type__c: 'Months_After_Go_Live', Deadline_Offset_Months__c: 24, 'Initiative__r.Go_Live_Date__c': '2024-01-31' }),
    ).toBe('2026-01-31');
  });

  it('Months After Go-Live: keeps ADDMONTHS end-of-month rule', () => {
    expect(
      dueDate({ Deadline_Type__c: 'Months_After_Go_Live', Deadline_Offset_Months__c: 12, 'Initiative__r.Go_Live_Date__c': '2024-02-29' }),
    ).toBe('2025-02-28');
  });

  it('Months After Go-Live: blank while the initiative has no go-live date', () => {
    expect(dueDate({ Deadline_Type__c: 'Months_After_Go_Live', Deadline_Offset_Months__c: 24, 'Initiative__r.Handover_Date__c': '2023-12-15' })).toBeNull();
  });

  it('Date: the deadline date ("20% reduction by 31 Dec 2020")', () => {
    expect(dueDate({ Deadline_Type__c: 'Date', Deadline_Date__c: '2020-12-31', 'Initiative__r.Go_Live_Date__c': '2024-01-31' })).toBe('2020-12-31');
  });

  it('Immediate: the go-live date ("at most 6 months between releases, immediate")', () => {
    expect(dueDate({ Deadline_Type__c: 'Immediate', 'Initiative__r.Go_Live_Date__c': '2024-03-01', 'Initiative__r.Handover_Date__c': '2024-01-15' })).toBe(
      '2024-03-01',
    );
  });

  it('Immediate: the handover date when there is no go-live date', () => {
    expect(dueDate({ Deadline_Type__c: 'Immediate', 'Initiative__r.Handover_Date__c': '2024-01-15' })).toBe('2024-01-15');
  });

  it('blank without a deadline type', () => {
    expect(dueDate({ Deadline_Date__c: '2020-12-31', 'Initiative__r.Go_Live_Date__c': '2024-01-31' })).toBeNull();
  });
});

describe('validation rules', () => {
  /** For each rule, one record it must reject and one it must accept (close to the rejected one). */
  const cases: Record<string, { fails: Record<string, Value>; passes: Record<string, Value> }> = {
    'Outcome_Requirement__c.Relative_Quantity_Needs_Baseline': {
      fails: { Quantity_Type__c: 'Relative_Percent', Baseline_Value__c: 0 },
      passes: { Quantity_Type__c: 'Relative_Percent', Baseline_Value__c: 100 },
    },
    'Outcome_Requirement__c.Relative_Needs_Increase_Or_Decrease': {
      fails: { Quantity_Type__c: 'Relative_Percent', Direction__c: 'At Most' },
      passes: { Quantity_Type__c: 'Relative_Percent', Direction__c: 'Decrease' },
    },
    'Outcome_Requirement__c.Relative_Percent_In_Range': {
      fails: { Quantity_Type__c: 'Relative_Percent', Direction__c: 'Decrease', Target_Value__c: 100 },
      passes: { Quantity_Type__c: 'Relative_Percent', Direction__c: 'Decrease', Target_Value__c: 20 },
    },
    'Outcome_Requirement__c.Increase_Decrease_Need_Baseline': {
      fails: { Quantity_Type__c: 'Absolute', Direction__c: 'Increase' },
      passes: { Quantity_Type__c: 'Absolute', Direction__c: 'At Most' },
    },
    'Outcome_Requirement__c.Quantity_Needs_Direction_And_Target': {
      fails: { Quantity_Type__c: 'Absolute', Direction__c: 'At Most' },
      passes: { Quantity_Type__c: 'Absolute', Direction__c: 'At Most', Target_Value__c: 6 },
    },
    'Outcome_Requirement__c.Target_Must_Move_In_Direction': {
      fails: { Quantity_Type__c: 'Absolute', Direction__c: 'Increase', Baseline_Value__c: 50, Target_Value__c: 50 },
      passes: { Quantity_Type__c: 'Absolute', Direction__c: 'Decrease', Baseline_Value__c: 50, Target_Value__c: 40 },
    },
    'Outcome_Requirement__c.Dated_Deadline_Needs_Date': {
      fails: { Deadline_Type__c: 'Date' },
      passes: { Deadline_Type__c: 'Date', Deadline_Date__c: '2020-12-31' },
    },
    'Outcome_Requirement__c.Months_Deadline_Needs_Offset': {
      fails: { Deadline_Type__c: 'Months_After_Go_Live' },
      passes: { Deadline_Type__c: 'Months_After_Go_Live', Deadline_Offset_Months__c: 24 },
    },
    'Outcome_Requirement__c.Partner_Needs_Partner_Account': {
      fails: { Responsible_Party__c: 'Partner' },
      passes: { Responsible_Party__c: 'Partner', Partner_Account__c: '001000000000001AAA' },
    },
    'Outcome_Requirement__c.Offset_Not_Negative': {
      fails: { Deadline_Offset_Months__c: -1 },
      passes: { Deadline_Offset_Months__c: 0 },
    },
    // TODAY() is the real clock here: the dates are far enough from it either way.
    'Measurement__c.Measured_On_Not_In_Future': {
      fails: { Measured_On__c: '2999-01-01' },
      passes: { Measured_On__c: '2000-01-01' },
    },
    'Solution_Component__c.End_Date_After_Start_Date': {
      fails: { Start_Date__c: '2024-02-01', End_Date__c: '2024-01-31' },
      passes: { Start_Date__c: '2024-02-01', End_Date__c: '2025-01-31' },
    },
    'Initiative_Milestone__c.Completed_Needs_Completion_Date': {
      fails: { Status__c: 'Completed' },
      passes: { Status__c: 'Completed', Completed_On__c: '2024-05-01' },
    },
    'Business_Capability__c.Level_Between_1_And_3': {
      fails: { Level__c: 4 },
      passes: { Level__c: 3 },
    },
    'Business_Capability__c.Parent_Required_Below_Level_1': {
      fails: { Level__c: 2 },
      passes: { Level__c: 2, Parent_Capability__c: 'a0B000000000001AAA' },
    },
    // Percent fields read as fractions in formulas (50% → 0.5).
    'Fee_At_Risk__c.Amount_Not_Negative': {
      fails: { Amount_At_Risk__c: -1 },
      passes: { Amount_At_Risk__c: 0 },
    },
    'Fee_At_Risk__c.Floor_Below_Target': {
      fails: { Floor_Attainment_Percent__c: 1 },
      passes: { Floor_Attainment_Percent__c: 0.9 },
    },
    'Fee_At_Risk__c.Floor_And_Cap_Only_For_Linear': {
      fails: { Payout_Rule__c: 'All_Or_Nothing', Cap_Percent__c: 1.2 },
      passes: { Payout_Rule__c: 'Linear', Cap_Percent__c: 1.2 },
    },
    'Fee_At_Risk__c.Cap_At_Least_Full_Amount': {
      fails: { Cap_Percent__c: 0.9 },
      passes: { Cap_Percent__c: 1 },
    },
    'Fee_At_Risk__c.Tiers_Only_For_Tiered_Rule': {
      fails: { Payout_Rule__c: 'Linear', Tier_Count__c: 1 },
      passes: { Payout_Rule__c: 'Tiered', Tier_Count__c: 1 },
    },
    'Fee_Tier__c.From_Attainment_Not_Negative': {
      fails: { From_Attainment_Percent__c: -0.1 },
      passes: { From_Attainment_Percent__c: 0 },
    },
    'Fee_Tier__c.Payout_Not_Negative': {
      fails: { Payout_Percent__c: -0.1 },
      passes: { Payout_Percent__c: 0 },
    },
  };

  it('every rule in force-app has a failing and a passing example here', () => {
    expect(rules.map((r) => `${r.object}.${r.fileName}`).sort()).toEqual(Object.keys(cases).sort());
  });

  it.each(rules.map((r) => [`${r.object}.${r.fileName}`, r] as const))('%s parses to a checkbox and accepts a blank record', (_key, r) => {
    const result = evaluate(r.object, r.errorConditionFormula!);
    expect(result.dataType).toBe('checkbox');
    expect(result.value).toBe(false);
  });

  it.each(rules.map((r) => [`${r.object}.${r.fileName}`, r] as const))('%s rejects its failing example and accepts its passing one', (key, r) => {
    const { fails, passes } = cases[key];
    expect(evaluate(r.object, r.errorConditionFormula!, fails).value).toBe(true);
    expect(evaluate(r.object, r.errorConditionFormula!, passes).value).toBe(false);
  });

  it('level 1 capabilities must not have a parent', () => {
    const rule = rules.find((r) => r.fileName === 'Parent_Required_Below_Level_1')!;
    expect(evaluate('Business_Capability__c', rule.errorConditionFormula!, { Level__c: 1, Parent_Capability__c: 'a0B000000000001AAA' }).value).toBe(true);
    expect(evaluate('Business_Capability__c', rule.errorConditionFormula!, { Level__c: 1 }).value).toBe(false);
  });

  it('a relative target of 0% or less is rejected, whatever the direction', () => {
    const rule = rules.find((r) => r.fileName === 'Relative_Percent_In_Range')!;
    expect(evaluate('Outcome_Requirement__c', rule.errorConditionFormula!, { Quantity_Type__c: 'Relative_Percent', Direction__c: 'Increase', Target_Value__c: 0 }).value).toBe(
      true,
    );
    expect(evaluate('Outcome_Requirement__c', rule.errorConditionFormula!, { Quantity_Type__c: 'Relative_Percent', Direction__c: 'Increase', Target_Value__c: 150 }).value).toBe(
      false,
    );
  });

  it('a target equal to the baseline is rejected for a decrease too', () => {
    const rule = rules.find((r) => r.fileName === 'Target_Must_Move_In_Direction')!;
    const values = { Quantity_Type__c: 'Absolute', Direction__c: 'Decrease', Baseline_Value__c: 50, Target_Value__c: 50 };
    expect(evaluate('Outcome_Requirement__c', rule.errorConditionFormula!, values).value).toBe(true);
  });
});
