import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { bulkThresholdFlag, isoDateFlag, verboseFlag } from '../../../cli/flags.js';
import { printRenewalsSync } from '../../../cli/renewalsSyncOutput.js';
import { renewalsSyncResult, type RenewalsSyncResult } from '../../../cli/renewalsSyncResult.js';
import { planRenewals } from '../../../core/plan/renewals.js';
import { asOfOrUserToday } from '../../../org/userToday.js';
import { ApiUsage } from '../../../org/apiUsage.js';
import { failWith } from '../../../org/failWith.js';
import { fetchLineRenewalInputs, fetchRenewalsToRead } from '../../../org/queries/renewals.js';
import { SyncSession } from '../../../org/syncSession.js';
import { applyRenewals } from '../../../org/renewalsApply.js';
import { isSalesforceId } from '../../../org/soql.js';
import { OutcomesCommand } from '../../../cli/command.js';

export type { RenewalFailure } from '../../../org/renewalsApply.js';
export { CHANGES_LISTED, type RenewalChange, type RenewalsSyncResult, type UndatedRenewal } from '../../../cli/renewalsSyncResult.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@outcomes/plugin-outcomes', 'outcomes.renewals.sync');
const query = failWith(messages, 'error.QueryFailed');

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
    const read = { initiatives: initiatives.length, components: components.length };
    const result = renewalsSyncResult({ dryRun, today, read, plan, failures, run: run.report(), apiCalls: usage.snapshot() });
    printRenewalsSync(this, result, flags.verbose);
    this.exitFor(result.failures.length);
    return result;
  }
}
