import { chunk, InvalidSoqlValueError, soqlDate, soqlId, soqlIdList, soqlString, soqlStringList } from '../../src/org/soql.js';

describe('soqlString (SOQL and SOSL Reference: Quoted String Escape Sequences)', () => {
  it.each([
    ['plain', "'plain'"],
    ["O'Brien", "'O\\'Brien'"],
    ['back\\slash', "'back\\\\slash'"],
    ['say "hi"', "'say \\\"hi\\\"'"],
    ['two\nlines', "'two\\nlines'"],
    ["x' OR Name != '", "'x\\' OR Name != \\''"],
  ])('quotes %j as %s', (input, expected) => {
    expect(soqlString(input)).toBe(expected);
  });

  it('escapes every quote in a list', () => {
    expect(soqlStringList(["a'b", 'c'])).toBe("('a\\'b','c')");
  });
});

describe('soqlId', () => {
  it('accepts 15- and 18-character ids', () => {
    expect(soqlId('0065g00000AbCdE')).toBe("'0065g00000AbCdE'");
    expect(soqlId('0065g00000AbCdEAAX')).toBe("'0065g00000AbCdEAAX'");
    expect(soqlIdList(['0065g00000AbCdE', '0065g00000AbCdF'])).toBe("('0065g00000AbCdE','0065g00000AbCdF')");
  });

  it.each(["006' OR Id != '", '006', '0065g00000AbCdEAAXX', '0065g00000AbCd-'])('rejects %j with a message naming the value', (bad) => {
    expect(() => soqlId(bad)).toThrow(InvalidSoqlValueError);
    expect(() => soqlId(bad)).toThrow(bad);
  });
});

describe('soqlDate', () => {
  it('passes a real date through unquoted', () => {
    expect(soqlDate('2024-02-29')).toBe('2024-02-29');
  });

  it.each(['2023-02-30x', '2024-13-01', "2024-01-01' OR ", 'today'])('rejects %j', (bad) => {
    expect(() => soqlDate(bad)).toThrow(InvalidSoqlValueError);
  });
});

describe('chunk', () => {
  it('splits into pieces of at most the size, keeping order', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 200)).toEqual([]);
  });
});
