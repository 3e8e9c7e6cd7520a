/**
 * Holds every name and text in force-app to the limits Salesforce documents for its metadata type.
 * source-deploy-retrieve converts a 44-character validation rule name without a word; the org
 * refuses it at deploy time. This test refuses it first.
 *
 * Sources (Salesforce's own documentation; the Metadata API guide itself states few lengths):
 * - Fields: Salesforce Help, "Custom Field Attributes" — https://help.salesforce.com/s/articleView?id=platform.custom_field_attributes.htm
 *   (field label 40, field name 40 without __c, description 1,000, help text 510: Setup's limits; the part of
 *   the page read for this test did not reach those numbers, so check them there when one is in doubt).
 * - Validation rules: Metadata API Developer Guide, "ValidationRule" (fullName: letters, digits, single
 *   underscores, starts with a letter) — https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_validationformulas.htm;
 *   Tooling API "ValidationRule" (ErrorMessage "must be 255 characters or less") —
 *   https://developer.salesforce.com/docs/atlas.en-us.api_tooling.meta/api_tooling/tooling_api_objects_validationrule.htm;
 *   Salesforce Help, "Validation Rule Fields" (rule name "up to 40 characters", description "255-character or less").
 * - List views: Object Reference, "ListView" (DeveloperName "40 characters or fewer", begins with a letter,
 *   alphanumerics and underscores, no trailing or double underscore) —
 *   https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-listview.html
 * - Permission sets: Field Reference, "PermissionSet" (Label 80, Name 80, Description 255) —
 *   https://developer.salesforce.com/docs/atlas.en-us.sfFieldRef.meta/sfFieldRef/salesforce_field_reference_PermissionSet.htm
 * - Apps: Field Reference, "AppDefinition" (MasterLabel 40, DeveloperName 80, Description 255) —
 *   https://developer.salesforce.com/docs/platform/field-reference/references/field-reference/salesforce-field-reference-appdefinition.html
 * - Taken from Setup's forms, not found stated in the documentation searched: object label, plural label and
 *   name 40, object description 1,000, relationship name and label 40, compact layout name and label 40,
 *   picklist value API name and label 255 (Salesforce Help, "Picklist Limitations"), list view label 40.
 */
import { describe, expect, it } from '@jest/globals';
import {
  readApplications,
  readCompactLayouts,
  readFields,
  readListViews,
  readObjects,
  readPermissionSets,
  readValidationRules,
} from './readMetadata.js';

type Text = { kind: Kind; where: string; value: string };

/** What each kind of text may hold: at most `max` characters, and for API names, the API-name shape. */
const LIMITS = {
  'object API name (without __c)': { max: 40, apiName: true },
  'object label': { max: 40 },
  'object plural label': { max: 40 },
  'object description': { max: 1000 },
  'record name label': { max: 40 },
  'field API name (without __c)': { max: 40, apiName: true },
  'field label': { max: 40 },
  'field description': { max: 1000 },
  'field help text': { max: 510 },
  'relationship name': { max: 40, apiName: true },
  'relationship label': { max: 40 },
  'picklist value API name': { max: 255 },
  'picklist value label': { max: 255 },
  'validation rule name': { max: 40, apiName: true },
  'validation rule description': { max: 255 },
  'validation rule error message': { max: 255 },
  'list view name': { max: 40, apiName: true },
  'list view label': { max: 40 },
  'compact layout name': { max: 40, apiName: true },
  'compact layout label': { max: 40 },
  'permission set name': { max: 80, apiName: true },
  'permission set label': { max: 80 },
  'permission set description': { max: 255 },
  'app name': { max: 80, apiName: true },
  'app label': { max: 40 },
  'app description': { max: 255 },
} as const satisfies Record<string, { max: number; apiName?: boolean }>;
type Kind = keyof typeof LIMITS;

/** Begins with a letter; letters, digits and single underscores; does not end with one. */
const API_NAME = /^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*(?<!_)$/;

/** Picklist API names stay plain: the label carries '%', dashes and the like. */
const PLAIN_PICKLIST_VALUE = /^[A-Za-z0-9_ ]+$/;

const withoutSuffix = (name: string) => name.replace(/__c$/, '');

