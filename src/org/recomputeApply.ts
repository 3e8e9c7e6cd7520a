/** The apply step of a recompute: outcomes first, then initiatives' health, then fees at risk; each record the org refuses is reported. */
import { Messages } from '@salesforce/core';
import { FeeAtRisk, Initiative, OutcomeRequirement } from '../core/model.js';
import { feeUpdateRecord } from '../core/plan/fees.js';
import { healthUpdateRecord, outcomeUpdateRecord, type RecomputePlan } from '../core/plan/recompute.js';
import type { ApiUsage } from './apiUsage.js';
import type { OrgConnection } from './connection.js';
import { failWith } from './failWith.js';
import { updateRecords } from './updateRecords.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@outcomes/plugin-outcomes', 'outcomes.recompute');

export type RecomputeFailure = { sobject: string; id: string; name: string | null; error: string };

/** `bulkThreshold`: records of one object above which the updates go through Bulk API 2.0. */
export async function applyRecompute(conn: OrgConnection, plan: RecomputePlan, usage: ApiUsage, bulkThreshold?: number): Promise<RecomputeFailure[]> {
  const noErrorGiven = messages.getMessage('reason.noErrorGiven');
  const update = async <T extends { id: string; name: string | null }>(
    sobject: string,
    items: readonly T[],
    record: (item: T) => Record<string, unknown>,
  ): Promise<RecomputeFailure[]> => {
    const refused = await failWith(messages, 'error.WriteFailed', [sobject])(updateRecords(conn, { sobject, items, record, noErrorGiven, bulkThreshold }, usage));
    return refused.map(({ item, error }) => ({ sobject, id: item.id, name: item.name, error }));
  };
  return [
    ...(await update(OutcomeRequirement.apiName, plan.outcomeUpdates, outcomeUpdateRecord)),
    ...(await update(Initiative.apiName, plan.healthUpdates, healthUpdateRecord)),
    ...(await update(FeeAtRisk.apiName, plan.feeUpdates, feeUpdateRecord)),
  ];
}
