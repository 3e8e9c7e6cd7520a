import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { accountsNeedingCsm, idKey, planHandover } from '../../../core/plan/handover.js';
import { hasFeeTerms } from '../../../core/plan/handoverFees.js';
import { asOfOrUserToday } from '../../../org/userToday.js';
import { ApiUsage, type ApiUsageSnapshot } from '../../../org/apiUsage.js';
import type { OrgConnection } from '../../../org/connection.js';
import { failWith } from '../../../org/failWith.js';
import {
  applyHandover,
  CHANGES_LISTED,
  handoverReports,
  plannedOnly,
  type HandoverChange,
  type HandoverFailure,
  type HandoverReport,
  type WriteCounts,
} from '../../../org/handoverApply.js';
import { fetchAccountCsms, fetchExistingHandovers, fetchOpportunities, fetchUser } from '../../../org/queries/handover.js';
import { fetchFeesOfLines } from '../../../org/queries/fees.js';
import { handoverReadSelection } from '../../../org/queries/handoverChanges.js';
import { SyncSession, sumCounts, type SyncRunReport } from '../../../org/syncSession.js';
import { isoDateFlag, recordIdFlag, userFlag, bulkThresholdFlag, verboseFlag } from '../../../cli/flags.js';
import { printSummary } from '../../../cli/summary.js';
import { OutcomesCommand } from '../../../cli/command.js';

export { CHANGES_LISTED, type HandoverChange, type HandoverFailure, type HandoverReport, type WriteCounts };

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@outcomes/plugin-outcomes', 'outcomes.handover.sync');
const query = failWith(messages, 'error.QueryFailed');

/** Rows of the change table shown to people. */
const TABLE_ROWS_SHOWN = 100;

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
  handovers: HandoverReport[];
  failures: HandoverFailure[];
  /** What the run read (changes since the last complete run, the whole book, or what was named) and its record. */
  run: SyncRunReport;
  apiCalls: ApiUsageSnapshot;
};

