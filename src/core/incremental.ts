/**
 * What an incremental sync reads: the records changed since the last complete run of the same command, plus those
 * that time alone has made stale since that run's date. Pure: given the last run and today, it says which changes
 * and which dates to select; src/org turns that into SOQL (docs/design.md, "Incremental runs").
 *
 * Which computed results depend on "today" (and nothing else in src/core does):
 * - `nextRenewalDate(components, today)` (renewal.ts): an initiative's Next_Renewal_Date__c is the earliest renewal
 *   on or after today, written by `handover sync` and `renewals sync`. It goes stale when the stored date passes.
 * - `assessOutcome(…, { today, dueDate })` (trajectory.ts): Missed once today is after the due date, written by
 *   `recompute` (and the initiative's Outcome_Health__c follows). It goes stale when the due date passes.
 * - `handoverStatusOf(goLive, today)` (plan/handover.ts): Onboarding or Adopting, but only for an initiative whose
 *   status is blank or Handover, which a complete handover run leaves none of; a person setting it back is an edit.
 * - Handover_Date__c and a review task's due date take today only when they are first filled or created.
 * The forecast window is not one of them: it spans the 12 months up to the latest measurement, not up to today.
 */
import { isBefore, type IsoDate } from './dates.js';
import type { SyncCommand } from './model.js';

/** A complete run of the same command, as recorded in the org (Sync_Run__c), in server times. */
export type LastRun = {
  id: string;
  /** When the run's record was created, before it read anything (CreatedDate). */
  startedAt: string;
  /** When the run last wrote its record, after every other write (SystemModstamp of its final update). */
  finishedAt: string;
  /** The user the run wrote as (CreatedById). */
  userId: string;
  /** The date the run worked as of. */
  asOf: IsoDate;
};

/**
 * Changes another user saved during the last run may carry a SystemModstamp from just before it started yet be
 * committed (and visible) only after its queries ran: a transaction stamps its records when it saves them, not
 * when it commits. Reading them again from a few minutes before the start costs a few records; missing one
 * would cost a wrong result until it changes again.
 */
export const MARK_OVERLAP_MS = 5 * 60 * 1000;

/**
 * The changes to read: every record saved after the last run finished, and every record another user saved since
 * shortly before it started. The run's own writes fall between its start and finish and were saved by its user,
 * so they are not read again: a sync's writes do not make the next run read everything.
 */
export type ChangeWindow = {
  /** Records saved after this time (by anyone). */
  savedAfter: string;
  /** Records saved at or after this time by a user other than `runUserId` (by anyone when it is null). */
  othersSavedFrom: string;
  /** Null when another run wrote as the last run's user while it worked: its writes cannot be told apart then. */
  runUserId: string | null;
};

/** Another run as the org recorded it, to tell whether it wrote as the last run's user while that run worked. */
export type OtherRun = {
  id: string;
  command: SyncCommand;
  /** CreatedDate: the start, or for a run recorded once at its end (the import), its end. */
  startedAt: string;
  finishedAt: string;
  userId: string;
  running: boolean;
};

/** Commands that record their run once, at the end (their file decides what they read): their start is unknown. */
export const RECORDED_AT_END: readonly SyncCommand[] = ['measurements import'];

/**
 * No sync runs longer (100,000 won opportunities take minutes): runs are read back this far before the last run's
 * start, and a run still recorded Running (killed, or its stop could not be recorded) is taken to have worked until
 * this long after its start.
 */
export const LONGEST_RUN_MS = 6 * 60 * 60 * 1000;

/**
 * Whether another run wrote as the last run's user while that run worked (between its start and its finish): then
 * the last run's writes cannot be told apart by their user, and the next run reads every change since shortly
 * before its start, its own writes included. A run recorded only at its end may have started any time before, so
 * one that ended after the last run started counts. `complete` is false when the runs read do not reach
 * back a day before the last run's start: then nothing can be ruled out.
 */
export function sharedUserDuring(lastRun: LastRun, others: readonly OtherRun[], complete: boolean): boolean {
  if (!complete) return true;
  // A run that finished before the last one started had its saves committed before that run read anything.
  const started = Date.parse(lastRun.startedAt);
  const finished = Date.parse(lastRun.finishedAt);
  return others.some((run) => {
    if (run.id === lastRun.id || run.userId !== lastRun.userId) return false;
    const otherFinished = Date.parse(run.finishedAt);
    if (RECORDED_AT_END.includes(run.command)) return otherFinished >= started;
    const otherStarted = Date.parse(run.startedAt);
    return otherStarted <= finished && (run.running ? otherStarted + LONGEST_RUN_MS >= started : otherFinished >= started);
  });
}

/** Dates that passed between the last run's date and today: [from, before). Null when no day passed. */
export type PassedDates = { from: IsoDate; before: IsoDate };

export type SyncSelectionPlan =
  | { kind: 'Full'; reason: string }
  | { kind: 'Named'; reason: string }
  | { kind: 'Changes'; lastRun: LastRun; changes: ChangeWindow; passed: PassedDates | null; reason: string };

export type SelectionInput = {
  /** --full. */
  full: boolean;
  /** What the user named instead of the whole book (--opportunity, --initiative, --since), if anything. */
  named: string | null;
  lastRun: LastRun | null;
  /** Whether another run wrote as the last run's user while it worked (sharedUserDuring). */
  sharedUser?: boolean;
  today: IsoDate;
};

/** Whether to read the whole book, what was named, or what changed since the last complete run. */
export function planSelection({ full, named, lastRun, sharedUser = false, today }: SelectionInput): SyncSelectionPlan {
  if (named) return { kind: 'Named', reason: `Reads ${named} only; the high-water mark stays where it was` };
  if (full) return { kind: 'Full', reason: 'Reads the whole book (--full)' };
  if (!lastRun) return { kind: 'Full', reason: 'Reads the whole book: no earlier complete run of this command' };
  if (isBefore(today, lastRun.asOf)) {
    return { kind: 'Full', reason: `Reads the whole book: ${today} is before the last complete run's date (${lastRun.asOf})` };
  }
  const changes = changeWindow(lastRun, sharedUser);
  const passed = passedDates(lastRun.asOf, today);
  const days = passed ? `, and what came due from ${passed.from} to the day before ${passed.before}` : '';
  const since = sharedUser
    ? `${changes.othersSavedFrom} (another run wrote as the same user while the last one worked, so its writes are read too)`
    : lastRun.finishedAt;
  return { kind: 'Changes', lastRun, changes, passed, reason: `Reads what changed since ${since}${days}` };
}

/**
 * SOQL compares date-times to the second, and Salesforce stores them to the second: the finish is rounded up (the
 * run's own last writes of that second are not changes) and the start down. What the run's user saved in the rest
 * of the second it finished, beside the run, is the one thing not read (docs/design.md).
 */
export function changeWindow(lastRun: LastRun, sharedUser = false): ChangeWindow {
  const second = 1000;
  const finished = Date.parse(lastRun.finishedAt);
  const started = Date.parse(lastRun.startedAt);
  return {
    savedAfter: new Date(Math.ceil(finished / second) * second).toISOString(),
    othersSavedFrom: new Date(Math.floor((started - MARK_OVERLAP_MS) / second) * second).toISOString(),
    runUserId: sharedUser ? null : lastRun.userId,
  };
}

/** The dates that were today or later for the last run and are before today now. */
export function passedDates(lastAsOf: IsoDate, today: IsoDate): PassedDates | null {
  return isBefore(lastAsOf, today) ? { from: lastAsOf, before: today } : null;
}
