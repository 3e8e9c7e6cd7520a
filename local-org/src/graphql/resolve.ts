/**
 * Resolving `uiapi.query` through the org's SOQL engine: each record connection becomes one SOQL query whose
 * SELECT list is read from the GraphQL selection (fields, parent relationships as paths, child relationships
 * as subqueries), its WHERE and ORDER BY from the `where` and `orderBy` arguments; `first`/`after` become
 * LIMIT/OFFSET and `totalCount` a COUNT() (GraphQL API Developer Guide, "Query Record Objects",
 * "Paginate Results", "Paginate with Upper-Bound Limit").
 *
 * Node fields then only read the SOQL records. A child connection below a parent relationship (which SOQL
 * cannot nest) or a second alias of the same child relationship is answered by its own query per parent.
 */
import {
  GraphQLObjectType,
  GraphQLSkipDirective,
  GraphQLIncludeDirective,
  Kind,
  getArgumentValues,
  getDirectiveValues,
  valueFromASTUntyped,
  type FieldNode,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';
import { OrgApiError, type SfRecord } from '../engine/types.js';
import { findChildRelationship, findRelationshipField } from '../schema/index.js';
import type { FieldSchema, ObjectSchema, OrgSchema } from '../schema/types.js';
import { displayValueOf, formatPatternOf } from '../uiapi/displayValues.js';
import { badArgument, filterToSoql, orderByToSoql, soqlString } from './where.js';

export type GraphqlContext = {
  schema: OrgSchema;
  /** Runs SOQL through the org's engine. */
  query: (soql: string) => { totalSize: number; records: SfRecord[] };
  /** The request's variables as sent (key order kept, for orderBy). */
  rawVariables: Record<string, unknown>;
};

export const DEFAULT_PAGE = 10;
export const MAX_PAGE = 2000;
/** Without upperBound, record connections page through at most this many records (API v56.0+). */
export const MAX_WITHOUT_UPPER_BOUND = 4000;

const PLAN = Symbol('plan');

type Plan = {
  object: ObjectSchema;
  items: string[];
  /** Child connections planned as subqueries, by response key. */
  subqueries: Map<string, { relationshipName: string; plan: Plan }>;
};

type Planned = SfRecord & { [PLAN]?: Plan };

type Connection = { object: ObjectSchema; records: Planned[]; offset: number; hasNextPage: boolean; totalCount: () => number };

// ---- cursors ---------------------------------------------------------------------------------------

export const encodeCursor = (position: number): string => Buffer.from(`v1:${position}`).toString('base64');

function decodeCursor(cursor: unknown): number {
  if (cursor === null || cursor === undefined) return 0;
  const match = /^v1:(\d+)$/.exec(Buffer.from(String(cursor), 'base64').toString('utf8'));
  if (!match) throw badArgument(`Invalid cursor: ${String(cursor)}`);
  return Number(match[1]);
}

// ---- selections --------------------------------------------------------------------------------------

function included(node: FieldNode | { directives?: FieldNode['directives'] }, info: GraphQLResolveInfo): boolean {
  const skip = getDirectiveValues(GraphQLSkipDirective, node as FieldNode, info.variableValues);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node as FieldNode, info.variableValues);
  return include?.if !== false;
}

/** The fields of selection sets, fragments flattened (type conditions merged: polymorphic parents read them all). */
function fieldsOf(sets: ReadonlyArray<SelectionSetNode | undefined>, info: GraphQLResolveInfo): FieldNode[] {
  const out: FieldNode[] = [];
  const walk = (set: SelectionSetNode | undefined): void => {
    for (const selection of set?.selections ?? []) {
      if (!included(selection as FieldNode, info)) continue;
      if (selection.kind === Kind.FIELD) out.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet);
      else walk(info.fragments[selection.name.value]?.selectionSet);
    }
  };
  sets.forEach(walk);
  return out;
}

const sub = (fields: FieldNode[], name: string): Array<SelectionSetNode | undefined> => fields.filter((f) => f.name.value === name).map((f) => f.selectionSet);

/** The `node` selections of a connection's field nodes. */
function nodeSelections(connectionNodes: readonly FieldNode[], info: GraphQLResolveInfo): Array<SelectionSetNode | undefined> {
  const connectionFields = fieldsOf(connectionNodes.map((n) => n.selectionSet), info);
  return sub(fieldsOf(sub(connectionFields, 'edges'), info), 'node');
}

const wantsTotal = (connectionNodes: readonly FieldNode[], info: GraphQLResolveInfo): boolean =>
  fieldsOf(connectionNodes.map((n) => n.selectionSet), info).some((f) => f.name.value === 'totalCount');

/** `orderBy` as written in the query (or in the variables as sent), so its keys keep their order. */
function rawArgument(node: FieldNode, name: string, context: GraphqlContext): unknown {
  const argument = node.arguments?.find((a) => a.name.value === name);
  return argument ? valueFromASTUntyped(argument.value, context.rawVariables) : undefined;
}

// ---- planning ----------------------------------------------------------------------------------------

