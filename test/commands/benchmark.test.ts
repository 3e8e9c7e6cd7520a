/**
 * `sf outcomes benchmark` against the local org over HTTP: the sample book (its outcomes point to the starter KPI
 * library but carry no latest value before a recompute) plus ten customers of a test KPI with hand-worked
 * improvements, so the distributions, the withheld groups and the standings can be checked by hand.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import OutcomesBenchmark, { type BenchmarkResult } from '../../src/commands/outcomes/benchmark.js';
import OutcomesReport, { type ReportResult } from '../../src/commands/outcomes/report.js';
import { lastExitCode, lastOutput, projectRoot, runCommand, startTestOrg, type TestOrg } from './harness.js';

type Row = { Id: string; Name: string };
const WRITE_KINDS = ['collections', 'singleRecord', 'bulk'] as const;

let env: TestOrg;
let tmp: string;
let accounts: Row[];
const initiativeOf = new Map<number, string>();
/** Every record id of the org, 15 and 18 characters, and every account name: none may reach an export. */
const secrets: string[] = [];

// Test customer k (0–9): baseline 100, latest 100 − IMPROVEMENT[k] on a KPI where lower is better, so its improvement
// is IMPROVEMENT[k] %. Customers 0–4 are manufacturers, 5–9 retailers; all have 5,000 employees but customer 9 (300).
const IMPROVEMENT = [5, 10, 15, 20, 25, 30, 35, 40, 45, 50];

async function create(sobject: string, records: Array<Record<string, unknown>>): Promise<string[]> {
  const results = await env.conn.sobject(sobject).create(records);
  const failed = results.filter((r) => !r.success);
  if (failed.length > 0) throw new Error(`Seeding ${sobject} failed: ${JSON.stringify(failed)}`);
  return results.map((r) => String(r.id));
}

const benchmark = async (argv: string[]): Promise<BenchmarkResult> => (await runCommand(OutcomesBenchmark, ['--target-org', env.alias, ...argv])) as BenchmarkResult;

function writes(): number[] {
  const stats = env.stats();
  return [...WRITE_KINDS.map((k) => stats.byKind[k]), stats.recordsSubmitted];
}

beforeAll(async () => {
  env = await startTestOrg();
  tmp = await mkdtemp(path.join(projectRoot, '.tmp', 'benchmark-'));
  accounts = (await env.conn.query<Row>('SELECT Id, Name FROM Account ORDER BY Name')).records.slice(0, 10);
  await env.conn.sobject('Account').update(
    accounts.map((a, k) => ({ Id: a.Id, Industry: k < 5 ? 'Manufacturing' : 'Retail', NumberOfEmployees: k === 9 ? 300 : 5000 })),
  );
  const [kpi] = await create('KPI__c', [{ Name: 'Test waste', KPI_Code__c: 'TEST-WASTE', Better_Direction__c: 'Lower', Value_Chain_Stage__c: 'Operations', Unit__c: '%', Active__c: true }]);
  const initiatives = await create('Initiative__c', accounts.map((a, k) => ({ Name: `Benchmark test ${k}`, Account__c: a.Id, Program__c: 'Lean test program' })));
  initiatives.forEach((id, k) => initiativeOf.set(k, id));
  const outcomes = await create(
    'Outcome_Requirement__c',
    accounts.map((_, k) => ({
      Initiative__c: initiatives[k],
      Description__c: `Waste ${k}`,
      KPI__c: kpi,
      Responsible_Party__c: 'Vendor',
      Quantity_Type__c: 'Relative_Percent',
      Direction__c: 'Decrease',
      Baseline_Value__c: 100,
      Target_Value__c: 30,
      Latest_Value__c: 100 - IMPROVEMENT[k],
      External_Id__c: `TEST-BENCH-${k}`,
    })),
  );
  // The value report computes the latest value from the measurements: the same values, measured.
  await create('Measurement__c', outcomes.map((id, k) => ({ Outcome_Requirement__c: id, Measured_On__c: '2026-06-30', Value__c: 100 - IMPROVEMENT[k], External_Id__c: `TEST-BENCH-M-${k}` })));
  for (const sobject of ['Account', 'User', 'Initiative__c', 'Outcome_Requirement__c', 'KPI__c', 'Opportunity', 'Product2', 'Solution_Component__c', 'Contract']) {
     
    const ids = (await env.conn.query<{ Id: string }>(`SELECT Id FROM ${sobject}`)).records.map((r) => r.Id);
    secrets.push(...ids, ...ids.map((id) => id.slice(0, 15)));
  }
  secrets.push(...(await env.conn.query<Row>('SELECT Id, Name FROM Account')).records.map((a) => a.Name));
  expect(secrets.length).toBeGreaterThan(100);
}, 60_000);

