/**
 * Every write of a sync goes through here: sObject Collections of 200 up to the bulk threshold, Bulk API 2.0 above it,
 * where a job costs about 7 calls whatever its size (Salesforce's guidance: Bulk API 2.0 above about 2,000 records).
 * Both paths give one result per record in request order, retry what is transient and report every refusal.
 */
import type { ApiUsage } from './apiUsage.js';
import { writeInCollections, type RecordResult, type WriteOperation, type WriteRequest } from './apply.js';
import { matchFieldName, writeWithBulk, type BulkOperation } from './bulk.js';
import type { OrgConnection } from './connection.js';

/** Records of one object and operation above which a write goes through Bulk API 2.0. */
export const DEFAULT_BULK_THRESHOLD = 2000;

export type RecordsWrite = WriteRequest & {
  /** Above this many records, Bulk API 2.0 (default `DEFAULT_BULK_THRESHOLD`). */
  bulkThreshold?: number;
  /** For a bulk create: the field that tells its rows apart in the job's results (unique within the write). */
  matchField?: string;
  /** For a bulk upsert of records under a master: the master field, so rows are uploaded grouped by parent. */
  parentField?: string;
};

export const BULK_OPERATIONS: Record<WriteOperation, BulkOperation> = { create: 'insert', update: 'update', upsert: 'upsert', delete: 'delete' };

/** The field that tells a write's records apart (bulk.ts `matchFieldName`, in the words of a write). */
export function bulkMatchField(request: Pick<RecordsWrite, 'operation' | 'externalIdField' | 'matchField' | 'sobject'>): string {
  return matchFieldName({ ...request, operation: BULK_OPERATIONS[request.operation] });
}

/** The CSV columns of a bulk job: every field any record sets (a record that leaves one out keeps the org's value). */
function columnsOf(request: RecordsWrite): string[] {
  if (request.operation === 'delete') return ['Id'];
  const columns = new Set<string>();
  for (const record of request.records) for (const field of Object.keys(record)) if (field !== 'attributes') columns.add(field);
  return [...columns];
}

/**
 * `created` said the same way on both paths: collections leave it out for a create, Bulk says true; an update or
 * delete never creates. Only an upsert's answer depends on the org.
 */
function withCreated(operation: WriteOperation, results: RecordResult[]): RecordResult[] {
  if (operation === 'upsert') return results;
  return results.map((r) => (r.success ? { ...r, created: operation === 'create' } : { ...r, created: undefined }));
}

export async function writeRecords(
  conn: OrgConnection,
  request: RecordsWrite,
  usage: ApiUsage,
  onProgress?: (done: number, total: number) => void,
): Promise<RecordResult[]> {
  if (request.records.length <= (request.bulkThreshold ?? DEFAULT_BULK_THRESHOLD)) {
    return withCreated(request.operation, await writeInCollections(conn, request, usage, onProgress));
  }
  const results = await writeWithBulk(
    conn,
    {
      sobject: request.sobject,
      operation: BULK_OPERATIONS[request.operation],
      externalIdField: request.externalIdField,
      matchField: request.matchField,
      records: request.operation === 'delete' ? request.records.map((r) => ({ Id: r.Id })) : request.records,
      fields: columnsOf(request),
      parentField: request.parentField,
      createOnlyFields: request.createOnlyFields,
    },
    usage,
  );
  onProgress?.(request.records.length, request.records.length);
  return withCreated(request.operation, results);
}
