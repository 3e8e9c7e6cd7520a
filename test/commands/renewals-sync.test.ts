/**
 * `sf outcomes renewals sync` against the local org over HTTP. The sample data is first handed over (which dates
 * the renewable components); then line items and components are changed here and the renewals sync must follow.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import HandoverSync from '../../src/commands/outcomes/handover/sync.js';
import RenewalsSync, { type RenewalsSyncResult } from '../../src/commands/outcomes/renewals/sync.js';
import { ApiUsage } from '../../src/org/apiUsage.js';
import type { OrgConnection, SfRecord } from '../../src/org/connection.js';
import { fetchAll } from '../../src/org/fetch.js';
import { afterThisSecond, runCommand, RUN_RECORD_WRITES, startTestOrg, type TestOrg } from './harness.js';

const TIMEOUT = 120_000;
const WRITE_KINDS = ['collections', 'singleRecord', 'bulk'] as const;

async function query(env: TestOrg, soql: string): Promise<SfRecord[]> {
  return fetchAll(env.conn as unknown as OrgConnection, soql, new ApiUsage());
}

async function renewals(env: TestOrg, argv: string[] = []): Promise<RenewalsSyncResult> {
  return (await runCommand(RenewalsSync, ['--target-org', env.alias, ...argv])) as RenewalsSyncResult;
}

function writes(env: TestOrg): number[] {
  const stats = env.stats();
  return [...WRITE_KINDS.map((k) => stats.byKind[k]), stats.recordsSubmitted];
}

async function expectSuccess(results: unknown): Promise<void> {
  const list = (Array.isArray(results) ? results : [results]) as Array<{ success: boolean; errors?: unknown }>;
  const failed = list.filter((r) => !r.success);
  if (failed.length > 0) throw new Error(`test setup failed: ${JSON.stringify(failed)}`);
}

/** The write counters moved by a run that wrote nothing but its own Sync_Run__c record. */
const ONLY_THE_RUN_RECORD = [RUN_RECORD_WRITES.collections, RUN_RECORD_WRITES.singleRecord, RUN_RECORD_WRITES.bulk, RUN_RECORD_WRITES.recordsSubmitted];

const COMPONENT_FIELDS = 'Id, Name, Initiative__c, Source_Line_Item_Id__c, Renewal_Date__c, End_Date__c';

