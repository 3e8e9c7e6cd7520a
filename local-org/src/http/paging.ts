/**
 * Query paging as the REST API does it: a page of up to 2,000 rows, a `nextRecordsUrl` of the form
 * `/services/data/vXX.X/query/01gXXXXXXXXXXXXXXX-2000` for the rest, and `Sforce-Query-Options: batchSize=n`
 * (200 to 2,000) to ask for smaller pages (REST API Developer Guide, "Execute a SOQL Query" and
 * "Query Options Header").
 */
import { randomBytes } from 'node:crypto';
import { OrgApiError, type SfRecord } from '../engine/types.js';
import { withVersionedUrls } from './records.js';

export const DEFAULT_PAGE_SIZE = 2000;
const MIN_PAGE_SIZE = 200;
/**
 * A child subquery returns this many rows with its parent; the rest come through its own nextRecordsUrl
 * ("Understanding Query Results": subquery results are like query results, and may need queryMore).
 */
export const CHILD_PAGE_SIZE = 200;
/** Salesforce keeps at most a few dozen open cursors per user and drops the oldest first. */
const MAX_OPEN_CURSORS = 50;

type Cursor = { records: SfRecord[]; pageSize: number };

export type QueryPage = { totalSize: number; done: boolean; nextRecordsUrl?: string; records: SfRecord[] };

/** The page size a request asks for; Salesforce treats batchSize as a hint within 200..2000. */
export function pageSizeFrom(header: string | string[] | undefined): number {
  const text = Array.isArray(header) ? header.join(',') : header ?? '';
  const match = /batchSize\s*=\s*(\d+)/i.exec(text);
  if (!match) return DEFAULT_PAGE_SIZE;
  return Math.min(DEFAULT_PAGE_SIZE, Math.max(MIN_PAGE_SIZE, Number(match[1])));
}

const ID_CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
function cursorId(): string {
  const bytes = randomBytes(15);
  return '01g' + Array.from(bytes, (b) => ID_CHARS[b % ID_CHARS.length]).join('');
}

export class QueryCursors {
  private readonly open = new Map<string, Cursor>();

  /** The first page of a result; the rest stays behind a cursor until it is read or pushed out. */
  public firstPage(records: SfRecord[], totalSize: number, pageSize: number, version: string): QueryPage {
    if (records.length <= pageSize) return { totalSize, done: true, records: records.map((r) => this.rowOf(r, version)) };
    return this.page(this.remember({ records, pageSize }), 0, version, totalSize);
  }

  /** `GET .../query/01g…-2000`: the page that starts at that offset. */
  public nextPage(locator: string, version: string): QueryPage {
    const match = /^(01g[0-9A-Za-z]{15})-(\d+)$/.exec(locator);
    const cursor = match ? this.open.get(match[1]) : undefined;
    if (!match || !cursor) {
      // Salesforce answers a spent or unknown cursor this way; a client must rerun the query.
      throw new OrgApiError(400, 'INVALID_QUERY_LOCATOR', `invalid query locator: ${locator}`);
    }
    return this.page(match[1], Number(match[2]), version, cursor.records.length);
  }

  /** A row as it goes out: versioned URLs, and each large child result cut to its first page behind a cursor of its own. */
  private rowOf(record: SfRecord, version: string): SfRecord {
    const row = withVersionedUrls(record, version);
    for (const [field, value] of Object.entries(row)) {
      const child = value as QueryPage | null;
      if (!child || typeof child !== 'object' || !Array.isArray(child.records) || child.records.length <= CHILD_PAGE_SIZE) continue;
      const id = this.remember({ records: child.records, pageSize: CHILD_PAGE_SIZE });
      row[field] = this.page(id, 0, version, child.totalSize);
    }
    return row;
  }

  private remember(cursor: Cursor): string {
    const id = cursorId();
    this.open.set(id, cursor);
    if (this.open.size > MAX_OPEN_CURSORS) this.open.delete(this.open.keys().next().value as string);
    return id;
  }

  private page(id: string, offset: number, version: string, totalSize: number): QueryPage {
    const cursor = this.open.get(id) as Cursor;
    const end = offset + cursor.pageSize;
    const records = cursor.records.slice(offset, end).map((r) => this.rowOf(r, version));
    if (end >= cursor.records.length) {
      this.open.delete(id);
      return { totalSize, done: true, records };
    }
    return { totalSize, done: false, nextRecordsUrl: `/services/data/v${version}/query/${id}-${end}`, records };
  }
}
