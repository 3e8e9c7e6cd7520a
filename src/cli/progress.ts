/**
 * Progress of a long write (records written / total), as people and logs want it: on a terminal one spinner line
 * that updates in place; elsewhere (CI, cron, a pipe) plain lines, only as each tenth of the records is done or once a
 * minute, so a 100,000-record run writes a dozen lines, not two per batch. Nothing at all with --json.
 */
import type { WriteProgress } from '../org/apply.js';

type SpinnerLike = { status: string | undefined; start(action: string): void; stop(message?: string): void };

export type ProgressOptions = {
  spinner: SpinnerLike;
  jsonEnabled: boolean;
  startMessage: (count: number, label: string) => string;
  /** Where plain lines go, and whether it is a terminal (defaults: stderr, its isTTY). */
  stream?: { isTTY?: boolean; write(text: string): unknown };
  now?: () => number;
};

/** A plain line at least this often while records are being written, even between tenths. */
export const PLAIN_LINE_EVERY_MS = 60_000;

const count = (n: number): string => n.toLocaleString('en-US');

export function writeProgress(options: ProgressOptions): WriteProgress {
  const { spinner, jsonEnabled, startMessage } = options;
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? Date.now;
  if (jsonEnabled) return { started: () => undefined, progressed: () => undefined, finished: () => undefined };
  if (stream.isTTY) {
    return {
      started: (n, label): void => spinner.start(startMessage(n, label)),
      progressed: (done, total): void => void (spinner.status = `${count(done)}/${count(total)}`),
      finished: (): void => spinner.stop(),
    };
  }
  let tenth = 0;
  let lastLineAt = 0;
  let last = { done: 0, total: 0 };
  let printed = 0;
  const line = (done: number, total: number): void => {
    printed = done;
    const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
    stream.write(`  ${count(done)}/${count(total)} records written (${percent}%)\n`);
    lastLineAt = now();
  };
  return {
    started: (n, label): void => {
      tenth = 0;
      printed = 0;
      last = { done: 0, total: n };
      stream.write(`${startMessage(n, label)}\n`);
      lastLineAt = now();
    },
    progressed: (done, total): void => {
      // A write done in one step needs no count: the line that started it says how many.
      if (last.done === 0 && done === total) {
        last = { done, total };
        printed = done;
        tenth = 10;
        return;
      }
      last = { done, total };
      const reached = total > 0 ? Math.floor((done / total) * 10) : 10;
      if (reached > tenth || now() - lastLineAt >= PLAIN_LINE_EVERY_MS) {
        tenth = Math.max(tenth, reached);
        line(done, total);
      }
    },
    finished: (): void => {
      // The last count, when the last line did not already say it (a write that stopped part way says how far it got).
      if (last.done > printed) line(last.done, last.total);
      tenth = 10;
    },
  };
}
