/**
 * Single-record routes (REST API Developer Guide, "Working with Records", "Insert or Update (Upsert) a Record
 * Using an External ID"): create answers 201 `{ id, success, errors }`, update and delete 204, upsert 201 with
 * `created: true` or 200 with `created: false`, and 300 with the matching record URLs when the external id is
 * not unique.
 */
import { OrgApiError, type SaveResult, type SfRecord } from '../engine/types.js';
import { jsonObjectBody, type ApiCall, type OrgContext } from './context.js';
import { userRecord } from './platform.js';
import { withVersionedUrls } from './records.js';
import { json, methodNotAllowed, noContent, notFound, type Reply } from './respond.js';

function withoutAttributes(body: Record<string, unknown>): SfRecord {
  const { attributes: _ignored, ...fields } = body;
  return fields;
}

/** A failed save as the HTTP error body of a single-record call: one entry per error, 404 when the record is gone. */
function saveFailure(result: SaveResult): Reply {
  const missing = result.errors.some((e) => e.statusCode === 'ENTITY_IS_DELETED' || e.statusCode === 'NOT_FOUND');
  const errors = result.errors.length ? result.errors : [{ statusCode: 'UNKNOWN_EXCEPTION', message: 'The save failed without a reason.', fields: [] }];
  return json(
    errors.map((e) => (e.fields?.length ? { message: e.message, errorCode: e.statusCode, fields: e.fields } : { message: e.message, errorCode: e.statusCode })),
    missing ? 404 : 400,
  );
}

const soqlString = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function idsByExternalId(ctx: OrgContext, sobject: string, field: string, value: string): string[] {
  const result = ctx.engine.query(`SELECT Id FROM ${sobject} WHERE ${field} = ${soqlString(value)}`);
  return result.records.map((r) => String(r.Id));
}

/** The fields a `?fields=` list asks for; Salesforce always answers the Id as well. */
export function withId(fields: string[] | undefined): string[] | undefined {
  if (!fields?.length) return undefined;
  return fields.some((f) => f.toLowerCase() === 'id') ? fields : ['Id', ...fields];
}

function retrieve(ctx: OrgContext, call: ApiCall, sobject: string, id: string): Reply {
  const fields = withId(call.params.get('fields')?.split(',').map((f) => f.trim()).filter(Boolean));
  const runningUser = sobject.toLowerCase() === 'user' && id.slice(0, 15) === ctx.identity.userId.slice(0, 15);
  if (!runningUser) return json(withVersionedUrls(ctx.engine.retrieve(sobject, id, fields), call.version));
  // `sf` and @salesforce/core read the running user's Username to name the org: it must be the server's
  // identity, whether or not the engine has a User object of its own.
  let record: SfRecord;
  try {
    record = ctx.engine.retrieve('User', ctx.identity.userId, fields);
  } catch (error) {
    if (!(error instanceof OrgApiError)) throw error;
    const user = userRecord(ctx.identity);
    record = { attributes: { type: 'User' }, Id: ctx.identity.userId, ...(fields ? Object.fromEntries(fields.map((f) => [f, user[f] ?? null])) : user) };
  }
  if (!fields || fields.some((f) => f.toLowerCase() === 'username')) record = { ...record, Username: ctx.identity.username };
  return json(withVersionedUrls(record, call.version));
}

/**
 * Names Salesforce keeps for sObject subresources (`describe/layouts`, `updated/`, `deleted/`, `listviews`, …).
 * Only `describe` is served; the others are unknown resources here, never an Id or an external id field.
 */
const SUBRESOURCES = new Set([
  'describe', 'updated', 'deleted', 'listviews', 'quickactions', 'layouts', 'compactlayouts', 'namedlayouts', 'approvallayouts',
  'search', 'relevantitems', 'platformaction', 'eventschema', 'richtextimagefields', 'suggestedarticles', 'userpassword', 'defaultvalues',
]);

/** `.../sobjects/{Type}[/{id} | /describe | /{ExtField}/{value}]` */
export function sobjectRoute(ctx: OrgContext, call: ApiCall): Reply {
  const [, sobject, idOrField, value] = call.segments;
  if (idOrField && SUBRESOURCES.has(idOrField.toLowerCase()) && !(idOrField === 'describe' && call.segments.length === 3)) throw notFound();
  if (call.segments.length === 2) {
    if (call.method === 'GET') {
      const describe = ctx.engine.describe(sobject);
      const { fields: _f, childRelationships: _c, recordTypeInfos: _r, ...objectDescribe } = describe;
      return json({ objectDescribe, recentItems: [] });
    }
    if (call.method === 'POST') {
      ctx.meter.countRecords(1);
      const [result] = ctx.engine.create(sobject, [withoutAttributes(jsonObjectBody(call))], { allOrNone: true });
      if (!result.success) return saveFailure(result);
      return json({ id: result.id, success: true, errors: [] }, 201);
    }
    throw methodNotAllowed(call.method, ['GET', 'POST']);
  }
  if (call.segments.length === 3) {
    if (idOrField === 'describe') {
      if (call.method !== 'GET') throw methodNotAllowed(call.method, ['GET']);
      return json(ctx.engine.describe(sobject));
    }
    const id = idOrField;
    if (call.method === 'GET') return retrieve(ctx, call, sobject, id);
    if (call.method === 'PATCH') {
      ctx.meter.countRecords(1);
      const [result] = ctx.engine.update(sobject, [{ ...withoutAttributes(jsonObjectBody(call)), Id: id }], { allOrNone: true });
      return result.success ? noContent() : saveFailure(result);
    }
    if (call.method === 'DELETE') {
      if (ctx.engine.sobjectOfId(id) !== null && ctx.engine.sobjectOfId(id)?.toLowerCase() !== sobject.toLowerCase()) throw notFound();
      ctx.meter.countRecords(1);
      const [result] = ctx.engine.delete([id], { allOrNone: true });
      return result.success ? noContent() : saveFailure(result);
    }
    throw methodNotAllowed(call.method, ['GET', 'PATCH', 'DELETE']);
  }
  if (call.segments.length === 4) {
    const field = idOrField;
    if (call.method === 'GET') {
      const ids = idsByExternalId(ctx, sobject, field, value);
      if (ids.length === 0) throw notFound(`Provided external ID field does not exist or is not accessible: ${value}`);
      if (ids.length > 1) return json(ids.map((id) => `/services/data/v${call.version}/sobjects/${sobject}/${id}`), 300);
      return retrieve(ctx, call, sobject, ids[0]);
    }
    if (call.method === 'PATCH') {
      ctx.meter.countRecords(1);
      const record = { ...withoutAttributes(jsonObjectBody(call)), [field]: value };
      const [result] = ctx.engine.upsert(sobject, field, [record], { allOrNone: true });
      if (result.success) return json({ id: result.id, success: true, errors: [], created: result.created === true }, result.created ? 201 : 200);
      if (result.errors.some((e) => e.statusCode === 'DUPLICATE_EXTERNAL_ID' || e.statusCode === 'MULTIPLE_CHOICES')) {
        const ids = idsByExternalId(ctx, sobject, field, value);
        return json(ids.map((id) => `/services/data/v${call.version}/sobjects/${sobject}/${id}`), 300);
      }
      return saveFailure(result);
    }
    throw methodNotAllowed(call.method, ['GET', 'PATCH']);
  }
  throw notFound();
}
