/**
 * A sync's run as a Sync_Run__c record: the audit trail an admin opens in the CRM, and the high-water mark the next
 * run of the same command reads changes from.
 *
 * - Start (one call, a composite): read the last complete run of the command and create this run's record,
 *   Running. The record's CreatedDate is the server's time before the run read anything. A dry run only reads.
 * - Finish (one call): counts, API calls and the outcome. Its SystemModstamp, the server's time after every write
 *   of the run, is where the next run's changes begin (src/core/incremental.ts).
 * - Stop: a run that cannot complete says why, best effort; a killed run stays Running. Neither moves the mark:
 *   only a Done run whose selection covered the book (Full or Changes) is read as the last complete run.
 */
import type { IsoDate } from '../core/dates.js';
import { LONGEST_RUN_MS, sharedUserDuring, type LastRun, type OtherRun } from '../core/incremental.js';
import { fieldsOf, SyncRun, type SyncCommand, type SyncOutcome, type SyncSelection } from '../core/model.js';
import type { ApiUsage } from './apiUsage.js';
import { runComposite } from './composite.js';
import type { OrgConnection, SfRecord } from './connection.js';
import { withRetry } from './retry.js';
import { soqlString } from './soql.js';

const R = fieldsOf(SyncRun);
const STOP_REASON_LENGTH = 255;

/**
 * The last complete run of the command with the same settings: a run with other settings (another at-risk
 * threshold) wrote its own results, which are saved after that run and so are read again as changes.
 */
export function lastCompleteRunSoql(command: SyncCommand, settings: string | null = null): string {
  const marks: SyncSelection[] = ['Full', 'Changes'];
  return (
    `SELECT Id, CreatedDate, SystemModstamp, CreatedById, ${R.As_Of__c} FROM ${SyncRun.apiName} ` +
    `WHERE ${R.Command__c} = ${soqlString(command)} AND ${R.Outcome__c} = ${soqlString('Done')} ` +
    `AND ${R.Settings__c} = ${settings === null ? 'null' : soqlString(settings)} ` +
    `AND ${R.Selection__c} IN (${marks.map(soqlString).join(', ')}) ORDER BY CreatedDate DESC, Id DESC LIMIT 1`
  );
}

/** Salesforce's `2026-01-15T09:30:00.000+0000` as an ISO instant. */
const isoInstant = (value: unknown): string => new Date(String(value).replace(/([+-]\d{2})(\d{2})$/, '$1:$2')).toISOString();

function toLastRun(row: SfRecord | undefined): LastRun | null {
  if (!row) return null;
  return {
    id: String(row.Id),
    startedAt: isoInstant(row.CreatedDate),
    finishedAt: isoInstant(row.SystemModstamp),
    userId: String(row.CreatedById),
    asOf: String(row[R.As_Of__c]),
  };
}

/** The most recent runs of every command, to tell whether one shared the last run's user while it worked. */
export const OTHER_RUNS_READ = 200;
export function recentRunsSoql(): string {
  return (
    `SELECT Id, CreatedDate, SystemModstamp, CreatedById, ${R.Command__c}, ${R.Outcome__c} FROM ${SyncRun.apiName} ` +
    `ORDER BY CreatedDate DESC, Id DESC LIMIT ${OTHER_RUNS_READ}`
  );
}

function toOtherRun(row: SfRecord): OtherRun {
  return {
    id: String(row.Id),
    command: row[R.Command__c] as SyncCommand,
    startedAt: isoInstant(row.CreatedDate),
    finishedAt: isoInstant(row.SystemModstamp),
    userId: String(row.CreatedById),
    running: row[R.Outcome__c] === 'Running',
  };
}

/** Whether another run wrote as the last run's user while it worked, from the recent runs read beside it. */
function sharedUser(lastRun: LastRun | null, recent: readonly SfRecord[]): boolean {
  if (!lastRun) return false;
  const others = recent.map(toOtherRun);
  const oldest = others.at(-1);
  const complete = others.length < OTHER_RUNS_READ || (oldest !== undefined && Date.parse(oldest.startedAt) <= Date.parse(lastRun.startedAt) - LONGEST_RUN_MS);
  return sharedUserDuring(lastRun, others, complete);
}

export type StartedRun = { lastRun: LastRun | null; sharedUser: boolean; runId: string | null };

/**
 * Reads the last complete run and the recent runs of every command and, unless a dry run, records this one as
 * Running: one API call.
 */
