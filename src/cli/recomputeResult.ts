/**
 * The --json result of `sf outcomes recompute`, assembled from the plan and what the org refused: the counts per
 * object, the changes with their reasons (up to CHANGES_LISTED of each object), and every failure.
 * scripts/contracts reads this type (through the command's run()) to write schemas/outcomes-recompute.json.
 */
import type { FeeStatus, OutcomeHealth, OutcomeStatus } from '../core/model.js';
import type { RecomputePlan } from '../core/plan/recompute.js';
import type { ApiUsageSnapshot } from '../org/apiUsage.js';
import type { RecomputeFailure } from '../org/recomputeApply.js';
import type { SyncRunReport } from '../org/syncSession.js';

/**
 * Changes of each object (outcomes, initiatives, fees) the result lists, so that a run that changes a whole book of
 * 100,000 initiatives still prints a --json document of bounded size. The counts cover every change, and `failures`
 * names every record not written.
 */
export const CHANGES_LISTED = 1000;

export type RecomputedOutcome = {
  id: string;
  name: string | null;
  initiativeId: string;
  oldStatus: OutcomeStatus | null;
  newStatus: OutcomeStatus;
  /** The fields written (or, on a dry run, to write), with their new values; null clears a value that no longer holds. */
  changes: Record<string, number | string | null>;
  reason: string;
};

export type RecomputedInitiative = {
  id: string;
  name: string | null;
  oldHealth: OutcomeHealth | null;
  newHealth: OutcomeHealth;
  reason: string;
};

export type RecomputedFee = {
  id: string;
  name: string | null;
  outcomeId: string;
  oldStatus: FeeStatus | null;
  newStatus: FeeStatus;
  /** The fee fields written (or, on a dry run, to write), with their new values. */
  changes: Record<string, number | string | null>;
  reason: string;
};

export type RecomputeResult = {
  asOf: string;
  atRiskThresholdPercent: number;
  dryRun: boolean;
  outcomes: {
    checked: number;
    /** Outcomes with at least one computed field to change. */
    toUpdate: number;
    /** Written successfully (0 on a dry run). */
    updated: number;
    unchanged: number;
  };
  initiatives: { checked: number; toUpdate: number; updated: number; unchanged: number };
  /** Fees at risk of the outcomes recomputed: earned, forecast to earn, forfeited and status. */
  fees: { checked: number; toUpdate: number; updated: number; unchanged: number };
  /** The first CHANGES_LISTED changed outcomes in the order read (by initiative); `outcomes.toUpdate` counts them all. */
  changedOutcomes: RecomputedOutcome[];
  /** The first CHANGES_LISTED initiatives whose health changes; `initiatives.toUpdate` counts them all. */
  changedInitiatives: RecomputedInitiative[];
  /** The first CHANGES_LISTED changed fees; `fees.toUpdate` counts them all. */
  changedFees: RecomputedFee[];
  /** Changes left out of the three lists above (0 when they list them all). */
  changesNotListed: number;
  failures: RecomputeFailure[];
  /** What the run read (changes since the last complete run, every initiative, or the named ones) and its record. */
  run: SyncRunReport;
  apiCalls: ApiUsageSnapshot;
};

export type RecomputeRun = {
  asOf: string;
  atRiskThresholdPercent: number;
  dryRun: boolean;
  /** Records read: the fees include those the plan skipped (not counted as checked). */
  read: { outcomes: number; initiatives: number; fees: number };
  plan: RecomputePlan;
  /** What the org refused (none on a dry run). */
  failures: RecomputeFailure[];
  run: SyncRunReport;
  apiCalls: ApiUsageSnapshot;
};

export function recomputeResult({ asOf, atRiskThresholdPercent, dryRun, read, plan, failures, run, apiCalls }: RecomputeRun): RecomputeResult {
  const failed = new Set(failures.map((f) => f.id));
  const written = (updates: ReadonlyArray<{ id: string }>): number => (dryRun ? 0 : updates.filter((u) => !failed.has(u.id)).length);
  return {
    asOf,
    atRiskThresholdPercent,
    dryRun,
    outcomes: { checked: read.outcomes, toUpdate: plan.outcomeUpdates.length, updated: written(plan.outcomeUpdates), unchanged: plan.outcomesUnchanged },
    initiatives: { checked: read.initiatives, toUpdate: plan.healthUpdates.length, updated: written(plan.healthUpdates), unchanged: plan.initiativesUnchanged },
    fees: { checked: read.fees - plan.feesSkipped, toUpdate: plan.feeUpdates.length, updated: written(plan.feeUpdates), unchanged: plan.feesUnchanged },
    changedOutcomes: plan.outcomeUpdates.slice(0, CHANGES_LISTED).map((u) => ({
      id: u.id,
      name: u.name,
      initiativeId: u.initiativeId,
      oldStatus: u.oldStatus,
      newStatus: u.newStatus,
      changes: { ...u.fields } as Record<string, number | string | null>,
      reason: u.reason,
    })),
    changedInitiatives: plan.healthUpdates.slice(0, CHANGES_LISTED).map((u) => ({ ...u })),
    changedFees: plan.feeUpdates.slice(0, CHANGES_LISTED).map(({ fields, ...u }) => ({ ...u, changes: { ...fields } })),
    changesNotListed: [plan.outcomeUpdates, plan.healthUpdates, plan.feeUpdates].reduce((sum, list) => sum + Math.max(0, list.length - CHANGES_LISTED), 0),
    failures,
    run,
    apiCalls,
  };
}
