/** The org's Bulk API 2.0 jobs and their routes under `/services/data/vXX.X/jobs/`. */
import { randomBytes } from 'node:crypto';
import { OrgApiError } from '../engine/types.js';
import { jsonObjectBody, type ApiCall, type OrgContext } from '../http/context.js';
import { runQuery, queriedObject } from '../http/platform.js';
import { json, methodNotAllowed, noContent, notFound, type Reply } from '../http/respond.js';
import { checkDelimiter, checkLineEnding, INGEST_OPERATIONS, IngestJob, type IngestOperation } from './ingest.js';
import { columnsOfQuery, DEFAULT_MAX_RECORDS, QueryJob } from './queryJob.js';

const ID_CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const jobId = (): string => '750' + Array.from(randomBytes(15), (b) => ID_CHARS[b % ID_CHARS.length]).join('');

const csvReply = (text: string, headers?: Record<string, string>): Reply => ({ status: 200, text, contentType: 'text/csv', headers });

export class BulkJobs {
  private readonly ingest = new Map<string, IngestJob>();
  private readonly queries = new Map<string, QueryJob>();

  public counts(): { ingestJobs: number; queryJobs: number } {
    return { ingestJobs: this.ingest.size, queryJobs: this.queries.size };
  }

  public route(ctx: OrgContext, call: ApiCall): Reply {
    const [, kind, id, resource] = call.segments;
    if (kind === 'ingest') return this.ingestRoute(ctx, call, id, resource);
    if (kind === 'query') return this.queryRoute(ctx, call, id, resource);
    throw notFound();
  }

  private ingestJob(id: string): IngestJob {
    const job = this.ingest.get(id);
    if (!job) throw new OrgApiError(404, 'NOT_FOUND', `No ingest job with Id ${id} exists in this org.`);
    return job;
  }

  private ingestRoute(ctx: OrgContext, call: ApiCall, id: string | undefined, resource: string | undefined): Reply {
    if (!id) {
      if (call.method === 'GET') return json({ done: true, records: [...this.ingest.values()].map((j) => j.info()), nextRecordsUrl: null });
      if (call.method !== 'POST') throw methodNotAllowed(call.method, ['GET', 'POST']);
      return json(this.createIngest(ctx, call).info(), 200);
    }
    const job = this.ingestJob(id);
    if (!resource) {
      if (call.method === 'GET') return json(job.info());
      if (call.method === 'DELETE') {
        this.ingest.delete(id);
        return noContent();
      }
      if (call.method === 'PATCH') {
        const state = jsonObjectBody(call).state;
        if (state === 'UploadComplete') job.close(ctx.engine, ctx.faults, (count) => ctx.meter.countFault('lockedRows', count));
        else if (state === 'Aborted') job.abort();
        else throw new OrgApiError(400, 'INVALIDJOBSTATE', `A job's state can be set to UploadComplete or Aborted, not ${String(state)}.`);
        return json(job.info());
      }
      throw methodNotAllowed(call.method, ['GET', 'PATCH', 'DELETE']);
    }
    if (resource === 'batches') {
      if (call.method !== 'PUT') throw methodNotAllowed(call.method, ['PUT']);
      job.upload(call.bodyText);
      return { status: 201, empty: true };
    }
    if (call.method !== 'GET') throw methodNotAllowed(call.method, ['GET']);
    if (resource === 'successfulResults') return csvReply(job.successfulResults());
    if (resource === 'failedResults') return csvReply(job.failedResults());
    if (resource === 'unprocessedrecords') return csvReply(job.unprocessedRecords());
    throw notFound();
  }

  private createIngest(ctx: OrgContext, call: ApiCall): IngestJob {
    const body = jsonObjectBody(call);
    const operation = String(body.operation ?? '') as IngestOperation;
    if (!INGEST_OPERATIONS.includes(operation)) {
      throw new OrgApiError(400, 'INVALIDJOB', `InvalidJob : Invalid operation: ${String(body.operation)} (one of ${INGEST_OPERATIONS.join(', ')})`);
    }
    if (typeof body.object !== 'string' || !body.object) throw new OrgApiError(400, 'INVALIDJOB', 'InvalidJob : The job needs an object.');
    const describe = ctx.engine.describe(body.object); // unknown objects fail here, as they do on create
    if (body.contentType !== undefined && body.contentType !== 'CSV') throw new OrgApiError(400, 'INVALIDJOB', 'InvalidJob : contentType must be CSV.');
    const externalIdFieldName = typeof body.externalIdFieldName === 'string' ? body.externalIdFieldName : undefined;
    if (operation === 'upsert') {
      if (!externalIdFieldName) throw new OrgApiError(400, 'INVALIDJOB', 'InvalidJob : An upsert job needs externalIdFieldName.');
      const field = describe.fields.find((f) => f.name.toLowerCase() === externalIdFieldName.toLowerCase());
      if (!field || (field.name !== 'Id' && field.externalId !== true && field.idLookup !== true)) {
        throw new OrgApiError(400, 'INVALIDJOB', `InvalidJob : Field ${externalIdFieldName} on ${describe.name} is not an external id field.`);
      }
    }
    const job = new IngestJob(
      jobId(),
      { object: describe.name, operation, externalIdFieldName, lineEnding: checkLineEnding(body.lineEnding), columnDelimiter: checkDelimiter(body.columnDelimiter) },
      call.version,
      ctx.identity.userId,
    );
    this.ingest.set(job.id, job);
    return job;
  }

