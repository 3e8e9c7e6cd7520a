/**
 * Records a sync keeps on disk between two of its steps, rather than in memory: a whole book of them took
 * gigabytes at 100,000 deals. Each item is a line of JSON in a file of the run's own (spoolFile.ts), read back a
 * page at a time, and removed when the run is done with it.
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { makeSpoolFolder, readJsonLines, SPOOL_FILE_MODE } from './spoolFile.js';

/** Items handed back at a time unless a reader asks otherwise: a query page's worth. */
export const SPOOL_PAGE = 2000;

export type ItemSource<T> = {
  /** The items in the order they were added, `size` at a time. */
  pages(size?: number): AsyncGenerator<T[]>;
  /** Removes what the source kept (its file); safe to call twice. */
  close(): Promise<void>;
};

/** A source that keeps its items in memory: for the few records a user names, or changes read by Id. */
export function inMemory<T>(items: readonly T[]): ItemSource<T> {
  return {
    async *pages(size = SPOOL_PAGE): AsyncGenerator<T[]> {
      await Promise.resolve();
      for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
    },
    close: () => Promise.resolve(),
  };
}

export class Spool<T> implements ItemSource<T> {
  private closed = false;
  private count = 0;

  private constructor(
    private readonly folder: string,
    private readonly file: string,
    private readonly out: WriteStream,
  ) {}

  /** Items added so far. */
  public get size(): number {
    return this.count;
  }

  /** `name` names the folder, so a spool left by a killed run says whose it was. */
  public static async open<T>(name: string): Promise<Spool<T>> {
    const { folder, file } = makeSpoolFolder(name, 'items.jsonl');
    const out = createWriteStream(file, { mode: SPOOL_FILE_MODE });
    await once(out, 'open');
    return new Spool<T>(folder, file, out);
  }

  /** Appends items, waiting while the disk catches up. */
  public async add(items: readonly T[]): Promise<void> {
    if (items.length === 0) return;
    this.count += items.length;
    if (!this.out.write(items.map((item) => JSON.stringify(item)).join('\n') + '\n')) await once(this.out, 'drain');
  }

  /** Ends the writing (nothing can be added after) and reads the items back. */
  public async *pages(size = SPOOL_PAGE): AsyncGenerator<T[]> {
    if (!this.out.writableFinished) await new Promise<void>((resolve, reject) => this.out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    let page: T[] = [];
    for await (const item of readJsonLines<T>(this.file)) {
      page.push(item);
      if (page.length === size) {
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