export default class HandoverSync extends OutcomesCommand<HandoverSyncResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    since: isoDateFlag({
      summary: messages.getMessage('flags.since.summary'),
      description: messages.getMessage('flags.since.description'),
      exclusive: ['opportunity', 'full'],
    }),
    opportunity: recordIdFlag({
      object: 'Opportunity',
      startsWith: '006',
      multiple: true,
      summary: messages.getMessage('flags.opportunity.summary'),
      description: messages.getMessage('flags.opportunity.description'),
      exclusive: ['since', 'full'],
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
    'default-csm': userFlag({
      summary: messages.getMessage('flags.default-csm.summary'),
      description: messages.getMessage('flags.default-csm.description'),
    }),
    'dry-run': Flags.boolean({
      default: false,
      summary: messages.getMessage('flags.dry-run.summary'),
      description: messages.getMessage('flags.dry-run.description'),
    }),
    'bulk-threshold': bulkThresholdFlag,
    verbose: verboseFlag,
  };

  public async run(): Promise<HandoverSyncResult> {
    const { flags } = await this.parse(HandoverSync);
    const { since, opportunity: opportunityIds } = flags;
    const defaultCsmFlag = flags['default-csm'];
    const startedAt = new Date();
    const dryRun = flags['dry-run'];
    const usage = new ApiUsage();
    const conn = flags['target-org'].getConnection(flags['api-version']);
    // The org user's date, not the machine's: Salesforce dates and validates in the user's time zone.
    const today = await asOfOrUserToday(conn, usage, flags['as-of']);

    // Fetch: the last complete run (this run recorded), what changed since, the default CSM, won opportunities with
    // their lines, their initiatives with review tasks, account teams.
    this.spinner.start(messages.getMessage('spinner.fetch'));
    const named = since ? `opportunities closed since ${since}` : opportunityIds ? 'the named opportunities' : null;
    // A default CSM fills initiatives that changed nothing: runs with another one read changes from their own mark.
    const settings = defaultCsmFlag ? `default CSM ${defaultCsmFlag}` : null;
    const run = await query(SyncSession.start(conn, usage, { command: 'handover sync', today, dryRun, full: flags.full, named, settings }));
    this.syncRun = run;
    const { selection, changesOnly } = await query(handoverReadSelection(conn, run.selection, { since, opportunityIds }, usage));
    const defaultCsmId = defaultCsmFlag ? await resolveDefaultCsm(conn, defaultCsmFlag, usage) : null;
    const read = await query(fetchOpportunities(conn, selection, usage));
    const opportunities = changesOnly ? read.filter((o) => o.isWon) : read;
    const fetchedKeys = new Set(opportunities.map((o) => idKey(o.id)));
    const missingOpportunityIds = (opportunityIds ?? []).filter((id) => !fetchedKeys.has(idKey(id)));
    const wonIds = opportunities.filter((o) => o.isWon).map((o) => o.id);
    const { initiatives, tasks } = await query(fetchExistingHandovers(conn, selection, wonIds, usage));
    const csmAccounts = accountsNeedingCsm(opportunities, initiatives);
    const team = csmAccounts.length > 0 ? await query(fetchAccountCsms(conn, csmAccounts, usage, selection)) : null;
    const feeLineIds = opportunities.flatMap((o) => o.lines.filter((l) => hasFeeTerms(l.fee)).map((l) => l.id));
    const existingFees = feeLineIds.length > 0 ? await query(fetchFeesOfLines(conn, feeLineIds, usage)) : [];
    this.spinner.stop();
    // What this run read: changes since the last complete run, the whole book, or what was named.
    this.log(`${run.selection.reason}.`);
    if (team && !team.accountTeams) this.warn(messages.getMessage('warn.accountTeamsOff'));
    else if (team?.csmRoleMissing) this.warn(messages.getMessage('warn.csmRoleMissing'));

    // Plan.
    const plan = planHandover({
      opportunities,
      missingOpportunityIds,
      initiatives,
      tasks,
      accountCsms: team?.csms ?? new Map<string, string>(),
      accountTeams: team?.accountTeams,
      defaultCsmId,
      today,
      existingFees,
    });

    // Apply.
    const progress = this.spinnerProgress((count, label) => messages.getMessage('spinner.write', [count, label]));
    const outcome = dryRun ? plannedOnly(plan) : await applyHandover(conn, plan, { usage, startedAt, progress, bulkThreshold: flags['bulk-threshold'] });
    const objects = ['Initiative__c', 'Solution_Component__c', 'Task', 'Opportunity'] as const;
    await query(run.finish(sumCounts(objects.map((o) => outcome.changes.counts(o))), outcome.failures.length > 0 ? [`${outcome.failures.length} record(s) refused`] : []));

    // Report.
    const result: HandoverSyncResult = {
      dryRun,
      today,
      opportunities: opportunities.length,
      initiatives: outcome.changes.counts('Initiative__c'),
      components: outcome.changes.counts('Solution_Component__c'),
      tasks: outcome.changes.counts('Task'),
      opportunityStatuses: outcome.changes.counts('Opportunity'),
      fees: outcome.changes.counts('Fee_At_Risk__c'),
      changes: outcome.changes.listed(),
      changesNotListed: outcome.changes.notListed(),
      handovers: handoverReports(plan, outcome),
      failures: outcome.failures,
      run: run.report(),
      apiCalls: usage.snapshot(),
    };
    this.report(result, flags.verbose);
    this.exitFor(result.failures.length);
    return result;
  }

  private report(result: HandoverSyncResult, verbose: boolean): void {
    if (verbose) this.changeTables(result);
    const label = (name: string, id: string | null): string => (id ? `${name} (${id})` : name);
    const feeCounts = result.fees;
    const anyFees = feeCounts.created + feeCounts.updated + feeCounts.skipped + feeCounts.failed > 0;
    printSummary(this, verbose, {
      dryRun: result.dryRun,
      counts: [
        { object: 'Initiative__c', ...result.initiatives },
        { object: 'Solution_Component__c', ...result.components },
        { object: 'Task', ...result.tasks },
        { object: 'Opportunity', ...result.opportunityStatuses },
        ...(anyFees ? [{ object: 'Fee_At_Risk__c', ...result.fees }] : []),
      ],
      failures: result.failures.map((f) => ({ record: `${f.object} ${label(f.name, f.recordId)}`, why: f.error })),
      needsPerson: [
        { title: messages.getMessage('summary.gaps'), items: result.handovers.flatMap((h) => h.gaps.map((g) => ({ record: h.initiativeName, why: g.message }))) },
        {
          title: messages.getMessage('summary.undated'),
          items: result.handovers.flatMap((h) => h.undatedLines.map((l) => ({ record: `${h.initiativeName} › ${label(l.name, l.lineItemId)}`, why: l.reason }))),
        },
        {
          // Fee terms on a line that handover could not carry over: sales has to complete or correct them.
          title: messages.getMessage('summary.feeTerms'),
          items: result.changes.filter((c) => c.object === 'Fee_At_Risk__c' && c.action === 'skip' && c.fields.length === 0 && c.reason.startsWith('Line ')).map((c) => ({ record: c.name, why: c.reason })),
        },
      ],
    });
    if (result.dryRun) this.log(messages.getMessage('info.dryRun'));
    const complete = result.handovers.filter((h) => h.status === 'Handed Over').length;
    this.logSuccess(
      messages.getMessage(result.dryRun ? 'success.dryRun' : 'success', [
        result.opportunities,
        result.initiatives.created,
        result.initiatives.updated,
        result.components.created,
        result.components.updated,
        result.tasks.created,
        complete,
        result.handovers.length - complete,
        result.failures.length,
        result.apiCalls.total,
      ]),
    );
  }

  /** --verbose: every planned item with its action, result and reason. */
  private changeTables(result: HandoverSyncResult): void {
    const rows = result.changes.slice(0, TABLE_ROWS_SHOWN).map((c) => ({
      object: c.object,
      record: c.recordId ? `${c.name} (${c.recordId})` : c.name,
      action: messages.getMessage(`action.${c.action}`),
      result: messages.getMessage(`result.${c.result}`),
      reason: c.reason,
    }));
    if (rows.length > 0) {
      this.table({
        title: messages.getMessage('table.changes.title'),
        data: rows,
        columns: (['object', 'record', 'action', 'result', 'reason'] as const).map((key) => ({ key, name: messages.getMessage(`table.${key}`) })),
      });
      const planned = [result.initiatives, result.components, result.tasks, result.opportunityStatuses, result.fees].reduce((sum, c) => sum + c.created + c.updated + c.skipped + c.failed, 0);
      if (planned > TABLE_ROWS_SHOWN) this.log(messages.getMessage('info.moreRows', [planned - TABLE_ROWS_SHOWN, CHANGES_LISTED]));
    }
  }
}

/** The default CSM by username or Id: it must be an active user. */
async function resolveDefaultCsm(conn: OrgConnection, usernameOrId: string, usage: ApiUsage): Promise<string> {
  const user = await query(fetchUser(conn, usernameOrId, usage));
  if (!user) throw messages.createError('error.DefaultCsmNotFound', [usernameOrId]);
  if (!user.isActive) throw messages.createError('error.DefaultCsmInactive', [user.username || usernameOrId]);
  return user.id;
}
