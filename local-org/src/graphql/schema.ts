/**
 * The org's GraphQL schema, generated from the same metadata the org reads (force-app plus the bundled standard
 * objects), in the shape of Salesforce's GraphQL API (GraphQL API Developer Guide, "Query Record Objects",
 * "Field Value Types", "Filter", "Order Results", "Paginate Results"):
 *
 *   Query.uiapi: UIAPI!  →  UIAPI.query: RecordQuery!  →  RecordQuery.<Object>(first, after, where, orderBy, upperBound): <Object>Connection
 *   <Object>Connection { edges [<Object>Edge] { node: <Object>, cursor }, pageInfo: PageInfo!, totalCount: Int!, pageResultCount: Int! }
 *   <Object> implements Record { Id: ID!, ApiName, WeakEtag, DisplayValue, <Field>: <Type>Value, <Parent>: <ParentObject>, <Children>(…): <Child>Connection }
 *   <Type>Value { value, displayValue } (dates and numbers also `format`)
 *   <Object>_Filter { and, or, not, <Field>: <Type>Operators, <Parent>: <ParentObject>_Filter }
 *   <Object>_OrderBy { <Field>: OrderByClause { order, nulls }, <Parent>: <ParentObject>_OrderBy }
 *
 * Resolution lives in ./resolve.ts; this module only builds types and hooks its resolvers in.
 */
import {
  DirectiveLocation,
  GraphQLBoolean,
  GraphQLDirective,
  GraphQLEnumType,
  GraphQLID,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLInterfaceType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLSchema,
  GraphQLString,
  Kind,
  specifiedDirectives,
  valueFromASTUntyped,
  type GraphQLFieldConfigMap,
  type GraphQLInputFieldConfigMap,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLFieldConfigArgumentMap,
} from 'graphql';
import type { FieldSchema, ObjectSchema, OrgSchema } from '../schema/types.js';
import { DATE_LITERALS, DATE_RANGES } from './where.js';
import { resolvers } from './resolve.js';

/** A Salesforce scalar: JSON in, JSON out; literals of any GraphQL kind (a Double may be written 5 or 5.0). */
function scalar(name: string, description: string): GraphQLScalarType {
  return new GraphQLScalarType({
    name,
    description,
    serialize: (v) => v,
    parseValue: (v) => v,
    parseLiteral: (ast, variables) => {
      if (ast.kind === Kind.OBJECT || ast.kind === Kind.LIST) throw new TypeError(`${name} cannot represent a non-scalar value`);
      return valueFromASTUntyped(ast, variables);
    },
  });
}

const SCALARS = {
  Date: scalar('Date', 'An ISO-8601 date: 2026-01-15'),
  DateTime: scalar('DateTime', 'An ISO-8601 date and time in UTC: 2026-01-15T09:30:00.000Z'),
  Currency: scalar('Currency', 'A currency amount'),
  Double: scalar('Double', 'A double-precision number'),
  Percent: scalar('Percent', 'A percentage'),
  Long: scalar('Long', 'A 64-bit integer'),
  Email: scalar('Email', 'An email address'),
  PhoneNumber: scalar('PhoneNumber', 'A phone number'),
  Url: scalar('Url', 'A URL'),
  TextArea: scalar('TextArea', 'Text of a text area field'),
  LongTextArea: scalar('LongTextArea', 'Text of a long text area field'),
  Picklist: scalar('Picklist', 'The API value of a picklist entry'),
};

type ValueKind = { type: string; scalar: GraphQLScalarType | typeof GraphQLString; operators: string; format: boolean };

