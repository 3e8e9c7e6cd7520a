import type { ApiUsage } from './apiUsage.js';
import type { OrgConnection, SfRecord } from './connection.js';
import { withRetry } from './retry.js';

type QueryPage<T> = { records: T[]; done: boolean; nextRecordsUrl?: string; totalSize: number };

/** The query calls of jsforce, typed loosely: rows are plain field maps here. */
type QueryApi = {
  query(soql: string, options: { autoFetch: boolean }): Promise<QueryPage<SfRecord>>;
  queryMore(locator: string): Promise<QueryPage<SfRecord>>;
};

/**
 * Runs a SOQL query and follows `nextRecordsUrl` until done: one API call per page of up to 2,000 rows.
 * Child subquery results come back in the rows as `{ records }` (or null) and are flattened by `childRecords`.
 */
export async function fetchAll<T extends SfRecord = SfRecord>(
  conn: OrgConnection,
  soql: string,
  usage: ApiUsage,
  options: {
    onPage?: (fetched: number, total: number) => void;
    /**
     * False: child subqueries keep only their first page (`done: false` says more exist), for a caller that reads
     * large children on their own, 2,000 a page, rather than 200 at a time behind a cursor per parent.
     */
    completeChildren?: boolean;
  } = {},
): Promise<T[]> {
  return fetchMapped(conn, soql, usage, (row: T) => row, options);
}

/**
 * `fetchAll`, turning each page's rows into what the caller keeps (`map`, or null to drop the row) as the page
 * arrives: jsforce's rows (with their attributes and subquery wrappers) of one page at a time are alive, not the
 * whole result's. Same calls as `fetchAll`.
 */
export async function fetchMapped<T extends SfRecord, U>(
  conn: OrgConnection,
  soql: string,
  usage: ApiUsage,
  map: (row: T) => U | null,
  options: { onPage?: (fetched: number, total: number) => void; completeChildren?: boolean } = {},
): Promise<U[]> {
  const kept: U[] = [];
  await forEachPage<T>(
    conn,
    soql,
    usage,
    (rows) => {
      for (const row of rows) {
        const value = map(row);
        if (value !== null) kept.push(value);
      }
    },
    options,
  );
  return kept;
}

/**
 * Runs a SOQL query and hands each page of up to 2,000 rows (its large child subqueries completed) to `onRows`
 * before the next page is asked for, so a caller that keeps only what it must from each page holds one page of
 * rows at a time, whatever the size of the result. Same calls as `fetchAll`; `onRows` may be async (the next page
 * waits for it).
 */
export async function forEachPage<T extends SfRecord = SfRecord>(
  conn: OrgConnection,
  soql: string,
  usage: ApiUsage,
  onRows: (rows: T[]) => void | Promise<void>,
  options: { onPage?: (fetched: number, total: number) => void; completeChildren?: boolean } = {},
): Promise<void> {
  const complete = options.completeChildren === false ? (): Promise<void> => Promise.resolve() : completeChildSubqueries;
  let fetched = 0;
  /** One call for a page, handed on; the page is let go once handed on, before the next one is read. */
  const read = async (call: () => Promise<QueryPage<T>>, kind: 'queries' | 'queryMore'): Promise<string | undefined> => {
    const page = await withRetry(() => {
      usage.count(kind);
      return call();
    }, { onRetry: () => usage.countRetry() });
    // Each page's large child results are completed before the next page is asked for: an org keeps only a few
    // query cursors open per user, so a child cursor must not wait for the whole parent result.
    await complete(conn, page.records, usage);
    fetched += page.records.length;
    await onRows(page.records);
    options.onPage?.(fetched, page.totalSize);
    return page.done ? undefined : page.nextRecordsUrl;
  };
  const api = conn as unknown as QueryApi;
  let locator = await read(() => api.query(soql, { autoFetch: false }) as Promise<QueryPage<T>>, 'queries');
  while (locator) {
    const next = locator;
    // eslint-disable-next-line no-await-in-loop -- each page's locator comes from the previous page
    locator = await read(() => api.queryMore(next) as Promise<QueryPage<T>>, 'queryMore');
  }
}

type ChildResult = { records: SfRecord[]; done: boolean; nextRecordsUrl?: string };

/** A parent row carries at most a page of each child subquery; fetch the rest where Salesforce says there is more. */
async function completeChildSubqueries(conn: OrgConnection, records: SfRecord[], usage: ApiUsage): Promise<void> {
  for (const record of records) {
    for (const value of Object.values(record)) {
      const child = value as ChildResult | null;
      if (!child || typeof child !== 'object' || !Array.isArray(child.records) || child.done !== false) continue;
      let locator = child.nextRecordsUrl;
      while (locator) {
        const next = locator;
        // eslint-disable-next-line no-await-in-loop -- each locator comes from the previous page
        const more = (await withRetry(() => {
          usage.count('queryMore');
          return (conn as unknown as QueryApi).queryMore(next) as Promise<ChildResult>;
        }, { onRetry: () => usage.countRetry() }));
        child.records.push(...more.records);
        locator = more.done ? undefined : more.nextRecordsUrl;
      }
      child.done = true;
    }
  }
}

/** Rows of a child subquery (`(SELECT ... FROM Outcome_Requirements__r)`), which Salesforce returns as null when empty. */
export function childRecords<T = SfRecord>(record: SfRecord, relationship: string): T[] {
  const value = record[relationship] as { records?: T[] } | null | undefined;
  return value?.records ?? [];
}

/** A parent relationship field (`Account.Name` → record.Account?.Name). */
export function parentField<T = unknown>(record: SfRecord, path: string): T | null {
  let value: unknown = record;
  for (const part of path.split('.')) {
    if (value === null || value === undefined) return null;
    value = (value as Record<string, unknown>)[part];
  }
  return (value ?? null) as T | null;
}
