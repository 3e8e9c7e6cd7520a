/**
 * Calendar dates as Salesforce writes them: ISO `YYYY-MM-DD` strings.
 *
 * Arithmetic runs on UTC day numbers (days since 1970-01-01), never on local time, so a date means
 * the same day on every machine and in every time zone. Nothing here reads the clock: callers pass `today`.
 */

/** A date as `YYYY-MM-DD`. */
export type IsoDate = string;

export type CalendarDate = { readonly year: number; readonly month: number; readonly day: number };

/** Salesforce stores dates from 1700-01-01 to 4000-12-31 only; anything outside is a typo, not a date. */
export const MIN_YEAR = 1700;
export const MAX_YEAR = 4000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Why `text` is not a real calendar date, or null when it is one. */
export function dateProblem(text: unknown): string | null {
  if (typeof text !== 'string') return `expected a date as YYYY-MM-DD, got ${describe(text)}`;
  const match = ISO_DATE.exec(text);
  if (!match) return `expected a date as YYYY-MM-DD, got "${text}"`;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < MIN_YEAR || year > MAX_YEAR) return `"${text}" is outside Salesforce's dates (${MIN_YEAR} to ${MAX_YEAR})`;
  if (month < 1 || month > 12) return `"${text}" has no month ${match[2]}`;
  if (day < 1 || day > daysInMonth(year, month)) return `"${text}" is not a day of ${year}-${match[2]}`;
  return null;
}

export function isIsoDate(text: unknown): text is IsoDate {
  return dateProblem(text) === null;
}

/** The parts of a real calendar date; throws a RangeError naming the problem otherwise (2023-02-29, 2024-13-01, 24-1-1). */
export function parseIsoDate(text: string): CalendarDate {
  const problem = dateProblem(text);
  if (problem) throw new RangeError(`Invalid date: ${problem}`);
  const [year, month, day] = text.split('-').map(Number);
  return { year, month, day };
}

export function formatIsoDate({ year, month, day }: CalendarDate): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Days since 1970-01-01 (negative before). */
export function toDayNumber(date: IsoDate): number {
  const { year, month, day } = parseIsoDate(date);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function fromDayNumber(dayNumber: number): IsoDate {
  if (!Number.isInteger(dayNumber)) throw new RangeError(`Invalid day number: ${dayNumber} is not a whole day`);
  const utc = new Date(dayNumber * MS_PER_DAY);
  return formatIsoDate({ year: utc.getUTCFullYear(), month: utc.getUTCMonth() + 1, day: utc.getUTCDate() });
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/**
 * Salesforce's ADDMONTHS: the last day of a month maps to the last day of the target month
 * (2024-02-29 + 12 → 2025-02-28, 2023-04-30 + 1 → 2023-05-31); any other day keeps its number,
 * clamped to the target month's length (2023-01-30 + 1 → 2023-02-28, 2023-03-30 + 1 → 2023-04-30).
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  if (!Number.isInteger(months)) throw new RangeError(`Invalid month count: ${months} is not a whole number of months`);
  const { year, month, day } = parseIsoDate(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  const targetLength = daysInMonth(targetYear, targetMonth);
  const wasLastDay = day === daysInMonth(year, month);
  return formatIsoDate({ year: targetYear, month: targetMonth, day: wasLastDay ? targetLength : Math.min(day, targetLength) });
}

/** Whole days from `from` to `to`: positive when `to` is later. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Negative, zero or positive as `a` is before, on or after `b` (usable with Array.sort). */
export function compareDates(a: IsoDate, b: IsoDate): number {
  return Math.sign(daysBetween(b, a));
}

export function isBefore(a: IsoDate, b: IsoDate): boolean {
  return compareDates(a, b) < 0;
}

export function isAfter(a: IsoDate, b: IsoDate): boolean {
  return compareDates(a, b) > 0;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  return typeof value === 'string' ? `"${value}"` : `${typeof value} ${String(value)}`;
}

/**
 * The calendar date of `instant` in an IANA time zone (a Salesforce user's TimeZoneSidKey, e.g. "Europe/Paris"):
 * Salesforce's TODAY for that user. The core never reads the clock; the instant comes from the caller.
 */
export function dateInTimeZone(instant: Date, timeZone: string): IsoDate {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
