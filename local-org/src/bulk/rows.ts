/**
 * Turns the rows of an ingest job into records the engine can save: typed by the object's describe,
 * `#N/A` as null, and `Parent__r.External_Id__c` columns resolved to the parent's Id, as Salesforce does for
 * Bulk API 2.0 relationship columns.
 */
import type { DescribeSObjectResult, OrgEngine, SaveError, SfRecord } from '../engine/types.js';

type DescribeField = DescribeSObjectResult['fields'][number];

const NUMERIC_TYPES = new Set(['double', 'currency', 'percent', 'int', 'long']);

/** A header problem fails the whole job, with Salesforce's "InvalidBatch" wording. */
export class InvalidBatch extends Error {}

type Column =
  | { kind: 'field'; name: string; field: DescribeField }
  | { kind: 'relationship'; header: string; field: DescribeField; parent: string; parentField: string };

export type PreparedRow = { record: SfRecord } | { error: SaveError };

function findField(fields: DescribeField[], name: string): DescribeField | undefined {
  const lower = name.toLowerCase();
  return fields.find((f) => f.name.toLowerCase() === lower);
}

export function columnsOf(engine: OrgEngine, object: string, header: string[]): Column[] {
  const describe = engine.describe(object);
  return header.map((name): Column => {
    const dot = name.indexOf('.');
    if (dot < 0) {
      const field = findField(describe.fields, name);
      if (!field) throw new InvalidBatch(`InvalidBatch : Field name not found : ${name}`);
      return { kind: 'field', name: field.name, field };
    }
    const relationship = name.slice(0, dot).toLowerCase();
    const field = describe.fields.find((f) => typeof f.relationshipName === 'string' && f.relationshipName.toLowerCase() === relationship);
    const targets = (field?.referenceTo as string[] | undefined) ?? [];
    if (!field || targets.length === 0) throw new InvalidBatch(`InvalidBatch : Field name not found : ${name}`);
    return { kind: 'relationship', header: name, field, parent: targets[0], parentField: name.slice(dot + 1) };
  });
}

function typed(field: DescribeField, text: string): unknown {
  if (NUMERIC_TYPES.has(field.type)) {
    const n = Number(text);
    return Number.isFinite(n) ? n : text; // leave it to the engine to reject with its own message
  }
  if (field.type === 'boolean') return /^(true|1|yes)$/i.test(text);
  return text;
}

const soqlString = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** Parent Ids by external id value, one query per 500 distinct values. */
function resolveParents(engine: OrgEngine, column: Extract<Column, { kind: 'relationship' }>, values: string[]): Map<string, string> {
  const ids = new Map<string, string>();
  const distinct = [...new Set(values.filter((v) => v !== '' && v !== '#N/A'))];
  for (let i = 0; i < distinct.length; i += 500) {
    const list = distinct.slice(i, i + 500).map(soqlString).join(', ');
    const result = engine.query(`SELECT Id, ${column.parentField} FROM ${column.parent} WHERE ${column.parentField} IN (${list})`);
    for (const r of result.records) ids.set(String(r[column.parentField]), String(r.Id));
  }
  return ids;
}

/**
 * Records for one chunk of rows. An empty cell leaves the field out (Bulk API 2.0 does not change it);
 * `#N/A` sets it to null.
 */
export function prepareRows(engine: OrgEngine, columns: Column[], rows: string[][]): PreparedRow[] {
  const parentIds = new Map<number, Map<string, string>>();
  columns.forEach((column, index) => {
    if (column.kind === 'relationship') parentIds.set(index, resolveParents(engine, column, rows.map((row) => row[index] ?? '')));
  });
  return rows.map((row): PreparedRow => {
    const record: SfRecord = {};
    for (let i = 0; i < columns.length; i++) {
      const column = columns[i];
      const text = row[i] ?? '';
      if (text === '') continue;
      if (column.kind === 'field') {
        record[column.name] = text === '#N/A' ? null : typed(column.field, text);
        continue;
      }
      if (text === '#N/A') {
        record[column.field.name] = null;
        continue;
      }
      const id = parentIds.get(i)?.get(text);
      if (!id) {
        return {
          error: {
            statusCode: 'INVALID_FIELD',
            message: `Foreign key external ID: ${text} not found for field ${column.parentField} in entity ${column.parent}`,
            fields: [],
          },
        };
      }
      record[column.field.name] = id;
    }
    return { record };
  });
}
