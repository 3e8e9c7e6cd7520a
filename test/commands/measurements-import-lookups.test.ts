/**
 * How `sf outcomes measurements import` finds the outcomes a file names, against the local org over HTTP on an
 * org with 4,049 outcomes (the sample's 49 and 4,000 more): the lookup takes a call per 2,000 outcomes the org
 * holds at most, however many outcomes the file names, instead of a query per ~300 references.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import MeasurementsImport, { type MeasurementsImportResult } from '../../src/commands/outcomes/measurements/import.js';
import { ApiUsage } from '../../src/org/apiUsage.js';
import type { OrgConnection } from '../../src/org/connection.js';
import { chunkByLength, fetchEveryOutcomeIfFewerCalls } from '../../src/org/queries/measurements.js';
import { runCommand, startTestOrg, type TestOrg } from './harness.js';

const TIMEOUT = 180_000;
const ADDED_OUTCOMES = 4_000;
/** Characters of references per IN-list query in src/org/queries/measurements.ts. */
const REFERENCE_CHARS_PER_QUERY = 8_000;

const extraOutcomeId = (i: number): string => `LOOKUP-${String(i).padStart(5, '0')}`;

async function writeWorkFile(name: string, lines: string[]): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'measurement-lookups-'));
  const file = path.join(dir, name);
  await writeFile(file, `outcome,measured_on,value,source,notes,external_id\n${lines.join('\n')}\n`, 'utf8');
  return file;
}

/** One reading for each outcome named, dated 2025-06-30, with a derived external id. */
const readings = (outcomes: readonly string[]): string[] => outcomes.map((o, i) => `${o},2025-06-30,${i % 90},System,,`);

describe('measurement import lookups on an org with thousands of outcomes', () => {
  let env: TestOrg;
  let orgOutcomes: string[];
  /** ceil(outcomes / 2,000): the pages a read of every outcome takes, the most a lookup may cost. */
  let pagesOfEveryOutcome: number;

  const lookupCalls = (before: ReturnType<TestOrg['stats']>): number =>
    env.stats().byKind.query + env.stats().byKind.queryMore - before.byKind.query - before.byKind.queryMore;

  beforeAll(async () => {
    env = await startTestOrg();
    // Written straight into the engine: setting up costs no API call and the counts below are the lookup's own.
    const [initiative] = env.org.engine.query('SELECT Id FROM Initiative__c LIMIT 1').records;
    const results = env.org.engine.create(
      'Outcome_Requirement__c',
      Array.from({ length: ADDED_OUTCOMES }, (_, i) => ({
        Initiative__c: initiative.Id,
        Description__c: `Lookup outcome ${i}`,
        Priority__c: 'Secondary',
        Validation_Status__c: 'Stated by Customer',
        Quantity_Type__c: 'Absolute',
        Direction__c: 'Increase',
        Baseline_Value__c: 10,
        Target_Value__c: 20,
        Deadline_Type__c: 'Immediate',
        External_Id__c: extraOutcomeId(i),
      })),
      { allOrNone: true },
    );
    expect(results.every((r) => r.success)).toBe(true);
    orgOutcomes = env.org.engine.query('SELECT External_Id__c FROM Outcome_Requirement__c').records.map((r) => String(r.External_Id__c));
    expect(orgOutcomes).toHaveLength(49 + ADDED_OUTCOMES);
    pagesOfEveryOutcome = Math.ceil(orgOutcomes.length / 2000);
  }, TIMEOUT);

  afterAll(async () => {
    await env?.stop();
  });

  it.each([
    ['a few outcomes', 100, 0],
    ['a thousand outcomes', 1_000, 0],
    ['every outcome of the org', 49 + ADDED_OUTCOMES, 0],
    ['every outcome and 3,000 the org lacks', 49 + ADDED_OUTCOMES, 3_000],
  ])(
    'looks up %s in at most a call per 2,000 outcomes of the org (+1), not a query per ~300 references',
    async (_, known, unknown) => {
      const named = [...orgOutcomes.slice(0, known), ...Array.from({ length: unknown }, (__, i) => `MISSING-${i}`)];
      const file = await writeWorkFile('lookups.csv', readings(named));
      const before = env.stats();
      const result: MeasurementsImportResult = await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file, '--dry-run']);

      expect(result).toMatchObject({ rowsRead: named.length, valid: known, toCreate: known, toUpdate: 0, failed: unknown });
      expect(result.failures.every((f) => f.kind === 'unresolved')).toBe(true);
      // By IN-lists alone this would take a query per ~300 references: 14 for the 4,049, 24 with the 3,000 missing.
      const queriesByReference = chunkByLength(named, REFERENCE_CHARS_PER_QUERY).length;
      expect(lookupCalls(before)).toBeLessThanOrEqual(Math.min(queriesByReference, pagesOfEveryOutcome + 1));
      expect(result.apiCalls.queries + result.apiCalls.queryMore).toBe(lookupCalls(before));
      // And one call for the org user's today (userinfo), which dates "not in the future".
      expect(result.apiCalls.total).toBe(lookupCalls(before) + 1);
    },
    TIMEOUT,
  );

  it('reads every outcome only when its remaining pages are fewer than the IN-list queries', async () => {
    const conn = env.conn as unknown as OrgConnection;
    // 4,049 outcomes: a first page of 2,000, then 2 pages left.
    let before = env.stats();
    expect(await fetchEveryOutcomeIfFewerCalls(conn, 2, new ApiUsage())).toBeNull();
    expect(env.stats().byKind.query - before.byKind.query).toBe(1);
    expect(env.stats().byKind.queryMore - before.byKind.queryMore).toBe(0);

    before = env.stats();
    const usage = new ApiUsage();
    const every = await fetchEveryOutcomeIfFewerCalls(conn, 3, usage);
    expect(every).toHaveLength(orgOutcomes.length);
    expect(usage.snapshot()).toMatchObject({ queries: 1, queryMore: 2, total: 3 });
    expect(lookupCalls(before)).toBe(3);
  }, TIMEOUT);

  it('imports a file naming every outcome through the read of every outcome, and a rerun finds every row unchanged', async () => {
    const file = await writeWorkFile('every-outcome.csv', readings(orgOutcomes));
    const first: MeasurementsImportResult = await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file]);
    expect(first).toMatchObject({ mode: 'bulk', created: orgOutcomes.length, failed: 0 });
    expect(first.apiCalls.queries + first.apiCalls.queryMore).toBe(pagesOfEveryOutcome);
    // A Bulk API 2.0 job takes 7 calls with one check of its state; a busy machine may need a check or two more.
    expect(first.apiCalls.bulk).toBeGreaterThanOrEqual(7);
    expect(first.apiCalls.bulk).toBeLessThanOrEqual(9);

    const before = env.stats();
    const rerun: MeasurementsImportResult = await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file]);
    expect(rerun).toMatchObject({ toCreate: 0, toUpdate: 0, unchanged: orgOutcomes.length, upserted: 0, failed: 0 });
    // Plus the org user's today and the run's Sync_Run__c record (the audit trail): two calls beside the reads.
    expect(rerun.apiCalls).toMatchObject({ total: pagesOfEveryOutcome + 2, other: 2, bulk: 0, collections: 0 });
    expect(env.stats().recordsSubmitted - before.recordsSubmitted).toBe(1);
  }, TIMEOUT);
});
