/**
 * A Bulk API 2.0 ingest job (Bulk API 2.0 Developer Guide, "Create a Job", "Upload Job Data", "Close or Abort
 * a Job", "Get Job Successful/Failed Record Results"): Open → UploadComplete → InProgress → JobComplete
 * (or Failed / Aborted), processed in internal chunks of 10,000 rows like Salesforce's internal batches.
 */
import { OrgApiError, type OrgEngine, type SaveResult, type SfRecord } from '../engine/types.js';
import type { FaultInjector } from '../faults/faults.js';
import { writeWithLockFaults } from '../faults/lockRows.js';
import { COLUMN_DELIMITERS, formatCsv, parseCsv, type ColumnDelimiter, type LineEnding } from './csv.js';
import { columnsOf, InvalidBatch, prepareRows } from './rows.js';

export const INGEST_OPERATIONS = ['insert', 'update', 'upsert', 'delete', 'hardDelete'] as const;
export type IngestOperation = (typeof INGEST_OPERATIONS)[number];
export type JobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

/** Salesforce splits a job's data into internal batches of up to 10,000 records. */
export const CHUNK_SIZE = 10_000;

export type IngestSpec = {
  object: string;
  operation: IngestOperation;
  externalIdFieldName?: string;
  lineEnding: LineEnding;
  columnDelimiter: ColumnDelimiter;
};

type RowOutcome = { row: string[]; id: string; created: boolean } | { row: string[]; id: string; error: string };

/** The sf__Error format of failed results: "STATUS_CODE:message:Field1,Field2 --", or "STATUS_CODE:message:--" without fields. */
export function bulkErrorText(result: SaveResult): string {
  return result.errors.map((e) => `${e.statusCode}:${e.message}:${e.fields?.length ? `${e.fields.join(',')} ` : ''}--`).join(' ');
}

export class IngestJob {
  public state: JobState = 'Open';
  public errorMessage: string | undefined;
  public readonly createdDate = new Date().toISOString();
  public systemModstamp = this.createdDate;
  private uploads: string[] = [];
  private header: string[] = [];
  private pendingRows: string[][] = [];
  private readonly outcomes: RowOutcome[] = [];
  public readonly chunks: Array<{ records: number; failed: number }> = [];
  private startedAt = 0;
  private processingMs = 0;

  public constructor(
    public readonly id: string,
    public readonly spec: IngestSpec,
    private readonly apiVersion: string,
    private readonly createdById: string,
  ) {}

  public upload(csv: string): void {
    if (this.state !== 'Open') {
      throw new OrgApiError(409, 'INVALIDJOBSTATE', `Job ${this.id} is ${this.state}: data can only be uploaded while it is Open.`);
    }
    this.uploads.push(csv);
  }

  public abort(): void {
    if (this.state === 'JobComplete' || this.state === 'Failed') {
      throw new OrgApiError(409, 'INVALIDJOBSTATE', `Job ${this.id} has already finished (${this.state}); it cannot be aborted.`);
    }
    this.state = 'Aborted';
    this.touch();
  }

  /** Closes the upload and processes the job in the background, a chunk per turn of the event loop. */
  /** `onLockedRows`: told how many rows the fault injector locked, so the org's meter counts them as for collections. */
  public close(engine: OrgEngine, faults: FaultInjector, onLockedRows: (count: number) => void = () => undefined): void {
    if (this.state !== 'Open') throw new OrgApiError(409, 'INVALIDJOBSTATE', `Job ${this.id} is ${this.state}; only an Open job can be closed.`);
    this.state = 'UploadComplete';
    this.touch();
    setImmediate(() => this.start(engine, faults, onLockedRows));
  }

  private touch(): void {
    this.systemModstamp = new Date().toISOString();
  }

  private fail(message: string): void {
    this.state = 'Failed';
    this.errorMessage = message;
    this.touch();
  }

