import { describe, expect, it } from '@jest/globals';
import { formatDate, formatMoney, formatValue, roundValue, valueWithUnit } from '../../src/report/format.js';

describe('the one rounding of the report', () => {
  it('keeps three significant digits, never fewer than the integer part', () => {
    expect([78.775, 11.8148, 10.8, 9.92, 7.736, 0.1234, 1234567.891].map((v) => formatValue(v))).toEqual(['78.8', '11.8', '10.8', '9.92', '7.74', '0.123', '1,234,568']);
  });

  it('rounds half up despite binary representation (78.775 is 78.77499… in binary)', () => {
    expect(roundValue(78.775)).toBe(78.8);
    expect(roundValue(1.005)).toBe(1.01);
    expect(roundValue(-12.94)).toBe(-12.9);
  });

  it('gives a percentage at most one decimal', () => {
    expect(valueWithUnit(91.84, '%')).toBe('91.8 %');
    expect(valueWithUnit(9.92, '% of raw material')).toBe('9.9 % of raw material');
  });
});

describe('dates and money', () => {
  it('writes dates as "31 Dec 2026"', () => {
    expect(formatDate('2026-12-31')).toBe('31 Dec 2026');
    expect(formatDate('2027-03-01')).toBe('1 Mar 2027');
    expect(formatDate(null)).toBe('—');
  });

  it('names the currency of an amount, and prints a bare amount when it is unknown', () => {
    expect(formatMoney(83760, 'USD')).toBe('USD 83,760.00');
    expect(formatMoney(83760, null)).toBe('83,760.00');
  });
});
