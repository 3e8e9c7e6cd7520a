/**
 * The handover and renewals syncs read with a number of queries that does not grow with the number of
 * opportunities: on a generated org with hundreds of won opportunities (more than one list of Ids holds) they make
 * as many queries as on the small sample, and no more query calls than the pages the rows fill. The filters that
 * replace the lists of Ids must find the same records: an initiative whose lookup was changed after the handover is
 * still found by its source id, and a component whose line item is not of a renewable product is still dated from
 * its line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import HandoverSync, { CHANGES_LISTED, type HandoverSyncResult } from '../../src/commands/outcomes/handover/sync.js';
import RenewalsSync, { type RenewalsSyncResult } from '../../src/commands/outcomes/renewals/sync.js';
import { ApiUsage, type ApiUsageSnapshot } from '../../src/org/apiUsage.js';
import type { OrgConnection, SfRecord } from '../../src/org/connection.js';
import { fetchAll } from '../../src/org/fetch.js';
import { generateSampleData } from '../../local-org/src/sample/generate.js';
import { writeSampleTree } from '../../local-org/src/sample/tree.js';
import { IDS_PER_QUERY } from '../../src/org/queries/handover.js';
import { LINE_IDS_PER_QUERY } from '../../src/org/queries/renewals.js';
import { runCommand, startTestOrg, type TestOrg } from './harness.js';

const TIMEOUT = 240_000;
/** Opportunities generated: about half are won, several times what one list of Ids holds. */
const OPPORTUNITIES = 1400;
const PAGE_ROWS = 2000;

const pages = (rows: number): number => Math.max(1, Math.ceil(rows / PAGE_ROWS));
const readCalls = (calls: ApiUsageSnapshot): number => calls.queries + calls.queryMore;

async function query(env: TestOrg, soql: string): Promise<SfRecord[]> {
  return fetchAll(env.conn as unknown as OrgConnection, soql, new ApiUsage());
}

async function handover(env: TestOrg, argv: string[] = []): Promise<HandoverSyncResult> {
  return (await runCommand(HandoverSync, ['--target-org', env.alias, ...argv])) as HandoverSyncResult;
}

/** A whole pass (--full): this suite is about reading the whole book in pages, not about what changed. */
async function renewals(env: TestOrg): Promise<RenewalsSyncResult> {
  return (await runCommand(RenewalsSync, ['--target-org', env.alias, '--full'])) as RenewalsSyncResult;
}

function localToday(): string {
  const now = new Date();
  return [now.getFullYear(), now.getMonth() + 1, now.getDate()].map((n, i) => String(n).padStart(i === 0 ? 4 : 2, '0')).join('-');
}

const planned = (r: HandoverSyncResult): number =>
  [r.initiatives, r.components, r.tasks, r.opportunityStatuses].reduce((sum, c) => sum + c.created + c.updated + c.skipped + c.failed, 0);

