/**
 * SOQL date literals as inclusive ranges of days, relative to the org's date (UTC, en_US locale: weeks start
 * on Sunday, the fiscal year is the calendar year).
 *
 * Ranges as documented in the SOQL and SOSL Reference, "Date Formats and Date Literals in WHERE":
 * LAST_N_DAYS:n and LAST_90_DAYS include today (n + 1 days); NEXT_N_DAYS:n and NEXT_90_DAYS start tomorrow.
 */
import { OrgApiError } from '../engine/types.js';

export type DayRange = { first: string; last: string };

const MS_PER_DAY = 86_400_000;

function toDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return iso(new Date(toDate(day).getTime() + days * MS_PER_DAY));
}

function monthStart(day: string, monthOffset: number): string {
  const d = toDate(day);
  return iso(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + monthOffset, 1)));
}

function monthRange(today: string, offset: number, months = 1): DayRange {
  return { first: monthStart(today, offset), last: addDays(monthStart(today, offset + months), -1) };
}

function quarterRange(today: string, offset: number, quarters = 1): DayRange {
  const d = toDate(today);
  const quarterStartMonth = Math.floor(d.getUTCMonth() / 3) * 3 - d.getUTCMonth();
  return monthRange(today, quarterStartMonth + offset * 3, quarters * 3);
}

function yearRange(today: string, offset: number, years = 1): DayRange {
  const year = toDate(today).getUTCFullYear() + offset;
  return { first: `${String(year).padStart(4, '0')}-01-01`, last: `${String(year + years - 1).padStart(4, '0')}-12-31` };
}

function weekRange(today: string, offset: number, weeks = 1): DayRange {
  const sunday = addDays(today, -toDate(today).getUTCDay() + offset * 7);
  return { first: sunday, last: addDays(sunday, weeks * 7 - 1) };
}

/** The range a date literal covers; `n` for the `_N_` forms. */
export function dateLiteralRange(literal: string, today: string, n = 0): DayRange {
  const name = literal.toUpperCase().split(':')[0].replace('_FISCAL', '');
  switch (name) {
    case 'YESTERDAY':
      return { first: addDays(today, -1), last: addDays(today, -1) };
    case 'TODAY':
      return { first: today, last: today };
    case 'TOMORROW':
      return { first: addDays(today, 1), last: addDays(today, 1) };
    case 'LAST_WEEK':
      return weekRange(today, -1);
    case 'THIS_WEEK':
      return weekRange(today, 0);
    case 'NEXT_WEEK':
      return weekRange(today, 1);
    case 'LAST_MONTH':
      return monthRange(today, -1);
    case 'THIS_MONTH':
      return monthRange(today, 0);
    case 'NEXT_MONTH':
      return monthRange(today, 1);
    case 'LAST_90_DAYS':
      return { first: addDays(today, -90), last: today };
    case 'NEXT_90_DAYS':
      return { first: addDays(today, 1), last: addDays(today, 90) };
    case 'LAST_QUARTER':
      return quarterRange(today, -1);
    case 'THIS_QUARTER':
      return quarterRange(today, 0);
    case 'NEXT_QUARTER':
      return quarterRange(today, 1);
    case 'LAST_YEAR':
      return yearRange(today, -1);
    case 'THIS_YEAR':
      return yearRange(today, 0);
    case 'NEXT_YEAR':
      return yearRange(today, 1);
    case 'LAST_N_DAYS':
      return { first: addDays(today, -n), last: today };
    case 'NEXT_N_DAYS':
      return { first: addDays(today, 1), last: addDays(today, n) };
    case 'N_DAYS_AGO':
      return { first: addDays(today, -n), last: addDays(today, -n) };
    case 'LAST_N_WEEKS':
      return weekRange(today, -n, n);
    case 'NEXT_N_WEEKS':
      return weekRange(today, 1, n);
    case 'N_WEEKS_AGO':
      return weekRange(today, -n);
    case 'LAST_N_MONTHS':
      return monthRange(today, -n, n);
    case 'NEXT_N_MONTHS':
      return monthRange(today, 1, n);
    case 'N_MONTHS_AGO':
      return monthRange(today, -n);
    case 'LAST_N_QUARTERS':
      return quarterRange(today, -n, n);
    case 'NEXT_N_QUARTERS':
      return quarterRange(today, 1, n);
    case 'N_QUARTERS_AGO':
      return quarterRange(today, -n);
    case 'LAST_N_YEARS':
      return yearRange(today, -n, n);
    case 'NEXT_N_YEARS':
      return yearRange(today, 1, n);
    case 'N_YEARS_AGO':
      return yearRange(today, -n);
    default:
      throw new OrgApiError(400, 'MALFORMED_QUERY', `unexpected date literal: ${literal}`);
  }
}
