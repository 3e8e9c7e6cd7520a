/**
 * One sync's run from start to end, for the command: it reads the last complete run and records this one (two API
 * calls in all, none but the read on a dry run), decides what to read (src/core/incremental.ts), and records how
 * the run ended. The command keeps its own fetch, plan and apply; this only says what to select and keeps the trail.
 */
import type { IsoDate } from '../core/dates.js';
import { planSelection, type SyncSelectionPlan } from '../core/incremental.js';
import type { SyncCommand } from '../core/model.js';
import type { ApiUsage } from './apiUsage.js';
import type { OrgConnection } from './connection.js';
import { finishSyncRun, startSyncRun, stopSyncRun, type RunCounts } from './syncRun.js';

/** What a command's --json result says of the run's selection and record. */
export type SyncRunReport = {
  /** Changes (since the last complete run, and what time made stale), Full, or Named. */
  selection: SyncSelectionPlan['kind'];
  /** Why this selection, in words. */
  reason: string;
  /** The last complete run's finish, from which changes were read (null unless selection is Changes). */
  changesSince: string | null;
  /** This run's Sync_Run__c record (null on a dry run). */
  syncRunId: string | null;
};

export const NO_COUNTS: RunCounts = { created: 0, updated: 0, skipped: 0, failed: 0 };

export class SyncSession {
  private constructor(
    private readonly conn: OrgConnection,
    private readonly usage: ApiUsage,
    public readonly selection: SyncSelectionPlan,
    public readonly runId: string | null,
  ) {}

  public static async start(
    conn: OrgConnection,
    usage: ApiUsage,
    options: { command: SyncCommand; today: IsoDate; dryRun: boolean; full: boolean; named: string | null; settings?: string | null },
  ): Promise<SyncSession> {
    const { lastRun, sharedUser, runId } = await startSyncRun(conn, usage, options);
    return new SyncSession(conn, usage, planSelection({ ...options, lastRun, sharedUser }), runId);
  }

  public report(): SyncRunReport {
    const s = this.selection;
    return { selection: s.kind, reason: s.reason, changesSince: s.kind === 'Changes' ? markOf(s) : null, syncRunId: this.runId };
  }

  /** Done when every record was written, else Refused (the mark stays where it was, so they are read again). */
  public async finish(counts: RunCounts, refusals: readonly string[] = []): Promise<void> {
    const s = this.selection;
    await finishSyncRun(this.conn, this.usage, this.runId, {
      selection: s.kind,
      highWaterMark: s.kind === 'Changes' ? markOf(s) : null,
      counts,
      outcome: refusals.length > 0 || counts.failed > 0 ? 'Refused' : 'Done',
      refusals: refusals.length > 0 ? refusals.join('; ') : undefined,
    });
  }

  public async stop(reason: string): Promise<void> {
    await stopSyncRun(this.conn, this.usage, this.runId, reason);
  }
}

/** Adds up per-object counts into the run's. */
export function sumCounts(counts: readonly RunCounts[]): RunCounts {
  return counts.reduce((sum, c) => ({ created: sum.created + c.created, updated: sum.updated + c.updated, skipped: sum.skipped + c.skipped, failed: sum.failed + c.failed }), NO_COUNTS);
}

/** Where changes were read from: the last run's finish, or shortly before its start when its user was shared. */
function markOf(s: Extract<SyncSelectionPlan, { kind: 'Changes' }>): string {
  return s.changes.runUserId === null ? s.changes.othersSavedFrom : s.lastRun.finishedAt;
}
