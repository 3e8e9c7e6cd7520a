import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import type { FeeStatus, OutcomeHealth, OutcomeStatus } from '../../core/model.js';
import { planRecompute } from '../../core/plan/recompute.js';
import { DEFAULT_AT_RISK_THRESHOLD_PERCENT } from '../../core/trajectory.js';
import { asOfOrUserToday } from '../../org/userToday.js';
import { ApiUsage, type ApiUsageSnapshot } from '../../org/apiUsage.js';
import { failWith } from '../../org/failWith.js';
import { fetchInitiatives, fetchOutcomesWithMeasurements, initiativesToRecompute } from '../../org/queries/outcomes.js';
import { SyncSession, type SyncRunReport } from '../../org/syncSession.js';
import { fetchFeesForRecompute } from '../../org/queries/fees.js';
import { applyRecompute, type RecomputeFailure } from '../../org/recomputeApply.js';
import { isoDateFlag, recordIdFlag, bulkThresholdFlag, verboseFlag } from '../../cli/flags.js';
import { printSummary, type ObjectCounts } from '../../cli/summary.js';
import { OutcomesCommand } from '../../cli/command.js';

export type { RecomputeFailure };

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@outcomes/plugin-outcomes', 'outcomes.recompute');
const query = failWith(messages, 'error.QueryFailed');

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

