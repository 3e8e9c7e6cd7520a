/**
 * `sf outcomes recompute` on a book of more than one query page (2,000 rows): outcomes are assessed page by page,
 * and an initiative whose outcomes span two pages is judged on all of them. The plan is the one the whole book read
 * at once gives (`planRecompute` on every outcome: the way recompute planned before), a record refused on the second
 * page is reported with its reason, and a run stopped between pages leaves the mark where it was.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import MeasurementsImport from '../../src/commands/outcomes/measurements/import.js';
import Recompute, { type RecomputeResult } from '../../src/commands/outcomes/recompute.js';
import { CHANGES_LISTED } from '../../src/cli/recomputeResult.js';
import { planRecompute } from '../../src/core/plan/recompute.js';
import { ApiUsage } from '../../src/org/apiUsage.js';
import type { OrgConnection, SfRecord } from '../../src/org/connection.js';
import { fetchAll, forEachPage } from '../../src/org/fetch.js';
import { fetchFeesForRecompute } from '../../src/org/queries/fees.js';
import { fetchInitiatives, fetchOutcomesWithMeasurements, outcomesWithMeasurementsSoql } from '../../src/org/queries/outcomes.js';
import { lastExitCode, runCommand, startTestOrg, type TestOrg } from './harness.js';

const TIMEOUT = 240_000;
const AS_OF = '2025-08-01';
/** Outcomes of the first initiative: with the second's first five, they fill the first page of 2,000 rows. */
const FIRST_PAGE_OUTCOMES = 1995;

async function query(env: TestOrg, soql: string): Promise<SfRecord[]> {
  return fetchAll(env.conn as unknown as OrgConnection, soql, new ApiUsage());
}

const recompute = async (env: TestOrg, argv: string[]): Promise<RecomputeResult> =>
  (await runCommand(Recompute, ['--target-org', env.alias, '--as-of', AS_OF, ...argv])) as RecomputeResult;

async function createAll(env: TestOrg, sobject: string, records: Array<Record<string, unknown>>): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < records.length; start += 200) {
    const results = (await env.conn.sobject(sobject).create(records.slice(start, start + 200))) as Array<{ id?: string; success: boolean; errors?: unknown }>;
    for (const r of results) {
      if (!r.success || !r.id) throw new Error(`test setup failed: ${JSON.stringify(r.errors)}`);
      ids.push(r.id);
    }
  }
  return ids;
}

async function importMeasurements(env: TestOrg, csv: string): Promise<void> {
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'recompute-pages-')), 'measurements.csv');
  await writeFile(file, csv, 'utf8');
  await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file]);
}

