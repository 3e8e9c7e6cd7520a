/**
 * Updates by Id for the commands that write computed values back (recompute, renewals sync): one collection call
 * per 200 records, or Bulk API 2.0 above the threshold, and every record the org refuses handed back with its
 * reasons, never dropped.
 */
import type { ApiUsage } from './apiUsage.js';
import { describeRecordErrors } from './apply.js';
import type { OrgConnection, SfRecord } from './connection.js';
import { writeRecords } from './write.js';

export type RefusedUpdate<T> = { item: T; error: string };

export async function updateRecords<T>(
  conn: OrgConnection,
  request: { sobject: string; items: readonly T[]; record: (item: T) => SfRecord; noErrorGiven: string; bulkThreshold?: number },
  usage: ApiUsage,
  onProgress?: (done: number, total: number) => void,
): Promise<Array<RefusedUpdate<T>>> {
  const { sobject, items, record, noErrorGiven, bulkThreshold } = request;
  if (items.length === 0) return [];
  const results = await writeRecords(conn, { sobject, operation: 'update', records: items.map(record), bulkThreshold }, usage, onProgress);
  return results.filter((r) => !r.success).map((r) => ({ item: items[r.index], error: describeRecordErrors(r.errors) || noErrorGiven }));
}
