import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { RecomputePlanner } from '../../core/plan/recompute.js';
import { DEFAULT_AT_RISK_THRESHOLD_PERCENT } from '../../core/trajectory.js';
import { asOfOrUserToday } from '../../org/userToday.js';
import { ApiUsage } from '../../org/apiUsage.js';
import { failWith } from '../../org/failWith.js';
import { fetchInitiatives, forEachOutcomeWithMeasurements, initiativesToRecompute } from '../../org/queries/outcomes.js';
import { SyncSession } from '../../org/syncSession.js';
import { fetchFeesForRecompute } from '../../org/queries/fees.js';
import { applyRecompute } from '../../org/recomputeApply.js';
import { isoDateFlag, recordIdFlag, bulkThresholdFlag, verboseFlag } from '../../cli/flags.js';
import { assertInitiativesFound } from '../../cli/namedInitiatives.js';
import { printRecompute } from '../../cli/recomputeOutput.js';
import { CHANGES_LISTED, recomputeResult, type RecomputeResult } from '../../cli/recomputeResult.js';
import { OutcomesCommand } from '../../cli/command.js';

export type { RecomputeFailure } from '../../org/recomputeApply.js';
export type { RecomputedFee, RecomputedInitiative, RecomputedOutcome, RecomputeResult } from '../../cli/recomputeResult.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@outcomes/plugin-outcomes', 'outcomes.recompute');
const query = failWith(messages, 'error.QueryFailed');

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

    // Fetch and plan: the last complete run (this run recorded), the initiatives (all, named, or changed since) and
    // the fees at risk on their outcomes; then their outcomes with every measurement (a child subquery), page by
    // page, each outcome assessed as it arrives and only its changes kept (with its reason while the result lists it).
    this.spinner.start(messages.getMessage('spinner.fetch'));
    const named = initiativeIds ? 'the named initiatives' : null;
    const settings = `at-risk threshold ${atRiskThresholdPercent}`;
    const run = await query(SyncSession.start(conn, usage, { command: 'recompute', today: asOf, dryRun: flags['dry-run'], full: flags.full, named, settings }));
    this.syncRun = run;
    const selected = await query(initiativesToRecompute(conn, run.selection, initiativeIds, usage));
    const initiatives = await query(fetchInitiatives(conn, selected, usage));
    assertInitiativesFound(initiativeIds, initiatives.map((i) => i.Id));
    const fees = await query(fetchFeesForRecompute(conn, selected, usage));
    const planner = new RecomputePlanner(initiatives, { asOf, atRiskThresholdPercent, grouped: true, reasonsKept: CHANGES_LISTED }, fees);
    const outcomesRead = await query(forEachOutcomeWithMeasurements(conn, selected, usage, (outcome) => planner.add(outcome)));
    const plan = planner.finish();
    this.spinner.stop();
    // What this run read: changes since the last complete run, the whole book, or what was named.
    this.log(`${run.selection.reason}.`);

    // Apply.
    const writes = plan.outcomeUpdates.length + plan.healthUpdates.length + plan.feeUpdates.length;
    if (!flags['dry-run'] && writes > 0) this.spinner.start(messages.getMessage('spinner.write', [plan.outcomeUpdates.length, plan.healthUpdates.length]));
    const failures = flags['dry-run'] ? [] : await applyRecompute(conn, plan, usage, flags['bulk-threshold']);
    const written = plan.outcomeUpdates.length + plan.healthUpdates.length - failures.length;
    const unchanged = plan.outcomesUnchanged + plan.initiativesUnchanged;
    await query(run.finish({ created: 0, updated: written, skipped: unchanged, failed: failures.length }, failures.length > 0 ? [`${failures.length} record(s) refused`] : []));
    this.spinner.stop();

    // Report.
    const result = recomputeResult({
      asOf,
      atRiskThresholdPercent,
      dryRun: flags['dry-run'],
      read: { outcomes: outcomesRead, initiatives: initiatives.length, fees: fees.length },
      plan,
      failures,
      run: run.report(),
      apiCalls: usage.snapshot(),
    });
    printRecompute(this, result, flags.verbose);
    this.exitFor(result.failures.length);
    return result;
  }
}
