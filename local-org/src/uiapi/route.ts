/**
 * `/services/data/vXX.X/ui-api/...`: the User Interface API resources Lightning Data Service calls
 * (User Interface API Developer Guide, "Resources"):
 *
 *   GET    records/{id}?fields=&optionalFields=           getRecord
 *   GET    records/batch/{id,id,…}?fields=&optionalFields= getRecords
 *   POST   records  { apiName, fields }                     createRecord (201, the record)
 *   PATCH  records/{id}  { fields }                         updateRecord (200, the record)
 *   DELETE records/{id}                                     deleteRecord (204)
 *   GET    object-info/{objectApiName}                      getObjectInfo
 *   GET    object-info/{object}/picklist-values/{recordTypeId}[/{field}]  getPicklistValues(ByRecordType)
 *   GET    related-list-records/{parentId}/{relatedListId}?fields=&optionalFields=&pageSize=&pageToken=&sortBy=
 *
 * Writes go through the same engine as REST writes. A save the engine refuses answers 400 with Salesforce's
 * "Error with Output" body: `{ enhancedErrorType: "RecordError", message, output: { errors, fieldErrors } }`.
 * Anything else under ui-api answers 404 NOT_FOUND, as an unknown resource does.
 */
import type { LocalOrgEngine } from '../engine/index.js';
import { OrgApiError, type SaveError, type SaveResult } from '../engine/types.js';
import { jsonObjectBody, type ApiCall, type OrgContext } from '../http/context.js';
import { json, methodNotAllowed, noContent, notFound, type Reply } from '../http/respond.js';
import { findChildRelationship } from '../schema/index.js';
import type { ObjectSchema } from '../schema/types.js';
import { normalizeId } from '../store/ids.js';
import { soqlString } from '../graphql/where.js';
import { allPicklistValues, etagOf, MASTER_RECORD_TYPE_ID, objectInfo, picklistValues } from './objectInfo.js';
import { allFieldsTree, listParam, queryRepresentations, readRecords, treeFor } from './records.js';

const NOT_FOUND = 'The requested resource does not exist';

function engineOf(ctx: OrgContext): LocalOrgEngine {
  const engine = ctx.engine as Partial<LocalOrgEngine>;
  if (!engine.schema) throw notFound('The UI API needs the local org engine (schema from force-app)');
  return ctx.engine as LocalOrgEngine;
}

function objectNamed(engine: LocalOrgEngine, name: string): ObjectSchema {
  const object = engine.schema.byLowerName.get(name.toLowerCase());
  if (!object) throw notFound(NOT_FOUND);
  return object;
}

function objectOfId(engine: LocalOrgEngine, rawId: string): { object: ObjectSchema; id: string } {
  const id = normalizeId(rawId);
  const name = id ? engine.sobjectOfId(id) : null;
  if (!id || !name) throw notFound(NOT_FOUND);
  return { object: engine.schema.objects.get(name)!, id };
}

// ---- reads ------------------------------------------------------------------------------------------

function getRecord(engine: LocalOrgEngine, call: ApiCall, rawId: string): Reply {
  const { object, id } = objectOfId(engine, rawId);
  const fields = listParam(call.params, 'fields');
  const optionalFields = listParam(call.params, 'optionalFields');
  if (call.params.has('layoutTypes') || call.params.has('modes')) {
    throw new OrgApiError(400, 'ILLEGAL_QUERY_PARAMETER_VALUE', 'The local org answers records by fields and optionalFields only; layoutTypes and modes are not supported.');
  }
  if (!fields.length && !optionalFields.length) {
    throw new OrgApiError(400, 'ILLEGAL_QUERY_PARAMETER_VALUE', 'Specify fields or optionalFields (the local org has no layouts).');
  }
  const tree = treeFor(engine.schema, object, fields, optionalFields);
  const record = readRecords(engine, object, [id], tree, call.version).get(id);
  if (!record) throw notFound(NOT_FOUND);
  return json(record);
}

function getRecordBatch(engine: LocalOrgEngine, call: ApiCall, idList: string): Reply {
  const fields = listParam(call.params, 'fields');
  const optionalFields = listParam(call.params, 'optionalFields');
  const results = idList
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((rawId) => {
      try {
        const { object, id } = objectOfId(engine, rawId);
        // In a batch, each record reads the fields named for its own object.
        const own = (list: string[]): string[] => list.filter((f) => f.split('.')[0].toLowerCase() === object.name.toLowerCase());
        const tree = treeFor(engine.schema, object, own(fields), own(optionalFields));
        const record = readRecords(engine, object, [id], tree, call.version).get(id);
        if (!record) throw notFound(NOT_FOUND);
        return { statusCode: 200, result: record };
      } catch (error) {
        if (!(error instanceof OrgApiError)) throw error;
        return { statusCode: error.httpStatus, result: [{ errorCode: error.errorCode, message: error.message }] };
      }
    });
  return json({ hasErrors: results.some((r) => r.statusCode !== 200), results });
}

