/**
 * GraphQL `where` and `orderBy` arguments as SOQL, so the org's one query engine answers GraphQL too
 * (GraphQL API Developer Guide, "Filter" → "Field Operators", "Boolean Operators", "Relationship Filters",
 * "Semi-Join and Anti-Join Filters", "Date and DateTime Filters"; "Order Results").
 *
 * The arguments arrive already validated against the generated schema (unknown fields and operators are
 * GraphQL validation errors), so this only has to spell them: values are quoted or checked by the field's
 * type, never pasted.
 */
import { OrgApiError } from '../engine/types.js';
import { findRelationshipField } from '../schema/index.js';
import type { FieldSchema, ObjectSchema, OrgSchema } from '../schema/types.js';

export const DATE_LITERALS = [
  'YESTERDAY',
  'TODAY',
  'TOMORROW',
  'LAST_WEEK',
  'THIS_WEEK',
  'NEXT_WEEK',
  'LAST_MONTH',
  'THIS_MONTH',
  'NEXT_MONTH',
  'LAST_90_DAYS',
  'NEXT_90_DAYS',
  'LAST_QUARTER',
  'THIS_QUARTER',
  'NEXT_QUARTER',
  'LAST_YEAR',
  'THIS_YEAR',
  'NEXT_YEAR',
] as const;

/** `range: { last_n_days: 7 }` → LAST_N_DAYS:7 */
export const DATE_RANGES = [
  'last_n_days',
  'next_n_days',
  'n_days_ago',
  'last_n_weeks',
  'next_n_weeks',
  'n_weeks_ago',
  'last_n_months',
  'next_n_months',
  'n_months_ago',
  'last_n_quarters',
  'next_n_quarters',
  'n_quarters_ago',
  'last_n_years',
  'next_n_years',
  'n_years_ago',
] as const;

const SOQL_OPERATORS: Record<string, string> = { eq: '=', ne: '!=', lt: '<', lte: '<=', gt: '>', gte: '>=', like: 'LIKE', in: 'IN', nin: 'NOT IN' };

type Filter = Record<string, unknown>;

export const badArgument = (message: string): OrgApiError => new OrgApiError(400, 'INVALID_ARGUMENT', message);

export const soqlString = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})$/;

function dateInput(field: FieldSchema, input: unknown): string {
  if (input === null) return 'null';
  const given = input as { value?: unknown; literal?: string; range?: Record<string, number> };
  const parts = (['value', 'literal', 'range'] as const).filter((k) => given[k] !== undefined && given[k] !== null);
  if (parts.length !== 1) throw badArgument(`${field.name}: a date filter takes exactly one of value, literal or range`);
  if (given.literal) return given.literal;
  if (given.range) {
    const entries = Object.entries(given.range).filter(([, n]) => n !== null && n !== undefined);
    if (entries.length !== 1) throw badArgument(`${field.name}: a date range takes exactly one of ${DATE_RANGES.join(', ')}`);
    const [name, n] = entries[0];
    if (!Number.isInteger(n) || n < 0) throw badArgument(`${field.name}: ${name} needs a whole number of 0 or more`);
    return `${name.toUpperCase()}:${n}`;
  }
  const value = String(given.value);
  if (field.type === 'date' && DATE.test(value)) return value;
  if (field.type === 'datetime' && DATETIME.test(value)) return value.replace(/\.\d+/, '');
  if (field.type === 'datetime' && DATE.test(value)) return `${value}T00:00:00Z`;
  throw badArgument(`${field.name}: '${value}' is not a valid ${field.type === 'date' ? 'Date (YYYY-MM-DD)' : 'DateTime (YYYY-MM-DDThh:mm:ssZ)'}`);
}

function literal(field: FieldSchema, value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (field.type) {
    case 'date':
    case 'datetime':
      return dateInput(field, value);
    case 'double':
    case 'int':
    case 'currency':
    case 'percent': {
      const n = typeof value === 'number' ? value : Number(value);
      if (!Number.isFinite(n)) throw badArgument(`${field.name}: '${String(value)}' is not a number`);
      return String(n);
    }
    case 'boolean':
      if (typeof value !== 'boolean') throw badArgument(`${field.name}: '${String(value)}' is not a Boolean`);
      return String(value);
    default:
      if (typeof value === 'object') throw badArgument(`${field.name}: expected a text value`);
      return soqlString(String(value));
  }
}

