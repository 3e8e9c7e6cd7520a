import type { IncomingHttpHeaders } from 'node:http';
import type { BulkJobs } from '../bulk/jobs.js';
import { OrgApiError, type OrgEngine, type SaveError } from '../engine/types.js';
import type { FaultInjector } from '../faults/faults.js';
import type { Meter } from './meter.js';
import type { QueryCursors } from './paging.js';
import type { OrgIdentity } from './platform.js';

/** Everything a route can reach: the engine and the server's own state. */
export type OrgContext = {
  engine: OrgEngine;
  identity: OrgIdentity;
  faults: FaultInjector;
  meter: Meter;
  cursors: QueryCursors;
  bulk: BulkJobs;
};

/** One API call, after routing: the path below `/services/data/vXX.X/`, split and decoded. */
export type ApiCall = {
  method: string;
  version: string;
  segments: string[];
  params: URLSearchParams;
  headers: IncomingHttpHeaders;
  bodyText: string;
};

/** The request body as JSON; a body that is not JSON answers 400 JSON_PARSER_ERROR as Salesforce does. */
export function jsonBody(call: ApiCall): unknown {
  if (!call.bodyText.trim()) throw new OrgApiError(400, 'JSON_PARSER_ERROR', 'The request body is empty; send a JSON object.');
  try {
    return JSON.parse(call.bodyText);
  } catch (error) {
    throw new OrgApiError(400, 'JSON_PARSER_ERROR', `Unexpected character in the JSON body: ${(error as Error).message}`);
  }
}

export function jsonObjectBody(call: ApiCall): Record<string, unknown> {
  const body = jsonBody(call);
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new OrgApiError(400, 'JSON_PARSER_ERROR', 'Expected a JSON object as the request body.');
  }
  return body as Record<string, unknown>;
}

/** A save error as an HTTP error body entry: `statusCode` becomes `errorCode`. */
export const asApiError = (httpStatus: number, e: SaveError): OrgApiError => new OrgApiError(httpStatus, e.statusCode, e.message, e.fields ?? []);
