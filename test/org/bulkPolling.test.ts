/**
 * When a Bulk API 2.0 upsert checks its job: each check is an API call, so the schedule aims to see a finished
 * job on the first or second check (src/org/bulk.ts, BULK_POLLING). Expectations computed by hand.
 */
import { describe, expect, it } from '@jest/globals';
import { BULK_POLLING, nextPollDelay } from '../../src/org/bulk.js';

describe('nextPollDelay', () => {
  it('waits before the first check as long as a fast org takes for the rows uploaded (40 rows a millisecond)', () => {
    expect(BULK_POLLING.assumedRowsPerMs).toBe(40);
    // 100,000 rows / 40 = 2,500 ms; 2,500 rows / 40 = 62.5 ms, raised to the 200 ms floor.
    expect(nextPollDelay({ rows: 100_000, processed: null, elapsedMs: 0, previousDelayMs: null })).toBe(2_500);
    expect(nextPollDelay({ rows: 2_500, processed: null, elapsedMs: 0, previousDelayMs: null })).toBe(200);
    // 2,000,000 rows / 40 = 50,000 ms: the first check comes after 5 s at most, so a slow org's pace is seen early.
    expect(nextPollDelay({ rows: 2_000_000, processed: null, elapsedMs: 0, previousDelayMs: null })).toBe(5_000);
  });

  it('then waits for the rest at the pace shown so far, 20% longer', () => {
    // 30,000 of 100,000 rows in 1,500 ms: 70,000 rows left take 3,500 ms at that pace; × 1.2 = 4,200 ms.
    expect(nextPollDelay({ rows: 100_000, processed: 30_000, elapsedMs: 1_500, previousDelayMs: 1_000 })).toBe(4_200);
    // 90,000 of 100,000 in 900 ms: 100 ms left, × 1.2 = 120 ms, raised to the 200 ms floor.
    expect(nextPollDelay({ rows: 100_000, processed: 90_000, elapsedMs: 900, previousDelayMs: 1_000 })).toBe(200);
    // Every row processed but the job not yet marked complete: check again soon.
    expect(nextPollDelay({ rows: 10_000, processed: 10_000, elapsedMs: 700, previousDelayMs: 200 })).toBe(200);
  });

  it('doubles the wait while the job reports no progress, up to the longest interval', () => {
    expect(nextPollDelay({ rows: 5_000, processed: 0, elapsedMs: 200, previousDelayMs: 200 })).toBe(400);
    expect(nextPollDelay({ rows: 5_000, processed: 0, elapsedMs: 12_000, previousDelayMs: 9_000 })).toBe(BULK_POLLING.maxDelayMs);
    expect(nextPollDelay({ rows: 5_000, processed: 0, elapsedMs: 12_000, previousDelayMs: 9_000, maxDelayMs: 10_000 })).toBe(10_000);
  });

  it('never waits longer than the longest interval, however slow the pace', () => {
    // 1,000 of 1,000,000 rows in 10 s: 999,000 rows would take 9,990 s; the next check comes after 15 s.
    expect(nextPollDelay({ rows: 1_000_000, processed: 1_000, elapsedMs: 10_000, previousDelayMs: 5_000 })).toBe(15_000);
    expect(nextPollDelay({ rows: 1_000_000, processed: null, elapsedMs: 0, previousDelayMs: null, maxDelayMs: 3_000 })).toBe(3_000);
  });
});
