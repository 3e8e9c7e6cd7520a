/**
 * What `sf outcomes handover sync` prints: with --verbose, a table of the planned items with their action, result
 * and reason; then the summary (src/cli/summary.ts) with what needs a person, and the closing line.
 */
import { Messages } from '@salesforce/core';
import type { SfCommand } from '@salesforce/sf-plugins-core';
import { CHANGES_LISTED } from '../org/handoverApply.js';
import type { HandoverSyncResult } from './handoverSyncResult.js';
import { printSummary } from './summary.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@outcomes/plugin-outcomes', 'outcomes.handover.sync');

/** Rows of the change table shown to people. */
const TABLE_ROWS_SHOWN = 100;

type Output = Pick<SfCommand<unknown>, 'log' | 'logSuccess' | 'table'>;

export function printHandoverSync(out: Output, result: HandoverSyncResult, verbose: boolean): void {
  if (verbose) printChangeTable(out, result);
  const label = (name: string, id: string | null): string => (id ? `${name} (${id})` : name);
  const feeCounts = result.fees;
  const anyFees = feeCounts.created + feeCounts.updated + feeCounts.skipped + feeCounts.failed > 0;
  printSummary(out, verbose, {
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
  if (result.dryRun) out.log(messages.getMessage('info.dryRun'));
  out.logSuccess(
    messages.getMessage(result.dryRun ? 'success.dryRun' : 'success', [
      result.opportunities,
      result.initiatives.created,
      result.initiatives.updated,
      result.components.created,
      result.components.updated,
      result.tasks.created,
      result.handoverStatuses.handedOver,
      result.handoverStatuses.incomplete,
      result.failures.length,
      result.apiCalls.total,
    ]),
  );
}

/** --verbose: every planned item with its action, result and reason. */
function printChangeTable(out: Output, result: HandoverSyncResult): void {
  const rows = result.changes.slice(0, TABLE_ROWS_SHOWN).map((c) => ({
    object: c.object,
    record: c.recordId ? `${c.name} (${c.recordId})` : c.name,
    action: messages.getMessage(`action.${c.action}`),
    result: messages.getMessage(`result.${c.result}`),
    reason: c.reason,
  }));
  if (rows.length > 0) {
    out.table({
      title: messages.getMessage('table.changes.title'),
      data: rows,
      columns: (['object', 'record', 'action', 'result', 'reason'] as const).map((key) => ({ key, name: messages.getMessage(`table.${key}`) })),
    });
    const planned = [result.initiatives, result.components, result.tasks, result.opportunityStatuses, result.fees].reduce((sum, c) => sum + c.created + c.updated + c.skipped + c.failed, 0);
    if (planned > TABLE_ROWS_SHOWN) out.log(messages.getMessage('info.moreRows', [planned - TABLE_ROWS_SHOWN, CHANGES_LISTED]));
  }
}
