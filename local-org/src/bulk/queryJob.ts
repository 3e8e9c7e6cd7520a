/**
 * A Bulk API 2.0 query job (Bulk API 2.0 Developer Guide, "Create a Query Job", "Get Results for a Query Job"):
 * the query runs when the job is created, results are read as CSV pages of `maxRecords` rows, the next page
 * named by the `Sforce-Locator` header (the string `null` after the last page).
 */
import { parseQuery, type FieldType } from '@jetstreamapp/soql-parser-js';
import { OrgApiError, type QueryResult, type SfRecord } from '../engine/types.js';
import { csvCell, formatCsv, type ColumnDelimiter, type LineEnding } from './csv.js';
import type { JobState } from './ingest.js';

/** Salesforce sizes result pages by bytes; a fixed row count is close enough for a local org. */
export const DEFAULT_MAX_RECORDS = 50_000;

type Column = { header: string; path: string[] };

/** Result columns in the order of the SELECT: `Name`, `Account.Name`. Subqueries cannot be flattened into CSV. */
export function columnsOfQuery(soql: string): Column[] {
  let fields: FieldType[];
  try {
    fields = parseQuery(soql).fields ?? [];
  } catch (error) {
    throw new OrgApiError(400, 'MALFORMED_QUERY', `unexpected token in query: ${(error as Error).message.split('\n')[0]}`);
  }
  return fields.map((field) => {
    if (field.type === 'Field') return { header: field.field, path: [field.field] };
    if (field.type === 'FieldRelationship') return { header: field.rawValue ?? [...field.relationships, field.field].join('.'), path: [...field.relationships, field.field] };
    if (field.type === 'FieldSubquery') throw new OrgApiError(400, 'API_ERROR', 'Aggregate Relationships not supported in Bulk Query');
    if (field.type === 'FieldFunctionExpression' || field.type === 'FieldTypeof') {
      throw new OrgApiError(400, 'API_ERROR', 'Aggregate and TYPEOF queries are not supported by Bulk API 2.0 query jobs');
    }
    throw new OrgApiError(400, 'API_ERROR', 'Unsupported field in a Bulk API 2.0 query');
  });
}

function valueAt(record: SfRecord, path: string[]): unknown {
  let current: unknown = record;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return null;
    const obj = current as Record<string, unknown>;
    const actual = Object.keys(obj).find((k) => k.toLowerCase() === key.toLowerCase());
    current = actual === undefined ? null : obj[actual];
  }
  return current;
}

export class QueryJob {
  public state: JobState = 'UploadComplete';
  public readonly createdDate = new Date().toISOString();
  private readonly columns: Column[];

  public constructor(
    public readonly id: string,
    private readonly spec: { operation: 'query' | 'queryAll'; query: string; object: string; lineEnding: LineEnding; columnDelimiter: ColumnDelimiter },
    private readonly result: QueryResult,
    private readonly apiVersion: string,
    private readonly createdById: string,
  ) {
    this.columns = columnsOfQuery(spec.query);
    // Finishes on the next turn, so clients see UploadComplete first as they would on a real org.
    setImmediate(() => {
      if (this.state === 'UploadComplete') this.state = 'JobComplete';
    });
  }

  public abort(): void {
    if (this.state === 'JobComplete') throw new OrgApiError(409, 'INVALIDJOBSTATE', `Query job ${this.id} has already completed; it cannot be aborted.`);
    this.state = 'Aborted';
  }

  public info(): Record<string, unknown> {
    return {
      id: this.id,
      operation: this.spec.operation,
      object: this.spec.object,
      createdById: this.createdById,
      createdDate: this.createdDate,
      systemModstamp: this.createdDate,
      state: this.state,
      concurrencyMode: 'Parallel',
      contentType: 'CSV',
      apiVersion: Number(this.apiVersion),
      jobType: 'V2Query',
      lineEnding: this.spec.lineEnding,
      columnDelimiter: this.spec.columnDelimiter,
      numberRecordsProcessed: this.state === 'JobComplete' ? this.result.records.length : 0,
      retries: 0,
      totalProcessingTime: 0,
    };
  }

  /** One page of results: the CSV and the locator of the next page (`null` when done). */
  public page(locator: string | null, maxRecords: number): { csv: string; locator: string; count: number } {
    if (this.state !== 'JobComplete') {
      throw new OrgApiError(400, 'INVALIDJOBSTATE', `Query job ${this.id} is ${this.state}; results are available once it is JobComplete.`);
    }
    const offset = locator ? Number(Buffer.from(locator, 'base64url').toString('utf8')) : 0;
    if (!Number.isInteger(offset) || offset < 0) throw new OrgApiError(400, 'INVALID_LOCATOR', `The locator ${String(locator)} is not one this job issued.`);
    const slice = this.result.records.slice(offset, offset + maxRecords);
    const rows = slice.map((record) => this.columns.map((c) => csvCell(valueAt(record, c.path))));
    const end = offset + slice.length;
    const next = end < this.result.records.length ? Buffer.from(String(end), 'utf8').toString('base64url') : 'null';
    return { csv: formatCsv(this.columns.map((c) => c.header), rows, this.spec.columnDelimiter, this.spec.lineEnding), locator: next, count: slice.length };
  }
}
