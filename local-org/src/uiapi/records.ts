/**
 * Record representations as the User Interface API answers them (User Interface API Developer Guide, "Record"
 * and "Record Field" response bodies, "Get a Record", "Get a Batch of Records"): `fields` holds only what
 * `fields=` / `optionalFields=` asked for, each `{ displayValue, value }`; a relationship (`Account.Owner.Name`)
 * is a field whose value is the parent's own record representation and whose displayValue is its name.
 *
 * Reads go through the org's SOQL engine, so formulas and roll-ups read as they do over REST.
 */
import type { LocalOrgEngine } from '../engine/index.js';
import { OrgApiError, type SfRecord } from '../engine/types.js';
import { findRelationshipField } from '../schema/index.js';
import type { FieldSchema, ObjectSchema, OrgSchema } from '../schema/types.js';
import { soqlString } from '../graphql/where.js';
import { displayValueOf } from './displayValues.js';
import { etagOf, MASTER_RECORD_TYPE_ID } from './objectInfo.js';

/** What to read below one object: its fields, and parents by relationship name with what to read of them. */
export type FieldTree = { fields: Map<string, FieldSchema>; parents: Map<string, { field: FieldSchema; targets: ObjectSchema[]; tree: FieldTree }> };

const emptyTree = (): FieldTree => ({ fields: new Map(), parents: new Map() });

