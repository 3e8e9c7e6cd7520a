/**
 * A wire tap between a client and the local org: forwards every request unchanged and notes what crossed the API —
 * the rows each query returned (by object, distinct Ids) and the records each write carried (by object, operation
 * and channel). The org's own meter counts the calls; the tap says how much was read and written, which is what the
 * API minimum (bench/minimum.ts) is computed from. Seen from the client it is the org, so neither the commands nor
 * the naive baseline know it is there.
 */
import { createServer, request as httpRequest, Agent, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BulkJobVolume, ReadVolume, Volumes, WriteOperation, WriteVolume } from './minimum.js';

/** How a write reached the org: sObject Collections, one record per call, or a Bulk API 2.0 job. */
export type WriteChannel = 'collections' | 'single' | 'bulk';

export type TapCounts = {
  /** Requests under /services/ the tap forwarded (to hold against the org's meter). */
  calls: number;
  /** Records written per channel. */
  recordsByChannel: Record<WriteChannel, number>;
};

type QueryRecord = { attributes?: { type?: string; url?: string }; Id?: string };
type QueryBody = { records?: QueryRecord[]; nextRecordsUrl?: string | null };
type BulkJob = { object: string; operation: WriteOperation; records: number; bytes: number; columns: string };

const DATA_PATH = /^\/services\/data\/v\d+\.\d+\/(.*)$/;
const INGEST_OPERATIONS: Record<string, WriteOperation> = { insert: 'create', update: 'update', upsert: 'upsert', delete: 'delete', hardDelete: 'delete' };