function texts(): Text[] {
  const out: Text[] = [];
  const add = (kind: Kind, where: string, value: string | undefined) => {
    if (value !== undefined) out.push({ kind, where, value });
  };
  for (const o of readObjects()) {
    add('object API name (without __c)', o.apiName, withoutSuffix(o.apiName));
    add('object label', o.apiName, o.label);
    add('object plural label', o.apiName, o.pluralLabel);
    add('object description', o.apiName, o.description);
    add('record name label', o.apiName, o.nameField.label);
  }
  for (const f of readFields()) {
    const where = `${f.object}.${f.fileName}`;
    add('field API name (without __c)', where, withoutSuffix(f.fileName));
    add('field label', where, f.label);
    add('field description', where, f.description);
    add('field help text', where, f.inlineHelpText);
    add('relationship name', where, f.relationshipName);
    add('relationship label', where, f.relationshipLabel);
    for (const v of f.picklistEntries) {
      add('picklist value API name', where, v.fullName);
      add('picklist value label', `${where} ${v.fullName}`, v.label);
    }
  }
  for (const r of readValidationRules()) {
    const where = `${r.object}.${r.fileName}`;
    add('validation rule name', where, r.fileName);
    add('validation rule description', where, r.description);
    add('validation rule error message', where, r.errorMessage);
  }
  for (const v of readListViews()) {
    add('list view name', `${v.object}.${v.fileName}`, v.fileName);
    add('list view label', `${v.object}.${v.fileName}`, v.label);
  }
  for (const c of readCompactLayouts()) {
    add('compact layout name', `${c.object}.${c.fileName}`, c.fileName);
    add('compact layout label', `${c.object}.${c.fileName}`, c.label);
  }
  for (const p of readPermissionSets()) {
    add('permission set name', p.fileName, p.fileName);
    add('permission set label', p.fileName, p.label);
    add('permission set description', p.fileName, p.description);
  }
  for (const a of readApplications()) {
    add('app name', a.fileName, a.fileName);
    add('app label', a.fileName, a.label);
    add('app description', a.fileName, a.description);
  }
  return out;
}

/** Texts that break their limit, as readable lines (empty when all is well). */
function overLimit(all: Text[]): string[] {
  return all.flatMap(({ kind, where, value }) => {
    const limit: { max: number; apiName?: boolean } = LIMITS[kind];
    const problems: string[] = [];
    // Salesforce counts characters, not UTF-16 code units: spread by code point.
    const length = [...value].length;
    if (length > limit.max) problems.push(`${kind} of ${where} has ${length} characters, the limit is ${limit.max}: "${value}"`);
    if (limit.apiName && !API_NAME.test(value)) problems.push(`${kind} of ${where} is not a valid API name: "${value}"`);
    return problems;
  });
}

const all = texts();

describe('Salesforce limits on names and texts in force-app', () => {
  it('reads every kind of text it checks (so a reader that finds nothing cannot pass silently)', () => {
    const kinds = new Set(all.map((t) => t.kind));
    expect(Object.keys(LIMITS).filter((k) => !kinds.has(k as Kind))).toEqual([]);
  });

  it('flags a name over its limit and a name that is not an API name', () => {
    expect(overLimit([{ kind: 'validation rule name', where: 'X', value: 'Relative_Quantity_Needs_Increase_Or_Decrease' }])).toEqual([
      'validation rule name of X has 44 characters, the limit is 40: "Relative_Quantity_Needs_Increase_Or_Decrease"',
    ]);
    expect(overLimit([{ kind: 'list view name', where: 'X', value: 'Needs__Validation_' }])).toHaveLength(1);
    expect(overLimit([{ kind: 'field label', where: 'X', value: 'x'.repeat(40) }])).toEqual([]);
  });

  it.each(Object.keys(LIMITS) as Kind[])('%s: within the limit', (kind) => {
    expect(overLimit(all.filter((t) => t.kind === kind))).toEqual([]);
  });

  it('picklist value API names use only letters, digits, underscores and spaces (labels carry the rest)', () => {
    const unplain = all.filter((t) => t.kind === 'picklist value API name' && !PLAIN_PICKLIST_VALUE.test(t.value));
    expect(unplain.map((t) => `${t.where}: "${t.value}"`)).toEqual([]);
    expect(PLAIN_PICKLIST_VALUE.test('Relative %')).toBe(false);
    expect(PLAIN_PICKLIST_VALUE.test('Assumed – Needs Validation')).toBe(false);
    expect(PLAIN_PICKLIST_VALUE.test('Relative_Percent')).toBe(true);
  });
});