/** The SOQL condition for a `<Object>_Filter`, or null when it filters nothing. */
export function filterToSoql(schema: OrgSchema, object: ObjectSchema, filter: Filter | null | undefined, prefix = ''): string | null {
  if (!filter) return null;
  const parts: string[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    if (key === 'and' || key === 'or') {
      if (value === null) continue;
      const subs = (value as Filter[]).map((f) => filterToSoql(schema, object, f, prefix)).filter((s): s is string => Boolean(s));
      if (subs.length) parts.push(subs.length === 1 ? subs[0] : `(${subs.join(key === 'and' ? ' AND ' : ' OR ')})`);
      continue;
    }
    if (key === 'not') {
      const sub = filterToSoql(schema, object, value as Filter, prefix);
      if (sub) parts.push(`(NOT ${sub.startsWith('(') ? sub : `(${sub})`})`);
      continue;
    }
    const field = object.fieldsByLowerName.get(key.toLowerCase());
    if (field && field.name === key) {
      if (value === null) continue;
      parts.push(...operatorsToSoql(schema, field, value as Filter, `${prefix}${field.name}`));
      continue;
    }
    const relationship = findRelationshipField(object, key);
    if (relationship) {
      if (value === null) continue;
      const parent = schema.objects.get(relationship.referenceTo![0])!;
      const sub = filterToSoql(schema, parent, value as Filter, `${prefix}${relationship.relationshipName}.`);
      if (sub) parts.push(sub);
      continue;
    }
    throw badArgument(`Field '${key}' is not defined on ${object.name}_Filter`);
  }
  if (!parts.length) return null;
  return parts.length === 1 ? parts[0] : `(${parts.join(' AND ')})`;
}

function operatorsToSoql(schema: OrgSchema, field: FieldSchema, operators: Filter, path: string): string[] {
  const out: string[] = [];
  for (const [op, value] of Object.entries(operators)) {
    if (value === undefined) continue;
    if (op === 'inq' || op === 'ninq') {
      if (value === null) continue;
      out.push(`${path} ${op === 'inq' ? 'IN' : 'NOT IN'} (${semiJoin(schema, value as Filter)})`);
      continue;
    }
    const soqlOp = SOQL_OPERATORS[op];
    if (!soqlOp) throw badArgument(`Operator '${op}' is not supported on ${field.name}`);
    if (op === 'in' || op === 'nin') {
      if (value === null) continue;
      const values = (value as unknown[]).map((v) => literal(field, v));
      if (!values.length) {
        // IN () matches nothing, NOT IN () everything: SOQL has no empty list, so spell it as a condition on Id.
        out.push(op === 'in' ? `${path.replace(/[^.]*$/, 'Id')} = null` : `${path.replace(/[^.]*$/, 'Id')} != null`);
      } else out.push(`${path} ${soqlOp} (${values.join(', ')})`);
      continue;
    }
    if (op === 'like' && value !== null && typeof value !== 'string') throw badArgument(`${field.name}: like takes a text pattern`);
    out.push(`${path} ${soqlOp} ${literal(field, value)}`);
  }
  return out;
}

/** `{ Outcome_Requirement__c: { … }, ApiName: "Initiative__c" }` → `SELECT Initiative__c FROM Outcome_Requirement__c WHERE …` */
function semiJoin(schema: OrgSchema, join: Filter): string {
  const apiName = join.ApiName;
  const objects = Object.entries(join).filter(([k, v]) => k !== 'ApiName' && v !== undefined && v !== null);
  if (typeof apiName !== 'string' || objects.length !== 1) throw badArgument('inq and ninq take ApiName and exactly one object filter');
  const object = schema.byLowerName.get(objects[0][0].toLowerCase())!;
  const field = object.fieldsByLowerName.get(apiName.toLowerCase());
  if (!field || !['id', 'reference'].includes(field.type)) throw badArgument(`ApiName '${apiName}' is not an Id or reference field of ${object.name}`);
  const where = filterToSoql(schema, object, objects[0][1] as Filter);
  return `SELECT ${field.name} FROM ${object.name}${where ? ` WHERE ${where}` : ''}`;
}

/**
 * ORDER BY from an `<Object>_OrderBy`, in the order the query wrote its keys (read from the query text, not
 * the coerced argument, whose keys follow the type's field order).
 */
export function orderByToSoql(object: ObjectSchema, schema: OrgSchema, orderBy: unknown, prefix = ''): string[] {
  if (!orderBy || typeof orderBy !== 'object') return [];
  const out: string[] = [];
  for (const [key, value] of Object.entries(orderBy as Record<string, unknown>)) {
    if (value === null || value === undefined) continue;
    const field = object.fieldsByLowerName.get(key.toLowerCase());
    if (field && field.name === key) {
      const clause = value as { order?: string; nulls?: string };
      const order = clause.order === 'DESC' ? 'DESC' : 'ASC';
      out.push(`${prefix}${field.name} ${order}${clause.nulls === 'FIRST' || clause.nulls === 'LAST' ? ` NULLS ${clause.nulls}` : ''}`);
      continue;
    }
    const relationship = findRelationshipField(object, key);
    if (relationship) {
      const parent = schema.objects.get(relationship.referenceTo![0])!;
      out.push(...orderByToSoql(parent, schema, value, `${prefix}${relationship.relationshipName}.`));
      continue;
    }
    throw badArgument(`Field '${key}' is not defined on ${object.name}_OrderBy`);
  }
  return out;
}
