/**
 * SOQL filters of an incremental run (src/core/incremental.ts): records saved since the last complete run, without
 * its own writes, and dates that passed since its day. Plain field filters only, so they combine with OR (a
 * semi-join may not), also through a parent relationship (`Product2.`).
 */
import type { ChangeWindow, PassedDates } from '../../core/incremental.js';
import { soqlDate, soqlDateTime, soqlId } from '../soql.js';

/** Saved after the last run finished, or by another user since shortly before it started (by anyone, when its user was shared). */
export function changedSince(window: ChangeWindow, relationship = ''): string {
  const stamp = `${relationship}SystemModstamp`;
  if (window.runUserId === null) return `${stamp} >= ${soqlDateTime(new Date(window.othersSavedFrom))}`;
  return (
    `(${stamp} > ${soqlDateTime(new Date(window.savedAfter))} OR ` +
    `(${stamp} >= ${soqlDateTime(new Date(window.othersSavedFrom))} AND ${relationship}LastModifiedById != ${soqlId(window.runUserId)}))`
  );
}

/** A date field whose value passed since the last run's day: on or after that day and before today. */
export function datePassed(field: string, passed: PassedDates): string {
  return `(${field} >= ${soqlDate(passed.from)} AND ${field} < ${soqlDate(passed.before)})`;
}

/**
 * Above this many changed rows of one kind (five query pages), what changed is not worth finding record by record: a
 * sync reads its whole book instead. After a whole pass by another sync, most of the book has changed.
 */
export const CHANGED_ROWS_READ_MAX = 10_000;