function relatedListRecords(engine: LocalOrgEngine, call: ApiCall, rawParentId: string, relatedListId: string): Reply {
  const { object: parent, id: parentId } = objectOfId(engine, rawParentId);
  const relation = findChildRelationship(engine.schema, parent.name, relatedListId);
  if (!relation) throw notFound(NOT_FOUND);
  const child = engine.schema.objects.get(relation.childSObject)!;
  const fields = listParam(call.params, 'fields');
  const optionalFields = listParam(call.params, 'optionalFields');
  const sortBy = listParam(call.params, 'sortBy');
  const pageSize = Number(call.params.get('pageSize') ?? 50);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1999) {
    throw new OrgApiError(400, 'ILLEGAL_QUERY_PARAMETER_VALUE', `pageSize must be from 1 to 1999, not ${call.params.get('pageSize')}`);
  }
  const offset = Number(call.params.get('pageToken') ?? 0);
  if (!Number.isInteger(offset) || offset < 0) throw new OrgApiError(400, 'ILLEGAL_QUERY_PARAMETER_VALUE', `Invalid pageToken: ${call.params.get('pageToken')}`);
  const tree = treeFor(engine.schema, child, fields, optionalFields);
  const orderBy = sortBy.map((s) => {
    const descending = s.startsWith('-');
    const name = (descending ? s.slice(1) : s).split('.').pop()!;
    const field = child.fieldsByLowerName.get(name.toLowerCase());
    if (!field) throw new OrgApiError(400, 'INVALID_FIELD', `sortBy: No such column '${name}' on entity '${child.name}'.`);
    return `${field.name} ${descending ? 'DESC' : 'ASC'}`;
  });
  const all = queryRepresentations(engine, child, tree, `${relation.field} = ${soqlString(parentId)}`, orderBy, call.version);
  const records = all.slice(offset, offset + pageSize);
  const base = `/services/data/v${call.version}/ui-api/related-list-records/${parentId}/${relation.relationshipName}`;
  const pageUrl = (token: number): string => `${base}?pageSize=${pageSize}&pageToken=${token}`;
  const next = offset + pageSize < all.length ? offset + pageSize : null;
  const previous = offset > 0 ? Math.max(0, offset - pageSize) : null;
  return json({
    count: all.length,
    currentPageToken: String(offset),
    currentPageUrl: pageUrl(offset),
    fields,
    listInfoETag: etagOf([child.name, relation.relationshipName, fields, optionalFields]),
    listReference: {
      id: null,
      inContextOfRecordId: parentId,
      listViewApiName: null,
      objectApiName: child.name,
      parentObjectApiName: parent.name,
      recordTypeId: null,
      relatedListId: relation.relationshipName,
      type: 'relatedList',
    },
    nextPageToken: next === null ? null : String(next),
    nextPageUrl: next === null ? null : pageUrl(next),
    optionalFields,
    pageSize,
    previousPageToken: previous === null ? null : String(previous),
    previousPageUrl: previous === null ? null : pageUrl(previous),
    records,
    sortBy,
  });
}

// ---- writes -----------------------------------------------------------------------------------------

/** A refused save as the UI API's Error with Output body (Record Exceptions in `output`). */
function recordError(object: ObjectSchema, result: SaveResult, creating: boolean): Reply {
  const entry = (e: SaveError, field: string | null): Record<string, unknown> => ({
    constituentField: null,
    duplicateRecordError: null,
    errorCode: e.statusCode,
    field,
    fieldLabel: field ? (object.fieldsByLowerName.get(field.toLowerCase())?.label ?? field) : null,
    message: e.message,
  });
  const errors: unknown[] = [];
  const fieldErrors: Record<string, unknown[]> = {};
  for (const e of result.errors) {
    const fields = (e.fields ?? []).filter((f) => object.fieldsByLowerName.has(f.toLowerCase()));
    if (!fields.length) errors.push(entry(e, null));
    for (const f of fields) (fieldErrors[f] ??= []).push(entry(e, f));
  }
  const missing = result.errors.some((e) => e.statusCode === 'ENTITY_IS_DELETED' || e.statusCode === 'NOT_FOUND');
  if (missing) return json([{ errorCode: 'NOT_FOUND', message: NOT_FOUND }], 404);
  return json(
    {
      enhancedErrorType: 'RecordError',
      message: `An error occurred while trying to ${creating ? 'create' : 'update'} the record. Please try again.`,
      output: { errors, fieldErrors },
    },
    400,
  );
}

