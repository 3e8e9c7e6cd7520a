/**
 * `sf outcomes benchmark` and the value report's standing on a 10,000-opportunity book: the number of API calls is
 * the pages the rows fill (2,000 a page) and nothing per record, so a book many times the sample's costs a handful of
 * calls. The outcomes' latest values are written straight into the local org (as a recompute would leave them), so
 * no call of the seeding is counted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import OutcomesBenchmark, { type BenchmarkResult } from '../../src/commands/outcomes/benchmark.js';
import OutcomesReport, { type ReportResult } from '../../src/commands/outcomes/report.js';
import { generateSampleData } from '../../local-org/src/sample/generate.js';
import { writeSampleTree } from '../../local-org/src/sample/tree.js';
import { runCommand, startTestOrg, type TestOrg } from './harness.js';

const TIMEOUT = 300_000;
const OPPORTUNITIES = 10_000;
const pages = (rows: number): number => Math.max(1, Math.ceil(rows / 2000));

describe('benchmark on a 10,000-opportunity book', () => {
  let folder: string;
  let env: TestOrg;
  let outcomes: number;
  let products: number;

  beforeAll(async () => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'benchmark-scale-'));
    writeSampleTree(folder, generateSampleData({ seed: 7, opportunities: OPPORTUNITIES, today: '2026-11-23' }));
    env = await startTestOrg({ dataDir: folder });
    const engine = env.org.engine;
    const rows = engine.query('SELECT Id, Baseline_Value__c, Direction__c FROM Outcome_Requirement__c WHERE KPI__c != null').records as Array<{
      Id: string;
      Baseline_Value__c: number;
      Direction__c: string;
    }>;
    // Latest values 0–40 % better than the baseline, spread by position so every KPI has a distribution.
    const updated = engine.update(
      'Outcome_Requirement__c',
      rows.map((r, k) => {
        const better = ((k * 37) % 41) / 100;
        const up = r.Direction__c === 'Increase' || r.Direction__c === 'At Least';
        return { Id: r.Id, Latest_Value__c: Math.round(r.Baseline_Value__c * (up ? 1 + better : 1 - better) * 100) / 100 };
      }),
      { allOrNone: true },
    );
    expect(updated.every((r) => r.success)).toBe(true);
    outcomes = rows.length;
    products = engine.query(
      'SELECT Id FROM Solution_Component__c WHERE Product__c != null AND Initiative__c IN (SELECT Initiative__c FROM Outcome_Requirement__c WHERE KPI__c != null)',
    ).totalSize;
    expect(outcomes).toBeGreaterThan(4000);
  }, TIMEOUT);

  afterAll(async () => {
    await env?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('reads every outcome with a KPI in as many calls as their pages, and shows groups of enough customers', async () => {
    const result = (await runCommand(OutcomesBenchmark, ['--target-org', env.alias, '--by', 'industry'])) as BenchmarkResult;
    expect(result.comparable.outcomes).toBe(outcomes);
    expect(result.apiCalls.total).toBe(pages(outcomes) + pages(products));
    expect(result.apiCalls).toMatchObject({ queries: 2, collections: 0 });
    expect(result.rows.length).toBeGreaterThan(10);
    expect(result.rows.every((r) => r.customers >= 5)).toBe(true);
  }, TIMEOUT);

  it('gives the value report its standing in one more query (and its pages)', async () => {
    const [initiative] = env.org.engine.query('SELECT Initiative__c FROM Outcome_Requirement__c WHERE KPI__c != null LIMIT 1').records as Array<{ Initiative__c: string }>;
    const result = (await runCommand(OutcomesReport, ['--target-org', env.alias, '--initiative', initiative.Initiative__c, '--format', 'json', '--as-of', '2026-11-23'])) as ReportResult;
    // Initiatives, outcomes and two currency reads side by side, then the peers.
    expect(result.apiCalls.total).toBe(4 + pages(outcomes));
    expect(result.apiCalls.queries).toBe(5);
  }, TIMEOUT);
});
