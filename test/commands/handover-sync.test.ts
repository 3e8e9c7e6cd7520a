/**
 * `sf outcomes handover sync` against the local org over HTTP, on the sample data: a dry run writes nothing and
 * plans what the real run then does; a rerun writes nothing; injected faults lose nothing; bad flags fail before
 * any API call.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import HandoverSync, { type HandoverChange, type HandoverSyncResult, type WriteCounts } from '../../src/commands/outcomes/handover/sync.js';
import { handoverStatusOf } from '../../src/core/plan/handover.js';
import { ApiUsage } from '../../src/org/apiUsage.js';
import type { OrgConnection, SfRecord } from '../../src/org/connection.js';
import { fetchAll } from '../../src/org/fetch.js';
import { runCommand, startTestOrg, type TestOrg } from './harness.js';

const TIMEOUT = 120_000;
const WRITE_KINDS = ['collections', 'singleRecord', 'bulk'] as const;

async function query(env: TestOrg, soql: string): Promise<SfRecord[]> {
  return fetchAll(env.conn as unknown as OrgConnection, soql, new ApiUsage());
}

async function handover(env: TestOrg, argv: string[] = []): Promise<HandoverSyncResult> {
  return (await runCommand(HandoverSync, ['--target-org', env.alias, ...argv])) as HandoverSyncResult;
}

/** Writes the server saw: calls of each writing kind and records submitted. */
function writes(env: TestOrg): number[] {
  const stats = env.stats();
  return [...WRITE_KINDS.map((k) => stats.byKind[k]), stats.recordsSubmitted];
}

const planned = (counts: WriteCounts): WriteCounts => ({ ...counts, failed: 0 });

/** What the sample holds before any handover, read straight from the org. */
type Sample = {
  won: SfRecord[];
  lineCount: number;
  entered: SfRecord[];
  initiativeCount: number;
  csmByAccount: Map<string, string>;
  csmUsername: string;
};

async function readSample(env: TestOrg): Promise<Sample> {
  const won = await query(env, 'SELECT Id, AccountId, Expected_Go_Live_Date__c, (SELECT Id FROM OpportunityLineItems) FROM Opportunity WHERE IsWon = true');
  const lineCount = won.reduce((n, o) => n + ((o.OpportunityLineItems as { records: unknown[] } | null)?.records.length ?? 0), 0);
  const wonIds = new Set(won.map((o) => String(o.Id)));
  const initiatives = await query(env, 'SELECT Id, Name, Purpose__c, Go_Live_Date__c, Opportunity__c, Source_Opportunity_Id__c FROM Initiative__c');
  const entered = initiatives.filter((i) => i.Opportunity__c && wonIds.has(String(i.Opportunity__c)) && !i.Source_Opportunity_Id__c);
  const team = await query(env, "SELECT AccountId, UserId, User.Username FROM AccountTeamMember WHERE TeamMemberRole = 'Customer Success Manager' ORDER BY CreatedDate, Id");
  const csmByAccount = new Map<string, string>();
  for (const member of team) if (!csmByAccount.has(String(member.AccountId))) csmByAccount.set(String(member.AccountId), String(member.UserId));
  const csmUsername = String((team[0].User as { Username: string }).Username);
  return { won, lineCount, entered, initiativeCount: initiatives.length, csmByAccount, csmUsername };
}

