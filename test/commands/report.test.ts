/**
 * `sf outcomes report` against the local org over HTTP, on the sample data with the sample measurements loaded,
 * plus one outcome whose numbers are worked out by hand.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import OutcomesReport, { type ReportResult } from '../../src/commands/outcomes/report.js';
import { measurementSchemaAsOf } from '../../src/core/schemas.js';
import { projectRoot, runCommand, sampleDataDir, startTestOrg, type TestOrg } from './harness.js';

/** The sample data's "today" (data/sample/README.md). */
const SAMPLE_TODAY = '2026-11-23';
const WRITE_KINDS = ['collections', 'singleRecord', 'bulk'] as const;

type Row = Record<string, unknown> & { Id: string };

let env: TestOrg;
let tmp: string;
/** The sample initiative the tests report on, with the outcome added by the test. */
let initiative: { Id: string; Name: string; Account__c: string };
let handOutcomeId: string;
let lineId: string;

async function query<T extends Row>(soql: string): Promise<T[]> {
  const result = await env.conn.query<T>(soql);
  return result.records;
}

async function create(sobject: string, records: Array<Record<string, unknown>>): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < records.length; i += 200) {
    const results = await env.conn.sobject(sobject).create(records.slice(i, i + 200), { allOrNone: true });
    for (const r of results) {
      if (!r.success) throw new Error(`Seeding ${sobject} failed: ${JSON.stringify(r)}`);
      ids.push(r.id);
    }
  }
  return ids;
}

/** Loads the valid rows of data/sample/measurements.csv, as the measurement import would. */
async function loadSampleMeasurements(): Promise<number> {
  const outcomes = await query<Row & { External_Id__c: string }>('SELECT Id, External_Id__c FROM Outcome_Requirement__c');
  const idByKey = new Map(outcomes.map((o) => [o.External_Id__c, o.Id]));
  const rows = parse<Record<string, string>>(await readFile(path.join(sampleDataDir, 'measurements.csv'), 'utf8'), { columns: true });
  const schema = measurementSchemaAsOf(SAMPLE_TODAY);
  const records = rows.flatMap((row) => {
    const parsed = schema.safeParse({
      Outcome_Requirement__c: idByKey.get(row.outcome),
      Measured_On__c: row.measured_on,
      Value__c: row.value === '' ? null : Number(row.value),
      Source__c: row.source || null,
      Notes__c: row.notes || null,
      External_Id__c: row.external_id,
    });
    return parsed.success && parsed.data.Outcome_Requirement__c && Number.isFinite(parsed.data.Value__c) ? [parsed.data] : [];
  });
  await create('Measurement__c', records);
  return records.length;
}

const report = async (argv: string[]): Promise<ReportResult> => (await runCommand(OutcomesReport, ['--target-org', env.alias, ...argv])) as ReportResult;

function writes(): number[] {
  const stats = env.stats();
  return [...WRITE_KINDS.map((k) => stats.byKind[k]), stats.recordsSubmitted];
}