  private queryRoute(ctx: OrgContext, call: ApiCall, id: string | undefined, resource: string | undefined): Reply {
    if (!id) {
      if (call.method === 'GET') return json({ done: true, records: [...this.queries.values()].map((j) => j.info()), nextRecordsUrl: null });
      if (call.method !== 'POST') throw methodNotAllowed(call.method, ['GET', 'POST']);
      const body = jsonObjectBody(call);
      const operation = body.operation === 'queryAll' ? 'queryAll' : 'query';
      if (body.operation !== undefined && body.operation !== 'query' && body.operation !== 'queryAll') {
        throw new OrgApiError(400, 'INVALIDJOB', `InvalidJob : operation must be query or queryAll, not ${String(body.operation)}.`);
      }
      const query = String(body.query ?? '');
      // The query runs now: a bad query fails the create call, as Salesforce validates it up front.
      const result = runQuery(ctx.engine, ctx.identity, query, operation === 'queryAll');
      refuseCompoundColumns(ctx, query);
      const job = new QueryJob(
        jobId(),
        { operation, query, object: queriedObject(query) ?? '', lineEnding: checkLineEnding(body.lineEnding), columnDelimiter: checkDelimiter(body.columnDelimiter) },
        result,
        call.version,
        ctx.identity.userId,
      );
      this.queries.set(job.id, job);
      return json(job.info());
    }
    const job = this.queries.get(id);
    if (!job) throw new OrgApiError(404, 'NOT_FOUND', `No query job with Id ${id} exists in this org.`);
    if (!resource) {
      if (call.method === 'GET') return json(job.info());
      if (call.method === 'DELETE') {
        this.queries.delete(id);
        return noContent();
      }
      if (call.method === 'PATCH') {
        if (jsonObjectBody(call).state !== 'Aborted') throw new OrgApiError(400, 'INVALIDJOBSTATE', 'A query job can only be set to Aborted.');
        job.abort();
        return json(job.info());
      }
      throw methodNotAllowed(call.method, ['GET', 'PATCH', 'DELETE']);
    }
    if (resource !== 'results') throw notFound();
    if (call.method !== 'GET') throw methodNotAllowed(call.method, ['GET']);
    const max = Number(call.params.get('maxRecords') ?? DEFAULT_MAX_RECORDS);
    if (!Number.isInteger(max) || max < 1) throw new OrgApiError(400, 'INVALID_MAXRECORDS', `maxRecords must be a whole number above 0, got ${call.params.get('maxRecords')}.`);
    const locator = call.params.get('locator');
    const page = job.page(locator && locator !== 'null' ? locator : null, max);
    return csvReply(page.csv, { 'Sforce-Locator': page.locator, 'Sforce-NumberOfRecords': String(page.count) });
  }
}

/**
 * Bulk API 2.0 queries cannot select compound fields (Bulk API 2.0 Developer Guide, "Bulk API 2.0 query
 * limitations"): the CSV has no way to hold an address object, so the job is refused rather than filled with JSON.
 */
function refuseCompoundColumns(ctx: OrgContext, query: string): void {
  const object = queriedObject(query);
  if (!object) return;
  let fields: Array<{ name: string; type: string }>;
  try {
    fields = ctx.engine.describe(object).fields;
  } catch {
    return; // Organization and User answered from the identity: no compound fields there
  }
  for (const column of columnsOfQuery(query)) {
    if (column.path.length !== 1) continue;
    const field = fields.find((f) => f.name.toLowerCase() === column.path[0].toLowerCase());
    if (field?.type === 'address') {
      throw new OrgApiError(400, 'API_ERROR', `FeatureNotEnabled : Selecting compound data not supported in Bulk Query (${field.name}); select its components instead.`);
    }
  }
}
