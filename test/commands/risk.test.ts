/**
 * `sf outcomes risk` against the local org over HTTP: the sample initiatives, given renewal dates and outcome
 * statuses around the sample's "today" so that each case of the renewal-risk rule is there once.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import OutcomesRisk, { type RiskResult } from '../../src/commands/outcomes/risk.js';
import { addDays } from '../../src/core/dates.js';
import { projectRoot, runCommand, startTestOrg, type TestOrg } from './harness.js';

const AS_OF = '2026-11-23';
const WRITE_KINDS = ['collections', 'singleRecord', 'bulk'] as const;

type Row = Record<string, unknown> & { Id: string; Name: string };
type Case = { key: string; renewsInDays: number; value: number; outcomes: Array<{ priority: 'Primary' | 'Secondary'; status: string | null }> };

/** Each initiative's renewal and the outcomes added to it; its sample outcomes are all set to On Track first. */
const CASES: Case[] = [
  { key: 'A', renewsInDays: 30, value: 50_000, outcomes: [{ priority: 'Primary', status: 'Off Track' }] },
  { key: 'B', renewsInDays: 30, value: 90_000, outcomes: [{ priority: 'Primary', status: 'At Risk' }, { priority: 'Primary', status: 'Missed' }] },
  { key: 'C', renewsInDays: 10, value: 70_000, outcomes: [{ priority: 'Primary', status: 'Attained' }] },
  { key: 'D', renewsInDays: 200, value: 80_000, outcomes: [{ priority: 'Primary', status: 'Off Track' }] },
  { key: 'E', renewsInDays: 60, value: 10_000, outcomes: [{ priority: 'Primary', status: null }, { priority: 'Secondary', status: 'Off Track' }] },
  { key: 'F', renewsInDays: -5, value: 60_000, outcomes: [{ priority: 'Primary', status: 'Off Track' }] },
  { key: 'G', renewsInDays: 120, value: 20_000, outcomes: [{ priority: 'Primary', status: 'Off Track' }] },
];

let env: TestOrg;
const initiativeOf = new Map<string, Row & { Account__c: string }>();
let accountNames: Map<string, string>;

async function check<T extends { success: boolean }>(results: T[]): Promise<void> {
  const failed = results.filter((r) => !r.success);
  if (failed.length > 0) throw new Error(`Seeding failed: ${JSON.stringify(failed)}`);
}

const risk = async (argv: string[]): Promise<RiskResult> => (await runCommand(OutcomesRisk, ['--target-org', env.alias, ...argv])) as RiskResult;

function writes(): number[] {
  const stats = env.stats();
  return [...WRITE_KINDS.map((k) => stats.byKind[k]), stats.recordsSubmitted];
}

beforeAll(async () => {
  env = await startTestOrg();
  const initiatives = (await env.conn.query<Row & { Account__c: string }>('SELECT Id, Name, Account__c FROM Initiative__c ORDER BY Name')).records;
  expect(initiatives.length).toBeGreaterThanOrEqual(CASES.length);
  CASES.forEach((c, k) => initiativeOf.set(c.key, initiatives[k]));
  const accounts = (await env.conn.query<Row>('SELECT Id, Name FROM Account')).records;
  accountNames = new Map(accounts.map((a) => [a.Id, a.Name]));

  const ids = CASES.map((c) => (initiativeOf.get(c.key) as Row).Id);
  const existing = (await env.conn.query<Row>(`SELECT Id FROM Outcome_Requirement__c WHERE Initiative__c IN ('${ids.join("','")}')`)).records;
  await check(await env.conn.sobject('Outcome_Requirement__c').update(existing.map((o) => ({ Id: o.Id, Status__c: 'On Track' }))));
  await check(
    await env.conn.sobject('Initiative__c').update(
      CASES.map((c) => ({ Id: (initiativeOf.get(c.key) as Row).Id, Next_Renewal_Date__c: addDays(AS_OF, c.renewsInDays), Annual_Contract_Value__c: c.value })),
    ),
  );
  // The value at stake is the renewable annual value; the line's value equals the contract value, so either reads the same.
  await check(
    await env.conn.sobject('Solution_Component__c').create(
      CASES.map((c) => ({ Initiative__c: (initiativeOf.get(c.key) as Row).Id, Name: `Platform ${c.key}`, Lifecycle__c: 'Renewable', Annual_Value__c: c.value })),
    ),
  );
  await check(
    await env.conn.sobject('Outcome_Requirement__c').create(
      CASES.flatMap((c) =>
        c.outcomes.map((o, k) => ({
          Initiative__c: (initiativeOf.get(c.key) as Row).Id,
          Description__c: `Outcome ${c.key}${k + 1}`,
          Priority__c: o.priority,
          Status__c: o.status,
          External_Id__c: `TEST-RISK-${c.key}${k + 1}`,
        })),
      ),
    ),
  );
}, 60_000);

afterAll(async () => {
  await env?.stop();
});