export default class Recompute extends OutcomesCommand<RecomputeResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    initiative: recordIdFlag({
      object: 'Initiative__c',
      char: 'i',
      multiple: true,
      summary: messages.getMessage('flags.initiative.summary'),
      description: messages.getMessage('flags.initiative.description'),
      exclusive: ['full'],
    }),
    full: Flags.boolean({
      default: false,
      summary: messages.getMessage('flags.full.summary'),
      description: messages.getMessage('flags.full.description'),
      exclusive: ['initiative'],
    }),
    'as-of': isoDateFlag({
      summary: messages.getMessage('flags.as-of.summary'),
      description: messages.getMessage('flags.as-of.description'),
    }),
    'at-risk-threshold': Flags.integer({
      min: 0,
      max: 100,
      default: DEFAULT_AT_RISK_THRESHOLD_PERCENT,
      summary: messages.getMessage('flags.at-risk-threshold.summary'),
      description: messages.getMessage('flags.at-risk-threshold.description'),
    }),
    'dry-run': Flags.boolean({
      default: false,
      summary: messages.getMessage('flags.dry-run.summary'),
      description: messages.getMessage('flags.dry-run.description'),
    }),
    'bulk-threshold': bulkThresholdFlag,
    verbose: verboseFlag,
  };

  public async run(): Promise<RecomputeResult> {
    const { flags } = await this.parse(Recompute);
    const initiativeIds = flags.initiative;
    const atRiskThresholdPercent = flags['at-risk-threshold'];
    const usage = new ApiUsage();
    const conn = flags['target-org'].getConnection(flags['api-version']);
    const asOf = await asOfOrUserToday(conn, usage, flags['as-of']);

    // Fetch: the last complete run (this run recorded), the initiatives (all, named, or changed since), then their
    // outcomes with every measurement (a child subquery, paged by fetchAll).
    this.spinner.start(messages.getMessage('spinner.fetch'));
    const named = initiativeIds ? 'the named initiatives' : null;
    const settings = `at-risk threshold ${atRiskThresholdPercent}`;
    const run = await query(SyncSession.start(conn, usage, { command: 'recompute', today: asOf, dryRun: flags['dry-run'], full: flags.full, named, settings }));
    this.syncRun = run;
    const selected = await query(initiativesToRecompute(conn, run.selection, initiativeIds, usage));
    const initiatives = await query(fetchInitiatives(conn, selected, usage));
    assertAllFound(initiativeIds, initiatives.map((i) => i.Id));
    const outcomes = await query(fetchOutcomesWithMeasurements(conn, selected, usage));
    const fees = await query(fetchFeesForRecompute(conn, selected, usage));
    this.spinner.stop();
    // What this run read: changes since the last complete run, the whole book, or what was named.
    this.log(`${run.selection.reason}.`);

    // Plan.
    const plan = planRecompute(outcomes, initiatives, { asOf, atRiskThresholdPercent }, fees);

    // Apply.
    const writes = plan.outcomeUpdates.length + plan.healthUpdates.length + plan.feeUpdates.length;
    if (!flags['dry-run'] && writes > 0) this.spinner.start(messages.getMessage('spinner.write', [plan.outcomeUpdates.length, plan.healthUpdates.length]));
    const failures = flags['dry-run'] ? [] : await applyRecompute(conn, plan, usage, flags['bulk-threshold']);
    const written = plan.outcomeUpdates.length + plan.healthUpdates.length - failures.length;
    const unchanged = plan.outcomesUnchanged + plan.initiativesUnchanged;
    await query(run.finish({ created: 0, updated: written, skipped: unchanged, failed: failures.length }, failures.length > 0 ? [`${failures.length} record(s) refused`] : []));
    this.spinner.stop();

    // Report.
    const failed = new Set(failures.map((f) => f.id));
    const result: RecomputeResult = {
      asOf,
      atRiskThresholdPercent,
      dryRun: flags['dry-run'],
      outcomes: {
        checked: outcomes.length,
        toUpdate: plan.outcomeUpdates.length,
        updated: flags['dry-run'] ? 0 : plan.outcomeUpdates.filter((u) => !failed.has(u.id)).length,
        unchanged: plan.outcomesUnchanged,
      },
      initiatives: {
        checked: initiatives.length,
        toUpdate: plan.healthUpdates.length,
        updated: flags['dry-run'] ? 0 : plan.healthUpdates.filter((u) => !failed.has(u.id)).length,
        unchanged: plan.initiativesUnchanged,
      },
      fees: {
        checked: fees.length - plan.feesSkipped,
        toUpdate: plan.feeUpdates.length,
        updated: flags['dry-run'] ? 0 : plan.feeUpdates.filter((u) => !failed.has(u.id)).length,
        unchanged: plan.feesUnchanged,
      },
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
      run: run.report(),
      apiCalls: usage.snapshot(),
    };
    this.report(result, flags.verbose);
    this.exitFor(result.failures.length);
    return result;
  }

  private report(result: RecomputeResult, verbose: boolean): void {
    if (verbose) this.changeTables(result);
    const counts = (object: string, c: RecomputeResult['outcomes']): ObjectCounts => {
      const failed = result.failures.filter((f) => f.sobject === object).length;
      return { object, updated: result.dryRun ? c.toUpdate : c.updated, unchanged: c.unchanged, failed };
    };
    printSummary(this, verbose, {
      dryRun: result.dryRun,
      counts: [
        counts('Outcome_Requirement__c', result.outcomes),
        counts('Initiative__c', result.initiatives),
        ...(result.fees.checked > 0 ? [counts('Fee_At_Risk__c', result.fees)] : []),
      ],
      failures: result.failures.map((f) => ({ record: `${f.sobject} ${f.name ?? f.id}`, why: f.error })),
      needsPerson: [],
    });
    if (result.dryRun) this.log(messages.getMessage('info.dryRun'));
    this.logSuccess(
      messages.getMessage('success', [
        result.outcomes.checked,
        result.initiatives.checked,
        result.asOf,
        result.dryRun ? result.outcomes.toUpdate : result.outcomes.updated,
        result.dryRun ? result.initiatives.toUpdate : result.initiatives.updated,
        messages.getMessage(result.dryRun ? 'success.toUpdate' : 'success.updated'),
        result.outcomes.unchanged + result.initiatives.unchanged,
        result.apiCalls.total,
      ]),
    );
  }

  /** --verbose: every outcome, initiative and fee at risk that changes, with the reason. */
  private changeTables(result: RecomputeResult): void {
    const arrow = (from: string | null, to: string): string => (from === to ? to : `${from ?? '—'} → ${to}`);
    if (result.changedOutcomes.length > 0) {
      this.table({
        title: messages.getMessage('table.outcomes.title', [result.asOf]),
        data: result.changedOutcomes.map((o) => ({
          outcome: o.name ?? o.id,
          status: arrow(o.oldStatus, o.newStatus),
          changed: Object.keys(o.changes).join(', '),
          reason: o.reason,
        })),
        columns: (['outcome', 'status', 'changed', 'reason'] as const).map((key) => ({ key, name: messages.getMessage(`table.${key}`) })),
      });
    }
    if (result.changedInitiatives.length > 0) {
      this.table({
        title: messages.getMessage('table.health.title'),
        data: result.changedInitiatives.map((i) => ({ initiative: i.name ?? i.id, health: arrow(i.oldHealth, i.newHealth), reason: i.reason })),
        columns: (['initiative', 'health', 'reason'] as const).map((key) => ({ key, name: messages.getMessage(`table.${key}`) })),
      });
    }
    if (result.changedFees.length > 0) {
      this.table({
        title: messages.getMessage('table.fees.title'),
        data: result.changedFees.map((f) => ({ fee: f.name ?? f.id, status: arrow(f.oldStatus, f.newStatus), reason: f.reason })),
        columns: (['fee', 'status', 'reason'] as const).map((key) => ({ key, name: messages.getMessage(`table.${key}`) })),
      });
    }
  }
}

/** Every Id given with --initiative must name an initiative: a typo should not pass as "nothing to do". */
function assertAllFound(requested: readonly string[] | undefined, found: readonly string[]): void {
  const known = new Set(found.flatMap((id) => [id, id.slice(0, 15)]));
  const missing = (requested ?? []).filter((id) => !known.has(id));
  if (missing.length > 0) throw messages.createError('error.InitiativeNotFound', [missing.join(', ')]);
}