afterAll(async () => {
  await env?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

const testKpiRows = (result: BenchmarkResult) => result.rows.filter((r) => r.kpiCode === 'TEST-WASTE');

describe('sf outcomes benchmark', () => {
  it('gives the distribution across all customers, worked by hand, in two queries and no write', async () => {
    const before = writes();
    const result = await benchmark([]);
    // [5, 10, …, 50]: h = 2.25, 4.5, 6.75, 8.1 → 16.25, 27.5, 38.75, 45.5, rounded to 0.1 (half away from zero).
    expect(testKpiRows(result)).toEqual([
      { kpiCode: 'TEST-WASTE', kpiName: 'Test waste', stage: 'Operations', betterDirection: 'Lower', measure: 'latest', dimension: 'all', group: 'All customers', customers: 10, p25: 16.3, median: 27.5, p75: 38.8, p90: 45.5 },
    ]);
    expect(result.source).toBe('org');
    // The sample's outcomes point to the starter library but have no latest value before a recompute.
    expect(result.excluded).toEqual([{ reason: 'it has no measurement yet', outcomes: 49 }]);
    expect(result.apiCalls).toMatchObject({ total: 2, queries: 2, queryMore: 0, collections: 0 });
    expect(writes()).toEqual(before);
    expect(lastExitCode).toBe(0);
  });

  it('by industry: each industry of five customers', async () => {
    const result = await benchmark(['--by', 'industry']);
    expect(testKpiRows(result).map((r) => [r.group, r.customers, r.p25, r.median, r.p75, r.p90])).toEqual([
      ['Manufacturing', 5, 10, 15, 20, 23],
      ['Retail', 5, 35, 40, 45, 48],
    ]);
  });

  it('by segment: withholds the group that all customers minus one would reveal', async () => {
    // "1,000-9,999 employees" holds 9 of the 10: subtracting it from "All customers" would give customer 9's result.
    const result = await benchmark(['--by', 'segment']);
    expect(testKpiRows(result)).toEqual([]);
    expect(result.withheld.overlapping).toBeGreaterThanOrEqual(1);
    expect(result.withheld.tooSmall).toBeGreaterThanOrEqual(1); // "200-999 employees" holds one customer
  });

  it('shows an account’s standing against its peers, never itself', async () => {
    const top = await benchmark(['--account', accounts[9].Id]);
    expect(top.standings).toEqual([
      { kpiCode: 'TEST-WASTE', kpiName: 'Test waste', dimension: 'all', group: 'All customers', improvement: 50, peers: 9, percentile: 100, band: 'top decile', note: null },
    ]);
    const bottom = await benchmark(['--account', accounts[0].Id]);
    expect(bottom.standings[0]).toMatchObject({ improvement: 5, peers: 9, percentile: 0, band: 'bottom quartile' });
    // Among the other retailers there are four: too few at the default minimum of five, enough with --min-group 4.
    const retail = await benchmark(['--account', accounts[9].Id, '--by', 'industry']);
    expect(retail.standings[0]).toMatchObject({ group: 'Retail', peers: null, band: null, note: 'fewer than 5 other customers to compare with' });
    const four = await benchmark(['--account', accounts[9].Id, '--by', 'industry', '--min-group', '4']);
    expect(four.standings[0]).toMatchObject({ group: 'Retail', peers: 4, percentile: 100, band: 'top decile' });
  });

  it('shows an initiative’s standing among the other customers', async () => {
    // Customer 4 (25 %) against [5, 10, 15, 20, 30, 35, 40, 45, 50]: 4 below of 9 → 44.
    const result = await benchmark(['--initiative', initiativeOf.get(4) as string]);
    expect(result.standings[0]).toMatchObject({ improvement: 25, peers: 9, percentile: 44, band: 'third quartile' });
  });

  it('never shows a group below --min-group, and refuses a minimum under 3', async () => {
    const result = await benchmark(['--min-group', '11']);
    expect(result.rows).toEqual([]);
    expect(result.exportRows).toEqual([]);
    await expect(benchmark(['--min-group', '2'])).rejects.toThrow(/greater than or equal to 3/);
  });

  it('exports the aggregates with no account name and no record id, as CSV and as JSON', async () => {
    const csvFile = path.join(tmp, 'export.csv');
    const jsonFile = path.join(tmp, 'export.json');
    const result = await benchmark(['--export', csvFile, '--by', 'partner']);
    await benchmark(['--export', jsonFile]);
    expect(result.files.export).toBe(csvFile);
    const csv = await readFile(csvFile, 'utf8');
    const json = await readFile(jsonFile, 'utf8');
    expect(csv.split('\n')[0]).toBe('format,kpi_code,kpi_name,value_chain_stage,better_direction,measure,dimension,group,customers,p25,median,p75,p90');
    expect(csv).toContain('outcomes-benchmark/1,TEST-WASTE,Test waste,Operations,Lower,latest,industry,Manufacturing,5,10,15,20,23');
    expect(JSON.parse(json)).toMatchObject({ format: 'outcomes-benchmark/1', measure: 'latest', minGroup: 5, rows: expect.arrayContaining([expect.objectContaining({ kpi_code: 'TEST-WASTE', dimension: 'all', customers: 10 })]) });
    for (const text of [csv, json, JSON.stringify(result.rows), JSON.stringify(result.exportRows)]) {
      expect(secrets.filter((secret) => text.includes(secret))).toEqual([]);
    }
    // Programs (free text) and partners never leave; the other dimensions do.
    expect(new Set(result.exportRows.map((r) => r.dimension))).toEqual(new Set(['all', 'industry', 'responsible', 'stage']));
  });

  it('prints a table with no account name or id', async () => {
    await runCommand(OutcomesBenchmark, ['--target-org', env.alias, '--by', 'industry'], { json: false });
    expect(lastOutput).toContain('Test waste');
    expect(lastOutput).toContain('Manufacturing');
    expect(lastOutput).toMatch(/API calls used: 2\./);
    expect(secrets.filter((secret) => lastOutput.includes(secret))).toEqual([]);
  });

  it('never overwrites a file that is not an aggregate file', async () => {
    const notes = path.join(tmp, 'notes.csv');
    await writeFile(notes, 'my,own\nspreadsheet,1\n');
    await expect(benchmark(['--export', notes])).rejects.toMatchObject({ message: expect.stringContaining('is not a benchmark aggregate file') });
    expect(lastExitCode).toBe(2);
    expect(await readFile(notes, 'utf8')).toBe('my,own\nspreadsheet,1\n');
  });

  describe('--peer-file', () => {
    const header = 'format,kpi_code,kpi_name,value_chain_stage,better_direction,measure,dimension,group,customers,p25,median,p75,p90';

    it('compares with a pooled file instead of this org', async () => {
      const pooled = path.join(tmp, 'pooled.csv');
      await writeFile(pooled, `${header}\noutcomes-benchmark/1,TEST-WASTE,Test waste,Operations,Lower,latest,all,All customers,40,10,20,30,60\n`);
      const result = await benchmark(['--peer-file', pooled, '--account', accounts[9].Id]);
      expect(result.source).toBe('peer-file');
      expect(result.rows).toEqual([expect.objectContaining({ kpiCode: 'TEST-WASTE', customers: 40, p90: 60 })]);
      expect(result.standings).toEqual([expect.objectContaining({ improvement: 50, peers: 40, percentile: null, band: 'top quartile' })]);
    });

    it('reads back its own JSON export', async () => {
      const own = path.join(tmp, 'own.json');
      await benchmark(['--export', own]);
      const result = await benchmark(['--peer-file', own, '--by', 'industry']);
      expect(testKpiRows(result).map((r) => r.group)).toEqual(['Manufacturing', 'Retail']);
    });

    it('refuses bad rows by row number before any API call', async () => {
      const bad = path.join(tmp, 'bad.csv');
      await writeFile(
        bad,
        `${header}\noutcomes-benchmark/1,TEST-WASTE,Test waste,Operations,Lower,latest,all,All customers,3,10,20,30,60\noutcomes-benchmark/1,TEST-WASTE,Test waste,Operations,Lower,latest,all,All customers,40,50,20,30,60\n`,
      );
      const queriesBefore = env.stats().byKind.query;
      await expect(benchmark(['--peer-file', bad])).rejects.toMatchObject({
        message: expect.stringMatching(/has 2 rows[\s\S]*row 2: customers 3 is below the minimum group of 5[\s\S]*row 3: p25, median, p75 and p90 must not decrease/),
      });
      expect(lastExitCode).toBe(2);
      expect(env.stats().byKind.query).toBe(queriesBefore);
    });
  });

  describe('in the value report (sf outcomes report)', () => {
    const report = async (argv: string[]): Promise<ReportResult> =>
      (await runCommand(OutcomesReport, ['--target-org', env.alias, '--format', 'md', '--as-of', '2026-11-23', ...argv])) as ReportResult;

    it('says where the outcome stands among the other customers, itself excluded, in one more query', async () => {
      // Customer 9 (50 %): four other retailers are too few, so among the nine other customers, all below it.
      const result = await report(['--initiative', initiativeOf.get(9) as string]);
      const [outcome] = result.report.initiatives[0].outcomes;
      expect(outcome.peerStanding).toEqual({ kpiCode: 'TEST-WASTE', kpiName: 'Test waste', improvement: 50, group: 'All customers', dimension: 'all', peers: 9, percentile: 100, band: 'top decile', source: 'org' });
      expect(result.content).toContain('Top decile of 9 customers for Test waste: 50.0% better than its baseline.');
      expect(result.apiCalls.total).toBe(5);
    });

    it('compares within the industry when enough other customers are there', async () => {
      const result = await report(['--initiative', initiativeOf.get(9) as string, '--min-group', '4']);
      expect(result.report.initiatives[0].outcomes[0].peerStanding).toMatchObject({ group: 'Retail', peers: 4, percentile: 100 });
      expect(result.content).toContain('Top decile of 4 Retail customers for Test waste');
    });

    it('says nothing when the group is too small', async () => {
      const result = await report(['--initiative', initiativeOf.get(9) as string, '--min-group', '10']);
      expect(result.report.initiatives[0].outcomes[0].peerStanding).toBeNull();
      expect(result.content).not.toContain('Compared with other customers');
    });

    it('compares with a pooled peer file', async () => {
      const pooled = path.join(tmp, 'pooled-report.csv');
      await writeFile(
        pooled,
        'format,kpi_code,kpi_name,value_chain_stage,better_direction,measure,dimension,group,customers,p25,median,p75,p90\n' +
          'outcomes-benchmark/1,TEST-WASTE,Test waste,Operations,Lower,latest,industry,Retail,23,10,30,45,60\n',
      );
      const result = await report(['--initiative', initiativeOf.get(9) as string, '--peer-file', pooled]);
      expect(result.content).toContain('Top quartile of 23 Retail customers in the benchmark pool for Test waste: 50.0% better than its baseline.');
    });
  });

  describe('hostile text in group values', () => {
    it('neutralises formulas in the CSV it writes and keeps them out of SOQL', async () => {
      const formula = '=HYPERLINK("http://evil.example","click")';
      await env.conn.sobject('Initiative__c').update([...initiativeOf.values()].map((id) => ({ Id: id, Program__c: formula })));
      const output = path.join(tmp, 'by-program.csv');
      const result = await benchmark(['--by', 'program', '--output', output]);
      expect(testKpiRows(result).map((r) => r.group)).toEqual([formula]);
      expect(await readFile(output, 'utf8')).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
      // Programs are free text: never exported.
      expect(JSON.stringify(result.exportRows)).not.toContain('HYPERLINK');
      await expect(benchmark(['--account', "001' OR Name != '"])).rejects.toThrow(/Account/);
    });
  });

  describe('partners', () => {
    it('groups by the responsible implementation partner in this org, and never exports the partner’s name', async () => {
      const partner = (await env.conn.query<Row>('SELECT Id, Name FROM Account ORDER BY Name DESC LIMIT 1')).records[0];
      const outcomes = (await env.conn.query<{ Id: string }>("SELECT Id FROM Outcome_Requirement__c WHERE External_Id__c LIKE 'TEST-BENCH-%' ORDER BY External_Id__c")).records;
      // The org's validation rule: a partner must be named.
      const refused = await env.conn.sobject('Outcome_Requirement__c').update([{ Id: outcomes[0].Id, Responsible_Party__c: 'Partner' }]);
      expect(refused[0]).toMatchObject({ success: false });
      await env.conn.sobject('Outcome_Requirement__c').update(outcomes.slice(0, 5).map((o) => ({ Id: o.Id, Responsible_Party__c: 'Partner', Partner_Account__c: partner.Id })));

      const byPartner = await benchmark(['--by', 'partner']);
      expect(testKpiRows(byPartner).map((r) => [r.group, r.customers, r.median])).toEqual([[partner.Name, 5, 15]]);
      const exported = path.join(tmp, 'partners.csv');
      const byResponsible = await benchmark(['--by', 'responsible', '--export', exported]);
      expect(testKpiRows(byResponsible).map((r) => [r.group, r.customers])).toEqual([
        ['Partner', 5],
        ['Vendor', 5],
      ]);
      const csv = await readFile(exported, 'utf8');
      expect(csv).toContain(',responsible,Partner,5,');
      expect(secrets.filter((secret) => csv.includes(secret))).toEqual([]);
    });
  });
});
