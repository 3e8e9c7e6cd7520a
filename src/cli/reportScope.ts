/** A value report needs something to report: an initiative (or an account's initiatives) with outcomes. */
import { Messages } from '@salesforce/core';
import { nothingToReport, type InitiativeSource, type ReportScope } from '../core/plan/valueReport.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@outcomes/plugin-outcomes', 'outcomes.report');

/** Stops the report with why there is nothing to say: no such initiative, no initiatives, or no outcomes (named). */
export function assertSomethingToReport(scope: ReportScope, initiatives: readonly InitiativeSource[]): void {
  const empty = nothingToReport(initiatives);
  if (!empty) return;
  const why =
    empty.reason === 'no-outcomes'
      ? messages.getMessage('reason.NoOutcomes', [empty.names.join(', ')])
      : messages.getMessage(scope.kind === 'initiative' ? 'reason.NoInitiative' : 'reason.NoAccountInitiatives');
  throw messages.createError('error.NothingToReport', [scope.kind, scope.id, why]);
}