  private start(engine: OrgEngine, faults: FaultInjector, onLockedRows: (count: number) => void): void {
    if (this.state !== 'UploadComplete') return;
    this.state = 'InProgress';
    this.startedAt = Date.now();
    this.touch();
    let columns: ReturnType<typeof columnsOf>;
    try {
      for (const text of this.uploads) {
        const table = parseCsv(text, this.spec.columnDelimiter);
        if (this.header.length && table.header.join('\u0000') !== this.header.join('\u0000')) {
          throw new InvalidBatch('InvalidBatch : Every upload of a job must have the same header row');
        }
        this.header = table.header;
        // One row at a time: spreading 500,000 rows as arguments overflows the call stack (a job takes 150 MB of CSV).
        for (const row of table.rows) this.pendingRows.push(row);
      }
      this.uploads = [];
      if (this.header.length === 0 && this.pendingRows.length === 0) {
        // Nothing was uploaded: the job completes with no records processed rather than failing on a missing column.
        this.state = 'JobComplete';
        this.processingMs = Date.now() - this.startedAt;
        this.touch();
        return;
      }
      columns = columnsOf(engine, this.spec.object, this.header);
      this.checkRequiredColumns();
    } catch (error) {
      this.fail(error instanceof InvalidBatch || error instanceof OrgApiError ? error.message : `InvalidBatch : ${(error as Error).message}`);
      return;
    }
    const step = (): void => {
      if (this.state !== 'InProgress') return; // aborted meanwhile: the remaining rows stay unprocessed
      const chunk = this.pendingRows.splice(0, CHUNK_SIZE);
      if (chunk.length) onLockedRows(this.processChunk(engine, faults, columns, chunk));
      this.processingMs = Date.now() - this.startedAt;
      if (this.pendingRows.length) setImmediate(step);
      else {
        this.state = 'JobComplete';
        this.touch();
      }
    };
    step();
  }

  private checkRequiredColumns(): void {
    const has = (name: string): boolean => this.header.some((h) => h.toLowerCase() === name.toLowerCase());
    const { operation, externalIdFieldName } = this.spec;
    if ((operation === 'update' || operation === 'delete' || operation === 'hardDelete') && !has('Id')) {
      throw new InvalidBatch(`InvalidBatch : Field name not found : Id (an ${operation} job needs an Id column)`);
    }
    // An upsert on Id without an Id column inserts every row, as Salesforce does.
    if (operation === 'upsert' && externalIdFieldName && externalIdFieldName.toLowerCase() !== 'id' && !has(externalIdFieldName)) {
      throw new InvalidBatch(`InvalidBatch : Field name not found : ${externalIdFieldName} (the job's external id field)`);
    }
  }

  /** Returns how many rows the fault injector locked. */
  private processChunk(engine: OrgEngine, faults: FaultInjector, columns: ReturnType<typeof columnsOf>, rows: string[][]): number {
    let prepared;
    try {
      prepared = prepareRows(engine, columns, rows);
    } catch (error) {
      prepared = rows.map(() => ({ error: { statusCode: 'UNKNOWN_EXCEPTION', message: (error as Error).message, fields: [] } }));
    }
    const writable: Array<{ index: number; record: SfRecord }> = [];
    const results: SaveResult[] = new Array<SaveResult>(rows.length);
    prepared.forEach((p, index) => {
      if ('error' in p) results[index] = { id: null, success: false, errors: [p.error] };
      else writable.push({ index, record: p.record });
    });
    const { results: written, lockedCount } = writeWithLockFaults(writable, false, faults, (w) => w.record.Id, (subset) => this.save(engine, subset.map((w) => w.record)));
    writable.forEach((w, i) => (results[w.index] = written[i]));
    let failed = 0;
    results.forEach((result, index) => {
      const row = rows[index];
      if (result.success) this.outcomes.push({ row, id: result.id ?? '', created: this.spec.operation === 'insert' || result.created === true });
      else {
        failed += 1;
        this.outcomes.push({ row, id: result.id ?? '', error: bulkErrorText(result) });
      }
    });
    this.chunks.push({ records: rows.length, failed });
    return lockedCount;
  }

