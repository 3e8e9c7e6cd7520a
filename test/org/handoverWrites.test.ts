/**
 * A handover of a whole book at scale: the opportunities and the planned writes wait on disk, and each object and
 * operation is one write read from there as it is sent: one Bulk job above the threshold, whatever the size. Against
 * the local org: the end state of the collection path, each refusal reported per record and blocking what depends on
 * it, and a rerun that finishes the job.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApiUsage } from '../../src/org/apiUsage.js';
import type { OrgConnection } from '../../src/org/connection.js';
import { fetchAll } from '../../src/org/fetch.js';
import { applyHandover, closeWrites, type ApplyOutcome } from '../../src/org/handoverApply.js';
import { planHandoverBook, readHandoverBook } from '../../src/org/handoverBook.js';
import { startTestOrg, type TestOrg } from '../commands/harness.js';

const TIMEOUT = 120_000;
const TODAY = '2026-11-30';
const quiet = { started: (): void => undefined, progressed: (): void => undefined, finished: (): void => undefined };

type EndState = { initiatives: string[]; components: string[]; tasks: string[]; statuses: string[] };

type HandedOver = { outcome: ApplyOutcome; usage: ApiUsage; state: EndState; spooled: boolean; jobs: string[] };

async function handOver(env: TestOrg, bulkThreshold?: number): Promise<HandedOver> {
  const conn = env.conn as unknown as OrgConnection;
  // Each Bulk job the run opens, by object and operation.
  const jobs: string[] = [];
  const createJob = conn.bulk2.createJob.bind(conn.bulk2);
  conn.bulk2.createJob = ((options: { object: string; operation: string }) => {
    jobs.push(`${options.object} ${options.operation}`);
    return createJob(options as Parameters<typeof createJob>[0]);
  }) as typeof conn.bulk2.createJob;
  const usage = new ApiUsage();
  const book = await readHandoverBook(conn, {}, { changesOnly: false }, usage);
  const spooled = book.spooled;
  const { plan, writes } = await planHandoverBook(book, { accountCsms: book.team?.csms ?? new Map(), accountTeams: book.team?.accountTeams, defaultCsmId: null, today: TODAY });
  let outcome: ApplyOutcome;
  try {
    outcome = await applyHandover(conn, plan, writes, { usage, startedAt: new Date(), progress: quiet, bulkThreshold });
  } finally {
    await closeWrites(writes);
    conn.bulk2.createJob = createJob;
  }
  // Without Ids and URLs, which differ from org to org (a parent's URL names its Id).
  const rows = async (soql: string): Promise<string[]> =>
    (await fetchAll(conn, soql, new ApiUsage())).map((r) => JSON.stringify(r, (key: string, value: unknown) => (key === 'attributes' || key === 'Id' ? undefined : value)));
  const state = {
    initiatives: await rows('SELECT Source_Opportunity_Id__c, Name, Status__c, CSM__c, Annual_Contract_Value__c, Next_Renewal_Date__c FROM Initiative__c ORDER BY Source_Opportunity_Id__c, Name'),
    components: await rows('SELECT Source_Line_Item_Id__c, Name, Renewal_Date__c, Annual_Value__c, Initiative__r.Source_Opportunity_Id__c FROM Solution_Component__c ORDER BY Source_Line_Item_Id__c, Name'),
    tasks: await rows("SELECT Subject, OwnerId, ActivityDate FROM Task WHERE Subject LIKE 'Review handover: %' ORDER BY Subject"),
    statuses: await rows('SELECT Id, Handover_Status__c FROM Opportunity ORDER BY Id'),
  };
  return { outcome, usage, state, spooled, jobs };
}

describe('handover of a whole book, one write per object and operation', () => {
  let collections: TestOrg;
  let bulk: TestOrg;
  let locked: TestOrg;
  let whole: HandedOver;

  beforeAll(async () => {
    [collections, bulk, locked] = await Promise.all([startTestOrg(), startTestOrg(), startTestOrg()]);
    whole = await handOver(collections);
  }, TIMEOUT);

  afterAll(async () => {
    await Promise.all([collections?.stop(), bulk?.stop(), locked?.stop()]);
  });

  it(
    'writes each object and operation in one Bulk job above the threshold, to the end state and counts of collections',
    async () => {
      const jobs = await handOver(bulk, 1);
      expect(whole.spooled).toBe(true);
      expect(whole.jobs).toEqual([]);
      expect(jobs.outcome.failures).toEqual([]);
      expect(whole.outcome.failures).toEqual([]);
      for (const object of ['Initiative__c', 'Solution_Component__c', 'Task', 'Opportunity'] as const) {
        expect(jobs.outcome.changes.counts(object)).toEqual(whole.outcome.changes.counts(object));
      }
      expect(jobs.state).toEqual(whole.state);
      // One job each, however many records (the benchmark writes 500,000 components in one).
      expect(whole.outcome.changes.counts('Solution_Component__c').created).toBeGreaterThan(100);
      expect([...jobs.jobs].sort()).toEqual(['Initiative__c update', 'Initiative__c upsert', 'Opportunity update', 'Solution_Component__c upsert', 'Task insert']);
      expect(jobs.usage.snapshot().collections).toBeLessThan(whole.usage.snapshot().collections);
    },
    TIMEOUT,
  );

  it(
    'reports each record a job refused, writes nothing that depends on it, and a rerun finishes the book',
    async () => {
      const conn = locked.conn as unknown as OrgConnection;
      const statusesNow = async (): Promise<Map<string, unknown>> =>
        new Map((await fetchAll(conn, 'SELECT Id, Handover_Status__c FROM Opportunity', new ApiUsage())).map((r) => [String(r.Id), r.Handover_Status__c]));
      const before = await statusesNow();
      locked.setFaults({ lockRowShare: 0.5, seed: 3 });
      let first: HandedOver;
      try {
        first = await handOver(locked, 1);
      } finally {
        locked.setFaults({ lockRowShare: 0 });
      }
      const { failures, changes } = first.outcome;
      const refused = failures.filter((f) => f.error.includes('UNABLE_TO_LOCK_ROW'));
      expect(refused.length).toBeGreaterThan(0);
      // Every failure is a refusal of its own or blocked by one: an opportunity whose initiative or a component was
      // refused gets no review task and keeps its handover status.
      const refusedOpportunities = new Set(refused.filter((f) => f.object === 'Initiative__c' || f.object === 'Solution_Component__c').map((f) => f.opportunityId));
      expect(refusedOpportunities.size).toBeGreaterThan(0);
      for (const failure of failures.filter((f) => !refused.includes(f))) expect(refusedOpportunities.has(failure.opportunityId)).toBe(true);
      expect(changes.notListed()).toBe(0);
      const dependents = changes.listed().filter((c) => (c.object === 'Task' || c.object === 'Opportunity') && c.action !== 'skip' && refusedOpportunities.has(c.opportunityId));
      expect(dependents.length).toBeGreaterThan(0);
      for (const change of dependents) expect(change.result).toBe('blocked');
      const after = await statusesNow();
      for (const opportunityId of refusedOpportunities) expect(after.get(opportunityId)).toEqual(before.get(opportunityId));
      const failed = (['Initiative__c', 'Solution_Component__c', 'Task', 'Opportunity'] as const).reduce((n, object) => n + changes.counts(object).failed, 0);
      expect(failed).toBe(failures.length);

      const rerun = await handOver(locked, 1);
      expect(rerun.outcome.failures).toEqual([]);
      expect(rerun.state).toEqual(whole.state);
    },
    TIMEOUT,
  );
});
