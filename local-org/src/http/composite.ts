/**
 * `POST /services/data/vXX.X/composite` (REST API Developer Guide, "Composite"): several subrequests in one call,
 * counted as one API request. Up to 25 subrequests, of which at most 5 query operations (Query, QueryAll and the
 * "query more" of a cursor). Each answers in `compositeResponse` with its body, status and reference id, in order.
 *
 * What this org implements of it: sObject and query subrequests (the resources the local org serves itself, run
 * through the same routes as a call of their own), with `allOrNone: false`. What it does not — references between
 * subrequests (`@{ref.field}`), `allOrNone: true` (rolling back earlier subrequests), other resources — it refuses
 * with an error the client reads as Salesforce's, never by doing something else quietly.
 */
import { OrgApiError } from '../engine/types.js';
import { jsonObjectBody, type ApiCall, type OrgContext } from './context.js';
import { methodNotAllowed, type Reply, json } from './respond.js';

export const MAX_SUBREQUESTS = 25;
export const MAX_QUERY_SUBREQUESTS = 5;

type Subrequest = { method: string; url: string; referenceId: string; body?: unknown };
type SubResponse = { body: unknown; httpHeaders: Record<string, string>; httpStatusCode: number; referenceId: string };
type Route = (ctx: OrgContext, call: ApiCall) => Reply;

const REFERENCE_ID = /^[A-Za-z][A-Za-z0-9_]*$/;
const SUBREQUEST_URL = /^\/services\/data\/v(\d+\.\d+)\/([^?]*)(?:\?(.*))?$/;

function readSubrequests(call: ApiCall): Subrequest[] {
  const body = jsonObjectBody(call);
  if (body.allOrNone === true) {
    throw new OrgApiError(400, 'INVALID_INPUT', 'This org does not roll back composite subrequests: send allOrNone false (or leave it out).');
  }
  const requests = body.compositeRequest;
  if (!Array.isArray(requests) || requests.length === 0) {
    throw new OrgApiError(400, 'JSON_PARSER_ERROR', 'compositeRequest must be a non-empty array of subrequests.');
  }
  if (requests.length > MAX_SUBREQUESTS) {
    throw new OrgApiError(400, 'LIMIT_EXCEEDED', `A composite request may have at most ${MAX_SUBREQUESTS} subrequests; it has ${requests.length}.`);
  }
  const seen = new Set<string>();
  const subrequests = requests.map((raw: unknown, index): Subrequest => {
    const r = (raw ?? {}) as Record<string, unknown>;
    const { method, url, referenceId } = r;
    if (typeof method !== 'string' || typeof url !== 'string' || typeof referenceId !== 'string') {
      throw new OrgApiError(400, 'JSON_PARSER_ERROR', `Subrequest ${index + 1} needs method, url and referenceId.`);
    }
    if (!REFERENCE_ID.test(referenceId) || seen.has(referenceId)) {
      throw new OrgApiError(400, 'INVALID_INPUT', `referenceId "${referenceId}" must start with a letter, hold only letters, digits and underscores, and be unique.`);
    }
    seen.add(referenceId);
    if (url.includes('@{') || JSON.stringify(r.body ?? null).includes('@{')) {
      throw new OrgApiError(400, 'INVALID_INPUT', `Subrequest ${referenceId}: references between subrequests (@{...}) are not implemented by this org.`);
    }
    return { method: method.toUpperCase(), url, referenceId, body: r.body };
  });
  const queries = subrequests.filter((s) => /^\/services\/data\/v[\d.]+\/query(All)?(\/|\?|$)/.test(s.url)).length;
  if (queries > MAX_QUERY_SUBREQUESTS) {
    throw new OrgApiError(400, 'LIMIT_EXCEEDED', `A composite request may have at most ${MAX_QUERY_SUBREQUESTS} query subrequests; it has ${queries}.`);
  }
  return subrequests;
}

/** A subrequest the org serves: sObject resources, sObject Collections, Query and QueryAll. */
function subrequestCall(request: Subrequest, call: ApiCall): ApiCall {
  const match = SUBREQUEST_URL.exec(request.url);
  const segments = match ? match[2].split('/').filter(Boolean).map(decodeURIComponent) : [];
  const [first, second] = segments;
  const supported = first === 'sobjects' || first === 'query' || first === 'queryAll' || (first === 'composite' && second === 'sobjects');
  if (!match || !supported) {
    throw new OrgApiError(400, 'INVALID_INPUT', `Subrequest ${request.referenceId}: ${request.url} is not a resource composite supports here (sObject, sObject Collections, Query, QueryAll).`);
  }
  return {
    method: request.method,
    version: match[1],
    segments,
    params: new URLSearchParams(match[3] ?? ''),
    headers: call.headers,
    bodyText: request.body === undefined ? '' : JSON.stringify(request.body),
  };
}

function replyBody(reply: Reply): unknown {
  if ('json' in reply) return reply.json;
  if ('text' in reply) return reply.text;
  return null;
}

export function compositeRoute(ctx: OrgContext, call: ApiCall, route: Route): Reply {
  if (call.method !== 'POST') throw methodNotAllowed(call.method, ['POST']);
  const subrequests = readSubrequests(call);
  // Every subrequest is checked before any runs: a malformed one must not leave the others half done.
  const calls = subrequests.map((request) => subrequestCall(request, call));
  const compositeResponse: SubResponse[] = subrequests.map((request, index) => {
    try {
      const reply = route(ctx, calls[index]);
      return { body: replyBody(reply), httpHeaders: reply.headers ?? {}, httpStatusCode: reply.status, referenceId: request.referenceId };
    } catch (error) {
      if (!(error instanceof OrgApiError)) throw error;
      const body: Record<string, unknown> = { errorCode: error.errorCode, message: error.message };
      if (error.fields.length) body.fields = error.fields;
      return { body: [body], httpHeaders: {}, httpStatusCode: error.httpStatus, referenceId: request.referenceId };
    }
  });
  return json({ compositeResponse });
}
