/**
 * sObject Collections (REST API Developer Guide, "sObject Collections"): up to 200 records a call, one result
 * per record in request order, `allOrNone` deciding whether one failure rolls back the rest. Failures inside
 * the call are per-record results (HTTP 200), not HTTP errors; only a malformed or oversized request fails whole.
 */
import { OrgApiError, type SaveResult, type SfRecord } from '../engine/types.js';
import { ROLLED_BACK, writeWithLockFaults } from '../faults/lockRows.js';
import { jsonObjectBody, type ApiCall, type OrgContext } from './context.js';
import { withVersionedUrls } from './records.js';
import { withId } from './sobjects.js';
import { json, methodNotAllowed, notFound, type Reply } from './respond.js';

export const COLLECTION_LIMIT = 200;
/** Retrieve takes more Ids than the write calls (2,000 in a POST body). */
const RETRIEVE_LIMIT = 2000;

const exceeded = (limit: number): OrgApiError =>
  new OrgApiError(400, 'EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${limit} records into this call`);

function readWrite(call: ApiCall): { records: SfRecord[]; allOrNone: boolean } {
  const body = jsonObjectBody(call);
  if (!Array.isArray(body.records)) throw new OrgApiError(400, 'JSON_PARSER_ERROR', 'The body needs a "records" array.');
  if (body.records.length > COLLECTION_LIMIT) throw exceeded(COLLECTION_LIMIT);
  return { records: body.records as SfRecord[], allOrNone: body.allOrNone === true || body.allOrNone === 'true' };
}

/** Field names are case-insensitive in Salesforce, and jsforce sends `id` in collection updates: name it `Id`. */
function withIdKey(record: SfRecord): SfRecord {
  const key = Object.keys(record).find((k) => k !== 'Id' && k.toLowerCase() === 'id');
  if (!key) return record;
  const { [key]: id, ...rest } = record;
  return { ...rest, Id: id };
}

function typeOf(record: SfRecord): string {
  const type = record.attributes?.type;
  if (typeof type !== 'string' || !type) throw new OrgApiError(400, 'INVALID_TYPE', 'Must send a concrete entity type.');
  return type;
}

/**
 * Creates records of possibly several types, in runs of one type as Salesforce processes them. With allOrNone,
 * a failed run undoes the runs before it so the call leaves nothing behind.
 */
function createRuns(ctx: OrgContext, records: SfRecord[], allOrNone: boolean): SaveResult[] {
  const runs: Array<{ type: string; records: SfRecord[] }> = [];
  for (const record of records) {
    const type = typeOf(record);
    const last = runs[runs.length - 1];
    if (last && last.type === type) last.records.push(record);
    else runs.push({ type, records: [record] });
  }
  const results: SaveResult[] = [];
  for (const run of runs) {
    const runResults = ctx.engine.create(run.type, run.records, { allOrNone });
    if (allOrNone && runResults.some((r) => !r.success)) {
      const created = results.filter((r) => r.success && r.id).map((r) => r.id as string);
      if (created.length) ctx.engine.delete(created, { allOrNone: true });
      const rolledBack = results.map(() => ({ id: null, success: false, errors: [ROLLED_BACK] }));
      const rest = records.slice(results.length + run.records.length).map(() => ({ id: null, success: false, errors: [ROLLED_BACK] }));
      return [...rolledBack, ...runResults, ...rest];
    }
    results.push(...runResults);
  }
  return results;
}

function write(ctx: OrgContext, records: SfRecord[], allOrNone: boolean, save: (subset: SfRecord[]) => SaveResult[]): Reply {
  ctx.meter.countRecords(records.length);
  const { results, lockedCount } = writeWithLockFaults(records, allOrNone, ctx.faults, (r) => r.Id, save);
  ctx.meter.countFault('lockedRows', lockedCount);
  return json(results);
}

function retrieveMany(ctx: OrgContext, call: ApiCall, sobject: string, ids: string[], fields: string[]): Reply {
  if (ids.length > RETRIEVE_LIMIT) throw exceeded(RETRIEVE_LIMIT);
  if (!fields.length) throw new OrgApiError(400, 'MALFORMED_QUERY', 'The fields parameter is required: name the fields to retrieve.');
  return json(
    ids.map((id) => {
      try {
        return withVersionedUrls(ctx.engine.retrieve(sobject, id, withId(fields)), call.version);
      } catch (error) {
        if (error instanceof OrgApiError && error.httpStatus === 404) return null;
        throw error;
      }
    }),
  );
}

const splitList = (text: string | null | undefined): string[] => (text ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/** `.../composite/sobjects[/{Type}[/{ExtField}]]` */
export function collectionsRoute(ctx: OrgContext, call: ApiCall): Reply {
  const [, , sobject, externalIdField] = call.segments;
  if (call.segments.length === 2) {
    switch (call.method) {
      case 'POST': {
        const { records, allOrNone } = readWrite(call);
        records.forEach(typeOf);
        return write(ctx, records, allOrNone, (subset) => createRuns(ctx, subset, allOrNone));
      }
      case 'PATCH': {
        const { records, allOrNone } = readWrite(call);
        return write(ctx, records.map(withIdKey), allOrNone, (subset) => ctx.engine.update(null, subset, { allOrNone }));
      }
      case 'DELETE': {
        const ids = splitList(call.params.get('ids'));
        if (ids.length > COLLECTION_LIMIT) throw exceeded(COLLECTION_LIMIT);
        const allOrNone = call.params.get('allOrNone') === 'true';
        ctx.meter.countRecords(ids.length);
        const { results, lockedCount } = writeWithLockFaults(ids, allOrNone, ctx.faults, (id) => id, (subset) => ctx.engine.delete(subset, { allOrNone }));
        ctx.meter.countFault('lockedRows', lockedCount);
        return json(results);
      }
      default:
        throw methodNotAllowed(call.method, ['POST', 'PATCH', 'DELETE']);
    }
  }
  if (call.segments.length === 3) {
    if (call.method === 'GET') return retrieveMany(ctx, call, sobject, splitList(call.params.get('ids')), splitList(call.params.get('fields')));
    if (call.method === 'POST') {
      const body = jsonObjectBody(call);
      const ids = Array.isArray(body.ids) ? body.ids.map(String) : [];
      const fields = Array.isArray(body.fields) ? body.fields.map(String) : [];
      return retrieveMany(ctx, call, sobject, ids, fields);
    }
    throw methodNotAllowed(call.method, ['GET', 'POST']);
  }
  if (call.segments.length === 4) {
    if (call.method !== 'PATCH') throw methodNotAllowed(call.method, ['PATCH']);
    const { records, allOrNone } = readWrite(call);
    return write(ctx, records, allOrNone, (subset) => ctx.engine.upsert(sobject, externalIdField, subset, { allOrNone }));
  }
  throw notFound();
}