/** Describe type → GraphQL value type, the scalar of its `value` and the operators its filter takes. */
function valueKindOf(field: FieldSchema): ValueKind {
  switch (field.type) {
    case 'reference':
    case 'id':
      return { type: 'IDValue', scalar: GraphQLID as unknown as GraphQLScalarType, operators: 'IDOperators', format: false };
    case 'string':
      return { type: 'StringValue', scalar: GraphQLString, operators: 'StringOperators', format: false };
    case 'textarea':
      return (field.length ?? 255) > 255
        ? { type: 'LongTextAreaValue', scalar: SCALARS.LongTextArea, operators: 'LongTextAreaOperators', format: false }
        : { type: 'TextAreaValue', scalar: SCALARS.TextArea, operators: 'TextAreaOperators', format: false };
    case 'email':
      return { type: 'EmailValue', scalar: SCALARS.Email, operators: 'EmailOperators', format: false };
    case 'phone':
      return { type: 'PhoneNumberValue', scalar: SCALARS.PhoneNumber, operators: 'PhoneNumberOperators', format: false };
    case 'url':
      return { type: 'UrlValue', scalar: SCALARS.Url, operators: 'UrlOperators', format: false };
    case 'double':
      return { type: 'DoubleValue', scalar: SCALARS.Double, operators: 'DoubleOperators', format: true };
    case 'int':
      return { type: 'IntValue', scalar: GraphQLInt as unknown as GraphQLScalarType, operators: 'IntegerOperators', format: true };
    case 'currency':
      return { type: 'CurrencyValue', scalar: SCALARS.Currency, operators: 'CurrencyOperators', format: true };
    case 'percent':
      return { type: 'PercentValue', scalar: SCALARS.Percent, operators: 'PercentOperators', format: true };
    case 'date':
      return { type: 'DateValue', scalar: SCALARS.Date, operators: 'DateOperators', format: true };
    case 'datetime':
      return { type: 'DateTimeValue', scalar: SCALARS.DateTime, operators: 'DateTimeOperators', format: true };
    case 'boolean':
      return { type: 'BooleanValue', scalar: GraphQLBoolean as unknown as GraphQLScalarType, operators: 'BooleanOperators', format: false };
    case 'picklist':
      return { type: 'PicklistValue', scalar: SCALARS.Picklist, operators: 'PicklistOperators', format: false };
    default:
      return { type: 'StringValue', scalar: GraphQLString, operators: 'StringOperators', format: false };
  }
}

const cache = new WeakMap<OrgSchema, GraphQLSchema>();

export function graphqlSchemaFor(org: OrgSchema): GraphQLSchema {
  let schema = cache.get(org);
  if (!schema) {
    schema = buildSchema(org);
    cache.set(org, schema);
  }
  return schema;
}

const nonNull = <T extends GraphQLOutputType | GraphQLInputType>(t: T): GraphQLNonNull<T> => new GraphQLNonNull(t);

