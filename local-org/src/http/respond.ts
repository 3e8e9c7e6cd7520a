import type { ServerResponse } from 'node:http';
import { OrgApiError } from '../engine/types.js';

/** What a route answers; the server writes it. */
export type Reply =
  | { status: number; json: unknown; headers?: Record<string, string> }
  | { status: number; text: string; contentType: string; headers?: Record<string, string> }
  | { status: 204 | 201; empty: true; headers?: Record<string, string> };

export const json = (body: unknown, status = 200, headers?: Record<string, string>): Reply => ({ status, json: body, headers });
export const noContent = (): Reply => ({ status: 204, empty: true });

/**
 * Salesforce's REST error body: an array of `{ message, errorCode, fields? }`
 * (REST API Developer Guide, "Status Codes and Error Responses").
 */
export function errorReply(error: OrgApiError): Reply {
  const body: Record<string, unknown> = { message: error.message, errorCode: error.errorCode };
  if (error.fields.length) body.fields = error.fields;
  return { status: error.httpStatus, json: [body] };
}

export const notFound = (what = 'The requested resource does not exist'): OrgApiError => new OrgApiError(404, 'NOT_FOUND', what);

export function methodNotAllowed(method: string, allowed: string[]): OrgApiError {
  return new OrgApiError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed. Allowed are ${allowed.join(',')}`);
}

export function badRequest(errorCode: string, message: string, fields: string[] = []): OrgApiError {
  return new OrgApiError(400, errorCode, message, fields);
}

export function writeReply(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...(reply.headers ?? {}) };
  if ('empty' in reply) {
    res.writeHead(reply.status, headers);
    res.end();
    return;
  }
  if ('text' in reply) {
    headers['Content-Type'] = reply.contentType;
    res.writeHead(reply.status, headers);
    res.end(reply.text);
    return;
  }
  headers['Content-Type'] = 'application/json;charset=UTF-8';
  res.writeHead(reply.status, headers);
  res.end(JSON.stringify(reply.json));
}
