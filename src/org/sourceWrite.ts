/**
 * One write of the items of a source (a spool on disk, or a list in memory) without holding them all: a first pass
 * finds what goes and which columns it sets; then sObject Collections take those records up to the bulk threshold (a
 * few, held), and above it one Bulk API 2.0 job takes them all, whatever their number, made as its upload reads the
 * source (another job only past 100 MB of CSV: bulk.ts). Writing a book a part at a time cost a job per part: the
 * 500,000 components of a first handover at 100,000 deals were five jobs.
 *
 * What the org did with each record is kept by the record's match key, compactly (its Id, or its errors): the caller
 * reads the source again and asks for each item's result.
 */
import type { ApiUsage } from './apiUsage.js';
import type { RecordError, RecordResult, WriteOperation, WriteProgress } from './apply.js';
import { BULK_OPERATIONS, bulkMatchField, DEFAULT_BULK_THRESHOLD, writeRecords, type RecordsWrite } from './write.js';
import { writeRowsWithBulk } from './bulk.js';
import type { OrgConnection, SfRecord } from './connection.js';
import type { ItemSource } from './spool.js';

export type SourceWrite<T> = Omit<RecordsWrite, 'records' | 'operation'> & {
  operation: Exclude<WriteOperation, 'delete'>;
  /** Whether an item goes in this write: asked once per item, in the first pass. */
  includes: (item: T) => boolean;
  /** The record an item writes; its match field (external id, Id, or `matchField`) is unique within the write. */
  record: (item: T) => SfRecord;
  /** Called once the write knows how many records it sends and how, before it sends them. */
  onSend?: (records: number, channel: 'collections' | 'bulk') => void;
  /** Called for each record as the upload reads it: a long pass at scale collects its garbage (memory.ts). */
  onRecord?: () => void;
};

/** Rows a job's results never mentioned: they were not written, and a rerun writes them. */
const NO_RESULT: RecordError[] = [{ code: 'NOT_PROCESSED', message: 'Bulk API returned no result for this row', fields: [] }];

/** What the org did with each record of one write, by match key: an Id (written), errors (refused), or null (sent, no answer). */
export class WriteResults<T> {
  private readonly byKey = new Map<string, string | RecordError[] | null>();
  /** Upserted records the org found rather than created (another run created them first): few. */
  private readonly found = new Set<string>();

  public constructor(private readonly write: SourceWrite<T>, public readonly matchField: string) {}

  /** Records sent. */
  public get size(): number {
    return this.byKey.size;
  }

  public sent(key: string): void {
    if (this.byKey.has(key)) throw new Error(`${this.matchField} ${key} is in two ${this.write.sobject} records of one write: it must tell them apart`);
    this.byKey.set(key, null);
  }

  public wasSent(key: string): boolean {
    return this.byKey.has(key);
  }

  public settle(key: string, result: { success: boolean; id: string | null; created?: boolean; errors: RecordError[] }): void {
    this.byKey.set(key, result.success ? (result.id ?? '') : result.errors);
    if (result.success && this.write.operation === 'upsert' && result.created === false) this.found.add(key);
  }

  /** The result of an item's record; null when it was not sent (left out, or blocked). */
  public of(item: T): RecordResult | null {
    const key = String(this.write.record(item)[this.matchField]);
    if (!this.byKey.has(key)) return null;
    const value = this.byKey.get(key) ?? NO_RESULT;
    if (Array.isArray(value)) return { index: -1, success: false, id: null, errors: value };
    const created = this.write.operation === 'create' || (this.write.operation === 'upsert' && !this.found.has(key));
    return { index: -1, success: true, id: value === '' ? null : value, created, errors: [] };
  }
}

/** Writes the items of `source` that `write.includes`, through collections or one Bulk job (see the module's comment). */
export async function writeFromSource<T>(
  conn: OrgConnection,
  source: ItemSource<T>,
  write: SourceWrite<T>,
  usage: ApiUsage,
  progress?: WriteProgress,
): Promise<WriteResults<T>> {
  const results = new WriteResults(write, bulkMatchField(write));
  // The first pass decides what goes; the second sends just that, whatever the caller learns in between.
  const columns = new Set<string>([results.matchField]);
  for await (const page of source.pages()) {
    for (const item of page) {
      if (!write.includes(item)) continue;
      const record = write.record(item);
      results.sent(String(record[results.matchField]));
      for (const field of Object.keys(record)) if (field !== 'attributes') columns.add(field);
    }
  }
  if (results.size === 0) return results;
  const channel = results.size <= (write.bulkThreshold ?? DEFAULT_BULK_THRESHOLD) ? 'collections' : 'bulk';
  write.onSend?.(results.size, channel);
  progress?.started(results.size, write.sobject);
  try {
    if (channel === 'collections') await sendInCollections(conn, source, write, results, usage, progress);
    else {
      await sendInOneJob(conn, source, write, results, [...columns], usage);
      progress?.progressed(results.size, results.size);
    }
  } finally {
    progress?.finished();
  }
  return results;
}

/** The records sent, in the source's order, made as they are read. */
async function* recordsSent<T>(source: ItemSource<T>, write: SourceWrite<T>, results: WriteResults<T>): AsyncGenerator<SfRecord> {
  for await (const page of source.pages()) {
    for (const item of page) {
      const record = write.record(item);
      if (!results.wasSent(String(record[results.matchField]))) continue;
      write.onRecord?.();
      yield record;
    }
  }
}

/** Up to the threshold: few records, held for the collection calls. */
async function sendInCollections<T>(
  conn: OrgConnection,
  source: ItemSource<T>,
  write: SourceWrite<T>,
  results: WriteResults<T>,
  usage: ApiUsage,
  progress: WriteProgress | undefined,
): Promise<void> {
  const records: SfRecord[] = [];
  for await (const record of recordsSent(source, write, results)) records.push(record);
  const { sobject, operation, externalIdField, matchField, createOnlyFields, parentField, bulkThreshold } = write;
  const request: RecordsWrite = { sobject, operation, externalIdField, matchField, createOnlyFields, parentField, bulkThreshold, records };
  const written = await writeRecords(conn, request, usage, progress?.progressed);
  written.forEach((result, index) => results.settle(String(records[index][results.matchField]), result));
}

/** Above it: one job, its rows read from the source for each round of it (a retry reads them again). */
async function sendInOneJob<T>(
  conn: OrgConnection,
  source: ItemSource<T>,
  write: SourceWrite<T>,
  results: WriteResults<T>,
  fields: string[],
  usage: ApiUsage,
): Promise<void> {
  const { sobject, operation, externalIdField, matchField, createOnlyFields } = write;
  // Rows go in the source's order: a handover's are grouped by initiative already (the parent a job's batches lock).
  await writeRowsWithBulk(
    conn,
    { sobject, operation: BULK_OPERATIONS[operation], externalIdField, matchField, createOnlyFields, fields, count: results.size, rows: () => recordsSent(source, write, results) },
    usage,
    (row) => results.settle(row.key, row),
  );
}
