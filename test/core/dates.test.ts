import { describe, expect, it, test } from '@jest/globals';
import {
  addDays,
  addMonths,
  compareDates,
  daysBetween,
  daysInMonth,
  fromDayNumber,
  isAfter,
  isBefore,
  isIsoDate,
  isLeapYear,
  parseIsoDate,
  toDayNumber,
} from '../../src/core/dates.js';

describe('parseIsoDate', () => {
  it('returns the parts of a real date', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
  });

  test.each([
    ['2023-02-29', 'not a day of 2023-02'], // 2023 is not a leap year
    ['1900-02-29', 'not a day of 1900-02'], // divisible by 100, not by 400
    ['2024-04-31', 'not a day of 2024-04'],
    ['2024-13-01', 'no month 13'],
    ['2024-00-10', 'no month 00'],
    ['2024-01-00', 'not a day of 2024-01'],
    ['24-1-1', 'YYYY-MM-DD'],
    ['2024-01-01T00:00:00Z', 'YYYY-MM-DD'],
    ['', 'YYYY-MM-DD'],
    ['1699-12-31', "outside Salesforce's dates"],
    ['4001-01-01', "outside Salesforce's dates"],
  ])('rejects %p (%s)', (text, problem) => {
    expect(() => parseIsoDate(text)).toThrow(problem);
    expect(isIsoDate(text)).toBe(false);
  });

  it('accepts Feb 29 in a year divisible by 400', () => {
    expect(isIsoDate('2000-02-29')).toBe(true);
  });

  it('says what it got when the value is not text', () => {
    expect(() => parseIsoDate(20240101 as unknown as string)).toThrow('number 20240101');
  });
});

describe('leap years and month lengths', () => {
  test.each([
    [2024, true],
    [2023, false],
    [2000, true],
    [1900, false],
    [2100, false],
  ])('isLeapYear(%p) is %p', (year, leap) => {
    expect(isLeapYear(year)).toBe(leap);
  });

  test.each([
    [2024, 2, 29],
    [2023, 2, 28],
    [2023, 4, 30],
    [2023, 12, 31],
  ])('%p-%p has %p days', (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
  });
});

describe('day numbers', () => {
  it('counts days from 1970-01-01 in UTC', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(toDayNumber('1970-02-01')).toBe(31);
    expect(toDayNumber('1969-12-31')).toBe(-1);
    // 2000-01-01: 30 years of 365 days plus the 7 leap days of 1972..1996
    expect(toDayNumber('2000-01-01')).toBe(30 * 365 + 7);
  });

  it('round-trips', () => {
    expect(fromDayNumber(toDayNumber('2024-02-29'))).toBe('2024-02-29');
    expect(fromDayNumber(-1)).toBe('1969-12-31');
  });
});

describe('addDays', () => {
  test.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2024-01-01', 366, '2025-01-01'], // 2024 has 366 days
    ['2024-03-31', 0, '2024-03-31'],
  ])('%p + %p days = %p', (start, days, expected) => {
    expect(addDays(start, days)).toBe(expected);
  });
});

describe('addMonths (Salesforce ADDMONTHS)', () => {
  test.each([
    // The brief's three anchors
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-04-30', 1, '2023-05-31'], // last day of April → last day of May
    // End-of-month rule in both directions
    ['2023-02-28', 12, '2024-02-29'], // last day of Feb 2023 → last day of Feb 2024
    ['2023-02-28', 1, '2023-03-31'],
    ['2024-02-28', 1, '2024-03-28'], // not the last day in a leap year: day kept
    ['2024-03-31', -1, '2024-02-29'],
    ['2024-05-31', 1, '2024-06-30'],
    // Clamping when the day is not the month's last
    ['2023-01-30', 1, '2023-02-28'],
    ['2023-03-30', 1, '2023-04-30'],
    ['2023-01-29', 1, '2023-02-28'],
    // Plain cases and year boundaries
    ['2024-01-15', 24, '2026-01-15'],
    ['2024-11-15', 3, '2025-02-15'],
    ['2024-01-15', -1, '2023-12-15'],
    ['2025-03-15', -12, '2024-03-15'],
    ['2024-06-10', 0, '2024-06-10'],
  ])('%p + %p months = %p', (start, months, expected) => {
    expect(addMonths(start, months)).toBe(expected);
  });

  it('refuses a fraction of a month', () => {
    expect(() => addMonths('2024-01-01', 1.5)).toThrow('1.5 is not a whole number of months');
  });

  it('refuses an invalid start date', () => {
    expect(() => addMonths('2023-02-29', 1)).toThrow('Invalid date');
  });
});

describe('comparing dates', () => {
  it('counts the days between two dates, signed', () => {
    expect(daysBetween('2024-01-01', '2024-03-01')).toBe(31 + 29);
    expect(daysBetween('2024-03-01', '2024-01-01')).toBe(-60);
    expect(daysBetween('2024-05-05', '2024-05-05')).toBe(0);
  });

  it('orders dates, also across years where text order and date order agree', () => {
    expect(compareDates('2024-01-02', '2024-01-01')).toBe(1);
    expect(compareDates('2023-12-31', '2024-01-01')).toBe(-1);
    expect(compareDates('2024-01-01', '2024-01-01')).toBe(0);
    expect(['2025-01-01', '2023-06-30', '2024-02-29'].sort(compareDates)).toEqual(['2023-06-30', '2024-02-29', '2025-01-01']);
    expect(isBefore('2024-02-28', '2024-02-29')).toBe(true);
    expect(isAfter('2024-02-28', '2024-02-29')).toBe(false);
  });
});
