/** The apply step of a renewals sync: components' dates first, then initiatives'; each record the org refuses is reported. */
import { Messages } from '@salesforce/core';
import { Initiative, SolutionComponent } from '../core/model.js';
import type { RenewalDateChange, RenewalsPlan } from '../core/plan/renewals.js';
import type { ApiUsage } from './apiUsage.js';
import type { WriteProgress } from './apply.js';
import type { OrgConnection } from './connection.js';
import { failWith } from './failWith.js';
import { updateRecords } from './updateRecords.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@outcomes/plugin-outcomes', 'outcomes.renewals.sync');

export type RenewalObject = 'Solution_Component__c' | 'Initiative__c';

export type RenewalFailure = { object: RenewalObject; recordId: string; name: string; error: string };

export async function applyRenewals(
  conn: OrgConnection,
  plan: RenewalsPlan,
  context: { usage: ApiUsage; progress: WriteProgress; bulkThreshold?: number },
): Promise<RenewalFailure[]> {
  const { usage, progress, bulkThreshold } = context;
  const noErrorGiven = messages.getMessage('reason.noErrorGiven');
  const update = async (object: RenewalObject): Promise<RenewalFailure[]> => {
    const items = plan.changes.filter((c) => c.object === object);
    if (items.length === 0) return [];
    progress.started(items.length, object);
    try {
      const record = (c: RenewalDateChange): Record<string, unknown> => ({ Id: c.recordId, [c.field]: c.to });
      const refused = await failWith(messages, 'error.WriteFailed', [object])(
        updateRecords(conn, { sobject: object, items, record, noErrorGiven, bulkThreshold }, usage, progress.progressed),
      );
      return refused.map(({ item, error }) => ({ object, recordId: item.recordId, name: item.name, error }));
    } finally {
      progress.finished();
    }
  };
  return [...(await update(SolutionComponent.apiName as RenewalObject)), ...(await update(Initiative.apiName as RenewalObject))];
}
