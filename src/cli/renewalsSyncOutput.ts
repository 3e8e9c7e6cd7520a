/**
 * What `sf outcomes renewals sync` prints: with --verbose, a table of the date changes with their reasons; then the
 * summary (src/cli/summary.ts) with the components left undated, and the closing line.
 */
import { Messages } from '@salesforce/core';
import type { SfCommand } from '@salesforce/sf-plugins-core';
import type { RenewalObject } from '../org/renewalsApply.js';
import { CHANGES_LISTED, type RenewalsSyncResult } from './renewalsSyncResult.js';
import { printSummary } from './summary.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@outcomes/plugin-outcomes', 'outcomes.renewals.sync');

/** Rows of the change table shown to people. */
const TABLE_ROWS_SHOWN = 100;

type Output = Pick<SfCommand<unknown>, 'log' | 'logSuccess' | 'table'>;

export function printRenewalsSync(out: Output, result: RenewalsSyncResult, verbose: boolean): void {
  if (verbose && result.changes.length > 0) printChangeTable(out, result);
  const failed = (object: RenewalObject): number => result.failures.filter((f) => f.object === object).length;
  printSummary(out, verbose, {
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
  if (result.dryRun) out.log(messages.getMessage('info.dryRun'));
  out.logSuccess(
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

/** --verbose: the date changes with their reasons, the first TABLE_ROWS_SHOWN of them. */
function printChangeTable(out: Output, result: RenewalsSyncResult): void {
  out.table({
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
  if (planned > TABLE_ROWS_SHOWN) out.log(messages.getMessage('info.moreRows', [planned - TABLE_ROWS_SHOWN, CHANGES_LISTED]));
}
