import { pipeline, Readable } from 'node:stream';
import { parse as parseStream } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { ApiUsage } from './apiUsage.js';
import { isTransientFailure, pauseBeforeRound, refusedCreateOnlyFields, WriteStoppedError, type RecordError, type RecordResult } from './apply.js';
import type { OrgConnection, SfRecord } from './connection.js';
import { withRetry } from './retry.js';

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
  /** CSV one job takes at most (default `JOB_CSV_MAX_BYTES`); the rest goes in further jobs. */
  maxJobBytes?: number;
  /** Longest wait between two checks of the job's state (default `BULK_POLLING.maxDelayMs`). */
  maxPollIntervalMs?: number;
  pollTimeoutMs?: number;
};

export type BulkUpsertRequest = Omit<BulkWriteRequest, 'operation' | 'externalIdField'> & { externalIdField: string };

/** The field that tells a write's rows apart: the external id of an upsert, Id of an update or delete, or the one named. */
export function matchFieldName(request: Pick<BulkWriteRequest, 'sobject' | 'operation' | 'externalIdField' | 'matchField'>): string {
  const field = request.matchField ?? (request.operation === 'upsert' ? request.externalIdField : request.operation === 'insert' ? undefined : 'Id');
  if (!field) throw new Error(`A write of ${request.sobject} records (${request.operation}) needs a field that tells them apart (matchField)`);
  return field;
}