export class ApiTap {
  private server: Server | null = null;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });
  /** object → Ids of the rows read; rows without an Id (aggregates) are counted in anonymousRows. */
  private rowIds = new Map<string, Set<string>>();
  private anonymousRows = new Map<string, number>();
  private writes = new Map<string, { object: string; operation: WriteOperation; channel: WriteChannel; records: number }>();
  private bulkJobs = new Map<string, BulkJob>();
  /** Query locator (01g…) → the object its query reads, so later pages are put on the right object. */
  private readonly cursors = new Map<string, string>();
  private counts: TapCounts = ApiTap.emptyCounts();

  public constructor(private readonly target: URL) {}

  private static emptyCounts(): TapCounts {
    return { calls: 0, recordsByChannel: { collections: 0, single: 0, bulk: 0 } };
  }

  /** Starts listening on 127.0.0.1 and answers the tap's own base URL. */
  public async start(): Promise<string> {
    const server = createServer((req, res) => {
      this.forward(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify([{ errorCode: 'BENCH_TAP_FAILED', message: `The benchmark's tap could not reach the org: ${String(error)}` }]));
      });
    });
    server.keepAliveTimeout = 1000;
    await new Promise<void>((ready, fail) => {
      server.once('error', fail);
      server.listen(0, '127.0.0.1', () => ready());
    });
    this.server = server;
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  public async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.agent.destroy();
    if (!server) return;
    await new Promise<void>((done) => {
      server.close(() => done());
      server.closeAllConnections();
    });
  }

  /** Forgets what was seen: the next command is measured on its own. */
  public reset(): void {
    this.rowIds = new Map();
    this.anonymousRows = new Map();
    this.writes = new Map();
    this.bulkJobs = new Map();
    this.counts = ApiTap.emptyCounts();
  }

  public snapshot(): { volumes: Volumes; counts: TapCounts; writesByChannel: Array<WriteVolume & { channel: WriteChannel }> } {
    const objects = new Set([...this.rowIds.keys(), ...this.anonymousRows.keys()]);
    const reads: ReadVolume[] = [...objects].map((object) => ({
      object,
      rows: (this.rowIds.get(object)?.size ?? 0) + (this.anonymousRows.get(object) ?? 0),
    }));
    const writesByChannel = [...this.writes.values()].map((w) => ({ ...w }));
    const bulkJobs: BulkJobVolume[] = [...this.bulkJobs.values()].map((j) => ({ ...j }));
    return {
      volumes: { reads, writes: writesByChannel.map(({ object, operation, records }) => ({ object, operation, records })), bulkJobs },
      counts: structuredClone(this.counts),
      writesByChannel,
    };
  }

  private async forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readAll(req);
    const path = (req.url ?? '/').replace(/^([^?]*)/, (p) => p.replace(/\/{2,}/g, '/'));
    const answer = await new Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }>((resolve, reject) => {
      const out = httpRequest(
        {
          host: this.target.hostname,
          port: this.target.port,
          method: req.method,
          path,
          // Asked for plain bodies, so the tap can read what the org answers.
          headers: { ...req.headers, host: this.target.host, 'accept-encoding': 'identity' },
          agent: this.agent,
        },
        (reply) => {
          readAll(reply)
            .then((replyBody) => resolve({ status: reply.statusCode ?? 502, headers: reply.headers, body: replyBody }))
            .catch(reject);
        },
      );
      out.on('error', reject);
      out.end(body);
    });
    // The body was read whole, so it goes back with its real length rather than chunked.
    const headers = { ...answer.headers };
    delete headers['transfer-encoding'];
    headers['content-length'] = String(answer.body.length);
    res.writeHead(answer.status, headers);
    res.end(answer.body);
    if (path.startsWith('/services/')) this.counts.calls += 1;
    if (answer.status < 300) this.note(req.method ?? 'GET', path, body, answer.body);
  }

  /** Reads what one successful call carried. */
  // eslint-disable-next-line complexity -- one branch per kind of API call the benchmark counts, side by side
  private note(method: string, pathAndQuery: string, requestBody: Buffer, replyBody: Buffer): void {
    const [path, query = ''] = pathAndQuery.split('?', 2);
    const match = DATA_PATH.exec(path);
    if (!match) return;
    const segments = match[1].split('/').filter(Boolean).map(decodeURIComponent);
    const [first, second, third, fourth] = segments;

    if ((first === 'query' || first === 'queryAll') && method === 'GET') {
      const reply = parseJson<QueryBody>(replyBody);
      const fromCursor = second ? this.cursors.get(second.split('-')[0]) : undefined;
      const soql = new URLSearchParams(query).get('q') ?? '';
      this.noteRows(reply, fromCursor ?? fromClause(soql));
      return;
    }
    if (first === 'composite' && !second && method === 'POST') {
      this.noteComposite(requestBody, replyBody);
      return;
    }
    if (first === 'composite' && second === 'sobjects') {
      if (method === 'DELETE') {
        const ids = (new URLSearchParams(query).get('ids') ?? '').split(',').filter(Boolean);
        this.noteWrite('(by Id)', 'delete', 'collections', ids.length);
        return;
      }
      const records = parseJson<{ records?: QueryRecord[] }>(requestBody).records ?? [];
      const operation: WriteOperation = method === 'POST' ? 'create' : third && fourth ? 'upsert' : 'update';
      for (const [object, n] of countByType(records, third)) this.noteWrite(object, operation, 'collections', n);
      return;
    }
    if (first === 'sobjects' && second && (method === 'POST' || method === 'PATCH' || method === 'DELETE')) {
      const operation: WriteOperation = method === 'POST' ? 'create' : method === 'DELETE' ? 'delete' : fourth ? 'upsert' : 'update';
      if (method === 'POST' && third) return; // sub-resources (e.g. a blob) are not record writes
      this.noteWrite(second, operation, 'single', 1);
      return;
    }
    if (first === 'jobs' && second === 'ingest') {
      if (!third && method === 'POST') {
        const job = parseJson<{ id?: string; object?: string; operation?: string }>(replyBody);
        if (job.id && job.object) {
          this.bulkJobs.set(job.id, { object: job.object, operation: INGEST_OPERATIONS[job.operation ?? ''] ?? 'upsert', records: 0, bytes: 0, columns: '' });
        }
        return;
      }
      const job = third ? this.bulkJobs.get(third) : undefined;
      if (job && fourth === 'batches' && method === 'PUT') {
        const csv = requestBody.toString('utf8');
        const rows = csvRecordCount(csv);
        // The header of its first upload: jobs with the same one could have been one job (bench/minimum.ts).
        const headerEnd = csv.indexOf('\n');
        job.columns ||= headerEnd < 0 ? csv : csv.slice(0, headerEnd);
        job.records += rows;
        job.bytes += requestBody.length;
        this.counts.recordsByChannel.bulk += rows;
      }
    }
  }

  /** A Composite call: what each subrequest that succeeded read or wrote, as if it were a call of its own. */
  private noteComposite(requestBody: Buffer, replyBody: Buffer): void {
    const requests = parseJson<{ compositeRequest?: Array<{ method: string; url: string; referenceId: string; body?: QueryRecord }> }>(requestBody).compositeRequest ?? [];
    const replies = new Map(
      (parseJson<{ compositeResponse?: Array<{ referenceId: string; httpStatusCode: number; body: unknown }> }>(replyBody).compositeResponse ?? []).map((r) => [r.referenceId, r]),
    );
    for (const request of requests) {
      const reply = replies.get(request.referenceId);
      if (!reply || reply.httpStatusCode >= 300) continue;
      const [path, query = ''] = request.url.split('?', 2);
      const segments = (DATA_PATH.exec(path)?.[1] ?? '').split('/').filter(Boolean);
      if (segments[0] === 'query' && request.method === 'GET') this.noteRows(reply.body as QueryBody, fromClause(new URLSearchParams(query).get('q') ?? ''));
      else if (segments[0] === 'sobjects' && segments[1] && request.method === 'POST') this.noteWrite(segments[1], 'create', 'single', 1);
      else if (segments[0] === 'sobjects' && segments[1] && request.method === 'PATCH') this.noteWrite(segments[1], 'update', 'single', 1);
    }
  }

  private noteRows(reply: QueryBody, queried: string | null): void {
    const records = reply.records ?? [];
    for (const record of records) {
      const object = record.attributes?.type ?? queried ?? '(unknown)';
      const id = record.Id ?? record.attributes?.url?.split('/').pop();
      if (id) {
        let ids = this.rowIds.get(object);
        if (!ids) this.rowIds.set(object, (ids = new Set()));
        ids.add(id);
      } else {
        this.anonymousRows.set(object, (this.anonymousRows.get(object) ?? 0) + 1);
      }
    }
    const object = records[0]?.attributes?.type ?? queried;
    if (object && !this.rowIds.has(object) && !this.anonymousRows.has(object)) this.rowIds.set(object, new Set());
    const locator = reply.nextRecordsUrl?.split('/').pop()?.split('-')[0];
    if (locator && object) this.cursors.set(locator, object);
  }

  private noteWrite(object: string, operation: WriteOperation, channel: WriteChannel, records: number): void {
    const key = `${channel} ${operation} ${object}`;
    const entry = this.writes.get(key) ?? { object, operation, channel, records: 0 };
    entry.records += records;
    this.writes.set(key, entry);
    this.counts.recordsByChannel[channel] += records;
  }
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