function plan(schema: OrgSchema, objects: ObjectSchema[], sets: Array<SelectionSetNode | undefined>, info: GraphQLResolveInfo, context: GraphqlContext, prefix = ''): Plan {
  const object = objects[0];
  const items = new Set<string>([`${prefix}Id`]);
  const subqueries = new Map<string, { relationshipName: string; plan: Plan }>();
  const fieldOf = (name: string): FieldSchema | undefined => objects.map((o) => o.fieldsByLowerName.get(name.toLowerCase())).find((f) => f && f.name === name);
  for (const node of fieldsOf(sets, info)) {
    const name = node.name.value;
    if (name === '__typename' || name === 'Id' || name === 'ApiName') continue;
    if (name === 'WeakEtag') {
      items.add(`${prefix}SystemModstamp`);
      continue;
    }
    if (name === 'DisplayValue') {
      const nameField = objects.map((o) => o.fields.find((f) => f.nameField)).find(Boolean);
      if (nameField) items.add(`${prefix}${nameField.name}`);
      continue;
    }
    const field = fieldOf(name);
    if (field) {
      items.add(`${prefix}${field.name}`);
      continue;
    }
    const relationship = objects.map((o) => findRelationshipField(o, name)).find(Boolean);
    if (relationship) {
      const targets = (relationship.referenceTo ?? []).map((t) => schema.objects.get(t)).filter((o): o is ObjectSchema => Boolean(o));
      const nestedPrefix = `${prefix}${relationship.relationshipName}.`;
      const nested = plan(schema, targets, [node.selectionSet], info, context, nestedPrefix);
      // A polymorphic parent's fields are one hop only in SOQL (no paths through it).
      for (const item of nested.items) if (targets.length === 1 || !item.slice(nestedPrefix.length).includes('.')) items.add(item);
      continue;
    }
    const child = findChildRelationship(schema, object.name, name);
    const key = node.alias?.value ?? name;
    if (child && prefix === '' && ![...subqueries.values()].some((s) => s.relationshipName === child.relationshipName)) {
      const childObject = schema.objects.get(child.childSObject)!;
      const fieldDef = (info.schema.getType(object.name) as GraphQLObjectType).getFields()[name];
      const args = getArgumentValues(fieldDef, node, info.variableValues);
      const childPlan = plan(schema, [childObject], nodeSelections([node], info), info, context);
      const where = filterToSoql(schema, childObject, args.where as Record<string, unknown> | undefined);
      const order = orderByToSoql(childObject, schema, rawArgument(node, 'orderBy', context));
      items.add(`(SELECT ${[...childPlan.items].join(', ')} FROM ${child.relationshipName}${where ? ` WHERE ${where}` : ''}${order.length ? ` ORDER BY ${order.join(', ')}` : ''})`);
      subqueries.set(key, { relationshipName: child.relationshipName!, plan: childPlan });
    }
  }
  return { object, items: [...items], subqueries };
}

function annotate(records: Planned[], p: Plan): void {
  for (const record of records) {
    Object.defineProperty(record, PLAN, { value: p, enumerable: false });
    for (const { relationshipName, plan: childPlan } of p.subqueries.values()) {
      const children = (record[relationshipName] as { records?: Planned[] } | null)?.records;
      if (children) annotate(children, childPlan);
    }
  }
}

function checkPage(args: Record<string, unknown>): { first: number; offset: number; cap: number } {
  const first = args.first === undefined || args.first === null ? DEFAULT_PAGE : Number(args.first);
  const upperBound = args.upperBound === undefined || args.upperBound === null ? null : Number(args.upperBound);
  if (upperBound !== null) {
    if (upperBound < 1) throw badArgument(`upperBound must be a positive number, not ${upperBound}`);
    if (first < 200 || first > MAX_PAGE) throw badArgument(`With upperBound, first must be from 200 to ${MAX_PAGE}; it was ${first}`);
  } else if (first < 0 || first > MAX_PAGE) {
    throw badArgument(`first must be from 0 to ${MAX_PAGE}; it was ${first}`);
  }
  return { first, offset: decodeCursor(args.after), cap: upperBound ?? MAX_WITHOUT_UPPER_BOUND };
}

// ---- resolvers ----------------------------------------------------------------------------------------

type Resolver = GraphQLFieldResolver<Planned, GraphqlContext, Record<string, unknown>>;

const objectOf = (context: GraphqlContext, info: GraphQLResolveInfo): ObjectSchema => context.schema.objects.get(info.parentType.name)!;

