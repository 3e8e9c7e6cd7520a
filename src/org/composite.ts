/**
 * Salesforce's Composite resource (`POST /services/data/vXX.X/composite`): up to 25 subrequests in one call, which
 * counts as one API request. At most 5 of them may be queries (Query, QueryAll or a query's next page), and this
 * client sends `allOrNone: false`, so each subrequest answers on its own: one query refused does not undo the rest.
 * A query whose answer runs past one page is followed with queryMore, one call a page, as fetchAll does.
 */
import type { ApiUsage } from './apiUsage.js';
import type { OrgConnection, SfRecord } from './connection.js';
import { withRetry } from './retry.js';

export const COMPOSITE_MAX_QUERIES = 5;

export type CompositeSubrequest =
  | { referenceId: string; query: string }
  | { referenceId: string; method: 'POST' | 'PATCH'; sobject: string; id?: string; body: Record<string, unknown> };

type SubResponse = { body: unknown; httpStatusCode: number; referenceId: string };
type QueryPage = { records: SfRecord[]; done: boolean; nextRecordsUrl?: string; totalSize?: number };

/** A subrequest's error, with the code Salesforce gave it (INVALID_TYPE, INVALID_FIELD, …). */
export class SubrequestError extends Error {
  public constructor(
    public readonly referenceId: string,
    public readonly errorCode: string,
    message: string,
  ) {
    super(message);
    this.name = errorCode;
  }
}

export type CompositeAnswer = {
  /** Rows of a query subrequest (every page), or its error. */
  records(referenceId: string): SfRecord[];
  /** True when a query found more rows than `maxRows`: its other pages were not read (records holds the first). */
  tooMany(referenceId: string): boolean;
  /** The body of a create or update subrequest, or its error. */
  body(referenceId: string): Record<string, unknown>;
  error(referenceId: string): SubrequestError | null;
};

function subrequestOf(version: string, request: CompositeSubrequest): Record<string, unknown> {
  const base = `/services/data/v${version}`;
  if ('query' in request) return { method: 'GET', url: `${base}/query?q=${encodeURIComponent(request.query)}`, referenceId: request.referenceId };
  const url = `${base}/sobjects/${request.sobject}${request.id ? `/${request.id}` : ''}`;
  return { method: request.method, url, referenceId: request.referenceId, body: request.body };
}

function errorOf(response: SubResponse): SubrequestError | null {
  if (response.httpStatusCode < 300) return null;
  const [first] = (Array.isArray(response.body) ? response.body : []) as Array<{ errorCode?: string; message?: string }>;
  return new SubrequestError(response.referenceId, first?.errorCode ?? `HTTP_${response.httpStatusCode}`, first?.message ?? `HTTP ${response.httpStatusCode}`);
}

/** Sends the subrequests in one call (plus a call per further page of a long query result). */
export async function runComposite(
  conn: OrgConnection,
  requests: readonly CompositeSubrequest[],
  usage: ApiUsage,
  options: { maxRows?: number } = {},
): Promise<CompositeAnswer> {
  if (requests.filter((r) => 'query' in r).length > COMPOSITE_MAX_QUERIES) {
    throw new Error(`A composite request takes at most ${COMPOSITE_MAX_QUERIES} queries`);
  }
  const body = { allOrNone: false, compositeRequest: requests.map((r) => subrequestOf(conn.getApiVersion(), r)) };
  const reply = await withRetry(
    () => {
      usage.count('other');
      return conn.request<{ compositeResponse: SubResponse[] }>({
        method: 'POST',
        url: `/services/data/v${conn.getApiVersion()}/composite`,
        body: JSON.stringify(body),
        headers: { 'Content-Type': 'application/json' },
      });
    },
    { onRetry: () => usage.countRetry() },
  );
  const byRef = new Map(reply.compositeResponse.map((r) => [r.referenceId, r]));
  const rows = new Map<string, SfRecord[]>();
  const tooMany = new Set<string>();
  for (const request of requests.filter((r) => 'query' in r)) {
    const response = byRef.get(request.referenceId);
    if (!response || errorOf(response)) continue;
    let page = response.body as QueryPage;
    const records = [...page.records];
    // More rows than the caller can use: the rest of the pages would cost calls for nothing.
    if (options.maxRows !== undefined && (page.totalSize ?? 0) > options.maxRows) {
      tooMany.add(request.referenceId);
      rows.set(request.referenceId, records);
      continue;
    }
    while (!page.done && page.nextRecordsUrl) {
      const locator = page.nextRecordsUrl;
      // eslint-disable-next-line no-await-in-loop
      page = await withRetry(
        () => {
          usage.count('queryMore');
          return conn.request<QueryPage>(locator);
        },
        { onRetry: () => usage.countRetry() },
      );
      records.push(...page.records);
    }
    rows.set(request.referenceId, records);
  }
  const answered = (referenceId: string): SubResponse => {
    const response = byRef.get(referenceId);
    if (!response) throw new SubrequestError(referenceId, 'NO_RESPONSE', `The org gave no answer to subrequest ${referenceId}`);
    const error = errorOf(response);
    if (error) throw error;
    return response;
  };
  return {
    records: (referenceId) => (answered(referenceId), rows.get(referenceId) ?? []),
    tooMany: (referenceId) => tooMany.has(referenceId),
    body: (referenceId) => answered(referenceId).body as Record<string, unknown>,
    error: (referenceId): SubrequestError | null => {
      const response = byRef.get(referenceId);
      return response ? errorOf(response) : null;
    },
  };
}
