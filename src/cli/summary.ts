/**
 * What a sync prints by default: a short summary people read in a terminal or a CI log. Counts by object and action,
 * what failed and why, what needs a person (handover gaps, lines that cannot be dated), each list cut to a few
 * lines, and how to see every change (--verbose, --json). The per-record table is the commands' --verbose output.
 */
import { Messages } from '@salesforce/core';
import type { SfCommand } from '@salesforce/sf-plugins-core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@outcomes/plugin-outcomes', 'outcomes.summary');

/** Items of each list printed before "... and N more". */
export const ITEMS_SHOWN = 10;

type Action = 'created' | 'updated' | 'unchanged' | 'skipped' | 'failed';

/** One object's counts; an action left out does not apply to this command (no column when no row has it). */
export type ObjectCounts = { object: string } & Partial<Record<Action, number>>;

/** A record and what to say about it: why it failed, or what a person has to do. */
export type SummaryItem = { record: string; why: string };

export type SyncSummary = {
  dryRun: boolean;
  counts: ObjectCounts[];
  failures: SummaryItem[];
  /** Where the failures can all be seen when the list is cut (an error file), instead of --verbose / --json. */
  failuresWhere?: string;
  /** Lists of what needs a person, each with its title ("Handover gaps to close (3)"). */
  needsPerson: Array<{ title: string; items: SummaryItem[] }>;
};

type Output = Pick<SfCommand<unknown>, 'log' | 'table'>;

const ACTIONS: Action[] = ['created', 'updated', 'unchanged', 'skipped', 'failed'];

function columnName(action: Action, dryRun: boolean): string {
  if (dryRun && action === 'created') return messages.getMessage('column.toCreate');
  if (dryRun && action === 'updated') return messages.getMessage('column.toUpdate');
  return messages.getMessage(`column.${action}`);
}

function printList(out: Output, title: string, items: readonly SummaryItem[], shown: number, where: string): void {
  if (items.length === 0) return;
  out.log(title);
  for (const item of items.slice(0, shown)) out.log(`  ${item.record}: ${item.why}`);
  if (items.length > shown) out.log(messages.getMessage('more', [items.length - shown, where]));
  out.log('');
}

/** With `verbose` the lists are printed whole (the command prints its table of every change before this). */
export function printSummary(out: Output, verbose: boolean, summary: SyncSummary): void {
  const shown = verbose ? Number.POSITIVE_INFINITY : ITEMS_SHOWN;
  const actions = ACTIONS.filter((a) => summary.counts.some((row) => row[a] !== undefined));
  out.table({
    data: summary.counts.map(
      (row): Record<string, string | number> =>
        Object.fromEntries([['object', row.object], ...actions.map((a) => [a, row[a] ?? ''])]) as Record<string, string | number>,
    ),
    columns: [
      { key: 'object', name: messages.getMessage('column.object') },
      ...actions.map((a) => ({ key: a, name: columnName(a, summary.dryRun) })),
    ],
  });
  const where = messages.getMessage('more.where');
  printList(out, messages.getMessage('failures.title', [summary.failures.length]), summary.failures, shown, summary.failuresWhere ?? where);
  for (const list of summary.needsPerson) printList(out, `${list.title} (${list.items.length})`, list.items, shown, where);
  if (!verbose) out.log(messages.getMessage('everyChange'));
}
