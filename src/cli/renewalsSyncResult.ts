/**
 * The --json result of `sf outcomes renewals sync`, assembled from the plan and what the org refused: every date
 * change (up to CHANGES_LISTED) with what became of it, the components left undated, and the counts.
 * scripts/contracts reads this type (through the command's run()) to write schemas/outcomes-renewals-sync.json.
 */
import type { RenewalsPlan } from '../core/plan/renewals.js';
import type { ApiUsageSnapshot } from '../org/apiUsage.js';
import type { RenewalFailure, RenewalObject } from '../org/renewalsApply.js';
import type { SyncRunReport } from '../org/syncSession.js';

/**
 * Date changes the result lists in `changes`, so that a run that moves tens of thousands of dates still prints a
 * --json document of bounded size. The counts cover every change, and `failures` names every record not written.
 */
export const CHANGES_LISTED = 1000;

export type RenewalChange = {
  object: RenewalObject;
  recordId: string;
  name: string;
  initiativeId: string;
  initiativeName: string;
  field: string;
  from: string | null;
  to: string;
  reason: string;
  /** planned on a dry run; otherwise done or failed. */
  result: 'planned' | 'done' | 'failed';
};

export type UndatedRenewal = {
  componentId: string;
  name: string;
  initiativeId: string;
  initiativeName: string;
  /** The renewal date the component keeps, if it has one. */
  kept: string | null;
  reason: string;
};

export type RenewalsSyncResult = {
  dryRun: boolean;
  today: string;
  /** Initiatives with renewable components, and those components. */
  initiatives: number;
  components: number;
  /** Dates to change (dry run) or changed. */
  componentsUpdated: number;
  initiativesUpdated: number;
  unchanged: { components: number; initiatives: number };
  /** The first CHANGES_LISTED date changes in the order planned; componentsUpdated, initiativesUpdated and failures count them all. */
  changes: RenewalChange[];
  /** Date changes left out of `changes` (0 when it lists them all). */
  changesNotListed: number;
  undated: UndatedRenewal[];
  failures: RenewalFailure[];
  /** What the run read (changes since the last complete run, or the whole book) and its record. */
  run: SyncRunReport;
  apiCalls: ApiUsageSnapshot;
};

export type RenewalsSyncRun = {
  dryRun: boolean;
  today: string;
  /** Initiatives and renewable components read. */
  read: { initiatives: number; components: number };
  plan: RenewalsPlan;
  /** What the org refused (none on a dry run). */
  failures: RenewalFailure[];
  run: SyncRunReport;
  apiCalls: ApiUsageSnapshot;
};

export function renewalsSyncResult({ dryRun, today, read, plan, failures, run, apiCalls }: RenewalsSyncRun): RenewalsSyncResult {
  const failed = new Set(failures.map((f) => f.recordId));
  const changes: RenewalChange[] = plan.changes.map((c) => ({
    ...c,
    result: dryRun ? 'planned' : failed.has(c.recordId) ? 'failed' : 'done',
  }));
  const written = (object: RenewalObject): number => changes.filter((c) => c.object === object && c.result !== 'failed').length;
  return {
    dryRun,
    today,
    initiatives: read.initiatives,
    components: read.components,
    componentsUpdated: written('Solution_Component__c'),
    initiativesUpdated: written('Initiative__c'),
    unchanged: { ...plan.unchanged },
    changes: changes.slice(0, CHANGES_LISTED),
    changesNotListed: Math.max(0, changes.length - CHANGES_LISTED),
    undated: plan.undated.map((u) => ({ ...u })),
    failures,
    run,
    apiCalls,
  };
}
