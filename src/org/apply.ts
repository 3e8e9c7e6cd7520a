import type { ApiUsage } from './apiUsage.js';
import type { OrgConnection, SfRecord } from './connection.js';
import { chunk } from './soql.js';
import { isDailyCapError, withRetry } from './retry.js';

/** sObject Collections take at most 200 records a call (REST API Developer Guide, "sObject Collections"). */
export const COLLECTION_LIMIT = 200;
/**
 * Record-level failures worth another round: a row lock held by another transaction, a busy server, or a Bulk
 * API row the job never reached. Anything else (validation, a bad value) is the record's own fault.
 */
const TRANSIENT_RECORD_ERRORS = new Set(['UNABLE_TO_LOCK_ROW', 'SERVER_UNAVAILABLE', 'REQUEST_RUNNING_TOO_LONG', 'NOT_PROCESSED']);
/**
 * Rounds for records that failed transiently, the first write included. Salesforce's guidance for row locks is to
 * retry after a pause: each round waits longer (full jitter), so two runs contending for a parent drift apart.
 */
export const RECORD_RETRY_ROUNDS = 6;
const ROUND_BASE_DELAY_MS = (): number => Number(process.env.OUTCOMES_RETRY_BASE_MS ?? 250);

export type WriteOperation = 'create' | 'update' | 'upsert' | 'delete';

export type WriteRequest = {
  sobject: string;
  operation: WriteOperation;
  /** Records to write; for delete, records with `Id`. */
  records: SfRecord[];
  /** For upsert: the external id field the records are matched on. */
  externalIdField?: string;
  /**
   * For upsert: fields only a create may set (a master-detail parent that cannot be reparented). When another run
   * created the record between our read and our write, the upsert became an update and the org refuses these
   * fields: the record is then upserted again without them, and its result says it was updated, not failed.
   */
  createOnlyFields?: readonly string[];
};

/** How a command shows a write in progress (its spinner); the apply steps themselves print nothing. */
export type WriteProgress = {
  started: (count: number, label: string) => void;
  progressed: (done: number, total: number) => void;
  finished: () => void;
};

export type RecordError = { code: string; message: string; fields: string[] };

/** The outcome of one record of a write, in the order of the request. */
export type RecordResult = {
  index: number;
  success: boolean;
  id: string | null;
  created?: boolean;
  errors: RecordError[];
};

/** True when every error of a failed record is transient: writing the same record again may succeed. */
export function isTransientFailure(result: RecordResult): boolean {
  return !result.success && result.errors.length > 0 && result.errors.every((e) => TRANSIENT_RECORD_ERRORS.has(e.code));
}

/** True when an upsert was refused only for setting create-only fields: the record exists now, so it is an update. */
export function refusedCreateOnlyFields(result: RecordResult, createOnlyFields: readonly string[] = []): boolean {
  return (
    !result.success &&
    createOnlyFields.length > 0 &&
    result.errors.length > 0 &&
    result.errors.every((e) => e.code === 'INVALID_FIELD_FOR_INSERT_UPDATE' && createOnlyFields.some((f) => e.fields.includes(f) || e.message.includes(f)))
  );
}

export function withoutFields(record: SfRecord, fields: readonly string[]): SfRecord {
  const copy = { ...record };
  for (const field of fields) delete copy[field];
  return copy;
}

/**
 * A write that stopped part way (the org unreachable, the daily API limit): says how far it got, so the user knows
 * what is left, and why. What was written stays written; the commands' upserts make a rerun finish the job.
 */
export class WriteStoppedError extends Error {
  public constructor(cause: unknown, written: number, total: number) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const cap = isDailyCapError(cause)
      ? " The org's daily API request limit is used up: it frees up over a rolling 24 hours (`sf limits api display` shows what is left)."
      : '';
    super(`${written} of ${total} records were written before it stopped: ${reason}.${cap}`, { cause });
    this.name = 'WriteStoppedError';
  }
}

/** Waits before retry round `round` (1 = the first retry): exponential, with full jitter. */
export async function pauseBeforeRound(round: number): Promise<void> {
  if (round <= 0) return;
  await new Promise((resolve) => setTimeout(resolve, Math.random() * ROUND_BASE_DELAY_MS() * 2 ** (round - 1)));
}

