import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { ApiUsage } from './apiUsage.js';
import { isTransientFailure, pauseBeforeRound, refusedCreateOnlyFields, WriteStoppedError, type RecordResult } from './apply.js';
import type { OrgConnection, SfRecord } from './connection.js';
import { withRetry } from './retry.js';
import { allSettledOrThrow } from './settled.js';

/** What a Bulk API 2.0 ingest job does with its rows (the Bulk API's own words: insert, not create). */
export type BulkOperation = 'insert' | 'update' | 'upsert' | 'delete';

export type BulkWriteRequest = {
  sobject: string;
  operation: BulkOperation;
  /** For upsert: the external id field the rows are matched on. */
  externalIdField?: string;
  /**
   * The column that tells the job's result rows apart, unique within the request: the external id field for an
   * upsert, Id for an update or delete; an insert names one (a review task's WhatId: one task per initiative).
   */
  matchField?: string;
  records: SfRecord[];
  /** Fields of the CSV, in order; the match field must be one of them. */
  fields: string[];
  /**
   * The master-detail parent of the records, if any: rows are uploaded grouped by parent, so the parallel batches of
   * a job contend less for the same parent's lock (Salesforce's advice for UNABLE_TO_LOCK_ROW).
   */
  parentField?: string;
  /** Fields only a create may set; a row refused for them (another run created it first) goes again without them. */
  createOnlyFields?: readonly string[];
  /** Longest wait between two checks of the job's state (default `BULK_POLLING.maxDelayMs`). */
  maxPollIntervalMs?: number;
  pollTimeoutMs?: number;
};

export type BulkUpsertRequest = Omit<BulkWriteRequest, 'operation' | 'externalIdField'> & { externalIdField: string };

function matchFieldOf(request: BulkWriteRequest): string {
  const field = request.matchField ?? (request.operation === 'upsert' ? request.externalIdField : request.operation === 'insert' ? undefined : 'Id');
  if (!field) throw new Error(`A Bulk API 2.0 ${request.operation} of ${request.sobject} needs a field that tells its rows apart (matchField)`);
  if (!request.fields.includes(field)) throw new Error(`The match field ${field} must be a column of the ${request.sobject} job`);
  const keys = new Set(request.records.map((r) => String(r[field])));
  if (keys.size !== request.records.length) throw new Error(`${field} must be unique among the ${request.sobject} rows of one job`);
  return field;
}

/**
 * How the job's state is checked. Each check is an API call, so the aim is to see a finished job on the first
 * or second check rather than every second: the first check waits as long as a fast org takes for the rows
 * uploaded; later ones wait for the rest at the pace the job has shown so far (numberRecordsProcessed over the
 * time since the job was closed), with a margin; while the job reports no progress, waits double.
 */
export const BULK_POLLING = {
  /**
   * Pace assumed before the job reports any: rows a fast org upserts per millisecond (40,000 a second; the local
   * org takes about 2.5 s for 100,000 measurements). A slower org's first check comes early, and its progress
   * sets the next wait.
   */
  assumedRowsPerMs: 40,
  minDelayMs: 200,
  /** The first wait stays short even for a large job: a slow org's progress then sets the pace. */
  maxFirstDelayMs: 5_000,
  maxDelayMs: 15_000,
  /** Wait this much longer than the pace so far says the rest takes: one more check costs a call. */
  margin: 1.2,
} as const;

export type PollState = {
  /** Rows uploaded to the job. */
  rows: number;
  /** numberRecordsProcessed of the last check, or null before the first check. */
  processed: number | null;
  /** Time since the job was closed. */
  elapsedMs: number;
  /** The previous wait, or null before the first check. */
  previousDelayMs: number | null;
  maxDelayMs?: number;
};

/** Milliseconds to wait before the next check of a job's state (pure: see `BULK_POLLING`). */
export function nextPollDelay({ rows, processed, elapsedMs, previousDelayMs, maxDelayMs = BULK_POLLING.maxDelayMs }: PollState): number {
  const { assumedRowsPerMs, minDelayMs, maxFirstDelayMs, margin } = BULK_POLLING;
  const clamp = (ms: number, max: number): number => Math.round(Math.min(max, Math.max(minDelayMs, ms)));
  if (previousDelayMs === null) return clamp(rows / assumedRowsPerMs, Math.min(maxFirstDelayMs, maxDelayMs));
  if (processed !== null && processed > 0) {
    const remainingMs = (Math.max(0, rows - processed) * elapsedMs) / processed;
    return clamp(remainingMs * margin, maxDelayMs);
  }
  return clamp(previousDelayMs * 2, maxDelayMs);
}

/** Rows turned into CSV at a time: the cells of a whole job at once took hundreds of MiB at 500,000 rows. */
const CSV_ROWS_AT_A_TIME = 2000;

