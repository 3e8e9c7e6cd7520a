import { link, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ErrorFileRefused, errorFileProblem, writeErrorFile } from '../../src/csv/errorFile.js';
import { parseCsv } from '../../src/csv/readCsv.js';

const row = (line: number, values: Record<string, string>) => ({ line, values });

describe('errorFileProblem', () => {
  it('lets an absent file or an earlier error file through, and refuses the input and files of the user', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'error-file-'));
    const input = path.join(dir, 'in.csv');
    await writeFile(input, 'outcome,value\nA,1\n');
    const earlier = path.join(dir, 'in.errors.csv');
    await writeFile(earlier, 'outcome,value,row,error\nA,x,2,bad value\n');
    const own = path.join(dir, 'notes.csv');
    await writeFile(own, 'outcome,value\n');
    await symlink(input, path.join(dir, 'sym.csv'));
    await link(input, path.join(dir, 'hard.csv'));

    expect(await errorFileProblem(path.join(dir, 'new.csv'), input)).toBeNull();
    expect(await errorFileProblem(earlier, input)).toBeNull();
    expect(await errorFileProblem(own, input)).toBe('notAnErrorFile');
    for (const name of ['in.csv', 'sym.csv', 'hard.csv']) expect(await errorFileProblem(path.join(dir, name), input)).toBe('isInput');
    await expect(writeErrorFile(own, input, ['outcome', 'value'], [])).rejects.toBeInstanceOf(ErrorFileRefused);
    expect(await readFile(own, 'utf8')).toBe('outcome,value\n');
  });

  it('writes rows in file order with row and error, and replaces those columns of an error file imported again', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'error-file-'));
    const file = path.join(dir, 'out.errors.csv');
    const header = ['outcome', 'value', 'row', 'error'];
    await writeErrorFile(file, path.join(dir, 'in.csv'), header, [
      { row: row(5, { outcome: 'B', value: '=2', row: '9', error: 'old' }), error: 'second' },
      { row: row(3, { outcome: 'A', value: 'x', row: '8', error: 'old' }), error: 'first' },
    ]);
    const table = parseCsv(await readFile(file, 'utf8'));
    expect(table.header).toEqual(header);
    // Read back by the tool, the neutralised "=2" is "=2" again.
    expect(table.rows.map((r) => r.values)).toEqual([
      { outcome: 'A', value: 'x', row: '3', error: 'first' },
      { outcome: 'B', value: '=2', row: '5', error: 'second' },
    ]);
  });
});