function connectionFor(object: ObjectSchema, args: Record<string, unknown>, info: GraphQLResolveInfo, context: GraphqlContext, extraWhere?: string): Connection {
  const { first, offset, cap } = checkPage(args);
  const p = plan(context.schema, [object], nodeSelections(info.fieldNodes, info), info, context);
  const where = [extraWhere, filterToSoql(context.schema, object, args.where as Record<string, unknown> | undefined)].filter(Boolean).join(' AND ');
  const order = orderByToSoql(object, context.schema, rawArgument(info.fieldNodes[0], 'orderBy', context));
  const whereClause = where ? ` WHERE ${where}` : '';
  const limit = Math.max(0, Math.min(first, cap - offset));
  const soql = `SELECT ${p.items.join(', ')} FROM ${object.name}${whereClause}${order.length ? ` ORDER BY ${order.join(', ')}` : ''} LIMIT ${limit + 1}${offset ? ` OFFSET ${offset}` : ''}`;
  const result = limit > 0 ? context.query(soql) : { totalSize: 0, records: [] };
  const records = result.records.slice(0, limit) as Planned[];
  annotate(records, p);
  let total: number | null = null;
  return {
    object,
    records,
    offset,
    hasNextPage: result.records.length > limit && offset + limit < cap,
    totalCount: () => (total ??= wantsTotal(info.fieldNodes, info) ? context.query(`SELECT COUNT() FROM ${object.name}${whereClause}`).totalSize : 0),
  };
}

const rootConnection: Resolver = (_source, args, context, info) => {
  const object = context.schema.objects.get(info.fieldName);
  if (!object) throw new OrgApiError(400, 'INVALID_TYPE', `The local org has no object ${info.fieldName}`);
  return connectionFor(object, args, info, context);
};

const children: Resolver = (source, args, context, info) => {
  const parentObject = objectOf(context, info);
  const relation = findChildRelationship(context.schema, parentObject.name, info.fieldName)!;
  const childObject = context.schema.objects.get(relation.childSObject)!;
  const planned = source[PLAN]?.subqueries.get(String(info.path.key));
  if (!planned) {
    // Below a parent relationship, or a second alias of the relationship: a query of its own.
    return connectionFor(childObject, args, info, context, `${relation.field} = ${soqlString(String(source.Id))}`);
  }
  const { first, offset, cap } = checkPage(args);
  const all = ((source[planned.relationshipName] as { records?: Planned[] } | null)?.records ?? []);
  const end = Math.min(offset + first, cap);
  return { object: childObject, records: all.slice(offset, end), offset, hasNextPage: all.length > end && end < cap, totalCount: () => all.length } satisfies Connection;
};

function isoDatetime(value: unknown): unknown {
  return typeof value === 'string' ? value.replace(/\+0000$/, 'Z') : value;
}

const fieldValue: Resolver = (source, _args, context, info) => {
  const object = context.schema.objects.get(source.attributes?.type ?? info.parentType.name) ?? objectOf(context, info);
  const field = object.fieldsByLowerName.get(info.fieldName.toLowerCase());
  if (!field) return null;
  const raw = source[field.name] ?? null;
  const value = field.type === 'datetime' ? isoDatetime(raw) : raw;
  const out: Record<string, unknown> = { value, displayValue: displayValueOf(field, raw) };
  out.format = formatPatternOf(field);
  if (field.type === 'picklist') out.label = out.displayValue;
  return out;
};

/** The resolvers as the schema builder takes them (sources and contexts are the types above). */
const loose = (resolver: unknown): GraphQLFieldResolver<unknown, unknown> => resolver as GraphQLFieldResolver<unknown, unknown>;

export const resolvers = {
  rootConnection: loose(rootConnection),
  children: loose(children),
  fieldValue: loose(fieldValue),
  id: loose(((source) => source.Id) as Resolver),
  apiName: loose(((source, _args, _context, info) => source.attributes?.type ?? info.parentType.name) as Resolver),
  weakEtag: loose(((source) => {
    const stamp = Date.parse(String(isoDatetime(source.SystemModstamp)));
    return Number.isNaN(stamp) ? 0 : stamp;
  }) as Resolver),
  displayValue: loose(((source, _args, context, info) => {
    const object = context.schema.objects.get(source.attributes?.type ?? info.parentType.name);
    const nameField = object?.fields.find((f) => f.nameField);
    return nameField ? ((source[nameField.name] as string | null) ?? null) : null;
  }) as Resolver),
  parent: loose(((source, _args, context, info) => {
    const object = context.schema.objects.get(source.attributes?.type ?? info.parentType.name);
    const relationship = object ? findRelationshipField(object, info.fieldName) : undefined;
    return relationship ? ((source[relationship.relationshipName!] as SfRecord | null | undefined) ?? null) : null;
  }) as Resolver),
  edges: loose(((connection: unknown) => {
    const c = connection as Connection;
    return c.records.map((node, i) => ({ node, cursor: encodeCursor(c.offset + i + 1) }));
  })),
  pageInfo: loose(((connection: unknown) => {
    const c = connection as Connection;
    return {
      hasNextPage: c.hasNextPage,
      hasPreviousPage: c.offset > 0,
      startCursor: c.records.length ? encodeCursor(c.offset + 1) : null,
      endCursor: c.records.length ? encodeCursor(c.offset + c.records.length) : null,
    };
  })),
  totalCount: loose(((connection: unknown) => (connection as Connection).totalCount())),
  pageResultCount: loose(((connection: unknown) => (connection as Connection).records.length)),
};
