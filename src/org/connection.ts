import type { Connection } from '@salesforce/core';

/** The connection every org call goes through: a @salesforce/core Connection (jsforce underneath). */
export type OrgConnection = Connection;

export type SfRecord = Record<string, unknown> & { Id?: string; attributes?: { type: string; url?: string } };

/**
 * jsforce retries network errors of GET requests itself, five times over 15.5 s, and our withRetry retries again
 * around it: an org that is down took minutes to report. A refused connection or an address that does not resolve
 * is left to withRetry (a few quick attempts, see REFUSED_CONNECTION_ATTEMPTS); jsforce keeps retrying the rest
 * (connections reset, 503s) as before.
 */
const JSFORCE_RETRIED_NETWORK_CODES = ['ECONNRESET', 'ENETDOWN', 'ENETUNREACH', 'EHOSTDOWN', 'UND_ERR_SOCKET', 'ETIMEDOUT', 'EPIPE'];

const bounded = new WeakSet<OrgConnection>();

/** Makes every request of this connection leave refused connections to withRetry (once per connection). */
export function boundNetworkRetries(conn: OrgConnection): OrgConnection {
  if (bounded.has(conn)) return conn;
  bounded.add(conn);
  const request = conn.request.bind(conn) as (request: unknown, options?: Record<string, unknown>) => unknown;
  const withBoundedRetries = (req: unknown, options: Record<string, unknown> = {}): unknown =>
    request(req, { ...options, retry: { errorCodes: JSFORCE_RETRIED_NETWORK_CODES, ...(options.retry as object | undefined) } });
  Object.assign(conn, { request: withBoundedRetries });
  return conn;
}