/** `a,b` and repeated parameters, as LDS sends them. */
export function listParam(params: URLSearchParams, name: string): string[] {
  return params
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

export const invalidField = (name: string, object: string): OrgApiError =>
  new OrgApiError(400, 'INVALID_FIELD', `No such column '${name}' on entity '${object}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`);

/**
 * Adds `Object.Field` or `Object.Parent__r.Field` to the tree. Unknown names throw INVALID_FIELD when
 * `required`, and are skipped otherwise (optionalFields).
 */
export function addFieldPath(schema: OrgSchema, object: ObjectSchema, tree: FieldTree, qualified: string, required: boolean): void {
  const segments = qualified.split('.');
  const fail = (): void => {
    if (required) throw invalidField(segments.slice(1).join('.') || qualified, object.name);
  };
  if (segments.length < 2 || segments[0].toLowerCase() !== object.name.toLowerCase()) return fail();
  let current: ObjectSchema[] = [object];
  let node = tree;
  for (const segment of segments.slice(1, -1)) {
    const relationship = current.length === 1 ? findRelationshipField(current[0], segment) : undefined;
    if (!relationship) return fail();
    const targets = (relationship.referenceTo ?? []).map((t) => schema.objects.get(t)).filter((o): o is ObjectSchema => Boolean(o));
    let parent = node.parents.get(relationship.relationshipName!);
    if (!parent) {
      parent = { field: relationship, targets, tree: emptyTree() };
      node.parents.set(relationship.relationshipName!, parent);
    }
    node = parent.tree;
    current = targets;
  }
  const last = segments[segments.length - 1];
  const field = current.map((o) => o.fieldsByLowerName.get(last.toLowerCase())).find(Boolean);
  if (!field) return fail();
  if (current.length > 1 && segments.length > 3) return fail(); // SOQL reads one hop through a polymorphic parent
  node.fields.set(field.name, field);
}

const SYSTEM = ['SystemModstamp', 'LastModifiedById', 'LastModifiedDate'];

function soqlItems(objects: ObjectSchema[], tree: FieldTree, prefix: string, out: Set<string>): void {
  out.add(`${prefix}Id`);
  const single = objects.length === 1 ? objects[0] : null;
  for (const name of SYSTEM) if (single?.fieldsByLowerName.has(name.toLowerCase())) out.add(`${prefix}${name}`);
  const nameField = objects.map((o) => o.fields.find((f) => f.nameField)).find(Boolean);
  if (nameField) out.add(`${prefix}${nameField.name}`);
  for (const name of tree.fields.keys()) out.add(`${prefix}${name}`);
  for (const [relationshipName, parent] of tree.parents) soqlItems(parent.targets, parent.tree, `${prefix}${relationshipName}.`, out);
}

const iso = (value: unknown): unknown => (typeof value === 'string' ? value.replace(/\+0000$/, 'Z') : value);

function fieldEntry(field: FieldSchema, raw: unknown): { displayValue: string | null; value: unknown } {
  const value = raw ?? null;
  return { displayValue: displayValueOf(field, value), value: field.type === 'datetime' ? iso(value) : value };
}

/** One Record body from a SOQL record. */
export function representation(schema: OrgSchema, record: SfRecord, tree: FieldTree): Record<string, unknown> {
  const type = record.attributes?.type ?? '';
  const object = schema.objects.get(type);
  const fields: Record<string, unknown> = {};
  for (const [name, field] of tree.fields) {
    const actual = object?.fieldsByLowerName.get(name.toLowerCase()) ?? field;
    fields[name] = fieldEntry(actual, record[actual.name]);
  }
  for (const [relationshipName, parent] of tree.parents) {
    const value = record[relationshipName] as SfRecord | null | undefined;
    if (!value) {
      fields[relationshipName] = { displayValue: null, value: null };
      continue;
    }
    const parentObject = schema.objects.get(value.attributes?.type ?? '');
    const nameField = parentObject?.fields.find((f) => f.nameField);
    fields[relationshipName] = { displayValue: nameField ? ((value[nameField.name] as string | null) ?? null) : null, value: representation(schema, value, parent.tree) };
  }
  const systemModstamp = iso(record.SystemModstamp ?? null) as string | null;
  const body: Record<string, unknown> = {
    apiName: type,
    childRelationships: {},
    fields,
    id: record.Id,
    lastModifiedById: record.LastModifiedById ?? null,
    lastModifiedDate: iso(record.LastModifiedDate ?? null),
    recordTypeId: MASTER_RECORD_TYPE_ID,
    recordTypeInfo: null,
    systemModstamp,
    weakEtag: systemModstamp ? Date.parse(systemModstamp) : 0,
  };
  return { ...body, eTag: etagOf(body) };
}

/** SOQL over the records of one object, in the order of `ids`; missing ids are absent from the map. */
export function readRecords(engine: LocalOrgEngine, object: ObjectSchema, ids: string[], tree: FieldTree, apiVersion: string): Map<string, Record<string, unknown>> {
  const items = new Set<string>();
  soqlItems([object], tree, '', items);
  const result = engine.query(`SELECT ${[...items].join(', ')} FROM ${object.name} WHERE Id IN (${ids.map(soqlString).join(', ')})`, { apiVersion });
  return new Map(result.records.map((r) => [String(r.Id), representation(engine.schema, r, tree)]));
}

export function queryRepresentations(
  engine: LocalOrgEngine,
  object: ObjectSchema,
  tree: FieldTree,
  where: string,
  orderBy: string[],
  apiVersion: string,
): Array<Record<string, unknown>> {
  const items = new Set<string>();
  soqlItems([object], tree, '', items);
  const soql = `SELECT ${[...items].join(', ')} FROM ${object.name} WHERE ${where}${orderBy.length ? ` ORDER BY ${orderBy.join(', ')}` : ''}`;
  return engine.query(soql, { apiVersion }).records.map((r) => representation(engine.schema, r, tree));
}

/** Every field of the object (no parents): what create and update answer with. */
export function allFieldsTree(object: ObjectSchema): FieldTree {
  return { fields: new Map(object.fields.map((f) => [f.name, f])), parents: new Map() };
}

export function treeFor(schema: OrgSchema, object: ObjectSchema, fields: string[], optionalFields: string[]): FieldTree {
  const tree = emptyTree();
  for (const f of fields) addFieldPath(schema, object, tree, f, true);
  for (const f of optionalFields) addFieldPath(schema, object, tree, f, false);
  return tree;
}