describe('sf outcomes recompute, page by page', () => {
  let env: TestOrg;
  /** In the order the recompute reads their outcomes (by initiative Id): long, spanning, then one with no outcome. */
  let initiatives: { long: string; spanning: string; empty: string };
  /** The spanning initiative's ten outcomes, by Name: five on the first page, five on the second. */
  let spanning: string[];
  const named = (): string[] => [initiatives.long, initiatives.spanning, initiatives.empty].flatMap((id) => ['--initiative', id]);

  beforeAll(async () => {
    env = await startTestOrg();
    const [account] = await query(env, 'SELECT Id FROM Account LIMIT 1');
    const created = await createAll(
      env,
      'Initiative__c',
      ['Pages A', 'Pages B', 'Pages C'].map((Name) => ({ Name, Account__c: account.Id, Go_Live_Date__c: '2024-11-01', Outcome_Health__c: 'On Track' })),
    );
    const ordered = (await query(env, `SELECT Id FROM Initiative__c WHERE Id IN ('${created.join("','")}') ORDER BY Id`)).map((r) => String(r.Id));
    initiatives = { long: ordered[0], spanning: ordered[1], empty: ordered[2] };
    const outcome = (initiative: string, n: number, priority: string): Record<string, unknown> => ({
      Initiative__c: initiative,
      Description__c: `Outcome ${n}`,
      Priority__c: priority,
      Quantity_Type__c: 'Absolute',
      Direction__c: 'Increase',
      Baseline_Value__c: 0,
      Target_Value__c: 100,
      Deadline_Type__c: 'Date',
      Deadline_Date__c: '2025-12-31',
      External_Id__c: `PAGES-${initiative.slice(-6)}-${n}`,
    });
    await createAll(env, 'Outcome_Requirement__c', Array.from({ length: FIRST_PAGE_OUTCOMES }, (_, n) => outcome(initiatives.long, n, 'Secondary')));
    // The spanning initiative: its first outcome (first page) primary and Attained, its last (second page) primary
    // and not measured yet: its health is No Data; judged on the first page alone it would stay On Track.
    await createAll(env, 'Outcome_Requirement__c', Array.from({ length: 10 }, (_, n) => outcome(initiatives.spanning, n, n === 0 || n === 9 ? 'Primary' : 'Secondary')));
    spanning = (await query(env, `SELECT Id FROM Outcome_Requirement__c WHERE Initiative__c = '${initiatives.spanning}' ORDER BY Name, Id`)).map((r) => String(r.Id));
    await importMeasurements(env, `outcome,measured_on,value\nPAGES-${initiatives.spanning.slice(-6)}-0,2025-07-01,120\n`);
  }, TIMEOUT);

  afterAll(async () => {
    await env?.stop();
  });

  it('plans what the whole book read at once plans, judging an initiative on outcomes of both pages', async () => {
    const ids = [initiatives.long, initiatives.spanning, initiatives.empty];
    const conn = env.conn as unknown as OrgConnection;
    const usage = new ApiUsage();
    // The recompute's query gives two pages, the spanning initiative's outcomes five on each.
    const pages: string[][] = [];
    await forEachPage(conn, outcomesWithMeasurementsSoql(ids), usage, (rows) => void pages.push(rows.map((r) => String(r.Id))));
    expect(pages.map((p) => p.length)).toEqual([2000, 10 + FIRST_PAGE_OUTCOMES - 2000]);
    expect([pages[0].slice(-5), pages[1]]).toEqual([spanning.slice(0, 5), spanning.slice(5)]);
    const whole = planRecompute(
      await fetchOutcomesWithMeasurements(conn, ids, usage),
      await fetchInitiatives(conn, ids, usage),
      { asOf: AS_OF },
      await fetchFeesForRecompute(conn, ids, usage),
    );

    const dry = await recompute(env, [...named(), '--dry-run']);
    expect(dry.apiCalls.queryMore).toBe(1);
    expect(dry.outcomes).toEqual({ checked: FIRST_PAGE_OUTCOMES + 10, toUpdate: whole.outcomeUpdates.length, updated: 0, unchanged: whole.outcomesUnchanged });
    expect(dry.changedOutcomes).toEqual(
      whole.outcomeUpdates.slice(0, CHANGES_LISTED).map(({ fields, ...u }) => ({ ...u, changes: fields })),
    );
    expect(dry.changesNotListed).toBe(whole.outcomeUpdates.length - CHANGES_LISTED);
    expect(dry.changedInitiatives).toEqual(whole.healthUpdates);
    expect(dry.changedInitiatives.map((i) => [i.id, i.oldHealth, i.newHealth])).toEqual([
      [initiatives.long, 'On Track', 'No Data'],
      [initiatives.spanning, 'On Track', 'No Data'],
      [initiatives.empty, 'On Track', 'No Data'],
    ]);
    expect(dry.changedInitiatives[1].reason).toBe('primary outcomes: 1 Attained, 1 No Data');
  }, TIMEOUT);

  it('leaves the mark where it was when a run stops between pages, so the next run reads those changes', async () => {
    const first = await recompute(env, []);
    expect(first.failures).toEqual([]);
    expect(lastExitCode).toBe(0);
    const health = await query(env, `SELECT Id, Outcome_Health__c FROM Initiative__c WHERE Id IN ('${initiatives.spanning}', '${initiatives.empty}')`);
    expect(health.map((i) => i.Outcome_Health__c)).toEqual(['No Data', 'No Data']);
    const [attained] = await query(env, `SELECT Status__c FROM Outcome_Requirement__c WHERE Id = '${spanning[0]}'`);
    expect(attained.Status__c).toBe('Attained');

    // An outcome on the second page changes; what the next run would read:
    await env.conn.sobject('Outcome_Requirement__c').update({ Id: spanning[9], Description__c: 'Edited' });
    const next = await recompute(env, ['--dry-run']);
    expect(next.run.selection).toBe('Changes');
    // A whole pass's calls up to its last: the first page of outcomes is read, the second is refused.
    const wholePass = await recompute(env, ['--full', '--dry-run']);
    expect(wholePass.apiCalls.queryMore).toBe(1);
    env.setFaults({ apiCallCap: env.stats().apiCalls + wholePass.apiCalls.total - 1 });
    try {
      await expect(recompute(env, ['--full'])).rejects.toThrow(/Couldn't read the outcome requirements/);
    } finally {
      env.setFaults({ apiCallCap: null });
    }
    expect(lastExitCode).toBe(2);
    const [stopped] = await query(env, "SELECT Id, Outcome__c FROM Sync_Run__c WHERE Command__c = 'recompute' ORDER BY CreatedDate DESC, Name DESC LIMIT 1");
    expect(['Running', 'Stopped']).toContain(stopped.Outcome__c);
    // The run could not record its own stop (the allowance was used up); the test records it, as a person would.
    if (stopped.Outcome__c === 'Running') await env.conn.sobject('Sync_Run__c').update({ Id: String(stopped.Id), Outcome__c: 'Stopped' });

    const resumed = await recompute(env, []);
    expect(resumed.run).toMatchObject({ selection: 'Changes', changesSince: next.run.changesSince });
    expect(resumed.initiatives.checked).toBe(next.initiatives.checked);
    expect(resumed.outcomes.checked).toBe(next.outcomes.checked);
  }, TIMEOUT);

  it('reports a record refused on the second page, with its reason, and writes the rest', async () => {
    // 1,000,000,000 against a target of 100: an attainment of 1,000,000,000%, past what Attainment_Percent__c holds.
    await importMeasurements(env, `outcome,measured_on,value\nPAGES-${initiatives.spanning.slice(-6)}-8,2025-07-01,1000000000\n`);
    const result = await recompute(env, named());
    expect(lastExitCode).toBe(1);
    expect(result.failures).toEqual([
      { sobject: 'Outcome_Requirement__c', id: spanning[8], name: expect.stringMatching(/^OR-/), error: expect.stringMatching(/valid range/) },
    ]);
    expect(result.outcomes).toMatchObject({ toUpdate: 1, updated: 0 });
  }, TIMEOUT);
});