/**
 * The job's CSV, 2,000 rows at a time, made as the upload reads it: the whole CSV as one string (and jsforce's
 * structuredClone of it) held a job's data twice over. In a Bulk API 2.0 upsert an empty value leaves the field as
 * it is and `#N/A` clears it: a field the record leaves out (undefined) must not blank what the org holds, only an
 * explicit null does.
 */
function* csvChunks(records: SfRecord[], fields: string[]): Generator<string> {
  yield stringify([fields]);
  for (let start = 0; start < records.length; start += CSV_ROWS_AT_A_TIME) {
    yield stringify(records.slice(start, start + CSV_ROWS_AT_A_TIME).map((r) => fields.map((f) => (r[f] === null ? '#N/A' : r[f] === undefined ? '' : String(r[f])))));
  }
}

/** What a result row says about one request row: its match key, and the Id, created flag or error the job gave. */
type ResultRow = { key: string; id: string | null; created: boolean; error: string };

/**
 * Reads a job's result CSV (sf__Id, sf__Created or sf__Error, then the uploaded columns) keeping only what a result
 * needs: the full rows as objects took more memory than the records written.
 */
function resultRows(csv: string | undefined, matchField: string): ResultRow[] {
  if (!csv) return [];
  let columns: { key: number; id: number; created: number; error: number } | null = null;
  const rows: ResultRow[] = [];
  // Each record is reduced as it is parsed (on_record), and dropped: only the ResultRows are kept.
  parse(csv, {
    relax_column_count: true,
    skip_empty_lines: true,
    on_record: (cells: string[]): null => {
      if (!columns) {
        columns = { key: cells.indexOf(matchField), id: cells.indexOf('sf__Id'), created: cells.indexOf('sf__Created'), error: cells.indexOf('sf__Error') };
        return null;
      }
      const cell = (i: number): string => (i >= 0 ? (cells[i] ?? '') : '');
      rows.push({ key: cell(columns.key), id: cell(columns.id) || null, created: cell(columns.created) === 'true', error: cell(columns.error) });
      return null;
    },
  });
  return rows;
}

/** "ERROR_CODE:message --" as Bulk API 2.0 reports a failed row's sf__Error. */
function parseBulkError(text: string): RecordResult['errors'] {
  const match = /^([A-Z_]+):(.*?)(?:\s*--\s*(.*))?$/s.exec(text.trim());
  if (!match) return [{ code: 'UNKNOWN_ERROR', message: text, fields: [] }];
  return [{ code: match[1], message: match[2].trim(), fields: match[3] ? match[3].split(',').map((f) => f.trim()).filter(Boolean) : [] }];
}

/** Jobs for the rows of one upsert: the first, then follow-ups for rows that failed transiently. */
export const BULK_JOB_ROUNDS = 4;

/**
 * Upserts through Bulk API 2.0 ingest jobs. Rows that fail for a transient reason (a row lock, a row the job never
 * reached) go again in a follow-up job after a pause; rows the org refuses for good keep their error. Every call is
 * counted.
 */
export async function upsertWithBulk(conn: OrgConnection, request: BulkUpsertRequest, usage: ApiUsage): Promise<RecordResult[]> {
  return writeWithBulk(conn, { ...request, operation: 'upsert' }, usage);
}

/**
 * Writes through Bulk API 2.0 ingest jobs and returns one result per record, in request order, as
 * `writeInCollections` does: transient failures go again in follow-up jobs, refusals keep their error.
 */
export async function writeWithBulk(conn: OrgConnection, request: BulkWriteRequest, usage: ApiUsage): Promise<RecordResult[]> {
  matchFieldOf(request);
  const results = new Array<RecordResult>(request.records.length);
  let pending = request.records.map((_, index) => index);
  if (request.parentField) {
    const parent = (i: number): string => String(request.records[i][request.parentField as string] ?? '');
    pending.sort((a, b) => (parent(a) < parent(b) ? -1 : parent(a) > parent(b) ? 1 : a - b));
  }
  const createOnly = request.createOnlyFields ?? [];
  const existsNow = new Set<number>();
  for (let round = 0; round < BULK_JOB_ROUNDS && pending.length > 0; round++) {
    // eslint-disable-next-line no-await-in-loop -- each round retries what the last one left
    await pauseBeforeRound(round);
    const retryNext: number[] = [];
    // A job has one set of columns: rows that exist now go in a job of their own, without the create-only fields.
    for (const exists of [false, true]) {
      const rows = pending.filter((i) => existsNow.has(i) === exists);
      if (rows.length === 0) continue;
      const fields = exists ? request.fields.filter((f) => !createOnly.includes(f)) : request.fields;
      let jobResults: RecordResult[];
      try {
        // eslint-disable-next-line no-await-in-loop -- one Bulk job at a time per round
        jobResults = await runJob(conn, { ...request, fields, records: rows.map((i) => request.records[i]) }, usage);
      } catch (error) {
        throw new WriteStoppedError(error, results.filter((r) => r?.success).length, request.records.length);
      }
      // The job's results are this call's own objects: renumbered in place, not copied (a job may hold 500,000).
      for (const [k, result] of jobResults.entries()) {
        result.index = rows[k];
        results[rows[k]] = result;
        if (!exists && refusedCreateOnlyFields(result, createOnly)) {
          existsNow.add(rows[k]);
          retryNext.push(rows[k]);
        } else if (isTransientFailure(result)) retryNext.push(rows[k]);
      }
    }
    pending = retryNext;
  }
  return results;
}