export async function startSyncRun(
  conn: OrgConnection,
  usage: ApiUsage,
  { command, today, dryRun, settings = null }: { command: SyncCommand; today: IsoDate; dryRun: boolean; settings?: string | null },
): Promise<StartedRun> {
  const running: SyncOutcome = 'Running';
  const answer = await runComposite(
    conn,
    [
      { referenceId: 'lastRun', query: lastCompleteRunSoql(command, settings) },
      { referenceId: 'recentRuns', query: recentRunsSoql() },
      ...(dryRun
        ? []
        : [
            {
              referenceId: 'thisRun',
              method: 'POST' as const,
              sobject: SyncRun.apiName,
              body: { [R.Command__c]: command, [R.As_Of__c]: today, [R.Outcome__c]: running, [R.Settings__c]: settings },
            },
          ]),
    ],
    usage,
  );
  const lastRun = toLastRun(answer.records('lastRun')[0]);
  return { lastRun, sharedUser: sharedUser(lastRun, answer.records('recentRuns')), runId: dryRun ? null : String(answer.body('thisRun').id) };
}

export type RunCounts = { created: number; updated: number; skipped: number; failed: number };

export type RunEnd = {
  selection: SyncSelection;
  /** The mark the run read changes from (blank when it read the whole book or what was named). */
  highWaterMark: string | null;
  counts: RunCounts;
  /** Records refused (Refused) or the run completed (Done). */
  outcome: Extract<SyncOutcome, 'Done' | 'Refused'>;
  refusals?: string;
};

/** Records how the run ended: one API call, counted in the API calls it records. */
export async function finishSyncRun(conn: OrgConnection, usage: ApiUsage, runId: string | null, end: RunEnd): Promise<void> {
  if (!runId) return;
  usage.count('other');
  const fields = {
    [R.Selection__c]: end.selection,
    [R.High_Water_Mark__c]: end.highWaterMark,
    [R.Outcome__c]: end.outcome,
    [R.Stop_Reason__c]: end.refusals ? end.refusals.slice(0, STOP_REASON_LENGTH) : null,
    [R.Records_Created__c]: end.counts.created,
    [R.Records_Updated__c]: end.counts.updated,
    [R.Records_Skipped__c]: end.counts.skipped,
    [R.Records_Failed__c]: end.counts.failed,
    [R.API_Calls__c]: usage.snapshot().total,
  };
  let first = true;
  await withRetry(
    () => {
      if (!first) usage.count('other');
      first = false;
      return conn.sobject(SyncRun.apiName).update({ Id: runId, ...fields }) as Promise<unknown>;
    },
    { onRetry: () => usage.countRetry() },
  );
}

/** Records why the run stopped. Best effort: the error that stopped the run is the one to report, not this one. */
export async function stopSyncRun(conn: OrgConnection, usage: ApiUsage, runId: string | null, reason: string): Promise<void> {
  if (!runId) return;
  usage.count('other');
  const stopped: SyncOutcome = 'Stopped';
  try {
    await conn.sobject(SyncRun.apiName).update({
      Id: runId,
      [R.Outcome__c]: stopped,
      [R.Stop_Reason__c]: reason.slice(0, STOP_REASON_LENGTH),
      [R.API_Calls__c]: usage.snapshot().total,
    });
  } catch {
    // The run stays Running, which says as much: it did not complete, and the mark did not move.
  }
}

/**
 * A run recorded once, when it ends: for a command driven by its input (the measurements import reads a file, not
 * what changed), the record is the audit trail only, one API call. Never on a dry run.
 */
export async function recordRun(
  conn: OrgConnection,
  usage: ApiUsage,
  run: { command: SyncCommand; today: IsoDate; outcome: Exclude<SyncOutcome, 'Running'>; counts: RunCounts; reason?: string },
): Promise<void> {
  const named: SyncSelection = 'Named';
  usage.count('other');
  await withRetry(
    () =>
      conn.sobject(SyncRun.apiName).create({
        [R.Command__c]: run.command,
        [R.Selection__c]: named,
        [R.As_Of__c]: run.today,
        [R.Outcome__c]: run.outcome,
        [R.Stop_Reason__c]: run.reason ? run.reason.slice(0, STOP_REASON_LENGTH) : null,
        [R.Records_Created__c]: run.counts.created,
        [R.Records_Updated__c]: run.counts.updated,
        [R.Records_Skipped__c]: run.counts.skipped,
        [R.Records_Failed__c]: run.counts.failed,
        [R.API_Calls__c]: usage.snapshot().total,
      }) as Promise<unknown>,
    { onRetry: () => usage.countRetry() },
  );
}
