import { describe, expect, it } from '@jest/globals';
import { PLAIN_LINE_EVERY_MS, writeProgress } from '../../src/cli/progress.js';

function fakes(isTTY: boolean) {
  const lines: string[] = [];
  const spinner = { started: [] as string[], statuses: [] as string[], stops: 0, status: undefined as string | undefined };
  const spinnerLike = {
    start: (action: string): void => void spinner.started.push(action),
    stop: (): void => void (spinner.stops += 1),
    get status(): string | undefined {
      return spinner.status;
    },
    set status(value: string | undefined) {
      spinner.status = value;
      if (value) spinner.statuses.push(value);
    },
  };
  let clock = 0;
  const stream = { isTTY, write: (text: string): boolean => lines.push(...text.split('\n').filter(Boolean)) > 0 };
  return { lines, spinner, spinnerLike, stream, tick: (ms: number) => (clock += ms), now: () => clock };
}

/** A write of `total` records reported batch by batch, as writeInCollections does (200 a call). */
function run(progress: ReturnType<typeof writeProgress>, total: number, batch: number, between: () => void = () => undefined): void {
  progress.started(total, 'Measurement__c');
  for (let done = batch; done < total + batch; done += batch) {
    between();
    progress.progressed(Math.min(done, total), total);
  }
  progress.finished();
}

describe('writeProgress', () => {
  it('not on a terminal: a line per tenth of the records, not a line per batch', () => {
    const f = fakes(false);
    run(writeProgress({ spinner: f.spinnerLike, jsonEnabled: false, startMessage: (n, label) => `Writing ${n} ${label} records`, stream: f.stream, now: f.now }), 100_000, 200);
    expect(f.lines[0]).toBe('Writing 100000 Measurement__c records');
    const counts = f.lines.slice(1);
    // 500 batches, 10 lines: one as each tenth is reached.
    expect(counts).toHaveLength(10);
    expect(counts[0]).toBe('  10,000/100,000 records written (10%)');
    expect(counts.at(-1)).toBe('  100,000/100,000 records written (100%)');
    expect(f.spinner.started).toEqual([]);
  });

  it('not on a terminal: a line at least once a minute while a slow write goes on', () => {
    const f = fakes(false);
    // 50 batches of a minute and a bit each: every batch is worth a line, the tenths add none.
    run(writeProgress({ spinner: f.spinnerLike, jsonEnabled: false, startMessage: () => 'Writing', stream: f.stream, now: f.now }), 10_000, 200, () => f.tick(PLAIN_LINE_EVERY_MS + 1));
    expect(f.lines.slice(1)).toHaveLength(50);
  });

  it('a write done in one call says nothing beyond the line that started it', () => {
    const f = fakes(false);
    run(writeProgress({ spinner: f.spinnerLike, jsonEnabled: false, startMessage: (n) => `Writing ${n}`, stream: f.stream, now: f.now }), 150, 200);
    expect(f.lines).toEqual(['Writing 150']);
  });

  it('a write that stops part way says how far it got', () => {
    const f = fakes(false);
    const progress = writeProgress({ spinner: f.spinnerLike, jsonEnabled: false, startMessage: () => 'Writing', stream: f.stream, now: f.now });
    progress.started(1000, 'Task');
    progress.progressed(200, 1000);
    progress.progressed(300, 1000);
    progress.finished();
    expect(f.lines).toEqual(['Writing', '  200/1,000 records written (20%)', '  300/1,000 records written (30%)']);
  });

  it('on a terminal: one spinner line whose status counts up, no plain lines', () => {
    const f = fakes(true);
    run(writeProgress({ spinner: f.spinnerLike, jsonEnabled: false, startMessage: (n) => `Writing ${n}`, stream: f.stream, now: f.now }), 1000, 200);
    expect(f.lines).toEqual([]);
    expect(f.spinner.started).toEqual(['Writing 1000']);
    expect(f.spinner.statuses).toEqual(['200/1,000', '400/1,000', '600/1,000', '800/1,000', '1,000/1,000']);
    expect(f.spinner.stops).toBe(1);
  });

  it('with --json: nothing', () => {
    const f = fakes(false);
    run(writeProgress({ spinner: f.spinnerLike, jsonEnabled: true, startMessage: () => 'Writing', stream: f.stream, now: f.now }), 1000, 200);
    expect(f.lines).toEqual([]);
    expect(f.spinner.started).toEqual([]);
  });
});
