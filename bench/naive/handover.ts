/**
 * The handover sync done the naive way: the same plan (src/core/plan/handover.ts) for the same end state, but
 * fetched and written one opportunity and one record at a time — per won opportunity a query for it and its lines,
 * one for its initiative, one for the initiative's tasks and one for the account team, then one call per
 * initiative, component, task and opportunity status.
 */
import { Initiative, OpportunityFields, SolutionComponent, fieldsOf } from '../../src/core/model.js';
import { accountsNeedingCsm, planHandover } from '../../src/core/plan/handover.js';
import { fetchAll } from '../../src/org/fetch.js';
import { fetchAccountCsms, fetchHandoverTasks, fetchInitiatives, fetchOpportunities } from '../../src/org/queries/handover.js';
import { asOrgConnection, tally, writeOne, type NaiveContext, type NaiveWrites, type OneResult } from './oneByOne.js';

const I = fieldsOf(Initiative);
const S = fieldsOf(SolutionComponent);
const OPP = fieldsOf(OpportunityFields);

export type NaiveHandoverResult = { opportunities: number; writes: NaiveWrites };

// eslint-disable-next-line complexity -- the baseline is one plain function on purpose, like a first script would be
export async function naiveHandover(ctx: NaiveContext): Promise<NaiveHandoverResult> {
  const conn = asOrgConnection(ctx.conn);
  const won = await fetchAll(conn, 'SELECT Id FROM Opportunity WHERE IsWon = true ORDER BY CloseDate, Id', ctx.usage);
  const results: OneResult[] = [];
  for (const { Id } of won) {
    /* eslint-disable no-await-in-loop -- one opportunity after another is the point of the baseline */
    const opportunities = await fetchOpportunities(conn, { opportunityIds: [String(Id)] }, ctx.usage);
    const initiatives = await fetchInitiatives(conn, [String(Id)], ctx.usage);
    const tasks = initiatives.length > 0 ? await fetchHandoverTasks(conn, initiatives.map((i) => i.Id), ctx.usage) : [];
    const csmAccounts = accountsNeedingCsm(opportunities, initiatives);
    const accountCsms = csmAccounts.length > 0 ? (await fetchAccountCsms(conn, csmAccounts, ctx.usage)).csms : new Map<string, string>();
    const plan = planHandover({ opportunities, initiatives, tasks, accountCsms, defaultCsmId: null, today: ctx.today });

    // As the command does: nothing below an initiative is written when the initiative failed, and no task or
    // status when a component failed (a rerun finishes it).
    let initiativeId: string | null = null;
    let blocked = false;
    for (const change of plan.initiatives) {
      if (change.kind !== 'handover') continue;
      if (change.action === 'skip') {
        initiativeId = change.initiativeId;
        continue;
      }
      const result =
        change.action === 'create'
          ? await writeOne(ctx, Initiative.apiName, 'upsert', { ...change.fields }, I.Source_Opportunity_Id__c)
          : await writeOne(ctx, Initiative.apiName, 'update', { Id: change.initiativeId, ...change.fields });
      results.push(result);
      if (result.success) initiativeId = result.id ?? change.initiativeId;
      else blocked = true;
    }
    if (blocked || !initiativeId) continue;

    for (const change of plan.components) {
      if (change.action === 'skip') continue;
      const result =
        change.action === 'create'
          ? await writeOne(ctx, SolutionComponent.apiName, 'upsert', { ...change.fields, [S.Initiative__c]: initiativeId }, S.Source_Line_Item_Id__c)
          : await writeOne(ctx, SolutionComponent.apiName, 'update', { Id: change.componentId, ...change.fields });
      results.push(result);
      if (!result.success) blocked = true;
    }
    if (blocked) continue;

    for (const task of plan.tasks) {
      if (task.action === 'create') results.push(await writeOne(ctx, 'Task', 'create', { ...task.fields, WhatId: initiativeId }));
    }
    for (const status of plan.opportunities) {
      if (status.action === 'update') {
        results.push(await writeOne(ctx, 'Opportunity', 'update', { Id: status.opportunityId, [OPP.Handover_Status__c]: status.to }));
      }
    }
    /* eslint-enable no-await-in-loop */
  }
  return { opportunities: won.length, writes: tally(results, 'handover') };
}
