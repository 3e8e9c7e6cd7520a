/**
 * The incremental reruns (issue 15, item 2), on the org a size's first pass left: API calls per sync when
 *
 * - the first incremental cycle runs right after the whole pass (each sync reads what the others wrote since its
 *   own run: recompute's health and renewals' dates are changes to the handover, and so on);
 * - nothing changed since (each sync's own no-change rerun);
 * - 1% of the won opportunities changed (their handover status set back by hand);
 * - one day later (--as-of tomorrow): what time alone made stale.
 *
 * Each run is measured like any step (calls counted by the org), and what it read is taken from its --json result.
 */
import { Connection } from 'jsforce';
import { addDays } from '../src/core/dates.js';
import type { CommandKey } from './child/protocol.js';
import { measureStep, type StepMeasure } from './measure.js';
import type { BenchOrg } from './org.js';

export const INCREMENTAL_STEPS = ['handover-sync', 'renewals-sync', 'recompute'] as const satisfies readonly CommandKey[];
export const SCENARIOS = ['first incremental cycle', 'nothing changed', '1% of opportunities changed', 'one day later'] as const;
export type Scenario = (typeof SCENARIOS)[number];

export type IncrementalRun = {
  scenario: Scenario;
  step: CommandKey;
  ok: boolean;
  error: string | null;
  orgCalls: number;
  /** Changes, Full or Named, as the command reported it. */
  selection: string | null;
  /** What the run read: opportunities (handover), renewable initiatives (renewals), outcomes (recompute). */
  read: number | null;
  runMs: number;
};

const READ_KEY: Record<(typeof INCREMENTAL_STEPS)[number], string> = {
  'handover-sync': 'opportunities',
  'renewals-sync': 'initiatives',
  recompute: 'outcomes.checked',
};

function toRun(scenario: Scenario, step: (typeof INCREMENTAL_STEPS)[number], m: StepMeasure): IncrementalRun {
  const read = m.summary[READ_KEY[step]];
  const selection = m.summary['run.selection'];
  return { scenario, step, ok: m.ok, error: m.error, orgCalls: m.orgCalls, selection: typeof selection === 'string' ? selection : null, read: typeof read === 'number' ? read : null, runMs: m.runMs };
}

/** The org stores times to the second and the edits are made as the syncs' own user: they must come after its second. */
async function afterThisSecond(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 20));
}

/** Sets the handover status of 1% of the won opportunities back to Not Started, as a person might. */
async function changeOnePercent(org: BenchOrg): Promise<number> {
  const conn = new Connection({ instanceUrl: org.url, accessToken: org.accessToken, version: '64.0' });
  const won = (await conn.query<{ Id: string }>('SELECT Id FROM Opportunity WHERE IsWon = true ORDER BY Id', { autoFetch: true, maxFetch: 1_000_000 })).records;
  const step = 100;
  const picked = won.filter((_, i) => i % step === 0);
  await afterThisSecond();
  for (let i = 0; i < picked.length; i += 200) {
    // eslint-disable-next-line no-await-in-loop
    await conn.sobject('Opportunity').update(picked.slice(i, i + 200).map((o) => ({ Id: o.Id, Handover_Status__c: 'Not Started' })), { allOrNone: false });
  }
  return picked.length;
}

export async function benchIncremental(
  org: BenchOrg,
  today: string,
  progress: (message: string) => void,
): Promise<{ changedOpportunities: number; runs: IncrementalRun[] }> {
  const runs: IncrementalRun[] = [];
  let changedOpportunities = 0;
  for (const scenario of SCENARIOS) {
    // eslint-disable-next-line no-await-in-loop -- the scenarios build on each other, in this order
    if (scenario === '1% of opportunities changed') changedOpportunities = await changeOnePercent(org);
    const flags = scenario === 'one day later' ? ['--as-of', addDays(today, 1)] : [];
    for (const step of INCREMENTAL_STEPS) {
      // eslint-disable-next-line no-await-in-loop -- each run reads what the previous one left
      const m = await measureStep(org, step, 'command', { measurementsFile: '', flags });
      const run = toRun(scenario, step, m);
      runs.push(run);
      progress(`    ${scenario}, ${step}: ${run.ok ? `${run.orgCalls} calls, read ${run.read ?? '–'} (${run.selection ?? '–'})` : `FAILED: ${(run.error ?? '').split('\n')[0]}`}`);
    }
  }
  return { changedOpportunities, runs };
}