describe('sf outcomes renewals sync', () => {
  let env: TestOrg;

  beforeAll(async () => {
    env = await startTestOrg();
    await runCommand(HandoverSync, ['--target-org', env.alias]);
  }, TIMEOUT);

  afterAll(async () => {
    await env?.stop();
  });

  it('agrees with the handover: right after it, nothing changes', async () => {
    const before = writes(env);
    const result = await renewals(env);
    expect(result.changes).toEqual([]);
    expect(result.components).toBeGreaterThan(0);
    expect(result.unchanged.components + result.undated.length).toBe(result.components);
    expect(writes(env).map((n, i) => n - before[i])).toEqual(ONLY_THE_RUN_RECORD);
  });

  it('reports the renewable lines that cannot be dated, with what to fill in', async () => {
    // The whole book: an incremental run right after the first reads nothing.
    const result = await renewals(env, ['--full']);
    expect(result.undated.length).toBeGreaterThan(0);
    for (const u of result.undated) {
      expect(u.reason).toMatch(/No renewal date|no longer exists|Not created from a line item/);
      expect(u.kept).toBeNull();
    }
    const undatedIds = result.undated.map((u) => `'${u.componentId}'`).join(',');
    const rows = await query(env, `SELECT Renewal_Date__c, Lifecycle__c FROM Solution_Component__c WHERE Id IN (${undatedIds})`);
    expect(rows.every((r) => r.Renewal_Date__c === null && r.Lifecycle__c === 'Renewable')).toBe(true);
  });

  describe('after line items and components change', () => {
    let target: SfRecord;
    let tampered: SfRecord;
    let dryRun: RenewalsSyncResult;
    let dryRunWrites: number[];
    let applied: RenewalsSyncResult;
    let rerun: RenewalsSyncResult;
    let rerunWrites: number[];
    const newEnd = '2031-12-30';

    beforeAll(async () => {
      const dated = await query(env, `SELECT ${COMPONENT_FIELDS} FROM Solution_Component__c WHERE Lifecycle__c = 'Renewable' AND Renewal_Date__c != null ORDER BY Id`);
      [target, tampered] = dated;
      await afterThisSecond();
      // The line's own end date now decides the renewal; the other component was edited to a wrong date.
      await expectSuccess(await env.conn.sobject('OpportunityLineItem').update({ Id: target.Source_Line_Item_Id__c as string, End_Date__c: newEnd }));
      await expectSuccess(await env.conn.sobject('Solution_Component__c').update({ Id: tampered.Id as string, Renewal_Date__c: '2020-01-01' }));

      let before = writes(env);
      dryRun = await renewals(env, ['--dry-run']);
      dryRunWrites = writes(env).map((n, i) => n - before[i]);
      applied = await renewals(env);
      before = writes(env);
      rerun = await renewals(env);
      rerunWrites = writes(env).map((n, i) => n - before[i]);
    }, TIMEOUT);

    it('a dry run writes nothing and plans what the real run does', () => {
      expect(dryRunWrites).toEqual([0, 0, 0, 0]);
      expect(dryRun.changes.map((c) => [c.recordId, c.from, c.to, c.result])).toEqual(applied.changes.map((c) => [c.recordId, c.from, c.to, 'planned']));
    });

    it('writes the changed dates, old → new, with why', async () => {
      expect(applied.failures).toEqual([]);
      const byId = new Map(applied.changes.filter((c) => c.object === 'Solution_Component__c').map((c) => [c.recordId, c]));
      expect(byId.get(target.Id as string)).toMatchObject({ from: target.Renewal_Date__c, to: newEnd, result: 'done', reason: expect.stringMatching(/line end date/) });
      expect(byId.get(tampered.Id as string)).toMatchObject({ from: '2020-01-01', to: tampered.Renewal_Date__c, result: 'done' });
      expect(byId.size).toBe(2);
      const rows = new Map((await query(env, `SELECT Id, Renewal_Date__c FROM Solution_Component__c WHERE Id IN ('${String(target.Id)}','${String(tampered.Id)}')`)).map((r) => [r.Id, r.Renewal_Date__c]));
      expect(rows.get(target.Id as string)).toBe(newEnd);
      expect(rows.get(tampered.Id as string)).toBe(tampered.Renewal_Date__c);
    });

    it("keeps each initiative's next renewal the earliest future renewal of its renewable components", async () => {
      const initiatives = await query(
        env,
        "SELECT Id, Next_Renewal_Date__c, (SELECT Renewal_Date__c FROM Solution_Components__r WHERE Lifecycle__c = 'Renewable') FROM Initiative__c",
      );
      for (const initiative of initiatives) {
        const dates = ((initiative.Solution_Components__r as { records: SfRecord[] } | null)?.records ?? [])
          .map((c) => c.Renewal_Date__c as string | null)
          .filter((d): d is string => d !== null && d >= applied.today)
          .sort();
        if (dates.length > 0) expect(initiative.Next_Renewal_Date__c).toBe(dates[0]);
      }
    });

    it('a rerun writes nothing', () => {
      expect(rerun.changes).toEqual([]);
      expect(rerunWrites).toEqual(ONLY_THE_RUN_RECORD);
      expect(rerun.run.selection).toBe('Changes');
      expect(rerun.initiatives).toBe(0);
      expect(rerun.apiCalls.collections).toBe(0);
    });

    it('reads line items in bulk queries, never one per component', () => {
      // The components of the changed line items, one query for the changed initiatives and their components, then
      // the line items by Id, 400 to a query.
      const lineIds = applied.components;
      expect(applied.apiCalls.queries).toBeLessThanOrEqual(2 + Math.ceil(lineIds / 400));
      const writesNeeded = ['Solution_Component__c', 'Initiative__c'].filter((o) => applied.changes.some((c) => c.object === o)).length;
      expect(applied.apiCalls.collections).toBe(writesNeeded);
    });

    it('returns a typed --json result', async () => {
      expect(Object.keys(applied).sort()).toEqual(
        ['apiCalls', 'changes', 'changesNotListed', 'components', 'componentsUpdated', 'dryRun', 'failures', 'initiatives', 'initiativesUpdated', 'run', 'today', 'unchanged', 'undated'].sort(),
      );
      expect(applied.componentsUpdated).toBe(2);
      expect(Object.keys(applied.changes[0]).sort()).toEqual(['field', 'from', 'initiativeId', 'initiativeName', 'name', 'object', 'reason', 'recordId', 'result', 'to']);
      // The undated lines are in the initiatives that did not change: a whole pass lists them.
      const whole = await renewals(env, ['--full', '--dry-run']);
      expect(Object.keys(whole.undated[0]).sort()).toEqual(['componentId', 'initiativeId', 'initiativeName', 'kept', 'name', 'reason']);
    });
  });

  it(
    'loses nothing under faults: failures are reported per record and a rerun finishes',
    async () => {
      const dated = await query(env, `SELECT ${COMPONENT_FIELDS} FROM Solution_Component__c WHERE Lifecycle__c = 'Renewable' AND Renewal_Date__c != null ORDER BY Id`);
      const wrong = dated.slice(0, 40);
      await afterThisSecond();
      await expectSuccess(await env.conn.sobject('Solution_Component__c').update(wrong.map((c) => ({ Id: c.Id as string, Renewal_Date__c: '2019-06-30' }))));

      env.setFaults({ unavailableShare: 0.2, rateLimitShare: 0.1, lockRowShare: 0.4, seed: 3 });
      let faulty: RenewalsSyncResult;
      try {
        faulty = await renewals(env);
      } finally {
        env.setFaults({ unavailableShare: 0, rateLimitShare: 0, lockRowShare: 0 });
      }
      const injected = env.stats().faults;
      expect(injected.unavailable + injected.rateLimited + injected.lockedRows).toBeGreaterThan(0);
      const failedIds = new Set(faulty.failures.map((f) => f.recordId));
      expect(faulty.changes.filter((c) => c.result === 'failed').map((c) => c.recordId).sort()).toEqual([...failedIds].sort());

      let last = await renewals(env);
      if (last.failures.length > 0) last = await renewals(env);
      expect(last.failures).toEqual([]);
      const rows = await query(env, `SELECT Id, Renewal_Date__c FROM Solution_Component__c WHERE Id IN (${wrong.map((c) => `'${String(c.Id)}'`).join(',')})`);
      const expected = new Map(wrong.map((c) => [c.Id, c.Renewal_Date__c]));
      for (const row of rows) expect(row.Renewal_Date__c).toBe(expected.get(row.Id as string));
      expect((await renewals(env)).changes).toEqual([]);
    },
    TIMEOUT,
  );
});
