/**
 * The --json result of `sf outcomes recompute`, assembled from the plan and what the org refused: the counts per
 * object, every change with its reason, and the failures. scripts/contracts reads this type (through the command's
 * run()) to write schemas/outcomes-recompute.json.
 */
import type { FeeStatus, OutcomeHealth, OutcomeStatus } from '../core/model.js';
import type { RecomputePlan } from '../core/plan/recompute.js';
import type { ApiUsageSnapshot } from '../org/apiUsage.js';
import type { RecomputeFailure } from '../org/recomputeApply.js';
import type { SyncRunReport } from '../org/syncSession.js';

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
  changedOutcomes: RecomputedOutcome[];
  changedInitiatives: RecomputedInitiative[];
  changedFees: RecomputedFee[];
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
    changedOutcomes: plan.outcomeUpdates.map((u) => ({
      id: u.id,
      name: u.name,
      initiativeId: u.initiativeId,
      oldStatus: u.oldStatus,
      newStatus: u.newStatus,
      changes: { ...u.fields } as Record<string, number | string | null>,
      reason: u.reason,
    })),
    changedInitiatives: plan.healthUpdates.map((u) => ({ ...u })),
    changedFees: plan.feeUpdates.map(({ fields, ...u }) => ({ ...u, changes: { ...fields } })),
    failures,
    run,
    apiCalls,
  };
}