describe('sf outcomes risk', () => {
  let result: RiskResult;
  beforeAll(async () => {
    result = await risk(['--as-of', AS_OF]);
  });

  it('lists the renewals within 120 days that stand on primary outcomes not on track: soonest first, then the most value', () => {
    expect(result.renewals.map((r) => r.initiativeName)).toEqual(['B', 'A', 'E', 'G'].map((k) => initiativeOf.get(k)?.Name));
    const [b, a, e, g] = result.renewals;
    expect(b).toMatchObject({ renewalDate: '2026-12-23', daysLeft: 30, valueAtStake: 90_000 });
    expect(b.outcomesAtRisk.map((o) => [o.description, o.status])).toEqual([
      ['Outcome B1', 'At Risk'],
      ['Outcome B2', 'Missed'],
    ]);
    expect(a).toMatchObject({ daysLeft: 30, valueAtStake: 50_000, outcomesAtRisk: [expect.objectContaining({ description: 'Outcome A1', status: 'Off Track' })] });
    // An outcome without a status has no measurement yet; a secondary outcome never counts.
    expect(e.outcomesAtRisk.map((o) => [o.description, o.status])).toEqual([['Outcome E1', 'No Data']]);
    // The window includes its last day.
    expect(g).toMatchObject({ renewalDate: '2027-03-23', daysLeft: 120 });
  });

  it('names the account and the initiative of each renewal', () => {
    for (const r of result.renewals) {
      const key = CASES.find((c) => initiativeOf.get(c.key)?.Id === r.initiativeId)?.key as string;
      const initiative = initiativeOf.get(key) as Row & { Account__c: string };
      expect(r).toMatchObject({ initiativeId: initiative.Id, accountId: initiative.Account__c, accountName: accountNames.get(initiative.Account__c) });
    }
  });

  it('returns the typed JSON result with totals and the API calls used: one query', () => {
    expect(Object.keys(result).sort()).toEqual(['apiCalls', 'asOf', 'renewals', 'totals', 'windowEnd', 'withinDays']);
    expect(result).toMatchObject({ asOf: AS_OF, withinDays: 120, windowEnd: '2027-03-23' });
    // C (10 days), A, B, E and G renew inside the window; D is beyond it and F is past.
    expect(result.totals).toEqual({ initiativesRenewing: 5, renewalsAtRisk: 4, valueAtStake: 170_000, outcomesAtRisk: 5 });
    expect(result.apiCalls).toMatchObject({ total: 1, queries: 1, queryMore: 0, collections: 0, retries: 0 });
    expect(Object.keys(result.renewals[0]).sort()).toEqual(
      ['accountId', 'accountName', 'daysLeft', 'initiativeId', 'initiativeName', 'outcomesAtRisk', 'renewalDate', 'valueAtStake'].sort(),
    );
    expect(Object.keys(result.renewals[0].outcomesAtRisk[0]).sort()).toEqual(['description', 'id', 'name', 'status']);
  });

  it('looks as far ahead as --within says', async () => {
    const wide = await risk(['--as-of', AS_OF, '--within', '365']);
    expect(wide.renewals.map((r) => r.initiativeName)).toEqual(['B', 'A', 'E', 'G', 'D'].map((k) => initiativeOf.get(k)?.Name));
    const narrow = await risk(['--as-of', AS_OF, '--within', '29']);
    expect(narrow.renewals).toEqual([]);
    expect(narrow.totals).toMatchObject({ initiativesRenewing: 1, renewalsAtRisk: 0, valueAtStake: 0 });
  });

  it('writes nothing and gives the same list when run again', async () => {
    const before = writes();
    const again = await risk(['--as-of', AS_OF]);
    expect(writes()).toEqual(before);
    expect(again.renewals).toEqual(result.renewals);
  });

  it('loses nothing when the org answers 503 and REQUEST_LIMIT_EXCEEDED', async () => {
    const faultsBefore = env.stats().faults;
    env.setFaults({ unavailableShare: 0.3, rateLimitShare: 0.4, seed: 5 });
    try {
      let retries = 0;
      for (let run = 0; run < 4; run++) {
        const faulty = await risk(['--as-of', AS_OF]);
        expect(faulty.renewals).toEqual(result.renewals);
        retries += faulty.apiCalls.retries;
      }
      const faults = env.stats().faults;
      expect(faults.unavailable).toBeGreaterThan(faultsBefore.unavailable);
      expect(faults.rateLimited).toBeGreaterThan(faultsBefore.rateLimited);
      // jsforce retries a 503 by itself; REQUEST_LIMIT_EXCEEDED comes back to src/org/retry.ts, which counts it.
      expect(retries).toBeGreaterThan(0);
    } finally {
      env.setFaults({ unavailableShare: 0, rateLimitShare: 0 });
    }
    // jsforce waits 0.5 s, then 1 s, 2 s ... before it retries a 503.
  }, 60_000);

  it('refuses a date that is not a calendar date before any API call', async () => {
    const before = env.stats().byKind.query;
    await expect(risk(['--as-of', "2026-11-23' OR Name != '"])).rejects.toMatchObject({ message: expect.stringMatching(/YYYY-MM-DD/), actions: [expect.any(String)] });
    await expect(risk(['--as-of', '2026-13-01'])).rejects.toMatchObject({ message: expect.stringMatching(/no month 13/) });
    await expect(risk(['--within', '-3'])).rejects.toThrow(/greater than or equal to 0/);
    expect(env.stats().byKind.query).toBe(before);
  });

  it('shows a table for humans', async () => {
    // oclif writes through console.log, tables through process.stdout: capture both.
    const out: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
    const log = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      out.push(args.map(String).join(' '));
    });
    try {
      await OutcomesRisk.run(['--target-org', env.alias, '--as-of', AS_OF], projectRoot);
    } finally {
      write.mockRestore();
      log.mockRestore();
      process.exitCode = 0;
    }
    const text = out.join('');
    expect(text).toContain('Renewals within 120 days of 2026-11-23');
    expect(text).toContain(initiativeOf.get('B')?.Name.slice(0, 12));
    expect(text).toContain('90,000.00');
    expect(text).toContain('Outcome B1 (At Risk)');
    expect(text).toContain('Renewals at risk: 4, with 170,000.00 at stake in total.');
  });
});
