/**
 * The renewals sync done the naive way: the same plan (src/core/plan/renewals.ts), but each component's line item
 * read with a query of its own and each changed date written with a call of its own.
 */
import type { RenewalInputs } from '../../src/core/renewal.js';
import { planRenewals } from '../../src/core/plan/renewals.js';
import { isSalesforceId } from '../../src/org/soql.js';
import { fetchLineRenewalInputs, fetchRenewableInitiatives } from '../../src/org/queries/renewals.js';
import { asOrgConnection, tally, writeOne, type NaiveContext, type NaiveWrites, type OneResult } from './oneByOne.js';

export type NaiveRenewalsResult = { initiatives: number; components: number; changes: number; writes: NaiveWrites };

export async function naiveRenewals(ctx: NaiveContext): Promise<NaiveRenewalsResult> {
  const conn = asOrgConnection(ctx.conn);
  const initiatives = await fetchRenewableInitiatives(conn, ctx.usage);
  const components = initiatives.flatMap((i) => i.components);
  const lines = new Map<string, RenewalInputs>();
  for (const component of components) {
    const lineId = component.Source_Line_Item_Id__c;
    if (lineId === null || !isSalesforceId(lineId) || lines.has(lineId)) continue;
    // eslint-disable-next-line no-await-in-loop -- one line item per query is the point of the baseline
    for (const [id, inputs] of await fetchLineRenewalInputs(conn, [lineId], ctx.usage)) lines.set(id, inputs);
  }
  const plan = planRenewals({ initiatives, lines, today: ctx.today });
  const results: OneResult[] = [];
  // Components first, then initiatives, as the command writes them.
  const ordered = [...plan.changes.filter((c) => c.object !== 'Initiative__c'), ...plan.changes.filter((c) => c.object === 'Initiative__c')];
  for (const change of ordered) {
    // eslint-disable-next-line no-await-in-loop -- one record per call is the point of the baseline
    results.push(await writeOne(ctx, change.object, 'update', { Id: change.recordId, [change.field]: change.to }));
  }
  return { initiatives: initiatives.length, components: components.length, changes: plan.changes.length, writes: tally(results, 'renewals') };
}
