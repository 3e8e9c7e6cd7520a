import { existsSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { describe, expect, it } from '@jest/globals';
import { inMemory, Spool, SPOOL_PAGE } from '../../src/org/spool.js';

type Item = { id: string; n: number; note: string | null; lines: Array<{ id: string }> };

const item = (n: number): Item => ({ id: `006${String(n).padStart(15, '0')}`, n, note: n % 3 === 0 ? null : `"quoted", ${n}\nline`, lines: [{ id: `00k${n}` }] });

async function collect<T>(pages: AsyncGenerator<T[]>): Promise<T[][]> {
  const out: T[][] = [];
  for await (const page of pages) out.push(page);
  return out;
}

async function spoolFolders(): Promise<string[]> {
  return (await readdir(tmpdir())).filter((name) => name.startsWith('outcomes-spooltest-'));
}

describe('Spool: records kept on disk between two steps of a sync', () => {
  it('gives back what was added, in order and unchanged, a page at a time', async () => {
    const spool = await Spool.open<Item>('spooltest');
    try {
      const items = Array.from({ length: 2 * SPOOL_PAGE + 5 }, (_, i) => item(i));
      await spool.add(items.slice(0, 7));
      await spool.add([]);
      await spool.add(items.slice(7));
      expect(spool.size).toBe(items.length);
      const pages = await collect(spool.pages());
      expect(pages.map((p) => p.length)).toEqual([SPOOL_PAGE, SPOOL_PAGE, 5]);
      expect(pages.flat()).toEqual(items);
      // A reader may ask for parts of another size.
      expect((await collect(spool.pages(3000))).map((p) => p.length)).toEqual([3000, 1005]);
    } finally {
      await spool.close();
    }
  });

  it('keeps its file readable by this user only, and removes its folder when closed (twice is fine)', async () => {
    const spool = await Spool.open<Item>('spooltest');
    await spool.add([item(1)]);
    const [folder] = await spoolFolders();
    expect(folder).toBeDefined();
    const file = `${tmpdir()}/${folder}/items.jsonl`;
    expect(statSync(file).mode & 0o077).toBe(0);
    await spool.close();
    await spool.close();
    expect(existsSync(`${tmpdir()}/${folder}`)).toBe(false);
    expect(await spoolFolders()).toEqual([]);
  });

  it('an empty spool gives no page', async () => {
    const spool = await Spool.open<Item>('spooltest');
    try {
      expect(await collect(spool.pages())).toEqual([]);
    } finally {
      await spool.close();
    }
  });
});

describe('inMemory: the same reading for items already in memory', () => {
  it('gives pages of the size asked for', async () => {
    const items = Array.from({ length: 5 }, (_, i) => item(i));
    expect(await collect(inMemory(items).pages(2))).toEqual([items.slice(0, 2), items.slice(2, 4), items.slice(4)]);
    expect(await collect(inMemory([]).pages())).toEqual([]);
  });
});
