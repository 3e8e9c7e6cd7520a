/**
 * Where a run keeps records on disk rather than in memory (spool.ts, recordSpool.ts): a file of JSON lines in a new
 * folder of the system's temporary directory. The folder is readable by this user only (mkdtemp makes it 0700), the
 * file too (0600), and the folder's name says what it holds, so one left by a killed run says whose it was.
 */
import { createReadStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

/** Mode of a spool's file: the records of an org, for this user's eyes only. */
export const SPOOL_FILE_MODE = 0o600;

/** A new folder `outcomes-<name>-…` and the path of the file the spool writes in it. */
export function makeSpoolFolder(name: string, fileName: string): { folder: string; file: string } {
  const folder = mkdtempSync(path.join(tmpdir(), `outcomes-${name}-`));
  return { folder, file: path.join(folder, fileName) };
}

/**
 * The documents of a JSON-lines file, one per line (JSON escapes the line breaks a value holds), from `start` up to
 * `end` (a byte range, end exclusive) or the whole file; blank lines are passed over.
 */
export async function* readJsonLines<T>(file: string, range?: { start: number; end: number }): AsyncGenerator<T> {
  const input = createReadStream(file, range ? { encoding: 'utf8', start: range.start, end: range.end - 1 } : { encoding: 'utf8' });
  try {
    for await (const line of createInterface({ input, crlfDelay: Infinity })) if (line !== '') yield JSON.parse(line) as T;
  } finally {
    // A reader that stops early (a Bulk job that is full) leaves no file open.
    input.destroy();
  }
}