beforeAll(async () => {
  env = await startTestOrg();
  tmp = await mkdtemp(path.join(projectRoot, '.tmp', 'report-'));
  const loaded = await loadSampleMeasurements();
  expect(loaded).toBeGreaterThan(300);

  [initiative] = await query<Row & { Name: string; Account__c: string }>(
    "SELECT Id, Name, Account__c FROM Initiative__c WHERE Name LIKE 'Customer Service Excellence%' LIMIT 1",
  );
  // One outcome with hand-worked numbers: Decrease 20 → 10 by 2026-06-30; 18 on 2026-01-01, 16 on 2026-04-01.
  [handOutcomeId] = await create('Outcome_Requirement__c', [
    {
      Initiative__c: initiative.Id,
      Description__c: 'Raw-material wastage of <Product X> & "friends"',
      Priority__c: 'Primary',
      Validation_Status__c: 'Assumed_Needs_Validation',
      Quantity_Type__c: 'Absolute',
      Direction__c: 'Decrease',
      Baseline_Value__c: 20,
      Target_Value__c: 10,
      Unit__c: '%',
      Deadline_Type__c: 'Date',
      Deadline_Date__c: '2026-06-30',
      Measurement_Method__c: 'materials used / products made',
      External_Id__c: 'TEST-REPORT-1',
      Status__c: 'On Track',
    },
  ]);
  await create('Measurement__c', [
    { Outcome_Requirement__c: handOutcomeId, Measured_On__c: '2026-01-01', Value__c: 18, External_Id__c: 'TEST-REPORT-1-A' },
    { Outcome_Requirement__c: handOutcomeId, Measured_On__c: '2026-04-01', Value__c: 16, External_Id__c: 'TEST-REPORT-1-B' },
    { Outcome_Requirement__c: handOutcomeId, Measured_On__c: '2026-06-01', Value__c: 9, External_Id__c: 'TEST-REPORT-1-C' },
  ]);
  [lineId] = await create('Solution_Component__c', [
    { Initiative__c: initiative.Id, Name: 'Service Cloud', Lifecycle__c: 'Renewable', Component_Type__c: 'Subscription', Renewal_Date__c: '2026-08-01', Annual_Value__c: 120000 },
  ]);
  await create('Solution_Component__c', [{ Initiative__c: initiative.Id, Name: 'Implementation', Lifecycle__c: 'One_Time', Component_Type__c: 'Professional Services' }]);
  await create('Outcome_Component__c', [{ Outcome_Requirement__c: handOutcomeId, Solution_Component__c: lineId, Contribution__c: 'Tracks material use' }]);
}, 60_000);

