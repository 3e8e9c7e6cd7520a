/**
 * `GET .../limits` (REST API Developer Guide, "List Org Limits"): `{ Name: { Max, Remaining } }`.
 * DailyApiRequests counts every call this server answered since it started (or since the stats were reset).
 */
import type { OrgContext } from './context.js';

/** Developer Edition's daily allowance, reported when no cap is configured (the server then never refuses). */
export const DEFAULT_DAILY_API_REQUESTS = 15_000;

/** The day's API request allowance: the configured cap, or Developer Edition's. */
export const dailyApiAllowance = (ctx: OrgContext): number => ctx.faults.settings.apiCallCap ?? DEFAULT_DAILY_API_REQUESTS;

export function orgLimits(ctx: OrgContext): Record<string, { Max: number; Remaining: number }> {
  const max = dailyApiAllowance(ctx);
  const { ingestJobs, queryJobs } = ctx.bulk.counts();
  const stats = ctx.meter.snapshot();
  const fixed = (Max: number): { Max: number; Remaining: number } => ({ Max, Remaining: Max });
  return {
    ActiveScratchOrgs: fixed(0),
    ConcurrentAsyncGetReportInstances: fixed(200),
    ConcurrentSyncReportRuns: fixed(20),
    DailyApiRequests: { Max: max, Remaining: Math.max(0, max - stats.apiCalls) },
    DailyAsyncApexExecutions: fixed(250_000),
    DailyBulkApiBatches: { Max: 15_000, Remaining: Math.max(0, 15_000 - ingestJobs) },
    DailyBulkV2QueryFileStorageMB: fixed(976_562),
    DailyBulkV2QueryJobs: { Max: 10_000, Remaining: Math.max(0, 10_000 - queryJobs) },
    DailyScratchOrgs: fixed(0),
    DataStorageMB: fixed(5),
    FileStorageMB: fixed(20),
    HourlyTimeBasedWorkflow: fixed(1_000),
    MassEmail: fixed(10),
    SingleEmail: fixed(15),
  };
}
