import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { asOfOrUserToday } from '../../../org/userToday.js';
import { ApiUsage } from '../../../org/apiUsage.js';
import { failWith } from '../../../org/failWith.js';
import { applyHandover, closeWrites, plannedOnly } from '../../../org/handoverApply.js';
import { resolveDefaultCsm } from '../../../org/defaultCsm.js';
import { planHandoverBook, readHandoverBook } from '../../../org/handoverBook.js';
import { handoverReadSelection } from '../../../org/queries/handoverChanges.js';
import { SyncSession, sumCounts } from '../../../org/syncSession.js';
import { isoDateFlag, recordIdFlag, userFlag, bulkThresholdFlag, verboseFlag } from '../../../cli/flags.js';
import { printHandoverSync } from '../../../cli/handoverSyncOutput.js';
import { handoverSyncResult, type HandoverSyncResult } from '../../../cli/handoverSyncResult.js';
import { OutcomesCommand } from '../../../cli/command.js';

export { CHANGES_LISTED, type HandoverChange, type HandoverFailure, type HandoverReport, type WriteCounts } from '../../../org/handoverApply.js';
export type { HandoverSyncResult } from '../../../cli/handoverSyncResult.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@outcomes/plugin-outcomes', 'outcomes.handover.sync');
const query = failWith(messages, 'error.QueryFailed');

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
    const book = await query(readHandoverBook(conn, selection, { changesOnly }, usage));
    this.spinner.stop();
    // What this run read: changes since the last complete run, the whole book, or what was named.
    this.log(`${run.selection.reason}.`);
    const { team } = book;
    if (team && !team.accountTeams) this.warn(messages.getMessage('warn.accountTeamsOff'));
    else if (team?.csmRoleMissing) this.warn(messages.getMessage('warn.csmRoleMissing'));

    // Plan, a page of opportunities at a time (at scale the opportunities and the planned writes wait on disk).
    const accountCsms = team?.csms ?? new Map<string, string>();
    const { plan, writes } = await planHandoverBook(book, { accountCsms, accountTeams: team?.accountTeams, defaultCsmId, today });

    // Apply.
    const progress = this.spinnerProgress((count, label) => messages.getMessage('spinner.write', [count, label]));
    const bulkThreshold = flags['bulk-threshold'];
    let outcome;
    try {
      outcome = dryRun ? await plannedOnly(plan, writes) : await applyHandover(conn, plan, writes, { usage, startedAt, progress, bulkThreshold });
    } finally {
      await closeWrites(writes);
    }
    const objects = ['Initiative__c', 'Solution_Component__c', 'Task', 'Opportunity'] as const;
    await query(run.finish(sumCounts(objects.map((o) => outcome.changes.counts(o))), outcome.failures.length > 0 ? [`${outcome.failures.length} record(s) refused`] : []));

    // Report.
    const result = handoverSyncResult({ dryRun, today, opportunities: book.count, plan, outcome, run: run.report(), apiCalls: usage.snapshot() });
    printHandoverSync(this, result, flags.verbose);
    this.exitFor(result.failures.length);
    return result;
  }
}