/** A record's errors as one line, "CODE: message; CODE: message" (empty when the org gave none). */
export function describeRecordErrors(errors: readonly RecordError[]): string {
  return errors.map((e) => `${e.code}: ${e.message}`).join('; ');
}

type RawSaveResult = {
  id?: string | null;
  success: boolean;
  created?: boolean;
  errors?: Array<{ statusCode?: string; errorCode?: string; message?: string; fields?: string[] }>;
};

function toRecordResult(index: number, raw: RawSaveResult): RecordResult {
  return {
    index,
    success: raw.success,
    id: raw.id ?? null,
    created: raw.created,
    errors: (raw.errors ?? []).map((e) => ({
      code: e.statusCode ?? e.errorCode ?? 'UNKNOWN_ERROR',
      message: e.message ?? '',
      fields: e.fields ?? [],
    })),
  };
}

/** The collection calls of jsforce, typed loosely: records are plain field maps here. */
type CollectionApi = {
  create(type: string, records: SfRecord[], options: object): Promise<RawSaveResult[]>;
  update(type: string, records: SfRecord[], options: object): Promise<RawSaveResult[]>;
  upsert(type: string, records: SfRecord[], extIdField: string, options: object): Promise<RawSaveResult[]>;
  destroy(type: string, ids: string[], options: object): Promise<RawSaveResult[]>;
};

async function sendCollection(conn: OrgConnection, request: WriteRequest, records: SfRecord[]): Promise<RawSaveResult[]> {
  const api = conn as unknown as CollectionApi;
  const options = { allOrNone: false };
  switch (request.operation) {
    case 'create':
      return api.create(request.sobject, records, options);
    case 'update':
      return api.update(request.sobject, records, options);
    case 'upsert':
      if (!request.externalIdField) throw new Error(`An upsert of ${request.sobject} needs an external id field`);
      return api.upsert(request.sobject, records, request.externalIdField, options);
    case 'delete':
      return api.destroy(request.sobject, records.map((r) => String(r.Id)), options);
  }
}

/**
 * Writes records in sObject Collections of 200, never one call per record. Whole calls that fail for a transient
 * reason are retried with backoff; records that fail for a transient reason (row lock) get further rounds; every
 * other failure is reported per record, never dropped. `allOrNone` is false so one bad record cannot sink its batch.
 */
export async function writeInCollections(
  conn: OrgConnection,
  request: WriteRequest,
  usage: ApiUsage,
  onProgress?: (done: number, total: number) => void,
): Promise<RecordResult[]> {
  const results: RecordResult[] = new Array<RecordResult>(request.records.length);
  const createOnly = request.operation === 'upsert' ? (request.createOnlyFields ?? []) : [];
  const existsNow = new Set<number>();
  let pending = request.records.map((_, index) => index);
  for (let round = 0; round < RECORD_RETRY_ROUNDS && pending.length > 0; round++) {
    // eslint-disable-next-line no-await-in-loop -- each round retries what the last one left
    await pauseBeforeRound(round);
    const retryNext: number[] = [];
    let done = 0;
    for (const batch of chunk(pending, COLLECTION_LIMIT)) {
      const records = batch.map((i) => (existsNow.has(i) ? withoutFields(request.records[i], createOnly) : request.records[i]));
      let raw: RawSaveResult[];
      try {
        // eslint-disable-next-line no-await-in-loop -- one collections call at a time, within the API limits
        raw = await withRetry(() => {
          usage.count('collections');
          return sendCollection(conn, request, records);
        }, { onRetry: () => usage.countRetry() });
      } catch (error) {
        throw new WriteStoppedError(error, results.filter((r) => r?.success).length, request.records.length);
      }
      raw.forEach((r, k) => {
        const result = toRecordResult(batch[k], r);
        results[batch[k]] = result;
        if (!existsNow.has(batch[k]) && refusedCreateOnlyFields(result, createOnly)) {
          existsNow.add(batch[k]);
          retryNext.push(batch[k]);
        } else if (isTransientFailure(result)) retryNext.push(batch[k]);
      });
      done += batch.length;
      if (round === 0) onProgress?.(done, request.records.length);
    }
    pending = retryNext;
  }
  return results;
}

