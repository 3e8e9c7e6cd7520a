/**
 * RecordSpool: records written to disk in sorted runs come back grouped by the sort field (ties in order of arrival),
 * with their tags and notes; without a sort field, in the order added.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { RecordSpool } from '../../src/org/recordSpool.js';

async function all(spool: RecordSpool): Promise<Array<[number, string, string | undefined]>> {
  const out: Array<[number, string, string | undefined]> = [];
  for await (const entry of spool.records()) out.push([entry.tag, String(entry.record.Parent__c ?? ''), entry.note]);
  return out;
}

describe('RecordSpool', () => {
  it('merges runs sorted by the parent, keeping the order of arrival within a parent', async () => {
    const spool = new RecordSpool('Parent__c', 3);
    const parents = ['b', 'a', 'c', 'a', 'b', 'a', 'c', 'b'];
    parents.forEach((parent, i) => spool.add(i + 2, { Parent__c: parent, Notes__c: `line\nbreak ${i}` }, i === 0 ? 'why' : undefined));
    try {
      expect(spool.size).toBe(8);
      const read = await all(spool);
      expect(read.map(([, parent]) => parent)).toEqual(['a', 'a', 'a', 'b', 'b', 'b', 'c', 'c']);
      expect(read.filter(([, parent]) => parent === 'a').map(([tag]) => tag)).toEqual([3, 5, 7]);
      expect(read.find(([tag]) => tag === 2)?.[2]).toBe('why');
      // A second read gives the same records (a retry job reads the spool again).
      expect(await all(spool)).toEqual(read);
    } finally {
      spool.remove();
    }
  });

  it('keeps the order records were added in without a sort field, and values with line breaks', async () => {
    const spool = new RecordSpool(undefined, 2);
    for (let i = 0; i < 5; i++) spool.add(i, { Parent__c: String(5 - i), Notes__c: i === 1 ? 'a\r\nb, "c"' : undefined });
    try {
      const tags: number[] = [];
      let notes: unknown;
      for await (const entry of spool.records()) {
        tags.push(entry.tag);
        if (entry.tag === 1) notes = entry.record.Notes__c;
      }
      expect(tags).toEqual([0, 1, 2, 3, 4]);
      expect(notes).toBe('a\r\nb, "c"');
    } finally {
      spool.remove();
    }
  });

  it('keeps its file for this user only, reads back text beyond ASCII across runs, and removes the file', async () => {
    const before = new Set(readdirSync(tmpdir()).filter((name) => name.startsWith('outcomes-spool-')));
    const spool = new RecordSpool('Parent__c', 2);
    const names = ['Zürich', 'São Paulo', '東京', 'Kraków 😀'];
    names.forEach((name, i) => spool.add(i, { Parent__c: name }));
    const [folder] = readdirSync(tmpdir()).filter((name) => name.startsWith('outcomes-spool-') && !before.has(name));
    const file = path.join(tmpdir(), folder, 'records.jsonl');
    try {
      const read = (await all(spool)).map(([, parent]) => parent);
      expect(read).toEqual([...names].sort());
      expect(statSync(file).mode & 0o077).toBe(0);
      expect(statSync(path.join(tmpdir(), folder)).mode & 0o077).toBe(0);
    } finally {
      spool.remove();
    }
    expect(existsSync(path.join(tmpdir(), folder))).toBe(false);
  });
});
