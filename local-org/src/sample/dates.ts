/**
 * ISO date arithmetic (YYYY-MM-DD), in UTC so the machine's time zone never changes the output.
 * The local org may not import src/, so these few helpers live here.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseIsoDate(iso: string): Date {
  const match = ISO_DATE.exec(iso);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (!date || date.toISOString().slice(0, 10) !== iso) {
    throw new Error(`"${iso}" is not a date in YYYY-MM-DD form (e.g. 2026-11-23)`);
  }
  return date;
}

export function toIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function isIsoDate(text: string): boolean {
  try {
    parseIsoDate(text);
    return true;
  } catch {
    return false;
  }
}

export function addDays(iso: string, days: number): string {
  const date = parseIsoDate(iso);
  date.setUTCDate(date.getUTCDate() + days);
  return toIsoDate(date);
}

function daysInMonth(year: number, monthIndex: number): number {
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

/** Months added as Salesforce's ADDMONTHS adds them: the last day of a month stays the last day. */
export function addMonths(iso: string, months: number): string {
  const date = parseIsoDate(iso);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  const day = date.getUTCDate();
  const targetMonth = month + months;
  const targetYear = year + Math.floor(targetMonth / 12);
  const targetMonthIndex = ((targetMonth % 12) + 12) % 12;
  const lastDay = daysInMonth(targetYear, targetMonthIndex);
  const targetDay = day === daysInMonth(year, month) ? lastDay : Math.min(day, lastDay);
  return toIsoDate(new Date(Date.UTC(targetYear, targetMonthIndex, targetDay)));
}

export function endOfMonth(iso: string): string {
  const date = parseIsoDate(iso);
  return toIsoDate(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), daysInMonth(date.getUTCFullYear(), date.getUTCMonth()))));
}

export function firstOfNextMonth(iso: string): string {
  const date = parseIsoDate(iso);
  return toIsoDate(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1)));
}

export function daysBetween(from: string, to: string): number {
  return Math.round((parseIsoDate(to).getTime() - parseIsoDate(from).getTime()) / 86_400_000);
}

export function yearOf(iso: string): number {
  return Number(iso.slice(0, 4));
}