describe('handover and renewals sync on a bigger org', () => {
  let folder: string;
  let small: TestOrg;
  let large: TestOrg;
  let smallDryRun: HandoverSyncResult;
  let dryRun: HandoverSyncResult;
  let first: HandoverSyncResult;
  let won: SfRecord[];

  beforeAll(async () => {
    folder = mkdtempSync(path.join(process.env.TMPDIR ?? os.tmpdir(), 'sync-scale-'));
    writeSampleTree(folder, generateSampleData({ seed: 11, opportunities: OPPORTUNITIES, today: localToday() }));
    [small, large] = await Promise.all([startTestOrg(), startTestOrg({ dataDir: folder })]);
    won = await query(large, 'SELECT Id, AccountId, CloseDate FROM Opportunity WHERE IsWon = true');
    smallDryRun = await handover(small, ['--dry-run']);
    dryRun = await handover(large, ['--dry-run']);
    // Collections only, whatever the size: this suite is about paging and batching (test/commands/bulk-writes.test.ts has the jobs).
    first = await handover(large, ['--bulk-threshold', '1000000']);
  }, TIMEOUT);

  afterAll(async () => {
    await Promise.all([small?.stop(), large?.stop()]);
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  describe('handover sync', () => {
    it('has more won opportunities and accounts than one list of Ids holds', () => {
      expect(won.length).toBeGreaterThan(2 * IDS_PER_QUERY);
      expect(new Set(won.map((o) => o.AccountId)).size).toBeGreaterThan(IDS_PER_QUERY);
      expect(dryRun.opportunities).toBe(won.length);
    });

    it('makes as many queries as on the small sample, and no more read calls than the rows fill pages', async () => {
      expect(dryRun.apiCalls.queries).toBe(smallDryRun.apiCalls.queries);
      // The real run reads back once the review tasks it created (two runs at once may both have made one); both read
      // the last complete run and the recent runs in one composite call (which records the real run's own).
      expect(first.apiCalls.queries).toBe(smallDryRun.apiCalls.queries + 1);
      const initiatives = await query(large, 'SELECT Id FROM Initiative__c WHERE Opportunity__r.IsWon = true');
      const team = await query(
        large,
        "SELECT Id FROM AccountTeamMember WHERE TeamMemberRole = 'Customer Success Manager' AND AccountId IN (SELECT AccountId FROM Opportunity WHERE IsWon = true)",
      );
      // The last complete run, opportunities with their lines, initiatives with their components, outcomes and tasks,
      // account teams.
      expect(readCalls(dryRun.apiCalls)).toBeLessThanOrEqual(1 + pages(won.length) + pages(initiatives.length) + pages(team.length));
    });

    it('writes in collections of 200 and lists a bounded number of changes, creates and updates first', () => {
      const groups = [first.initiatives.created, first.initiatives.updated, first.components.created, first.components.updated, first.tasks.created, first.opportunityStatuses.updated];
      const writeCalls = groups.filter((n) => n > 0).reduce((sum, n) => sum + Math.ceil(n / 200), 0);
      // Records refused by a validation rule (generated lines whose end precedes their start) may take a retry round.
      expect(first.apiCalls.collections).toBeGreaterThanOrEqual(writeCalls);
      expect(first.apiCalls.collections).toBeLessThanOrEqual(writeCalls + 2);
      expect(planned(first)).toBeGreaterThan(CHANGES_LISTED);
      expect(first.changes).toHaveLength(CHANGES_LISTED);
      expect(first.changesNotListed).toBe(planned(first) - CHANGES_LISTED);
      expect(first.changes.every((c) => c.action !== 'skip')).toBe(true);
      expect(first.handovers).toHaveLength(won.length);
    });

    it('with --since reads the won opportunities closed since then, and their initiatives, by filter', async () => {
      const dates = won.map((o) => String(o.CloseDate)).sort();
      const since = dates[Math.floor(dates.length / 2)];
      const recent = new Set(won.filter((o) => String(o.CloseDate) >= since).map((o) => String(o.Id)));
      const result = await handover(large, ['--since', since, '--dry-run']);
      expect(result.opportunities).toBe(recent.size);
      expect(new Set(result.handovers.map((h) => h.opportunityId))).toEqual(recent);
      // The first run created every initiative: each of them is found. Only opportunities a component failed for
      // (generated lines that end before they start) still lack their review task.
      expect(result.initiatives.created).toBe(0);
      const unfinished = new Set(first.failures.map((f) => f.opportunityId).filter((id) => recent.has(id)));
      expect(result.tasks.created).toBe(unfinished.size);
      expect(result.apiCalls.queries).toBeLessThanOrEqual(smallDryRun.apiCalls.queries);
    });

    it('still finds an initiative by its source id after someone changed or blanked its opportunity lookup', async () => {
      const [blanked, moved] = await query(
        large,
        "SELECT Id, Source_Opportunity_Id__c FROM Initiative__c WHERE Source_Opportunity_Id__c != null AND Status__c = 'Onboarding' ORDER BY Id LIMIT 2",
      );
      const [lost] = await query(large, 'SELECT Id FROM Opportunity WHERE IsWon = false LIMIT 1');
      const updates = await large.conn.sobject('Initiative__c').update([
        { Id: String(blanked.Id), Opportunity__c: null },
        { Id: String(moved.Id), Opportunity__c: String(lost.Id) },
      ]);
      expect(updates.every((r) => r.success)).toBe(true);

      const rerun = await handover(large, ['--full']);
      expect(rerun.initiatives.created).toBe(0);
      expect(rerun.tasks.created).toBe(0);
      expect(rerun.failures.filter((f) => f.object === 'Initiative__c')).toEqual([]);
      const fixed = new Map(
        (await query(large, `SELECT Id, Opportunity__c FROM Initiative__c WHERE Id IN ('${String(blanked.Id)}','${String(moved.Id)}')`)).map((r) => [r.Id, r.Opportunity__c]),
      );
      expect(fixed.get(blanked.Id)).toBe(blanked.Source_Opportunity_Id__c);
      expect(fixed.get(moved.Id)).toBe(moved.Source_Opportunity_Id__c);
      const all = await query(large, 'SELECT Id FROM Initiative__c WHERE Source_Opportunity_Id__c != null');
      expect(all).toHaveLength(won.length);
    }, TIMEOUT);
  });

  describe('renewals sync', () => {
    it('reads the line items of thousands of components in one paged query', async () => {
      const result = await renewals(large);
      expect(result.components).toBeGreaterThan(LINE_IDS_PER_QUERY);
      // Initiatives with their renewable components, then the renewable lines of the handed-over opportunities.
      expect(result.apiCalls.queries).toBe(2);
      const lines = await query(
        large,
        "SELECT Id FROM OpportunityLineItem WHERE Product2.Lifecycle__c = 'Renewable' AND OpportunityId IN (SELECT Opportunity__c FROM Initiative__c WHERE Source_Opportunity_Id__c != null)",
      );
      expect(readCalls(result.apiCalls)).toBeLessThanOrEqual(pages(result.initiatives) + pages(lines.length));
      // Right after the handover, every date agrees with it.
      expect(result.unchanged.components + result.undated.length).toBe(result.components);
    });

    it('dates a component made renewable by hand from its line item, though its product does not renew', async () => {
      const [component] = await query(
        large,
        "SELECT Id, Source_Line_Item_Id__c FROM Solution_Component__c WHERE Lifecycle__c != 'Renewable' AND Source_Line_Item_Id__c != null ORDER BY Id LIMIT 1",
      );
      const updated = await large.conn.sobject('Solution_Component__c').update({ Id: String(component.Id), Lifecycle__c: 'Renewable', Renewal_Date__c: null });
      expect(updated.success).toBe(true);

      const result = await renewals(large);
      // The line is not among the renewable lines: one more query asks for it by Id.
      expect(result.apiCalls.queries).toBe(3);
      const change = result.changes.find((c) => c.recordId === component.Id);
      const undated = result.undated.find((u) => u.componentId === component.Id);
      expect(change ?? undated).toBeDefined();
      if (change) expect(change.reason).toContain(`line item ${String(component.Source_Line_Item_Id__c)}`);
      if (undated) expect(undated.reason).not.toMatch(/no longer exists/);
    });
  });
});
