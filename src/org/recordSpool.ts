/**
 * Records to write, kept on disk rather than in memory: an import of a million rows plans each row as it reads it and
 * adds the record here, and the bulk upload reads them back (once per job). Each record carries a tag (the row's line
 * in the input file) and, if asked, a note (why it is written, for --verbose).
 *
 * With a sort field (a master-detail parent), records come back grouped by it, as `writeWithBulk` uploads them: the
 * spool is written in runs of `RUN_RECORDS`, each sorted by the field (then by order of arrival), and the runs are
 * merged as they are read. Without one, records come back in the order they were added.
 */
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import type { SfRecord } from './connection.js';
import { makeSpoolFolder, readJsonLines, SPOOL_FILE_MODE } from './spoolFile.js';

/**
 * Records sorted in memory at a time before they go to disk: bounds the memory a spool takes while it is written.
 * OUTCOMES_SPOOL_RUN_RECORDS lowers it, so that tests cross runs with a few rows.
 */
export const RUN_RECORDS = 20_000;
const defaultRunRecords = (): number => Number(process.env.OUTCOMES_SPOOL_RUN_RECORDS ?? RUN_RECORDS);

export type SpooledRecord = { tag: number; record: SfRecord; note?: string };

export class RecordSpool {
  private readonly dir: string;
  private readonly file: string;
  private readonly fd: number;
  /** The run being gathered: each record as its JSON line already (one string, not an object graph), with its sort key. */
  private buffer: Array<{ key: string; line: string }> = [];
  /** Byte ranges of the runs written, [start, end). */
  private readonly runs: Array<[number, number]> = [];
  private bytes = 0;
  private added = 0;

  public constructor(private readonly sortField?: string, private readonly runRecords = defaultRunRecords()) {
    ({ folder: this.dir, file: this.file } = makeSpoolFolder('spool', 'records.jsonl'));
    this.fd = openSync(this.file, 'w', SPOOL_FILE_MODE);
  }

  /** Records added. */
  public get size(): number {
    return this.added;
  }

  public add(tag: number, record: SfRecord, note?: string): void {
    const entry: SpooledRecord = note === undefined ? { tag, record } : { tag, record, note };
    this.buffer.push({ key: this.sortField ? String(record[this.sortField] ?? '') : '', line: JSON.stringify(entry) });
    this.added += 1;
    if (this.buffer.length >= this.runRecords) this.flush();
  }

  /** Every record added, grouped by the sort field if there is one (see the module's comment). */
  public async *records(): AsyncGenerator<SpooledRecord> {
    this.flush();
    const runs = this.runs.map(([start, end]) => readJsonLines<SpooledRecord>(this.file, { start, end }));
    if (!this.sortField || runs.length <= 1) {
      for (const run of runs) yield* run;
      return;
    }
    const field = this.sortField;
    const keyOf = (entry: SpooledRecord): string => String(entry.record[field] ?? '');
    const heads = await Promise.all(runs.map((run) => run.next()));
    for (;;) {
      // The smallest head; ties go to the earlier run, so records of one key keep their order of arrival.
      let best = -1;
      for (let i = 0; i < heads.length; i++) {
        const head = heads[i];
        if (head.done) continue;
        if (best === -1 || keyOf(head.value) < keyOf((heads[best] as IteratorYieldResult<SpooledRecord>).value)) best = i;
      }
      if (best === -1) return;
      yield (heads[best] as IteratorYieldResult<SpooledRecord>).value;
      // eslint-disable-next-line no-await-in-loop -- the next record of the run just taken from
      heads[best] = await runs[best].next();
    }
  }

  /** Deletes the spool's file (the spool cannot be read afterwards). */
  public remove(): void {
    closeSync(this.fd);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    // Array.prototype.sort is stable: records of one key keep their order of arrival.
    if (this.sortField) this.buffer.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const text = this.buffer.map((entry) => entry.line).join('\n') + '\n';
    const written = writeSync(this.fd, text);
    this.runs.push([this.bytes, this.bytes + written]);
    this.bytes += written;
    this.buffer = [];
  }
}
