import { describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { restoreFormula, toCsv } from '../../src/csv/writeCsv.js';

describe('toCsv', () => {
  it('quotes what needs quoting so every value reads back as written', () => {
    const text = toCsv(['Name', 'Value'], [['a, "b"\nc', 1.5], [null, -2]]);
    expect(parse(text)).toEqual([
      ['Name', 'Value'],
      ['a, "b"\nc', '1.5'],
      ['', '-2'],
    ]);
  });

  it('neutralises text a spreadsheet would run as a formula, and leaves negative numbers alone', () => {
    const rows = parse(toCsv(['A'], [['=HYPERLINK("x")'], ['+1'], ['-cmd'], ['@SUM(A1)'], [-3], ['plain']]));
    expect(rows.slice(1).map((r) => r[0])).toEqual([`'=HYPERLINK("x")`, "'+1", "'-cmd", "'@SUM(A1)", '-3', 'plain']);
  });
});

describe('restoreFormula', () => {
  it('gives back what a neutralised cell held, and leaves every other value alone', () => {
    for (const value of ['=HYPERLINK("x")', '+cmd', '@SUM(A1)', '\t=1', '-cmd']) expect(restoreFormula(String(parse(toCsv(['A'], [[value]]))[1][0]))).toBe(value);
    for (const value of ["'quoted'", "it's", '-5', 'plain', "'"]) expect(restoreFormula(value)).toBe(value);
  });
});