function parseJson<T>(body: Buffer): T {
  try {
    return (body.length > 0 ? JSON.parse(body.toString('utf8')) : {}) as T;
  } catch {
    return {} as T;
  }
}

/** The object a query reads: the first FROM outside parentheses (child subqueries sit inside them). */
export function fromClause(soql: string): string | null {
  let depth = 0;
  const tokens = soql.match(/\(|\)|'(?:\\.|[^'\\])*'|[^\s(),']+/g) ?? [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === '(') depth++;
    else if (token === ')') depth--;
    else if (depth === 0 && token.toUpperCase() === 'FROM') return tokens[i + 1] ?? null;
  }
  return null;
}

function countByType(records: readonly QueryRecord[], fallback: string | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  for (const record of records) {
    const object = record.attributes?.type ?? fallback ?? '(unknown)';
    counts.set(object, (counts.get(object) ?? 0) + 1);
  }
  return counts;
}

/** Records in a CSV upload: line breaks outside quotes, less the header (a last line without a break counts too). */
export function csvRecordCount(csv: string): number {
  let lines = 0;
  let quoted = false;
  let lineHasText = false;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv.charCodeAt(i);
    if (ch === 34 /* " */) quoted = !quoted;
    if (!quoted && (ch === 10 /* \n */ || ch === 13 /* \r */)) {
      if (ch === 13 && csv.charCodeAt(i + 1) === 10) i++;
      if (lineHasText) lines++;
      lineHasText = false;
    } else {
      lineHasText = true;
    }
  }
  if (lineHasText) lines++;
  return Math.max(0, lines - 1);
}