describe('sf outcomes handover sync', () => {
  let env: TestOrg;
  let sample: Sample;
  let dryRun: HandoverSyncResult;
  let first: HandoverSyncResult;
  let rerun: HandoverSyncResult;
  const writesDuring: Record<'dryRun' | 'first' | 'rerun', number[]> = { dryRun: [], first: [], rerun: [] };

  beforeAll(async () => {
    env = await startTestOrg();
    sample = await readSample(env);
    const args = ['--default-csm', sample.csmUsername];
    let before = writes(env);
    dryRun = await handover(env, [...args, '--dry-run']);
    writesDuring.dryRun = writes(env).map((n, i) => n - before[i]);
    before = writes(env);
    first = await handover(env, args);
    writesDuring.first = writes(env).map((n, i) => n - before[i]);
    before = writes(env);
    // A whole pass (--full): an incremental rerun reads nothing here (test/commands/incremental-handover.test.ts).
    rerun = await handover(env, [...args, '--full']);
    writesDuring.rerun = writes(env).map((n, i) => n - before[i]);
  }, TIMEOUT);

  afterAll(async () => {
    await env?.stop();
  });

  describe('a dry run', () => {
    it('writes nothing', () => {
      expect(writesDuring.dryRun).toEqual([0, 0, 0, 0]);
      expect(dryRun.dryRun).toBe(true);
      expect(dryRun.changes.every((c) => c.result === 'planned' || c.action === 'skip')).toBe(true);
    });

    it('plans exactly what the real run then does', () => {
      expect(planned(first.initiatives)).toEqual(dryRun.initiatives);
      expect(planned(first.components)).toEqual(dryRun.components);
      expect(planned(first.tasks)).toEqual(dryRun.tasks);
      expect(planned(first.opportunityStatuses)).toEqual(dryRun.opportunityStatuses);
    });
  });

  describe('the first run on the sample data', () => {
    it('completes the initiatives sales entered and creates the others: one per won opportunity', async () => {
      expect(first.failures).toEqual([]);
      expect(first.initiatives).toEqual({ created: sample.won.length - sample.entered.length, updated: sample.entered.length, skipped: 0, failed: 0 });
      const initiatives = await query(env, 'SELECT Id, Opportunity__c, Source_Opportunity_Id__c FROM Initiative__c WHERE Source_Opportunity_Id__c != null');
      expect(initiatives).toHaveLength(sample.won.length);
      expect(new Set(initiatives.map((i) => i.Source_Opportunity_Id__c))).toEqual(new Set(sample.won.map((o) => o.Id)));
      expect(initiatives.every((i) => i.Opportunity__c === i.Source_Opportunity_Id__c)).toBe(true);
      const all = await query(env, 'SELECT Id FROM Initiative__c');
      expect(all).toHaveLength(sample.initiativeCount + first.initiatives.created);
    });

    it('keeps what sales entered on the initiatives it completed', async () => {
      const ids = sample.entered.map((i) => `'${String(i.Id)}'`).join(',');
      const after = new Map((await query(env, `SELECT Id, Name, Purpose__c, Go_Live_Date__c, Status__c, Handover_Date__c FROM Initiative__c WHERE Id IN (${ids})`)).map((i) => [i.Id, i]));
      const goLiveOf = new Map(sample.won.map((o) => [o.Id, o.Expected_Go_Live_Date__c ?? null]));
      for (const before of sample.entered) {
        const now = after.get(before.Id) as SfRecord;
        expect(now.Name).toBe(before.Name);
        expect(now.Purpose__c).toBe(before.Purpose__c);
        // A go-live date sales set stays; a blank one takes the opportunity's expected go-live.
        expect(now.Go_Live_Date__c).toBe(before.Go_Live_Date__c ?? goLiveOf.get(before.Opportunity__c as string) ?? null);
        // The status the dates imply: Onboarding until the go-live, Adopting once live (handed over after go-live).
        expect(now.Status__c).toBe(handoverStatusOf(now.Go_Live_Date__c as string | null, first.today));
        expect(now.Handover_Date__c).toBe(first.today);
      }
    });

    it('assigns the account team CSM, else the default CSM', async () => {
      const [defaultCsm] = await query(env, `SELECT Id FROM User WHERE Username = '${sample.csmUsername}'`);
      const rows = await query(env, 'SELECT Account__c, CSM__c FROM Initiative__c WHERE Source_Opportunity_Id__c != null');
      for (const row of rows) {
        expect(row.CSM__c).toBe(sample.csmByAccount.get(String(row.Account__c)) ?? defaultCsm.Id);
      }
    });

    it('creates one component per line item, under the right initiative', async () => {
      expect(first.components.created).toBe(sample.lineCount);
      const components = await query(env, 'SELECT Source_Line_Item_Id__c, Initiative__r.Source_Opportunity_Id__c FROM Solution_Component__c WHERE Source_Line_Item_Id__c != null');
      expect(components).toHaveLength(sample.lineCount);
      const lineOwner = new Map(
        sample.won.flatMap((o) => ((o.OpportunityLineItems as { records: SfRecord[] } | null)?.records ?? []).map((l) => [l.Id, o.Id])),
      );
      for (const c of components) {
        expect((c.Initiative__r as SfRecord).Source_Opportunity_Id__c).toBe(lineOwner.get(c.Source_Line_Item_Id__c as string));
      }
    });

    it('creates one review task per initiative, for its CSM, due in three days', async () => {
      expect(first.tasks).toEqual({ created: sample.won.length, updated: 0, skipped: 0, failed: 0 });
      const tasks = await query(env, "SELECT WhatId, OwnerId, ActivityDate, Subject, Description FROM Task WHERE Subject LIKE 'Review handover: %'");
      expect(tasks).toHaveLength(sample.won.length);
      const initiatives = new Map((await query(env, 'SELECT Id, Name, CSM__c FROM Initiative__c WHERE Source_Opportunity_Id__c != null')).map((i) => [i.Id, i]));
      for (const task of tasks) {
        const initiative = initiatives.get(task.WhatId as string) as SfRecord;
        expect(task.Subject).toBe(`Review handover: ${String(initiative.Name)}`);
        expect(task.OwnerId).toBe(initiative.CSM__c);
        expect(task.ActivityDate).toBe(addThreeDays(first.today));
      }
    });

    it('sets each opportunity Handed Over or Incomplete as its gaps say, and lists the gaps', async () => {
      const statuses = new Map((await query(env, 'SELECT Id, Handover_Status__c FROM Opportunity WHERE IsWon = true')).map((o) => [o.Id, o.Handover_Status__c]));
      expect(first.handovers).toHaveLength(sample.won.length);
      for (const h of first.handovers) {
        expect(h.status).toBe(h.gaps.length === 0 ? 'Handed Over' : 'Incomplete');
        expect(statuses.get(h.opportunityId)).toBe(h.status);
        expect(h.initiativeId).toMatch(/^[a-zA-Z0-9]{18}$/);
      }
      // The sample has initiatives without a purpose or a primary outcome, and lines it cannot date.
      const codes = new Set(first.handovers.flatMap((h) => h.gaps.map((g) => g.code)));
      expect(codes).toContain('NO_PRIMARY_OUTCOME');
      expect(first.handovers.some((h) => h.undatedLines.length > 0)).toBe(true);
    });

    it('explains every item it planned', () => {
      expect(first.changes.length).toBeGreaterThan(0);
      for (const change of first.changes) {
        expect(change.reason.length).toBeGreaterThan(5);
        expect(['done', 'planned', 'failed', 'blocked']).toContain(change.result);
      }
    });

    it('spends the API calls the limits allow: a few queries and one collection call per kind of write', () => {
      const groups = [first.initiatives.created, first.initiatives.updated, first.components.created, first.components.updated, first.tasks.created, first.opportunityStatuses.updated];
      const writeCalls = groups.filter((n) => n > 0).reduce((sum, n) => sum + Math.ceil(n / 200), 0);
      expect(first.apiCalls.collections).toBe(writeCalls);
      // Opportunities with lines, initiatives, tasks, account teams, the default CSM: one query each at this size.
      expect(first.apiCalls.queries).toBeLessThanOrEqual(5);
      // Plus one call for the org user's today (userinfo), and two for the run's record (read the last run and
      // record this one in one composite call; finish it).
      expect(first.apiCalls.other).toBe(3);
      expect(first.apiCalls.total).toBe(first.apiCalls.queries + first.apiCalls.queryMore + first.apiCalls.collections + first.apiCalls.other);
      expect(writesDuring.first[0]).toBe(writeCalls);
      // The one single-record call finishes the run's own Sync_Run__c record.
      expect(writesDuring.first[1]).toBe(1);
    });
  });

  describe('a rerun', () => {
    it('creates nothing, updates nothing and makes no write call', () => {
      expect(rerun.initiatives).toMatchObject({ created: 0, updated: 0, failed: 0 });
      expect(rerun.components).toMatchObject({ created: 0, updated: 0, failed: 0 });
      expect(rerun.tasks).toMatchObject({ created: 0, failed: 0 });
      expect(rerun.opportunityStatuses).toMatchObject({ updated: 0, failed: 0 });
      // Only the run's own record: created in the start composite, finished with one single-record update.
      expect(writesDuring.rerun).toEqual([0, 1, 0, 2]);
      expect(rerun.apiCalls.collections).toBe(0);
    });

    it('reports the handover state again', () => {
      expect(rerun.handovers.map((h) => [h.opportunityId, h.status])).toEqual(first.handovers.map((h) => [h.opportunityId, h.status]));
    });
  });

  it('returns a typed --json result', () => {
    expect(Object.keys(first).sort()).toEqual(
      ['apiCalls', 'changes', 'changesNotListed', 'components', 'dryRun', 'failures', 'fees', 'handovers', 'handoverStatuses', 'initiatives', 'opportunities', 'opportunityStatuses', 'run', 'tasks', 'today'].sort(),
    );
    expect(first.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // A small book lists every handover; the counts agree with the list.
    expect(first.handoverStatuses).toEqual({
      handedOver: first.handovers.filter((h) => h.status === 'Handed Over').length,
      incomplete: first.handovers.filter((h) => h.status === 'Incomplete').length,
      notListed: 0,
    });
    expect(typeof first.opportunities).toBe('number');
    for (const counts of [first.initiatives, first.components, first.tasks, first.opportunityStatuses]) {
      expect(Object.keys(counts).sort()).toEqual(['created', 'failed', 'skipped', 'updated']);
    }
    const change: HandoverChange = first.changes[0];
    expect(Object.keys(change).sort()).toEqual(['action', 'fields', 'name', 'object', 'opportunityId', 'reason', 'recordId', 'result'].sort());
    expect(Object.keys(first.handovers[0]).sort()).toEqual(['gaps', 'initiativeId', 'initiativeName', 'opportunityId', 'status', 'undatedLines']);
    expect(Object.keys(first.apiCalls).sort()).toEqual(['bulk', 'collections', 'other', 'queries', 'queryMore', 'retries', 'total']);
  });

  describe('--opportunity', () => {
    it('says why an opportunity that is not won, or not in the org, is not handed over', async () => {
      const [lost] = await query(env, 'SELECT Id FROM Opportunity WHERE IsWon = false LIMIT 1');
      const unknown = '006000000000000AAA';
      const result = await handover(env, ['--opportunity', String(lost.Id), '--opportunity', unknown, '--dry-run']);
      expect(result.changes.map((c) => [c.opportunityId, c.action])).toEqual([
        [unknown, 'skip'],
        [lost.Id, 'skip'],
      ]);
      expect(result.changes[0].reason).toMatch(/No opportunity with this Id/);
      expect(result.changes[1].reason).toMatch(/Not Closed Won/);
    });
  });

  describe('flags are checked before any API call', () => {
    it.each([
      [['--since', '2026-02-30'], 'InvalidDateError', /not a day of 2026-02/],
      [['--since', "2026-01-01' OR Name != '"], 'InvalidDateError', /YYYY-MM-DD/],
      [['--opportunity', "006' OR Id != '"], 'InvalidRecordIdError', /not a valid Opportunity Id/],
      [['--opportunity', '001000000000001AAA'], 'InvalidRecordIdError', /not a valid Opportunity Id: .*006/],
      // Flags.salesforceId checks length, characters and prefix, not the case-safe suffix: a changed letter case is caught here.
      [['--opportunity', '006000000000001AAB'], 'InvalidRecordIdError', /last three characters do not match/],
      [['--opportunity', '006000000000A01AAA'], 'InvalidRecordIdError', /last three characters do not match/],
      [['--default-csm', '001000000000001AAA'], 'InvalidRecordIdError', /not a valid User Id: .*005/],
      [['--default-csm', '005000000000001AAB'], 'InvalidRecordIdError', /last three characters do not match/],
    ])('%j fails with %s', async (argv, name, message) => {
      const calls = env.stats().apiCalls;
      await expect(handover(env, argv)).rejects.toMatchObject({ name, message: expect.stringMatching(message), actions: [expect.any(String)] });
      expect(env.stats().apiCalls).toBe(calls);
    });

    it('refuses a default CSM that is not a user, with what to do', async () => {
      await expect(handover(env, ['--default-csm', "nobody@example.com' OR Username != '"])).rejects.toMatchObject({
        name: 'DefaultCsmNotFoundError',
        actions: [expect.any(String)],
      });
    });

    it('accepts --since or --opportunity, not both', async () => {
      await expect(handover(env, ['--since', '2026-01-01', '--opportunity', '006000000000000AAA'])).rejects.toThrow(/cannot also be provided/);
    });
  });
});

describe('sf outcomes handover sync under faults', () => {
  let env: TestOrg;

  beforeAll(async () => {
    env = await startTestOrg();
  }, TIMEOUT);

  afterAll(async () => {
    await env?.stop();
  });

  it(
    'loses nothing: every record is written or reported, and a rerun finishes the job without duplicates',
    async () => {
      const won = await query(env, 'SELECT Id, (SELECT Id FROM OpportunityLineItems) FROM Opportunity WHERE IsWon = true');
      const lineCount = won.reduce((n, o) => n + ((o.OpportunityLineItems as { records: unknown[] } | null)?.records.length ?? 0), 0);

      env.setFaults({ unavailableShare: 0.2, rateLimitShare: 0.1, lockRowShare: 0.3, seed: 7 });
      let faulty: HandoverSyncResult;
      try {
        faulty = await handover(env);
      } finally {
        env.setFaults({ unavailableShare: 0, rateLimitShare: 0, lockRowShare: 0 });
      }
      const injected = env.stats().faults;
      expect(injected.unavailable + injected.rateLimited + injected.lockedRows).toBeGreaterThan(0);
      // Every item that did not go through is in the failures, with a reason.
      const notDone = faulty.changes.filter((c) => c.result === 'failed' || c.result === 'blocked');
      expect(faulty.failures).toHaveLength(notDone.length);
      for (const failure of faulty.failures) expect(failure.error.length).toBeGreaterThan(0);
      // What it says it wrote is in the org.
      const doneTasks = faulty.changes.filter((c) => c.object === 'Task' && c.action === 'create' && c.result === 'done').length;
      expect(await query(env, "SELECT Id FROM Task WHERE Subject LIKE 'Review handover: %'")).toHaveLength(doneTasks);

      let runs = 0;
      let last: HandoverSyncResult;
      do {
        last = await handover(env);
        runs += 1;
      } while (last.failures.length > 0 && runs < 3);
      expect(last.failures).toEqual([]);

      expect(await query(env, 'SELECT Id FROM Initiative__c WHERE Source_Opportunity_Id__c != null')).toHaveLength(won.length);
      expect(await query(env, 'SELECT Id FROM Solution_Component__c WHERE Source_Line_Item_Id__c != null')).toHaveLength(lineCount);
      expect(await query(env, "SELECT Id FROM Task WHERE Subject LIKE 'Review handover: %'")).toHaveLength(won.length);
      const statuses = await query(env, 'SELECT Handover_Status__c FROM Opportunity WHERE IsWon = true');
      expect(statuses.every((o) => o.Handover_Status__c === 'Handed Over' || o.Handover_Status__c === 'Incomplete')).toBe(true);

      const settled = await handover(env);
      expect([settled.initiatives.created, settled.initiatives.updated, settled.components.created, settled.components.updated, settled.tasks.created]).toEqual([0, 0, 0, 0, 0]);
    },
    TIMEOUT,
  );
});

function addThreeDays(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 3);
  return d.toISOString().slice(0, 10);
}
