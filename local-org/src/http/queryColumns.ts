/**
 * `GET /query?q=...&columns=true`: the columns of a query instead of its rows, as Salesforce answers it and as
 * `sf data query` asks for it before printing a table (`{ columnMetadata, entityName, groupBy, idSelected, keyPrefix }`;
 * a parent relationship is a column with `joinColumns`, a child subquery an aggregate column with `joinColumns`).
 */
import { parseQuery, type FieldType as SoqlField, type Query } from '@jetstreamapp/soql-parser-js';
import type { DescribeSObjectResult, OrgEngine } from '../engine/types.js';
import { OrgApiError } from '../engine/types.js';

export type ColumnMetadata = {
  aggregate: boolean;
  apexType: string | null;
  booleanType: boolean;
  columnName: string;
  custom: boolean;
  displayName: string;
  foreignKeyName: string | null;
  insertable: boolean;
  joinColumns: ColumnMetadata[];
  numberType: boolean;
  textType: boolean;
  updatable: boolean;
};

export type QueryColumns = {
  columnMetadata: ColumnMetadata[];
  entityName: string;
  groupBy: boolean;
  idSelected: boolean;
  keyPrefix: string | null;
};

type DescribeField = DescribeSObjectResult['fields'][number];

const APEX_TYPES: Record<string, string> = {
  id: 'Id',
  reference: 'Id',
  string: 'String',
  textarea: 'String',
  picklist: 'String',
  multipicklist: 'String',
  email: 'String',
  phone: 'String',
  url: 'String',
  boolean: 'Boolean',
  double: 'Double',
  currency: 'Double',
  percent: 'Double',
  int: 'Integer',
  date: 'Date',
  datetime: 'Datetime',
  address: 'Address',
};
const NUMBER_TYPES = new Set(['double', 'currency', 'percent', 'int']);
const TEXT_TYPES = new Set(['string', 'textarea', 'picklist', 'multipicklist', 'email', 'phone', 'url', 'id', 'reference']);

function column(name: string, displayName: string, field: DescribeField | undefined, joinColumns: ColumnMetadata[] = [], aggregate = false): ColumnMetadata {
  const type = field?.type ?? '';
  return {
    aggregate,
    apexType: aggregate ? null : (APEX_TYPES[type] ?? null),
    booleanType: type === 'boolean',
    columnName: name,
    custom: Boolean(field?.custom),
    displayName,
    foreignKeyName: null,
    insertable: Boolean(field?.createable),
    joinColumns,
    numberType: NUMBER_TYPES.has(type),
    textType: TEXT_TYPES.has(type),
    updatable: Boolean(field?.updateable),
  };
}

function fieldOf(describe: DescribeSObjectResult | null, name: string): DescribeField | undefined {
  return describe?.fields.find((f) => f.name.toLowerCase() === name.toLowerCase());
}

/** The object a parent relationship leads to (Account.Owner → User). */
function parentDescribe(engine: OrgEngine, describe: DescribeSObjectResult | null, relationship: string): DescribeSObjectResult | null {
  const lookup = describe?.fields.find((f) => String(f.relationshipName ?? '').toLowerCase() === relationship.toLowerCase());
  const target = Array.isArray(lookup?.referenceTo) ? (lookup.referenceTo as string[])[0] : undefined;
  return target ? engine.describe(target) : null;
}

function columnsOf(engine: OrgEngine, fields: SoqlField[] | undefined, describe: DescribeSObjectResult | null): ColumnMetadata[] {
  let expression = 0;
  return (fields ?? []).map((field): ColumnMetadata => {
    switch (field.type) {
      case 'Field':
        return column(field.field, field.field, fieldOf(describe, field.field));
      case 'FieldRelationship': {
        // Account.Owner.Name → Account { Owner { Name } }
        const [first, ...rest] = field.relationships;
        const build = (path: string[], at: DescribeSObjectResult | null, shown: string): ColumnMetadata => {
          if (path.length === 0) return column(field.field, `${shown}.${field.field}`, fieldOf(at, field.field));
          const next = parentDescribe(engine, at, path[0]);
          return column(path[0], `${shown}.${path[0]}`, undefined, [build(path.slice(1), next, `${shown}.${path[0]}`)]);
        };
        const parent = parentDescribe(engine, describe, first);
        return column(first, first, undefined, [build(rest, parent, first)]);
      }
      case 'FieldSubquery': {
        const relationship = field.subquery.relationshipName;
        const child = describe?.childRelationships.find((r) => r.relationshipName?.toLowerCase() === relationship.toLowerCase());
        const childDescribe = child ? engine.describe(child.childSObject) : null;
        return column(relationship, relationship, undefined, columnsOf(engine, field.subquery.fields, childDescribe), true);
      }
      case 'FieldFunctionExpression':
        return column(field.alias ?? `expr${expression++}`, field.rawValue ?? field.functionName, undefined, [], Boolean(field.isAggregateFn));
      default:
        return column('expr', 'expr', undefined);
    }
  });
}

export function queryColumns(engine: OrgEngine, soql: string): QueryColumns {
  let query: Query;
  try {
    query = parseQuery(soql);
  } catch (error) {
    throw new OrgApiError(400, 'MALFORMED_QUERY', (error as Error).message);
  }
  const entityName = query.sObject ?? '';
  // The describe throws NOT_FOUND for an unknown object; a query on it is INVALID_TYPE.
  let describe: DescribeSObjectResult;
  try {
    describe = engine.describe(entityName);
  } catch {
    throw new OrgApiError(400, 'INVALID_TYPE', `sObject type '${entityName}' is not supported.`);
  }
  const columnMetadata = columnsOf(engine, query.fields, describe);
  return {
    columnMetadata,
    entityName: describe.name,
    groupBy: Boolean(query.groupBy),
    idSelected: columnMetadata.some((c) => c.columnName === 'Id'),
    keyPrefix: describe.keyPrefix,
  };
}
