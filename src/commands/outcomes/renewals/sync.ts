import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { bulkThresholdFlag, isoDateFlag, verboseFlag } from '../../../cli/flags.js';
import { printSummary } from '../../../cli/summary.js';
import { planRenewals } from '../../../core/plan/renewals.js';
import { asOfOrUserToday } from '../../../org/userToday.js';
import { ApiUsage, type ApiUsageSnapshot } from '../../../org/apiUsage.js';
import { failWith } from '../../../org/failWith.js';
import { fetchLineRenewalInputs, fetchRenewalsToRead } from '../../../org/queries/renewals.js';
import { SyncSession, type SyncRunReport } from '../../../org/syncSession.js';
import { applyRenewals, type RenewalFailure, type RenewalObject } from '../../../org/renewalsApply.js';
import { isSalesforceId } from '../../../org/soql.js';
import { OutcomesCommand } from '../../../cli/command.js';

export type { RenewalFailure };

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@outcomes/plugin-outcomes', 'outcomes.renewals.sync');
const query = failWith(messages, 'error.QueryFailed');

/** Rows of the change table shown to people. */
const TABLE_ROWS_SHOWN = 100;
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

export default class RenewalsSync extends OutcomesCommand<RenewalsSyncResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    'dry-run': Flags.boolean({
      default: false,
      summary: messages.getMessage('flags.dry-run.summary'),
      description: messages.getMessage('flags.dry-run.description'),
    }),
    'as-of': isoDateFlag({
      summary: messages.getMessage('flags.as-of.summary'),
      description: messages.getMessage('flags.as-of.description'),
    }),
    full: Flags.boolean({
      default: false,
      summary: messages.getMessage('flags.full.summary'),
      description: messages.getMessage('flags.full.description'),
    }),
    'bulk-threshold': bulkThresholdFlag,
    verbose: verboseFlag,
  };

  public async run(): Promise<RenewalsSyncResult> {
    const { flags } = await this.parse(RenewalsSync);
    const dryRun = flags['dry-run'];
    const usage = new ApiUsage();
    const conn = flags['target-org'].getConnection(flags['api-version']);
    const today = await asOfOrUserToday(conn, usage, flags['as-of']);

    // Fetch: the last complete run (this run recorded), initiatives with their renewable components (all, or those
    // that changed since), then the line items those came from.
    this.spinner.start(messages.getMessage('spinner.fetch'));
    const run = await query(SyncSession.start(conn, usage, { command: 'renewals sync', today, dryRun, full: flags.full, named: null }));
    this.syncRun = run;
    const initiatives = await query(fetchRenewalsToRead(conn, run.selection, usage));
    const components = initiatives.flatMap((i) => i.components);
    const lineIds = components.map((c) => c.Source_Line_Item_Id__c).filter((id): id is string => id !== null && isSalesforceId(id));
    const lines = lineIds.length > 0 ? await query(fetchLineRenewalInputs(conn, lineIds, usage)) : new Map();
    this.spinner.stop();
    // What this run read: changes since the last complete run, the whole book, or what was named.
    this.log(`${run.selection.reason}.`);

    // Plan.
    const plan = planRenewals({ initiatives, lines, today });

    // Apply.
    const progress = this.spinnerProgress((count, label) => messages.getMessage('spinner.write', [count, label]));
    const failures = dryRun ? [] : await applyRenewals(conn, plan, { usage, progress, bulkThreshold: flags['bulk-threshold'] });
    const updated = plan.changes.length - failures.length;
    const skipped = plan.unchanged.components + plan.unchanged.initiatives;
    await query(run.finish({ created: 0, updated, skipped, failed: failures.length }, failures.length > 0 ? [`${failures.length} record(s) refused`] : []));

    // Report.
    const failed = new Set(failures.map((f) => f.recordId));
    const changes: RenewalChange[] = plan.changes.map((c) => ({
      ...c,
      result: dryRun ? 'planned' : failed.has(c.recordId) ? 'failed' : 'done',
    }));
    const written = (object: RenewalChange['object']): number => changes.filter((c) => c.object === object && c.result !== 'failed').length;
    const result: RenewalsSyncResult = {
      dryRun,
      today,
      initiatives: initiatives.length,
      components: components.length,
      componentsUpdated: written('Solution_Component__c'),
      initiativesUpdated: written('Initiative__c'),
      unchanged: { ...plan.unchanged },
      changes: changes.slice(0, CHANGES_LISTED),
      changesNotListed: Math.max(0, changes.length - CHANGES_LISTED),
      undated: plan.undated.map((u) => ({ ...u })),
      failures,
      run: run.report(),
      apiCalls: usage.snapshot(),
    };
    this.report(result, flags.verbose);
    this.exitFor(result.failures.length);
    return result;
  }

  private report(result: RenewalsSyncResult, verbose: boolean): void {
    if (verbose && result.changes.length > 0) {
      this.table({
        title: messages.getMessage('table.changes.title'),
        data: result.changes.slice(0, TABLE_ROWS_SHOWN).map((c) => ({
          record: c.object === 'Initiative__c' ? c.name : `${c.initiativeName} › ${c.name}`,
          field: c.field,
          change: `${c.from ?? '—'} → ${c.to}`,
          reason: c.reason,
        })),
        columns: (['record', 'field', 'change', 'reason'] as const).map((key) => ({ key, name: messages.getMessage(`table.${key}`) })),
      });
      const planned = result.componentsUpdated + result.initiativesUpdated + result.failures.length;
      if (planned > TABLE_ROWS_SHOWN) this.log(messages.getMessage('info.moreRows', [planned - TABLE_ROWS_SHOWN, CHANGES_LISTED]));
    }
    const failed = (object: RenewalChange['object']): number => result.failures.filter((f) => f.object === object).length;
    printSummary(this, verbose, {
      dryRun: result.dryRun,
      counts: [
        { object: 'Solution_Component__c', updated: result.componentsUpdated, unchanged: result.unchanged.components, failed: failed('Solution_Component__c') },
        { object: 'Initiative__c', updated: result.initiativesUpdated, unchanged: result.unchanged.initiatives, failed: failed('Initiative__c') },
      ],
      failures: result.failures.map((f) => ({ record: `${f.object} ${f.name} (${f.recordId})`, why: f.error })),
      needsPerson: [
        {
          title: messages.getMessage('table.undated.title'),
          items: result.undated.map((u) => ({ record: `${u.initiativeName} › ${u.name} (${u.componentId})`, why: u.reason })),
        },
      ],
    });
    if (result.dryRun) this.log(messages.getMessage('info.dryRun'));
    this.logSuccess(
      messages.getMessage(result.dryRun ? 'success.dryRun' : 'success', [
        result.components,
        result.initiatives,
        result.componentsUpdated,
        result.initiativesUpdated,
        result.unchanged.components + result.unchanged.initiatives,
        result.undated.length,
        result.failures.length,
        result.apiCalls.total,
      ]),
    );
  }
}


