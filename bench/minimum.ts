/**
 * The fewest API calls Salesforce's limits allow for a given amount of reading and writing: the yardstick the
 * benchmark holds every sync against (REST API Developer Guide: a query page holds at most 2,000 rows, an sObject
 * Collections call at most 200 records; Bulk API 2.0 Developer Guide: an ingest job takes a fixed set of calls
 * whatever its size, up to 150 MB of base64-encoded data per job, which Salesforce puts at 100 MB of CSV).
 *
 * Pure: the benchmark observes what a command read and wrote (bench/tap.ts) and asks here what that needed at least.
 */

/** Rows of one page of a query result (REST API, "Execute a SOQL Query"). */
export const QUERY_PAGE_ROWS = 2000;
/** Records of one sObject Collections call (REST API, "sObject Collections"). */
export const COLLECTION_RECORDS = 200;
/**
 * CSV one Bulk API 2.0 ingest job accepts: 150 MB once base64-encoded, so no more than 100 MB of CSV (Bulk API 2.0,
 * "Upload Job Data"); more data needs another job.
 */
export const BULK_JOB_MAX_BYTES = 100 * 1024 * 1024;
/**
 * The calls of one Bulk API 2.0 ingest job: create the job, upload its CSV, close it (UploadComplete), poll its
 * state at least once, then read the successful, failed and unprocessed records — a sync that accounts for every
 * row needs all three result lists.
 */
export const BULK_JOB_CALLS = { create: 1, upload: 1, close: 1, poll: 1, results: 3 } as const;
export const CALLS_PER_BULK_JOB = Object.values(BULK_JOB_CALLS).reduce((sum, n) => sum + n, 0);

/** Distinct rows of one object that a command read (top-level rows: child subquery rows travel inside their parent). */
export type ReadVolume = { readonly object: string; readonly rows: number };

export type WriteOperation = 'create' | 'update' | 'upsert' | 'delete';

/** Records written to one object by one operation through sObject Collections or single-record calls. */
export type WriteVolume = { readonly object: string; readonly operation: WriteOperation; readonly records: number };

/** One Bulk API 2.0 ingest job as it was run: its object, operation, rows, CSV size and header (its columns). */
export type BulkJobVolume = { readonly object: string; readonly operation: WriteOperation; readonly records: number; readonly bytes: number; readonly columns?: string };

export type Volumes = {
  readonly reads: readonly ReadVolume[];
  readonly writes: readonly WriteVolume[];
  readonly bulkJobs: readonly BulkJobVolume[];
};

/** One line of the minimum: what it covers and the calls it needs, so a report can show where calls go. */
export type MinimumLine = { readonly kind: 'read' | 'write' | 'bulk'; readonly what: string; readonly amount: number; readonly calls: number };

export type Minimum = { readonly total: number; readonly reads: number; readonly writes: number; readonly bulk: number; readonly lines: readonly MinimumLine[] };

/** Query pages for `rows` rows: even an empty answer costs the one call that asked. */
export function queryPages(rows: number): number {
  assertCount(rows, 'rows');
  return Math.max(1, Math.ceil(rows / QUERY_PAGE_ROWS));
}

/** Collection calls for `records` records; writing nothing costs nothing. */
export function collectionCalls(records: number): number {
  assertCount(records, 'records');
  return Math.ceil(records / COLLECTION_RECORDS);
}

/** Calls of a Bulk API 2.0 load of `bytes` of CSV: the fixed calls of each job it has to be split into. */
export function bulkCalls(bytes: number): number {
  assertCount(bytes, 'bytes');
  return Math.max(1, Math.ceil(bytes / BULK_JOB_MAX_BYTES)) * CALLS_PER_BULK_JOB;
}

/**
 * The minimum for everything a command read and wrote. Reads are summed per object (however many queries the command
 * spread them over), writes per object and operation (however many calls), bulk loads per object, operation and set
 * of columns (a job has one header; however many jobs the command ran, the minimum is as few as the CSV allows). The
 * channel is the command's choice: a bulk load is held against the bulk minimum, a collections write against ceil(n/200).
 */
export function minimumCalls(volumes: Volumes): Minimum {
  const lines: MinimumLine[] = [];

  const rowsByObject = sumBy(volumes.reads, (r) => r.object, (r) => r.rows);
  for (const [object, rows] of rowsByObject) lines.push({ kind: 'read', what: object, amount: rows, calls: queryPages(rows) });

  const recordsByWrite = sumBy(volumes.writes, (w) => `${w.operation} ${w.object}`, (w) => w.records);
  for (const [what, records] of recordsByWrite) {
    if (records > 0) lines.push({ kind: 'write', what, amount: records, calls: collectionCalls(records) });
  }

  const loads = new Map<string, { what: string; records: number; bytes: number }>();
  for (const job of volumes.bulkJobs) {
    const key = `${job.operation} ${job.object}\n${job.columns ?? ''}`;
    const load = loads.get(key) ?? { what: `${job.operation} ${job.object} (Bulk API 2.0)`, records: 0, bytes: 0 };
    load.records += job.records;
    load.bytes += job.bytes;
    loads.set(key, load);
  }
  for (const load of loads.values()) lines.push({ kind: 'bulk', what: load.what, amount: load.records, calls: bulkCalls(load.bytes) });

  const total = (kind: MinimumLine['kind']): number => lines.filter((l) => l.kind === kind).reduce((sum, l) => sum + l.calls, 0);
  const reads = total('read');
  const writes = total('write');
  const bulk = total('bulk');
  return { total: reads + writes + bulk, reads, writes, bulk, lines };
}

/** Actual calls over the minimum; null when the minimum is zero (nothing to read or write). */
export function ratioToMinimum(actualCalls: number, minimum: number): number | null {
  return minimum > 0 ? actualCalls / minimum : null;
}

function sumBy<T>(items: readonly T[], key: (item: T) => string, amount: (item: T) => number): Map<string, number> {
  const sums = new Map<string, number>();
  for (const item of items) {
    const n = amount(item);
    assertCount(n, 'amount');
    sums.set(key(item), (sums.get(key(item)) ?? 0) + n);
  }
  return sums;
}

function assertCount(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${what} must be a whole number of at least 0, got ${value}`);
}
