/**
 * The recompute done the naive way: the same plan (src/core/plan/recompute.ts), but each initiative's outcomes and
 * their measurements read with a query of their own, and each outcome and initiative updated with a call of its own.
 */
import { Initiative, OutcomeRequirement } from '../../src/core/model.js';
import { healthUpdateRecord, outcomeUpdateRecord, planRecompute, type RecomputeOutcome } from '../../src/core/plan/recompute.js';
import { fetchInitiatives, fetchOutcomesWithMeasurements } from '../../src/org/queries/outcomes.js';
import { asOrgConnection, tally, writeOne, type NaiveContext, type NaiveWrites, type OneResult } from './oneByOne.js';

export type NaiveRecomputeResult = { initiatives: number; outcomes: number; updates: number; writes: NaiveWrites };

export async function naiveRecompute(ctx: NaiveContext): Promise<NaiveRecomputeResult> {
  const conn = asOrgConnection(ctx.conn);
  const initiatives = await fetchInitiatives(conn, undefined, ctx.usage);
  const outcomes: RecomputeOutcome[] = [];
  for (const initiative of initiatives) {
    // eslint-disable-next-line no-await-in-loop -- one initiative per query is the point of the baseline
    outcomes.push(...(await fetchOutcomesWithMeasurements(conn, [initiative.Id], ctx.usage)));
  }
  const plan = planRecompute(outcomes, initiatives, { asOf: ctx.today });
  const results: OneResult[] = [];
  for (const update of plan.outcomeUpdates) {
    // eslint-disable-next-line no-await-in-loop -- one record per call is the point of the baseline
    results.push(await writeOne(ctx, OutcomeRequirement.apiName, 'update', outcomeUpdateRecord(update)));
  }
  for (const update of plan.healthUpdates) {
    // eslint-disable-next-line no-await-in-loop -- one record per call is the point of the baseline
    results.push(await writeOne(ctx, Initiative.apiName, 'update', healthUpdateRecord(update)));
  }
  return {
    initiatives: initiatives.length,
    outcomes: outcomes.length,
    updates: plan.outcomeUpdates.length + plan.healthUpdates.length,
    writes: tally(results, 'recompute'),
  };
}