afterAll(async () => {
  await env?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('sf outcomes report', () => {
  describe('--initiative, as JSON', () => {
    let result: ReportResult;
    beforeAll(async () => {
      result = await report(['--initiative', initiative.Id, '--format', 'json', '--as-of', '2026-05-01']);
    });

    it('returns the typed result: scope, date, format, content and the report', () => {
      expect(Object.keys(result).sort()).toEqual(['apiCalls', 'asOf', 'audience', 'content', 'format', 'outputFile', 'report', 'scope']);
      expect(result.audience).toBe('customer');
      expect(result.scope).toEqual({ kind: 'initiative', id: initiative.Id, name: initiative.Name });
      expect(result.asOf).toBe('2026-05-01');
      expect(result.format).toBe('json');
      expect(result.outputFile).toBeNull();
      expect(JSON.parse(result.content as string)).toEqual(result.report);
      expect(typeof result.report.totals.outcomes).toBe('number');
    });

    it('computes attainment and status afresh from the measurements as of the date, not from the stored status', () => {
      const outcome = result.report.initiatives[0].outcomes.find((o) => o.id === handOutcomeId);
      expect(outcome).toMatchObject({
        latest: { value: 16, measuredOn: '2026-04-01' },
        attainmentPercent: 40,
        forecast: { value: 14, attainmentPercent: 60 },
        status: 'Off Track',
        storedStatus: 'On Track',
        series: [
          { date: '2026-01-01', value: 18 },
          { date: '2026-04-01', value: 16 },
        ],
        measurementsAfterAsOf: 1,
      });
    });

    it('reports every outcome of the initiative with every measurement up to the date', async () => {
      const outcomes = await query<Row & { Measurements__r: { records: Array<{ Measured_On__c: string }> } | null }>(
        `SELECT Id, (SELECT Measured_On__c FROM Measurements__r) FROM Outcome_Requirement__c WHERE Initiative__c = '${initiative.Id}'`,
      );
      const reported = result.report.initiatives[0].outcomes;
      expect(reported.map((o) => o.id).sort()).toEqual(outcomes.map((o) => o.Id).sort());
      for (const o of outcomes) {
        const upToDate = (o.Measurements__r?.records ?? []).filter((m) => m.Measured_On__c <= '2026-05-01').length;
        expect(reported.find((r) => r.id === o.Id)?.series).toHaveLength(upToDate);
      }
    });

    it('shows the renewal at risk with the renewable line that serves the off-track outcome', () => {
      const { renewal } = result.report.initiatives[0];
      expect(renewal).toMatchObject({ nextRenewalDate: '2026-08-01', daysLeft: 92, withinWindow: true, atRisk: true, renewableAnnualValue: 120000 });
      expect(renewal.renewableLines).toEqual([
        { id: lineId, name: 'Service Cloud', componentType: 'Subscription', renewalDate: '2026-08-01', annualValue: 120000, servesOutcomesNotOnTrack: [expect.any(String)] },
      ]);
      expect(renewal.primaryNotOnTrack.map((o) => o.id)).toContain(handOutcomeId);
      expect(result.report.initiatives[0].validation.toValidate.map((o) => o.id)).toContain(handOutcomeId);
    });

    it('reads in four queries side by side, whatever the number of outcomes and measurements', () => {
      // Initiatives, outcomes, and the currency: the records' CurrencyIsoCode (refused here: multi-currency is off)
      // and the org's DefaultCurrencyIsoCode.
      expect(result.apiCalls).toMatchObject({ total: 4, queries: 4, queryMore: 0, collections: 0 });
    });

    it("prints amounts in the org's currency (Organization.DefaultCurrencyIsoCode)", () => {
      expect(result.report.currency).toBe('USD');
    });

    it('counts the next renewal whenever it falls by default, and only within --within days when given', async () => {
      expect(result.report.renewalWindowDays).toBeNull();
      const near = await report(['--initiative', initiative.Id, '--format', 'json', '--as-of', '2026-05-01', '--within', '30']);
      expect(near.report.renewalWindowDays).toBe(30);
      // Service Cloud renews on 2026-08-01, 92 days after the as-of date: beyond 30 days, so not at risk there.
      expect(near.report.initiatives[0].renewal.atRisk).toBe(false);
      expect(result.report.initiatives[0].renewal.atRisk).toBe(true);
    });
  });

  it('reports every initiative of an account as Markdown on standard output', async () => {
    const initiatives = await query<Row & { Name: string }>(`SELECT Id, Name FROM Initiative__c WHERE Account__c = '${initiative.Account__c}'`);
    const [account] = await query<Row & { Name: string }>(`SELECT Id, Name FROM Account WHERE Id = '${initiative.Account__c}'`);
    const result = await report(['--account', initiative.Account__c, '--format', 'md', '--as-of', SAMPLE_TODAY]);
    expect(result.outputFile).toBeNull();
    expect(result.scope).toEqual({ kind: 'account', id: initiative.Account__c, name: account.Name });
    expect(result.report.initiatives.map((i) => i.id).sort()).toEqual(initiatives.map((i) => i.Id).sort());
    expect(result.content).toMatch(/^# Value report: /);
    for (const i of initiatives) expect(result.content).toContain(`## ${i.Name}`);
    // The hostile description of the test outcome arrives as text.
    expect(result.content).toContain('Raw-material wastage of &lt;Product X&gt; &amp; "friends"');
  });

  it('writes HTML to ./value-report-<name>.html by default, escaped, and says where', async () => {
    const cwd = process.cwd();
    process.chdir(tmp);
    try {
      const result = await report(['--initiative', initiative.Id, '--as-of', '2026-05-01']);
      expect(result.format).toBe('html');
      expect(path.dirname(result.outputFile as string)).toBe(await import('node:fs/promises').then((fs) => fs.realpath(tmp)));
      expect(path.basename(result.outputFile as string)).toMatch(/^value-report-customer-service-excellence-[a-z0-9-]+\.html$/);
      expect(result.content).toBeNull();
      const html = await readFile(result.outputFile as string, 'utf8');
      expect(html).toMatch(/^<!DOCTYPE html>/);
      expect(html).not.toMatch(/<script/i);
      expect(html).toContain('Raw-material wastage of &lt;Product X&gt; &amp; &quot;friends&quot;');
      expect(html.match(/<svg /g)?.length).toBeGreaterThanOrEqual(1);
    } finally {
      process.chdir(cwd);
    }
  });

  it('writes CSV to --output, one row per outcome', async () => {
    const file = path.join(tmp, 'outcomes.csv');
    const result = await report(['--initiative', initiative.Id, '--format', 'csv', '--output', file, '--as-of', '2026-05-01']);
    expect(result.outputFile).toBe(path.resolve(file));
    const rows = parse<Record<string, string>>(await readFile(file, 'utf8'), { columns: true });
    expect(rows).toHaveLength(result.report.totals.outcomes);
    expect(rows.find((r) => r['Outcome Id'] === handOutcomeId)).toMatchObject({ 'Attainment %': '40', Status: 'Off Track', 'Renewal At Risk': 'true' });
  });

  it('writes nothing to the org, and gives the same report when run again', async () => {
    const before = writes();
    const first = await report(['--initiative', initiative.Id, '--format', 'json', '--as-of', SAMPLE_TODAY]);
    const second = await report(['--initiative', initiative.Id, '--format', 'json', '--as-of', SAMPLE_TODAY]);
    expect(writes()).toEqual(before);
    expect(second.report).toEqual(first.report);
  });

  it('loses nothing when the org answers 503 and REQUEST_LIMIT_EXCEEDED: the calls are retried', async () => {
    const clean = await report(['--account', initiative.Account__c, '--format', 'json', '--as-of', SAMPLE_TODAY]);
    const faultsBefore = env.stats().faults;
    env.setFaults({ unavailableShare: 0.3, rateLimitShare: 0.4, seed: 13 });
    try {
      let retries = 0;
      for (let run = 0; run < 3; run++) {
        const faulty = await report(['--account', initiative.Account__c, '--format', 'json', '--as-of', SAMPLE_TODAY]);
        expect(faulty.report).toEqual(clean.report);
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

  describe('refuses bad input before any API call, and says what to do', () => {
    it.each([
      [['--initiative', "a00' OR Name != '"], /not a valid Initiative__c Id/],
      [['--account', '001xx'], /not a valid Account Id/],
      [['--account', '003000000000001AAA'], /not a valid Account Id: .*001/],
      [['--account', '001000000000001AAB'], /last three characters do not match/],
      [['--initiative', 'a00000000000001AAA', '--as-of', '2026-02-30'], /not a day of 2026-02/],
      [['--initiative', 'a00000000000001AAA', '--as-of', '31/12/2026'], /YYYY-MM-DD/],
    ])('%j', async (argv, message) => {
      const before = env.stats().byKind.query;
      await expect(report(argv)).rejects.toMatchObject({ message: expect.stringMatching(message), actions: [expect.any(String)] });
      expect(env.stats().byKind.query).toBe(before);
    });

    it('wants exactly one of --initiative and --account', async () => {
      await expect(report(['--initiative', initiative.Id, '--account', initiative.Account__c])).rejects.toThrow(/cannot also be provided|--account/);
      await expect(report([])).rejects.toThrow(/Exactly one of the following must be provided/);
    });
  });

  it('fails with actions when the initiative does not exist or has no outcomes', async () => {
    await expect(report(['--initiative', 'a00000000000000AAA'])).rejects.toMatchObject({
      name: expect.stringMatching(/NothingToReport/),
      message: expect.stringMatching(/no initiative with this ID/),
      actions: expect.arrayContaining([expect.stringMatching(/sf data query/)]),
    });
    const [bare] = await create('Initiative__c', [{ Name: 'Nothing yet', Account__c: initiative.Account__c }]);
    await expect(report(['--initiative', bare])).rejects.toMatchObject({ message: expect.stringMatching(/no outcome requirement is recorded on Nothing yet/) });
  });
});
