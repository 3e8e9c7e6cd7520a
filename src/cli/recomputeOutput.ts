/**
 * What `sf outcomes recompute` prints: with --verbose, a table of the outcomes, initiatives and fees at risk that
 * change (as many as --json lists), with the reason; then the summary (src/cli/summary.ts) and the closing line.
 */
import { Messages } from '@salesforce/core';
import type { SfCommand } from '@salesforce/sf-plugins-core';
import { CHANGES_LISTED, type RecomputeResult } from './recomputeResult.js';
import { printSummary, type ObjectCounts } from './summary.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@outcomes/plugin-outcomes', 'outcomes.recompute');

type Output = Pick<SfCommand<unknown>, 'log' | 'logSuccess' | 'table'>;

export function printRecompute(out: Output, result: RecomputeResult, verbose: boolean): void {
  if (verbose) printChangeTables(out, result);
  const counts = (object: string, c: RecomputeResult['outcomes']): ObjectCounts => {
    const failed = result.failures.filter((f) => f.sobject === object).length;
    return { object, updated: result.dryRun ? c.toUpdate : c.updated, unchanged: c.unchanged, failed };
  };
  printSummary(out, verbose, {
    dryRun: result.dryRun,
    counts: [
      counts('Outcome_Requirement__c', result.outcomes),
      counts('Initiative__c', result.initiatives),
      ...(result.fees.checked > 0 ? [counts('Fee_At_Risk__c', result.fees)] : []),
    ],
    failures: result.failures.map((f) => ({ record: `${f.sobject} ${f.name ?? f.id}`, why: f.error })),
    needsPerson: [],
  });
  if (result.dryRun) out.log(messages.getMessage('info.dryRun'));
  out.logSuccess(
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

/** --verbose: every outcome, initiative and fee at risk that changes (up to CHANGES_LISTED of each), with the reason. */
function printChangeTables(out: Output, result: RecomputeResult): void {
  const arrow = (from: string | null, to: string): string => (from === to ? to : `${from ?? '—'} → ${to}`);
  if (result.changedOutcomes.length > 0) {
    out.table({
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
    out.table({
      title: messages.getMessage('table.health.title'),
      data: result.changedInitiatives.map((i) => ({ initiative: i.name ?? i.id, health: arrow(i.oldHealth, i.newHealth), reason: i.reason })),
      columns: (['initiative', 'health', 'reason'] as const).map((key) => ({ key, name: messages.getMessage(`table.${key}`) })),
    });
  }
  if (result.changedFees.length > 0) {
    out.table({
      title: messages.getMessage('table.fees.title'),
      data: result.changedFees.map((f) => ({ fee: f.name ?? f.id, status: arrow(f.oldStatus, f.newStatus), reason: f.reason })),
      columns: (['fee', 'status', 'reason'] as const).map((key) => ({ key, name: messages.getMessage(`table.${key}`) })),
    });
  }
  if (result.changesNotListed > 0) out.log(messages.getMessage('info.moreRows', [result.changesNotListed, CHANGES_LISTED]));
}