function fieldsOfBody(body: Record<string, unknown>): Record<string, unknown> {
  const fields = body.fields;
  if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) {
    throw new OrgApiError(400, 'INVALID_INPUT', 'The request body needs fields: {"fields": {"Name": "…"}}');
  }
  return fields as Record<string, unknown>;
}

function createRecord(ctx: OrgContext, engine: LocalOrgEngine, call: ApiCall): Reply {
  const body = jsonObjectBody(call);
  if (typeof body.apiName !== 'string' || !body.apiName) throw new OrgApiError(400, 'INVALID_INPUT', 'The request body needs apiName: {"apiName": "Account", "fields": {…}}');
  const object = engine.schema.byLowerName.get(body.apiName.toLowerCase());
  if (!object) throw notFound(NOT_FOUND);
  ctx.meter.countRecords(1);
  const [result] = engine.create(object.name, [fieldsOfBody(body)], { allOrNone: true });
  if (!result.success) return recordError(object, result, true);
  const id = String(result.id);
  return json(readRecords(engine, object, [id], allFieldsTree(object), call.version).get(id), 201);
}

function updateRecord(ctx: OrgContext, engine: LocalOrgEngine, call: ApiCall, rawId: string): Reply {
  const { object, id } = objectOfId(engine, rawId);
  const fields = fieldsOfBody(jsonObjectBody(call));
  ctx.meter.countRecords(1);
  const [result] = engine.update(object.name, [{ ...fields, Id: id }], { allOrNone: true });
  if (!result.success) return recordError(object, result, false);
  return json(readRecords(engine, object, [id], allFieldsTree(object), call.version).get(id));
}

function deleteRecord(ctx: OrgContext, engine: LocalOrgEngine, rawId: string): Reply {
  const { id } = objectOfId(engine, rawId);
  ctx.meter.countRecords(1);
  const [result] = engine.delete([id], { allOrNone: true });
  if (result.success) return noContent();
  if (result.errors.some((e) => e.statusCode === 'ENTITY_IS_DELETED' || e.statusCode === 'NOT_FOUND')) throw notFound(NOT_FOUND);
  return json(result.errors.map((e) => ({ errorCode: e.statusCode, message: e.message })), 400);
}

// ---- routing ----------------------------------------------------------------------------------------

export function uiApiRoute(ctx: OrgContext, call: ApiCall): Reply {
  const engine = engineOf(ctx);
  const [, resource, a, b, c, d, ...rest] = call.segments;
  if (rest.length) throw notFound();
  const get = (): void => {
    if (call.method !== 'GET') throw methodNotAllowed(call.method, ['GET']);
  };
  switch (resource) {
    case 'records':
      if (a === undefined) {
        if (call.method !== 'POST') throw methodNotAllowed(call.method, ['POST']);
        return createRecord(ctx, engine, call);
      }
      if (a === 'batch' && b !== undefined && c === undefined) {
        get();
        return getRecordBatch(engine, call, b);
      }
      if (b !== undefined) throw notFound();
      if (call.method === 'GET') return getRecord(engine, call, a);
      if (call.method === 'PATCH') return updateRecord(ctx, engine, call, a);
      if (call.method === 'DELETE') return deleteRecord(ctx, engine, a);
      throw methodNotAllowed(call.method, ['GET', 'PATCH', 'DELETE']);
    case 'object-info': {
      if (a === undefined) throw notFound();
      get();
      const object = objectNamed(engine, a);
      if (b === undefined) return json(objectInfo(engine.schema, object));
      if (b !== 'picklist-values' || c === undefined) throw notFound();
      if (c !== MASTER_RECORD_TYPE_ID && normalizeId(c) !== MASTER_RECORD_TYPE_ID) throw notFound(NOT_FOUND);
      if (d === undefined) return json(allPicklistValues(object, call.version));
      const field = object.fieldsByLowerName.get(d.toLowerCase());
      if (!field || field.type !== 'picklist') throw notFound(NOT_FOUND);
      return json(picklistValues(object, field, call.version));
    }
    case 'related-list-records':
      if (a === undefined || b === undefined || c !== undefined) throw notFound();
      get();
      return relatedListRecords(engine, call, a, b);
    default:
      throw notFound();
  }
}