function matchFieldOf(request: BulkWriteRequest): string {
  const field = matchFieldName(request);
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
 * CSV one job takes at most: Salesforce accepts 150 MB of base64-encoded data per job and advises uploading no more
 * than 100 MB of CSV to allow for the encoding (Bulk API 2.0, "Upload Job Data"). More rows go in another job.
 */
export const JOB_CSV_MAX_BYTES = 100 * 1024 * 1024;

/**
 * The job's CSV, 2,000 rows at a time, made as the upload reads it: the whole CSV as one string (and jsforce's
 * structuredClone of it) held a job's data twice over. It stops before the row that would take the job past
 * `maxBytes` (a job takes at least one row), and `counted` hears how many rows it took. In a Bulk API 2.0 upsert an
 * empty value leaves the field as it is and `#N/A` clears it: a field the record leaves out (undefined) must not
 * blank what the org holds, only an explicit null does.
 */
async function* csvChunks(
  rows: Iterable<SfRecord> | AsyncIterable<SfRecord>,
  fields: string[],
  counted: (rows: number) => void,
  maxBytes = JOB_CSV_MAX_BYTES,
): AsyncGenerator<string> {
  const header = stringify([fields]);
  let bytes = Buffer.byteLength(header);
  let count = 0;
  let batch: string[][] = [];
  const cells = (r: SfRecord): string[] => fields.map((f) => (r[f] === null ? '#N/A' : r[f] === undefined ? '' : String(r[f])));
  // The batch, or the rows of it that fit; false when the job is full.
  function* take(): Generator<string, boolean> {
    const chunk = stringify(batch);
    const size = Buffer.byteLength(chunk);
    if (bytes + size <= maxBytes) {
      bytes += size;
      count += batch.length;
      batch = [];
      yield chunk;
      return true;
    }
    for (const row of batch) {
      const line = stringify([row]);
      const length = Buffer.byteLength(line);
      if (count > 0 && bytes + length > maxBytes) return false;
      bytes += length;
      count += 1;
      yield line;
    }
    batch = [];
    return true;
  }
  try {
    yield header;
    for await (const record of rows) {
      batch.push(cells(record));
      if (batch.length >= CSV_ROWS_AT_A_TIME && !(yield* take())) return;
    }
    if (batch.length > 0) yield* take();
  } finally {
    counted(count);
  }
}

/** What a result row says about one request row: its match key, and the Id, created flag or error the job gave. */
type ResultRow = { key: string; id: string | null; created: boolean; error: string };

/**
 * Reads a job's result CSV (sf__Id, sf__Created or sf__Error, then the uploaded columns), handing each row to `visit`
 * with only what a result needs, as it is parsed: the full rows as objects took more memory than the records written.
 */
function forEachResultRow(csv: string | undefined, matchField: string, visit: (row: ResultRow) => void): void {
  if (!csv) return;
  let columns: ResultColumns | null = null;
  parse(csv, {
    relax_column_count: true,
    skip_empty_lines: true,
    on_record: (cells: string[]): null => {
      if (columns) visit(resultRowOf(cells, columns));
      else columns = resultColumns(cells, matchField);
      return null;
    },
  });
}

type ResultColumns = { key: number; id: number; created: number; error: number };

const resultColumns = (header: string[], matchField: string): ResultColumns => ({
  key: header.indexOf(matchField),
  id: header.indexOf('sf__Id'),
  created: header.indexOf('sf__Created'),
  error: header.indexOf('sf__Error'),
});

function resultRowOf(cells: string[], columns: ResultColumns): ResultRow {
  const cell = (i: number): string => (i >= 0 ? (cells[i] ?? '') : '');
  return { key: cell(columns.key), id: cell(columns.id) || null, created: cell(columns.created) === 'true', error: cell(columns.error) };
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
  const matchField = matchFieldOf(request);
  const { records } = request;
  const indexByKey = new Map<string, number>();
  records.forEach((r, i) => indexByKey.set(String(r[matchField]), i));
  const order = records.map((_, index) => index);
  if (request.parentField) {
    const parent = (i: number): string => String(records[i][request.parentField as string] ?? '');
    order.sort((a, b) => (parent(a) < parent(b) ? -1 : parent(a) > parent(b) ? 1 : a - b));
  }
  const results = new Array<RecordResult>(records.length);
  await writeRowsWithBulk(
    conn,
    { ...request, count: records.length, rows: () => order.map((i) => records[i]) },
    usage,
    (row) => {
      const index = indexByKey.get(row.key);
      if (index !== undefined) results[index] = { index, success: row.success, id: row.id, ...(row.success ? { created: row.created } : {}), errors: row.errors };
    },
  );
  for (let index = 0; index < results.length; index++) results[index] ??= notProcessed(index, 'Bulk API returned no result for this row');
  return results;
}

/** What the org did with one row of a bulk write, named by the row's match key. */
export type BulkRowResult = { key: string; success: boolean; id: string | null; created: boolean; errors: RecordError[] };

/**
 * A bulk write whose rows are read rather than held: `rows` gives them in upload order each time it is called (a
 * spool on disk, read again for each job), `count` says how many there are, and the match key of each is unique.
 */
export type BulkRowsRequest = Omit<BulkWriteRequest, 'records' | 'parentField'> & {
  count: number;
  rows: () => Iterable<SfRecord> | AsyncIterable<SfRecord>;
};

/**
 * `writeWithBulk` without a result object per row: each row's final result goes to `onResult` as the job's results are
 * read (rows that fail transiently go again in follow-up jobs first, and only their last result is reported).
 * Returns how many rows were written. Only the rows still to retry are kept, by match key.
 */
export async function writeRowsWithBulk(
  conn: OrgConnection,
  request: BulkRowsRequest,
  usage: ApiUsage,
  onResult: (result: BulkRowResult) => void,
): Promise<{ written: number }> {
  const matchField = matchFieldOf({ ...request, records: [] });
  const createOnly = request.createOnlyFields ?? [];
  const existsNow = new Set<string>();
  /** Rows to go again, with their last result; null in the first round: every row. */
  let pending: Map<string, BulkRowResult> | null = null;
  let written = 0;
  for (let round = 0; round < BULK_JOB_ROUNDS && (pending === null ? request.count > 0 : pending.size > 0); round++) {
    // eslint-disable-next-line no-await-in-loop -- each round retries what the last one left
    await pauseBeforeRound(round);
    const retryNext = new Map<string, BulkRowResult>();
    const current: Map<string, BulkRowResult> | null = pending;
    // A job has one set of columns: rows that exist now go in a job of their own, without the create-only fields.
    for (const exists of [false, true]) {
      const count = current === null ? (exists ? 0 : request.count) : [...current.keys()].filter((key) => existsNow.has(key) === exists).length;
      if (count === 0) continue;
      const fields = exists ? request.fields.filter((f) => !createOnly.includes(f)) : request.fields;
      const rows = async function* (): AsyncGenerator<SfRecord> {
        for await (const record of request.rows()) {
          const key = String(record[matchField]);
          if ((current === null || current.has(key)) && existsNow.has(key) === exists) yield record;
        }
      };
      const settle = (result: BulkRowResult): void => {
        if (!exists && refusedCreateOnlyFields(asRecordResult(result), createOnly)) {
          existsNow.add(result.key);
          retryNext.set(result.key, result);
        } else if (isTransientFailure(asRecordResult(result))) retryNext.set(result.key, result);
        else {
          if (result.success) written += 1;
          onResult(result);
        }
      };
      try {
        // As many jobs as the CSV needs (JOB_CSV_MAX_BYTES each): each takes the rows after those sent before it.
        for (let sent = 0; sent < count; ) {
          const skip = sent;
          const rowsAfter = async function* (): AsyncGenerator<SfRecord> {
            let index = 0;
            for await (const record of rows()) if (index++ >= skip) yield record;
          };
          // eslint-disable-next-line no-await-in-loop -- one Bulk job at a time
          const uploaded = await runJob(conn, { ...request, fields, count: count - skip, rows: rowsAfter }, matchField, usage, settle);
          if (uploaded === 0) break;
          sent += uploaded;
        }
      } catch (error) {
        throw new WriteStoppedError(error, written, request.count);
      }
    }
    pending = retryNext;
  }
  for (const result of pending?.values() ?? []) onResult(result);
  return { written };
}

const asRecordResult = (row: BulkRowResult): RecordResult => ({ index: -1, success: row.success, id: row.id, errors: row.errors });

const notProcessed = (index: number, message: string): RecordResult => ({
  index,
  success: false,
  id: null,
  errors: [{ code: 'NOT_PROCESSED', message, fields: [] }],
});

/**
 * Opens a job and uploads its rows, as many as fit in one job (`uploaded` says how many); an upload that fails aborts
 * that job, and a new one is opened for the retry.
 */
async function openLoadedJob(
  conn: OrgConnection,
  request: BulkRowsRequest,
  usage: ApiUsage,
): Promise<{ job: ReturnType<OrgConnection['bulk2']['createJob']>; uploaded: number }> {
  return withRetry(async () => {
    const job = conn.bulk2.createJob({
      object: request.sobject,
      operation: request.operation,
      ...(request.operation === 'upsert' ? { externalIdFieldName: request.externalIdField } : {}),
      lineEnding: 'LF',
    });
    usage.count('bulk');
    await job.open();
    let uploaded = 0;
    try {
      usage.count('bulk');
      // A stream of its own for each attempt: a retried upload starts from the first row again.
      await job.uploadData(Readable.from(csvChunks(request.rows(), request.fields, (rows) => (uploaded = rows), request.maxJobBytes)));
    } catch (error) {
      usage.count('bulk');
      await job.abort().catch(() => undefined);
      throw error;
    }
    return { job, uploaded };
  }, { onRetry: () => usage.countRetry() });
}

type ResultList = 'successfulResults' | 'failedResults' | 'unprocessedrecords';
type IngestJob = ReturnType<OrgConnection['bulk2']['createJob']>;

/**
 * Reads one result list of a job row by row as it arrives (GET /jobs/ingest/{id}/{list}), one API call, retried as
 * every call is: a retry skips the rows already handed to `visit` (the list of a finished job does not change). jsforce
 * reads a whole list into one string (and two copies of its bytes), so the list is fetched here with the connection's
 * session; when the session has expired, or the org cannot be reached but through jsforce's own transport (an
 * HTTP proxy), jsforce's call reads the list instead (whole, as before).
 */
async function readResultList(
  conn: OrgConnection,
  job: IngestJob,
  list: ResultList,
  matchField: string,
  usage: ApiUsage,
  visit: (row: ResultRow) => void,
): Promise<void> {
  let visited = 0;
  await withRetry(async () => {
    usage.count('bulk');
    let ordinal = 0;
    const once = (row: ResultRow): void => {
      ordinal += 1;
      if (ordinal <= visited) return;
      visited += 1;
      visit(row);
    };
    let response: Response;
    try {
      response = await fetch(`${conn.instanceUrl}/services/data/v${conn.version}/jobs/ingest/${String(job.id)}/${list}`, {
        headers: { Authorization: `Bearer ${conn.accessToken ?? ''}`, Accept: 'text/csv' },
      });
    } catch {
      // No route of its own to the org (a proxy that only jsforce is configured for, say): jsforce's call reads it.
      forEachResultRow(await rawResultList(job, list), matchField, once);
      return;
    }
    if (response.status === 401) {
      await response.body?.cancel();
      forEachResultRow(await rawResultList(job, list), matchField, once);
      return;
    }
    if (!response.ok || !response.body) throw await httpError(response);
    const parser = parseStream({ relax_column_count: true, skip_empty_lines: true });
    pipeline(Readable.fromWeb(response.body), parser, () => undefined);
    let columns: ResultColumns | null = null;
    for await (const cells of parser as AsyncIterable<string[]>) {
      if (columns) once(resultRowOf(cells, columns));
      else columns = resultColumns(cells, matchField);
    }
  }, { onRetry: () => usage.countRetry() });
}

function rawResultList(job: IngestJob, list: ResultList): Promise<string> {
  if (list === 'successfulResults') return job.getSuccessfulResults(true);
  if (list === 'failedResults') return job.getFailedResults(true);
  return job.getUnprocessedRecords(true);
}

/** An HTTP refusal as jsforce reports one: the status, and the error code of Salesforce's JSON body, for withRetry. */
async function httpError(response: Response): Promise<Error> {
  const body = await response.text().catch(() => '');
  const error = new Error(`${response.status} ${response.statusText}: ${body}`) as Error & { statusCode: number; errorCode?: string };
  error.statusCode = response.status;
  const code = /"errorCode"\s*:\s*"([A-Z_]+)"/.exec(body)?.[1];
  if (code) {
    error.errorCode = code;
    error.name = code;
  }
  return error;
}

/**
 * One Bulk API 2.0 ingest job: open, upload, close, poll, then read successful, failed and unprocessed rows back,
 * handing each row's result to `settle` by its match key.
 */
async function runJob(
  conn: OrgConnection,
  request: BulkRowsRequest,
  matchField: string,
  usage: ApiUsage,
  settle: (result: BulkRowResult) => void,
): Promise<number> {
  const retry = { onRetry: () => usage.countRetry() };
  const { job, uploaded } = await openLoadedJob(conn, request, usage);
  await withRetry(() => {
    usage.count('bulk');
    return job.close();
  }, retry);
  const closedAt = Date.now();
  const deadline = closedAt + (request.pollTimeoutMs ?? 10 * 60_000);
  let poll: PollState = { rows: uploaded, processed: null, elapsedMs: 0, previousDelayMs: null, maxDelayMs: request.maxPollIntervalMs };
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

  // One list after the other, each read as it arrives: a million successful rows are about 100 MB of CSV.
  const lists: Array<[ResultList, (row: ResultRow) => BulkRowResult]> = [
    ['successfulResults', (row): BulkRowResult => ({ key: row.key, success: true, id: row.id, created: row.created, errors: [] })],
    ['failedResults', (row): BulkRowResult => ({ key: row.key, success: false, id: null, created: false, errors: parseBulkError(row.error) })],
    [
      'unprocessedrecords',
      (row): BulkRowResult => ({ key: row.key, success: false, id: null, created: false, errors: notProcessed(-1, 'The job stopped before this row').errors }),
    ],
  ];
  let reported = 0;
  for (const [list, make] of lists) {
    // eslint-disable-next-line no-await-in-loop -- the lists one after another
    await readResultList(conn, job, list, matchField, usage, (row) => {
      reported += 1;
      settle(make(row));
    });
  }
  if (reported >= uploaded) return uploaded;
  // Rows no list mentions (Salesforce lists every row; this does not happen in practice): the lists are read again to
  // tell which, and those rows go again.
  const seen = new Set<string>();
  for (const [list] of lists) {
    // eslint-disable-next-line no-await-in-loop -- the lists one after another
    await readResultList(conn, job, list, matchField, usage, (row) => seen.add(row.key));
  }
  let index = 0;
  for await (const record of request.rows()) {
    // The job's rows only: the first `uploaded` (the rest went, or will go, in other jobs).
    if (index++ >= uploaded) break;
    const key = String(record[matchField]);
    if (!seen.has(key)) settle({ key, success: false, id: null, created: false, errors: notProcessed(-1, 'Bulk API returned no result for this row').errors });
  }
  return uploaded;
}