function buildSchema(org: OrgSchema): GraphQLSchema {
  const objects = [...org.objects.values()].filter((o) => o.queryable).sort((a, b) => (a.name < b.name ? -1 : 1));
  const known = new Set(objects.map((o) => o.name));

  // ---- value types -----------------------------------------------------------------------------------
  const valueTypes = new Map<string, GraphQLObjectType>();
  const valueType = (kind: ValueKind): GraphQLObjectType => {
    let type = valueTypes.get(kind.type);
    if (!type) {
      const fields: GraphQLFieldConfigMap<unknown, unknown> = { value: { type: kind.scalar }, displayValue: { type: GraphQLString } };
      if (kind.format) fields.format = { type: GraphQLString };
      if (kind.type === 'PicklistValue') fields.label = { type: GraphQLString };
      type = new GraphQLObjectType({ name: kind.type, fields });
      valueTypes.set(kind.type, type);
    }
    return type;
  };

  // ---- filter operator inputs ------------------------------------------------------------------------
  const DateLiteral = new GraphQLEnumType({ name: 'DateLiteral', values: Object.fromEntries(DATE_LITERALS.map((l) => [l, { value: l }])) });
  const DateRange = new GraphQLInputObjectType({
    name: 'DateRange',
    fields: Object.fromEntries(DATE_RANGES.map((r) => [r, { type: GraphQLInt }])),
  });
  const DateInput = new GraphQLInputObjectType({
    name: 'DateInput',
    fields: { value: { type: SCALARS.Date }, literal: { type: DateLiteral }, range: { type: DateRange } },
  });
  const DateTimeInput = new GraphQLInputObjectType({
    name: 'DateTimeInput',
    fields: { value: { type: SCALARS.DateTime }, literal: { type: DateLiteral }, range: { type: DateRange } },
  });
  const operatorTypes = new Map<string, GraphQLInputObjectType>();
  const comparison = (name: string, of: GraphQLInputType, extra: GraphQLInputFieldConfigMap = {}, ordered = true): GraphQLInputObjectType => {
    const fields: GraphQLInputFieldConfigMap = { eq: { type: of }, ne: { type: of } };
    if (ordered) Object.assign(fields, { lt: { type: of }, lte: { type: of }, gt: { type: of }, gte: { type: of } });
    Object.assign(fields, { in: { type: new GraphQLList(of) }, nin: { type: new GraphQLList(of) } }, extra);
    const type = new GraphQLInputObjectType({ name, fields });
    operatorTypes.set(name, type);
    return type;
  };
  for (const [name, of] of [
    ['StringOperators', GraphQLString],
    ['TextAreaOperators', SCALARS.TextArea],
    ['LongTextAreaOperators', SCALARS.LongTextArea],
    ['EmailOperators', SCALARS.Email],
    ['PhoneNumberOperators', SCALARS.PhoneNumber],
    ['UrlOperators', SCALARS.Url],
    ['PicklistOperators', SCALARS.Picklist],
  ] as const) {
    comparison(name, of, { like: { type: of } });
  }
  for (const [name, of] of [
    ['DoubleOperators', SCALARS.Double],
    ['IntegerOperators', GraphQLInt],
    ['CurrencyOperators', SCALARS.Currency],
    ['PercentOperators', SCALARS.Percent],
    ['LongOperators', SCALARS.Long],
  ] as const) {
    comparison(name, of);
  }
  comparison('DateOperators', DateInput);
  comparison('DateTimeOperators', DateTimeInput);
  operatorTypes.set('BooleanOperators', new GraphQLInputObjectType({ name: 'BooleanOperators', fields: { eq: { type: GraphQLBoolean }, ne: { type: GraphQLBoolean } } }));

  // ---- per object: filter, order by, record, edge, connection -------------------------------------
  const filters = new Map<string, GraphQLInputObjectType>();
  const orderBys = new Map<string, GraphQLInputObjectType>();
  const records = new Map<string, GraphQLObjectType>();
  const connections = new Map<string, GraphQLObjectType>();

  const ResultOrder = new GraphQLEnumType({ name: 'ResultOrder', values: { ASC: { value: 'ASC' }, DESC: { value: 'DESC' } } });
  const NullOrder = new GraphQLEnumType({ name: 'NullOrder', values: { FIRST: { value: 'FIRST' }, LAST: { value: 'LAST' } } });
  const OrderByClause = new GraphQLInputObjectType({ name: 'OrderByClause', fields: { order: { type: ResultOrder }, nulls: { type: NullOrder } } });

  const singleParent = (field: FieldSchema): ObjectSchema | null => {
    const targets = (field.referenceTo ?? []).filter((t) => known.has(t));
    return targets.length === 1 ? org.objects.get(targets[0])! : null;
  };

  // JoinInput: `Id: { inq: { Outcome_Requirement__c: { … }, ApiName: "Initiative__c" } }` (a semi-join).
  const JoinInput: GraphQLInputObjectType = new GraphQLInputObjectType({
    name: 'JoinInput',
    fields: () => ({ ApiName: { type: nonNull(GraphQLString) }, ...Object.fromEntries(objects.map((o) => [o.name, { type: filters.get(o.name)! }])) }),
  });
  comparison('IDOperators', GraphQLID, { like: { type: GraphQLID }, inq: { type: JoinInput }, ninq: { type: JoinInput } });

  for (const object of objects) {
    filters.set(
      object.name,
      new GraphQLInputObjectType({
        name: `${object.name}_Filter`,
        fields: () => {
          const self = filters.get(object.name)!;
          const fields: GraphQLInputFieldConfigMap = { and: { type: new GraphQLList(self) }, or: { type: new GraphQLList(self) }, not: { type: self } };
          for (const field of object.fields) {
            if (field.type === 'address' || (field.type === 'textarea' && (field.length ?? 255) > 255)) continue; // long text and compounds are not filterable
            fields[field.name] = { type: operatorTypes.get(field.type === 'boolean' ? 'BooleanOperators' : valueKindOf(field).operators)! };
            const parent = field.relationshipName ? singleParent(field) : null;
            if (parent) fields[field.relationshipName!] = { type: filters.get(parent.name)! };
          }
          return fields;
        },
      }),
    );
    orderBys.set(
      object.name,
      new GraphQLInputObjectType({
        name: `${object.name}_OrderBy`,
        fields: () => {
          const fields: GraphQLInputFieldConfigMap = {};
          for (const field of object.fields) {
            if (field.type === 'address' || (field.type === 'textarea' && (field.length ?? 255) > 255)) continue;
            fields[field.name] = { type: OrderByClause };
            const parent = field.relationshipName ? singleParent(field) : null;
            if (parent) fields[field.relationshipName!] = { type: orderBys.get(parent.name)! };
          }
          return fields;
        },
      }),
    );
  }

  const connectionArgs = (object: ObjectSchema): GraphQLFieldConfigArgumentMap => ({
    first: { type: GraphQLInt },
    after: { type: GraphQLString },
    where: { type: filters.get(object.name)! },
    orderBy: { type: orderBys.get(object.name)! },
    upperBound: { type: GraphQLInt },
  });

  const RecordInterface: GraphQLInterfaceType = new GraphQLInterfaceType({
    name: 'Record',
    fields: () => ({
      Id: { type: nonNull(GraphQLID) },
      ApiName: { type: nonNull(GraphQLString) },
      WeakEtag: { type: nonNull(SCALARS.Long) },
      DisplayValue: { type: GraphQLString },
      LastModifiedById: { type: valueType(valueKindOf({ type: 'reference' } as FieldSchema)) },
      LastModifiedDate: { type: valueType(valueKindOf({ type: 'datetime' } as FieldSchema)) },
      SystemModstamp: { type: valueType(valueKindOf({ type: 'datetime' } as FieldSchema)) },
    }),
    resolveType: (record: { attributes?: { type?: string } }) => record.attributes?.type,
  });

  const PageInfo = new GraphQLObjectType({
    name: 'PageInfo',
    fields: {
      hasNextPage: { type: nonNull(GraphQLBoolean) },
      hasPreviousPage: { type: nonNull(GraphQLBoolean) },
      startCursor: { type: GraphQLString },
      endCursor: { type: GraphQLString },
    },
  });

  for (const object of objects) {
    records.set(
      object.name,
      new GraphQLObjectType({
        name: object.name,
        interfaces: [RecordInterface],
        fields: () => {
          const fields: GraphQLFieldConfigMap<unknown, unknown> = {
            Id: { type: nonNull(GraphQLID), resolve: resolvers.id },
            ApiName: { type: nonNull(GraphQLString), resolve: resolvers.apiName },
            WeakEtag: { type: nonNull(SCALARS.Long), resolve: resolvers.weakEtag },
            DisplayValue: { type: GraphQLString, resolve: resolvers.displayValue },
          };
          for (const field of object.fields) {
            // A compound address is served through its parts, as Salesforce's GraphQL schema does.
            if (field.name === 'Id' || field.type === 'address') continue;
            fields[field.name] = { type: valueType(valueKindOf(field)), resolve: resolvers.fieldValue };
            if (field.relationshipName && (field.referenceTo ?? []).some((t) => known.has(t))) {
              const parent = singleParent(field);
              fields[field.relationshipName] = { type: parent ? records.get(parent.name)! : RecordInterface, resolve: resolvers.parent };
            }
          }
          for (const child of org.childRelationships.get(object.name) ?? []) {
            if (!child.relationshipName || !known.has(child.childSObject)) continue;
            const childObject = org.objects.get(child.childSObject)!;
            fields[child.relationshipName] = { type: connections.get(childObject.name)!, args: connectionArgs(childObject), resolve: resolvers.children };
          }
          return fields;
        },
      }),
    );
    const Edge = new GraphQLObjectType({
      name: `${object.name}Edge`,
      fields: () => ({ node: { type: records.get(object.name)! }, cursor: { type: nonNull(GraphQLString) } }),
    });
    connections.set(
      object.name,
      new GraphQLObjectType({
        name: `${object.name}Connection`,
        fields: () => ({
          edges: { type: new GraphQLList(Edge), resolve: resolvers.edges },
          pageInfo: { type: nonNull(PageInfo), resolve: resolvers.pageInfo },
          totalCount: { type: nonNull(GraphQLInt), resolve: resolvers.totalCount },
          pageResultCount: { type: nonNull(GraphQLInt), resolve: resolvers.pageResultCount },
        }),
      }),
    );
  }

  const RecordQuery = new GraphQLObjectType({
    name: 'RecordQuery',
    fields: () =>
      Object.fromEntries(objects.map((o) => [o.name, { type: connections.get(o.name)!, args: connectionArgs(o), resolve: resolvers.rootConnection }])),
  });
  const UIAPI = new GraphQLObjectType({ name: 'UIAPI', fields: { query: { type: nonNull(RecordQuery), resolve: () => ({}) } } });
  const Query = new GraphQLObjectType({ name: 'Query', fields: { uiapi: { type: nonNull(UIAPI), resolve: () => ({}) } } });

  // Directives Salesforce's schema declares and LDS may send: @category tags a field's kind for the client's
  // cache, @optional lets a query name a field the user may not see. Neither changes what the local org answers.
  const directives = [
    ...specifiedDirectives,
    new GraphQLDirective({ name: 'category', locations: [DirectiveLocation.FIELD], args: { name: { type: GraphQLString } } }),
    new GraphQLDirective({ name: 'optional', locations: [DirectiveLocation.FIELD] }),
  ];
  return new GraphQLSchema({ query: Query, types: [...records.values()], directives });
}
