import { describe, expect, it } from '@jest/globals';
import { collectGarbage } from '../../src/org/memory.js';

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
