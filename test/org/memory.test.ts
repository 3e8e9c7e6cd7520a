import { describe, expect, it } from '@jest/globals';
import { collectEvery, collectGarbage } from '../../src/org/memory.js';

describe('collectGarbage: a full collection between the parts of a sync at scale', () => {
  it('frees what is no longer reachable', () => {
    let garbage: number[][] | null = Array.from({ length: 200 }, (_, i) => new Array<number>(50_000).fill(i));
    const held = process.memoryUsage().heapUsed;
    const count = garbage.length;
    garbage = null;
    collectGarbage();
    // 200 arrays of 50,000 small numbers are about 80 MB; most of it must be gone.
    expect(count).toBe(200);
    expect(held - process.memoryUsage().heapUsed).toBeGreaterThan(40 * 1024 ** 2);
  });

  it('leaves the flag it borrows cleared: new contexts get no gc function', async () => {
    collectGarbage();
    const vm = await import('node:vm');
    expect(vm.runInNewContext('typeof gc')).toBe('undefined');
  });
});

describe('collectEvery: a full collection each time a long loop has gone through so many items', () => {
  it('collects once the count is reached, and counts again from there', () => {
    const collect = collectEvery(100);
    const heap = (): number => process.memoryUsage().heapUsed;
    let garbage: number[][] | null = Array.from({ length: 100 }, (_, i) => new Array<number>(50_000).fill(i));
    const count = garbage.length;
    garbage = null;
    let held = heap();
    collect(99);
    // Not yet: nothing was collected on purpose (a young collection frees little of 40 MB held in old space).
    expect(held - heap()).toBeLessThan(30 * 1024 ** 2);
    collect(1);
    expect(held - heap()).toBeGreaterThan(20 * 1024 ** 2);
    expect(count).toBe(100);
    held = heap();
    collect(50);
    expect(Math.abs(held - heap())).toBeLessThan(5 * 1024 ** 2);
  });
});