/** Opens a job and uploads its rows; an upload that fails aborts that job, and a new one is opened for the retry. */
async function openLoadedJob(conn: OrgConnection, request: BulkWriteRequest, usage: ApiUsage): Promise<ReturnType<OrgConnection['bulk2']['createJob']>> {
  return withRetry(async () => {
    const job = conn.bulk2.createJob({
      object: request.sobject,
      operation: request.operation,
      ...(request.operation === 'upsert' ? { externalIdFieldName: request.externalIdField } : {}),
      lineEnding: 'LF',
    });
    usage.count('bulk');
    await job.open();
    try {
      usage.count('bulk');
      // A stream of its own for each attempt: a retried upload starts from the first row again.
      await job.uploadData(Readable.from(csvChunks(request.records, request.fields)));
    } catch (error) {
      usage.count('bulk');
      await job.abort().catch(() => undefined);
      throw error;
    }
    return job;
  }, { onRetry: () => usage.countRetry() });
}

/**
 * One Bulk API 2.0 ingest job: open, upload, close, poll, then read successful, failed and unprocessed rows back
 * and match them to the request by its match field.
 */
async function runJob(conn: OrgConnection, request: BulkWriteRequest, usage: ApiUsage): Promise<RecordResult[]> {
  const matchField = matchFieldOf(request);
  const retry = { onRetry: () => usage.countRetry() };
  const job = await openLoadedJob(conn, request, usage);
  await withRetry(() => {
    usage.count('bulk');
    return job.close();
  }, retry);
  const closedAt = Date.now();
  const deadline = closedAt + (request.pollTimeoutMs ?? 10 * 60_000);
  let poll: PollState = { rows: request.records.length, processed: null, elapsedMs: 0, previousDelayMs: null, maxDelayMs: request.maxPollIntervalMs };
  for (;;) {
    const delay = nextPollDelay(poll);
    // eslint-disable-next-line no-await-in-loop -- polling waits between checks
    await new Promise((resolve) => setTimeout(resolve, delay));
    // eslint-disable-next-line no-await-in-loop -- polling checks one after another
    const info = await withRetry(() => {
      usage.count('bulk');
      return job.check();
    }, retry);
    if (info.state === 'JobComplete') break;
    if (info.state === 'Failed' || info.state === 'Aborted') {
      throw new Error(`Bulk job ${String(job.id)} ended ${info.state}: ${String(info.errorMessage ?? 'no reason given')}`);
    }
    if (Date.now() > deadline) throw new Error(`Bulk job ${String(job.id)} did not finish in time; it is still ${info.state}`);
    poll = { ...poll, processed: Number(info.numberRecordsProcessed ?? 0), elapsedMs: Date.now() - closedAt, previousDelayMs: delay };
  }

  const [successful, failed, unprocessed] = await allSettledOrThrow([
    withRetry(() => {
      usage.count('bulk');
      return job.getSuccessfulResults(true);
    }, retry),
    withRetry(() => {
      usage.count('bulk');
      return job.getFailedResults(true);
    }, retry),
    withRetry(() => {
      usage.count('bulk');
      return job.getUnprocessedRecords(true);
    }, retry),
  ] as const);

  const indexByKey = new Map<string, number>();
  request.records.forEach((r, i) => indexByKey.set(String(r[matchField]), i));
  const results = new Array<RecordResult | undefined>(request.records.length);
  const place = (rows: ResultRow[], make: (index: number, row: ResultRow) => RecordResult): void => {
    for (const row of rows) {
      const index = indexByKey.get(row.key);
      if (index !== undefined) results[index] = make(index, row);
    }
  };
  place(resultRows(successful, matchField), (index, row) => ({ index, success: true, id: row.id, created: row.created, errors: [] }));
  place(resultRows(failed, matchField), (index, row) => ({ index, success: false, id: null, errors: parseBulkError(row.error) }));
  place(resultRows(unprocessed, matchField), (index) => ({
    index,
    success: false,
    id: null,
    errors: [{ code: 'NOT_PROCESSED', message: 'The job stopped before this row', fields: [] }],
  }));
  // A row no result list mentions: made only for those, not first for every row and then replaced.
  for (let index = 0; index < results.length; index++) {
    results[index] ??= { index, success: false, id: null, errors: [{ code: 'NOT_PROCESSED', message: 'Bulk API returned no result for this row', fields: [] }] };
  }
  return results as RecordResult[];
}
