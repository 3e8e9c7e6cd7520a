import { stringify } from 'csv-stringify/sync';
import type { ApiUsage } from './apiUsage.js';
import type { RecordResult } from './apply.js';
import type { OrgConnection, SfRecord } from './connection.js';
import { withRetry } from './retry.js';

export type BulkUpsertRequest = {
  sobject: string;
  externalIdField: string;
  records: SfRecord[];
  /** Fields of the CSV, in order; the external id field must be one of them. */
  fields: string[];
  pollIntervalMs?: number;
  pollTimeoutMs?: number;
};

type BulkRow = Record<string, string | undefined> & { sf__Id?: string; sf__Created?: string; sf__Error?: string };

/**
 * In a Bulk API 2.0 upsert an empty value leaves the field as it is and `#N/A` clears it: a field the record
 * leaves out (undefined) must not blank what the org holds, only an explicit null does.
 */
function toCsv(records: SfRecord[], fields: string[]): string {
  const rows = records.map((r) => fields.map((f) => (r[f] === null ? '#N/A' : r[f] === undefined ? '' : String(r[f]))));
  return stringify([fields, ...rows]);
}

/** "ERROR_CODE:message --" as Bulk API 2.0 reports a failed row's sf__Error. */
function parseBulkError(text: string): RecordResult['errors'] {
  const match = /^([A-Z_]+):(.*?)(?:\s*--\s*(.*))?$/s.exec(text.trim());
  if (!match) return [{ code: 'UNKNOWN_ERROR', message: text, fields: [] }];
  return [{ code: match[1], message: match[2].trim(), fields: match[3] ? match[3].split(',').map((f) => f.trim()).filter(Boolean) : [] }];
}

/**
 * Upserts through a Bulk API 2.0 ingest job: open, upload, close, poll, then read successful, failed and
 * unprocessed rows back and match them to the request by external id. Every call is counted.
 */
export async function upsertWithBulk(conn: OrgConnection, request: BulkUpsertRequest, usage: ApiUsage): Promise<RecordResult[]> {
  const retry = { onRetry: () => usage.countRetry() };
  const job = conn.bulk2.createJob({ object: request.sobject, operation: 'upsert', externalIdFieldName: request.externalIdField, lineEnding: 'LF' });
  await withRetry(() => {
    usage.count('bulk');
    return job.open();
  }, retry);
  usage.count('bulk');
  await job.uploadData(toCsv(request.records, request.fields));
  await withRetry(() => {
    usage.count('bulk');
    return job.close();
  }, retry);

  const interval = request.pollIntervalMs ?? 1000;
  const deadline = Date.now() + (request.pollTimeoutMs ?? 10 * 60_000);
  for (;;) {
    // eslint-disable-next-line no-await-in-loop
    const info = await withRetry(() => {
      usage.count('bulk');
      return job.check();
    }, retry);
    if (info.state === 'JobComplete') break;
    if (info.state === 'Failed' || info.state === 'Aborted') {
      throw new Error(`Bulk job ${String(job.id)} ended ${info.state}: ${String(info.errorMessage ?? 'no reason given')}`);
    }
    if (Date.now() > deadline) throw new Error(`Bulk job ${String(job.id)} did not finish in time; it is still ${info.state}`);
    // eslint-disable-next-line no-await-in-loop
    await new Promise((resolve) => setTimeout(resolve, interval));
  }

  const [successful, failed, unprocessed] = await Promise.all([
    withRetry(() => {
      usage.count('bulk');
      return job.getSuccessfulResults() as unknown as Promise<BulkRow[]>;
    }, retry),
    withRetry(() => {
      usage.count('bulk');
      return job.getFailedResults() as unknown as Promise<BulkRow[]>;
    }, retry),
    withRetry(() => {
      usage.count('bulk');
      return job.getUnprocessedRecords() as unknown as Promise<BulkRow[]>;
    }, retry),
  ]);

  const indexByKey = new Map(request.records.map((r, i) => [String(r[request.externalIdField]), i]));
  const results: RecordResult[] = request.records.map((_, index) => ({
    index,
    success: false,
    id: null,
    errors: [{ code: 'NOT_PROCESSED', message: 'Bulk API returned no result for this row', fields: [] }],
  }));
  const place = (row: BulkRow, make: (index: number) => RecordResult): void => {
    const index = indexByKey.get(String(row[request.externalIdField]));
    if (index !== undefined) results[index] = make(index);
  };
  for (const row of successful) {
    place(row, (index) => ({ index, success: true, id: row.sf__Id ?? null, created: row.sf__Created === 'true', errors: [] }));
  }
  for (const row of failed) place(row, (index) => ({ index, success: false, id: null, errors: parseBulkError(row.sf__Error ?? '') }));
  for (const row of unprocessed) {
    place(row, (index) => ({ index, success: false, id: null, errors: [{ code: 'NOT_PROCESSED', message: 'The job stopped before this row', fields: [] }] }));
  }
  return results;
}