  private save(engine: OrgEngine, records: SfRecord[]): SaveResult[] {
    const { object, operation, externalIdFieldName } = this.spec;
    const options = { allOrNone: false };
    try {
      switch (operation) {
        case 'insert':
          return engine.create(object, records, options);
        case 'update':
          return engine.update(object, records, options);
        case 'upsert':
          return engine.upsert(object, externalIdFieldName ?? 'Id', records, options);
        default:
          return engine.delete(records.map((r) => String(r.Id ?? '')), options);
      }
    } catch (error) {
      // A request-level failure of the engine fails every row of the chunk, as a failed internal batch does.
      const e = error instanceof OrgApiError ? { statusCode: error.errorCode, message: error.message, fields: error.fields } : { statusCode: 'UNKNOWN_EXCEPTION', message: String(error), fields: [] };
      return records.map(() => ({ id: null, success: false, errors: [e] }));
    }
  }

  public info(): Record<string, unknown> {
    const failed = this.outcomes.filter((o) => 'error' in o).length;
    return {
      id: this.id,
      operation: this.spec.operation,
      object: this.spec.object,
      createdById: this.createdById,
      createdDate: this.createdDate,
      systemModstamp: this.systemModstamp,
      state: this.state,
      ...(this.spec.externalIdFieldName ? { externalIdFieldName: this.spec.externalIdFieldName } : {}),
      concurrencyMode: 'Parallel',
      contentType: 'CSV',
      apiVersion: Number(this.apiVersion),
      jobType: 'V2Ingest',
      contentUrl: `services/data/v${this.apiVersion}/jobs/ingest/${this.id}/batches`,
      lineEnding: this.spec.lineEnding,
      columnDelimiter: this.spec.columnDelimiter,
      numberRecordsProcessed: this.outcomes.length,
      numberRecordsFailed: failed,
      retries: 0,
      totalProcessingTime: this.processingMs,
      apiActiveProcessingTime: this.processingMs,
      apexProcessingTime: 0,
      ...(this.errorMessage ? { errorMessage: this.errorMessage } : {}),
    };
  }

  private csv(header: string[], rows: string[][]): string {
    return formatCsv(header, rows, this.spec.columnDelimiter, this.spec.lineEnding);
  }

  public successfulResults(): string {
    const rows = this.outcomes.flatMap((o) => ('error' in o ? [] : [[o.id, String(o.created), ...o.row]]));
    return this.csv(['sf__Id', 'sf__Created', ...this.header], rows);
  }

  public failedResults(): string {
    const rows = this.outcomes.flatMap((o) => ('error' in o ? [[o.id, o.error, ...o.row]] : []));
    return this.csv(['sf__Id', 'sf__Error', ...this.header], rows);
  }

  /** Rows the job never reached: all of an aborted or failed job's rows that were not processed. */
  public unprocessedRecords(): string {
    const pendingUploads = this.uploads.flatMap((text) => {
      try {
        const table = parseCsv(text, this.spec.columnDelimiter);
        if (!this.header.length) this.header = table.header;
        return table.rows;
      } catch {
        return [];
      }
    });
    return this.csv(this.header, [...this.pendingRows, ...pendingUploads]);
  }
}

export function checkDelimiter(value: unknown): ColumnDelimiter {
  const text = value === undefined ? 'COMMA' : String(value);
  if (!(text in COLUMN_DELIMITERS)) {
    throw new OrgApiError(400, 'INVALIDJOB', `columnDelimiter ${text} is not one of ${Object.keys(COLUMN_DELIMITERS).join(', ')}`);
  }
  return text as ColumnDelimiter;
}

export function checkLineEnding(value: unknown): LineEnding {
  const text = value === undefined ? 'LF' : String(value);
  if (text !== 'LF' && text !== 'CRLF') throw new OrgApiError(400, 'INVALIDJOB', `lineEnding ${text} is not LF or CRLF`);
  return text;
}
