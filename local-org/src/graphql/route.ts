/**
 * `POST /services/data/vXX.X/graphql` (GraphQL API Developer Guide, "GraphQL API Reference": the request body is
 * `{ query, variables, operationName }`, the answer `{ data, errors }`; "Status Codes and Error Responses": a
 * query the schema does not allow still answers 200, with each error's `extensions.ErrorType` one of
 * InvalidSyntax, ValidationError, DataFetchingException, OperationNotSupported, ExecutionAborted).
 *
 * Runs on the `graphql` reference implementation with the schema generated from the org's metadata
 * (./schema.ts); reads resolve through the org's SOQL engine (./resolve.ts). Mutations are not served: a
 * mutation answers the ValidationError the schema gives for it.
 */
import { GraphQLError, Kind, execute, parse, validate, visit, type DocumentNode, type FieldNode } from 'graphql';
import type { LocalOrgEngine } from '../engine/index.js';
import { OrgApiError } from '../engine/types.js';
import { jsonObjectBody, type ApiCall, type OrgContext } from '../http/context.js';
import { json, methodNotAllowed, notFound, type Reply } from '../http/respond.js';
import type { GraphqlContext } from './resolve.js';
import { graphqlSchemaFor } from './schema.js';

type ErrorType = 'InvalidSyntax' | 'ValidationError' | 'DataFetchingException' | 'OperationNotSupported' | 'ExecutionAborted';

type SalesforceGraphqlError = {
  message: string;
  locations: Array<{ line: number; column: number }>;
  path?: Array<string | number>;
  extensions: { ErrorType: ErrorType; classification: ErrorType };
};

/** The field path (`uiapi/query/Account/edges/node/Foo`) of a field node in the document. */
function fieldPath(document: DocumentNode, target: FieldNode): string[] {
  let found: string[] = [];
  visit(document, {
    Field: {
      enter(node, _key, _parent, _path, ancestors) {
        if (node !== target) return undefined;
        found = [...ancestors, node].filter((a): a is FieldNode => !Array.isArray(a) && (a as FieldNode).kind === Kind.FIELD).map((f) => f.name.value);
        return false;
      },
    },
  });
  return found;
}

const UNDEFINED_FIELD = /^Cannot query field "([^"]+)" on type "([^"]+)"\./;

/**
 * A validation error in the words of Salesforce's GraphQL service (graphql-java):
 * `Validation error (FieldUndefined@[uiapi/query/Account/edges/node/Foo]) : Field 'Foo' in type 'Account' is undefined`.
 */
function validationMessage(document: DocumentNode, error: GraphQLError): string {
  const undefinedField = UNDEFINED_FIELD.exec(error.message);
  const node = error.nodes?.[0];
  if (undefinedField && node?.kind === Kind.FIELD) {
    return `Validation error (FieldUndefined@[${fieldPath(document, node).join('/')}]) : Field '${undefinedField[1]}' in type '${undefinedField[2]}' is undefined`;
  }
  return `Validation error : ${error.message}`;
}

function toSalesforce(error: GraphQLError, type: ErrorType, message = error.message): SalesforceGraphqlError {
  const out: SalesforceGraphqlError = {
    message,
    locations: (error.locations ?? []).map(({ line, column }) => ({ line, column })),
    extensions: { ErrorType: type, classification: type },
  };
  if (error.path) out.path = [...error.path];
  return out;
}

type GraphqlRequest = { query: string; variables: Record<string, unknown>; operationName: string | null };

function requestOf(call: ApiCall): GraphqlRequest {
  const body = jsonObjectBody(call);
  if (typeof body.query !== 'string' || !body.query.trim()) {
    throw new OrgApiError(400, 'JSON_PARSER_ERROR', 'The request body needs a query: {"query": "query { uiapi { ... } }", "variables": {}}');
  }
  const variables = body.variables ?? {};
  if (variables === null || typeof variables !== 'object' || Array.isArray(variables)) {
    throw new OrgApiError(400, 'JSON_PARSER_ERROR', 'variables must be a JSON object');
  }
  return { query: body.query, variables: variables as Record<string, unknown>, operationName: typeof body.operationName === 'string' ? body.operationName : null };
}

export function runGraphql(engine: LocalOrgEngine, request: GraphqlRequest, apiVersion: string): { data?: unknown; errors?: SalesforceGraphqlError[] } {
  const schema = graphqlSchemaFor(engine.schema);
  let document: DocumentNode;
  try {
    document = parse(request.query);
  } catch (error) {
    const syntax = error as GraphQLError;
    return { data: null, errors: [toSalesforce(syntax, 'InvalidSyntax', `Invalid Syntax : ${syntax.message.replace(/^Syntax Error: /, '')}`)] };
  }
  const invalid = validate(schema, document);
  if (invalid.length) return { data: null, errors: invalid.map((e) => toSalesforce(e, 'ValidationError', validationMessage(document, e))) };

  const context: GraphqlContext = {
    schema: engine.schema,
    rawVariables: request.variables,
    query: (soql) => engine.query(soql, { apiVersion }),
  };
  const result = execute({ schema, document, variableValues: request.variables, operationName: request.operationName, contextValue: context });
  if (result instanceof Promise) throw new Error('GraphQL resolvers of the local org are synchronous');
  const out: { data?: unknown; errors?: SalesforceGraphqlError[] } = { data: result.data ?? null };
  if (result.errors?.length) {
    out.errors = result.errors.map((e) => {
      // Variables that do not fit the schema, or an operationName that names nothing: request errors, no path.
      if (!e.path) return toSalesforce(e, /operation/i.test(e.message) ? 'OperationNotSupported' : 'ValidationError');
      return toSalesforce(e, 'DataFetchingException');
    });
  }
  return out;
}

/** `.../graphql` */
export function graphqlRoute(ctx: OrgContext, call: ApiCall): Reply {
  if (call.segments.length !== 1) throw notFound();
  if (call.method !== 'POST') throw methodNotAllowed(call.method, ['POST']);
  const engine = ctx.engine as Partial<LocalOrgEngine>;
  if (!engine.schema) throw notFound('The GraphQL API needs the local org engine (schema from force-app)');
  return json(runGraphql(ctx.engine as LocalOrgEngine, requestOf(call), call.version));
}
