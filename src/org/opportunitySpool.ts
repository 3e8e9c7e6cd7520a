/**
 * Won opportunities with their line items, kept on disk between reading them and planning them. The handover sync
 * reads the opportunities first (what it then reads of initiatives, teams and fees depends on them), and a whole
 * book of them held in memory took gigabytes at 100,000 deals: here each one is a line of JSON in a file of the
 * run's own, read back a page at a time, and removed when the run ends.
 */
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import type { SourceOpportunity } from '../core/plan/handover.js';

/** Opportunities planned at a time when the spool is read back: a query page's worth. */
export const SPOOL_PAGE = 2000;

export type OpportunitySource = {
  /** The opportunities in the order they were added, `SPOOL_PAGE` at a time. */
  pages(): AsyncGenerator<SourceOpportunity[]>;
  /** Removes what the source kept (its file); safe to call twice. */
  close(): Promise<void>;
};

/** A source that keeps its opportunities in memory: for the few a user names, or changes read by Id. */
export function inMemory(opportunities: SourceOpportunity[]): OpportunitySource {
  return {
    async *pages(): AsyncGenerator<SourceOpportunity[]> {
      await Promise.resolve();
      for (let start = 0; start < opportunities.length; start += SPOOL_PAGE) yield opportunities.slice(start, start + SPOOL_PAGE);
    },
    close: () => Promise.resolve(),
  };
}

export class OpportunitySpool implements OpportunitySource {
  private closed = false;

  private constructor(
    private readonly folder: string,
    private readonly file: string,
    private readonly out: WriteStream,
  ) {}

  /** A spool in a new folder of the system's temporary directory, readable by this user only. */
  public static async open(): Promise<OpportunitySpool> {
    const folder = await mkdtemp(path.join(tmpdir(), 'outcomes-handover-'));
    const file = path.join(folder, 'opportunities.jsonl');
    return new OpportunitySpool(folder, file, createWriteStream(file, { mode: 0o600 }));
  }

  /** Appends a page of opportunities, waiting while the disk catches up. */
  public async add(opportunities: readonly SourceOpportunity[]): Promise<void> {
    if (opportunities.length === 0) return;
    const text = opportunities.map((o) => JSON.stringify(o)).join('\n') + '\n';
    if (!this.out.write(text)) await once(this.out, 'drain');
  }

  public async *pages(): AsyncGenerator<SourceOpportunity[]> {
    if (!this.out.writableFinished) await new Promise<void>((resolve, reject) => this.out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    const lines = createInterface({ input: createReadStream(this.file, { encoding: 'utf8' }), crlfDelay: Infinity });
    let page: SourceOpportunity[] = [];
    for await (const line of lines) {
      if (line === '') continue;
      page.push(JSON.parse(line) as SourceOpportunity);
      if (page.length === SPOOL_PAGE) {
        yield page;
        page = [];
      }
    }
    if (page.length > 0) yield page;
  }

  public async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.out.destroy();
    await rm(this.folder, { recursive: true, force: true });
  }
}
