/**
 * The --json result of `sf outcomes handover sync`, assembled from the plan and what the apply step did with each
 * planned item (or, on a dry run, what it would do). scripts/contracts reads this type (through the command's run())
 * to write schemas/outcomes-handover-sync.json.
 */
import type { HandoverPlan } from '../core/plan/handover.js';
import type { ApiUsageSnapshot } from '../org/apiUsage.js';
import { handoverReports, type ApplyOutcome, type HandoverChange, type HandoverFailure, type HandoverReport, type WriteCounts } from '../org/handoverApply.js';
import type { SyncRunReport } from '../org/syncSession.js';

export type HandoverSyncResult = {
  dryRun: boolean;
  today: string;
  /** Opportunities read (won ones, or those named with --opportunity). */
  opportunities: number;
  /** On a dry run: what would be written; otherwise what was. */
  initiatives: WriteCounts;
  components: WriteCounts;
  tasks: WriteCounts;
  opportunityStatuses: WriteCounts;
  /** Fees at risk made from the terms on line items (Fee_At_Risk__c, upserted on Source_Line_Item_Id__c). */
  fees: WriteCounts;
  /**
   * Up to CHANGES_LISTED planned items with their reasons: creates and updates first, then skips, each in the order
   * planned. The counts above cover every item.
   */
  changes: HandoverChange[];
  /** Planned items left out of `changes` (0 when it lists them all). */
  changesNotListed: number;
  /**
   * Up to HANDOVERS_LISTED handovers with what each still lacks: every one when there are no more, else the
   * incomplete ones first. `handoverStatuses` counts them all.
   */
  handovers: HandoverReport[];
  /** Every handover of the run by its state, and how many `handovers` leaves out (0 when it lists them all). */
  handoverStatuses: { handedOver: number; incomplete: number; notListed: number };
  failures: HandoverFailure[];
  /** What the run read (changes since the last complete run, the whole book, or what was named) and its record. */
  run: SyncRunReport;
  apiCalls: ApiUsageSnapshot;
};

export type HandoverSyncRun = {
  dryRun: boolean;
  today: string;
  /** Opportunities read. */
  opportunities: number;
  plan: HandoverPlan;
  /** What the apply step did with each planned item (plannedOnly on a dry run). */
  outcome: ApplyOutcome;
  run: SyncRunReport;
  apiCalls: ApiUsageSnapshot;
};

export function handoverSyncResult({ dryRun, today, opportunities, plan, outcome, run, apiCalls }: HandoverSyncRun): HandoverSyncResult {
  return {
    dryRun,
    today,
    opportunities,
    initiatives: outcome.changes.counts('Initiative__c'),
    components: outcome.changes.counts('Solution_Component__c'),
    tasks: outcome.changes.counts('Task'),
    opportunityStatuses: outcome.changes.counts('Opportunity'),
    fees: outcome.changes.counts('Fee_At_Risk__c'),
    changes: outcome.changes.listed(),
    changesNotListed: outcome.changes.notListed(),
    handovers: handoverReports(plan, outcome),
    handoverStatuses: { ...plan.handoverCounts },
    failures: outcome.failures,
    run,
    apiCalls,
  };
}
