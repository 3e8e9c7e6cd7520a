import { allSettledOrThrow } from '../../src/org/settled.js';

describe('allSettledOrThrow', () => {
  it('returns every value in order', async () => {
    await expect(allSettledOrThrow([Promise.resolve(1), Promise.resolve('two')] as const)).resolves.toEqual([1, 'two']);
  });

  it('waits for the slow sibling before it throws the first failure', async () => {
    let siblingDone = false;
    const slow = new Promise<number>((resolve) =>
      setTimeout(() => {
        siblingDone = true;
        resolve(2);
      }, 30),
    );
    await expect(allSettledOrThrow([Promise.reject(new Error('first failed')), slow] as const)).rejects.toThrow('first failed');
    expect(siblingDone).toBe(true);
  });
});
