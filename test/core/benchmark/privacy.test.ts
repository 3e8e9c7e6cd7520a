/**
 * The benchmark's privacy rules on hand-made books: small groups are never shown, groups that differ by fewer than
 * the minimum are never both shown, whatever dimension is asked for, and a customer's standing excludes itself.
 */
import { describe, expect, it } from '@jest/globals';
import { candidateGroups, revealsFewerThan, segmentOf, type CandidateGroup } from '../../../src/core/benchmark/groups.js';
import { medianOf } from '../../../src/core/benchmark/quantiles.js';
import { bandAgainst, bandOfPercentile, percentileRank, standingAmongPeers } from '../../../src/core/benchmark/standing.js';
import { planBenchmark, type BenchmarkKpiSource, type BenchmarkOutcomeSource } from '../../../src/core/plan/benchmark.js';

const WASTE: BenchmarkKpiSource = { id: 'kpi1', name: 'Raw-material waste', code: 'OPS-WASTE', stage: 'Operations', better: 'Lower', unit: '%' };
const DOWNTIME: BenchmarkKpiSource = { id: 'kpi2', name: 'Unplanned downtime', code: 'OPS-DOWNTIME', stage: 'Operations', better: 'Lower', unit: 'hours' };

/** One outcome of customer `n`: baseline 100, so the latest value 100 − x is an improvement of x%. */
function outcome(n: number, improvement: number, extra: Partial<BenchmarkOutcomeSource> = {}): BenchmarkOutcomeSource {
  return {
    id: `out${n}-${extra.kpiId ?? 'kpi1'}`,
    initiativeId: `ini${n}`,
    accountId: `acc${n}`,
    kpiId: 'kpi1',
    direction: 'Decrease',
    quantityType: 'Relative_Percent',
    baseline: 100,
    latestValue: 100 - improvement,
    forecastValue: null,
    responsibleParty: 'Vendor',
    partnerName: null,
    industry: 'Manufacturing',
    employees: 5000,
    program: null,
    products: [],
    ...extra,
  };
}

const plan = (outcomes: BenchmarkOutcomeSource[], extra: Partial<Parameters<typeof planBenchmark>[0]> = {}) =>
  planBenchmark({ kpis: [WASTE, DOWNTIME], outcomes, measure: 'latest', dimension: 'all', minGroup: 5, ...extra });

describe('small groups', () => {
  it('never shows a group of fewer than --min-group customers, and says only how many were withheld', () => {
    const four = plan([1, 2, 3, 4].map((n) => outcome(n, n * 5)));
    expect(four.rows).toEqual([]);
    expect(four.exportRows).toEqual([]);
    expect(four.withheld.tooSmall).toBeGreaterThan(0);

    const five = plan([1, 2, 3, 4, 5].map((n) => outcome(n, n * 5)));
    expect(five.rows).toEqual([
      expect.objectContaining({ kpiCode: 'OPS-WASTE', dimension: 'all', group: 'All customers', customers: 5, p25: 10, median: 15, p75: 20, p90: 23 }),
    ]);
  });

  it('counts customers, not outcomes: one customer with five outcomes is one customer (its median)', () => {
    const one = plan([10, 20, 30, 40, 50].map((x, i) => ({ ...outcome(1, x), id: `o${i}` })));
    expect(one.rows).toEqual([]);
    const five = plan([...[1, 2, 3, 4].map((n) => outcome(n, 10)), ...[10, 20, 90].map((x, i) => ({ ...outcome(5, x), id: `x${i}` }))]);
    // Customer 5 counts once, at its median 20: [10, 10, 10, 10, 20], h = 3.6 → 10 + 0.6 × 10. Its 90 would make it 20 + …
    expect(five.rows[0]).toMatchObject({ customers: 5, median: 10, p90: 16 });
  });
});

describe('overlapping groups (the differencing attack)', () => {
  // Six manufacturers; five of them are enterprises. "All customers" (6) minus "1,000-9,999 employees" (5) would be the
  // one mid-sized manufacturer: its result could be read off by comparing the two rows.
  const book = [...[1, 2, 3, 4, 5].map((n) => outcome(n, n * 5)), outcome(6, 80, { employees: 300 })];

  it('publishes the larger group and withholds the one that differs from it by fewer than --min-group customers', () => {
    const bySegment = plan(book, { dimension: 'segment' });
    expect(bySegment.rows).toEqual([]);
    expect(bySegment.withheld.overlapping).toBe(1);
    const all = plan(book, { dimension: 'all' });
    expect(all.rows).toEqual([expect.objectContaining({ group: 'All customers', customers: 6 })]);
  });

  it('withholds the same groups whatever --by asks for, so separate runs cannot be subtracted either', () => {
    const published = (dimension: 'all' | 'segment' | 'industry') => plan(book, { dimension }).exportRows;
    expect(published('segment')).toEqual(published('all'));
    expect(published('industry')).toEqual(published('all'));
    expect(published('all').map((r) => `${r.dimension}:${r.group}`).sort()).toEqual(['all:All customers', 'industry:Manufacturing', 'responsible:Vendor', 'stage:Operations']);
  });

  it('publishes groups with identical members (nothing to subtract) and groups that differ by at least --min-group', () => {
    const ten = [...[1, 2, 3, 4, 5].map((n) => outcome(n, n)), ...[6, 7, 8, 9, 10].map((n) => outcome(n, n, { industry: 'Retail', employees: 100 }))];
    const rows = plan(ten, { dimension: 'industry' }).rows;
    expect(rows.map((r) => [r.group, r.customers])).toEqual([
      ['Manufacturing', 5],
      ['Retail', 5],
    ]);
  });

  it('compares one-sided differences: a group may not hide one customer behind several others', () => {
    const group = (ids: number[]): CandidateGroup => ({ kpi: null, stage: 'Operations', dimension: 'all', group: 'x', values: new Map(ids.map((i) => [`c${i}`, i])) });
    expect(revealsFewerThan(group([1, 2, 3, 4, 5, 6]), group([1, 2, 3, 4, 5]), 5)).toBe(true);
    expect(revealsFewerThan(group([1, 2, 3, 4, 5, 6]), group([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]), 5)).toBe(true); // only c1 on one side
    expect(revealsFewerThan(group([1, 2, 3, 4, 5]), group([1, 2, 3, 4, 5]), 5)).toBe(false);
    expect(revealsFewerThan(group([1, 2, 3, 4, 5]), group([6, 7, 8, 9, 10]), 5)).toBe(false);
  });

  it('holds stage pools against the KPIs of their stage', () => {
    // Five customers measure waste; a sixth only downtime. The Operations pool (6) minus waste (5) would be that sixth.
    const book2 = [...[1, 2, 3, 4, 5].map((n) => outcome(n, n)), outcome(6, 50, { kpiId: 'kpi2' })];
    const candidates = candidateGroups([], medianOf);
    expect(candidates).toEqual([]);
    const rows = plan(book2, { dimension: 'stage' });
    expect(rows.rows).toEqual([]);
    expect(plan(book2).rows.map((r) => r.kpiCode)).toEqual(['OPS-WASTE']);
  });
});

describe('standing among peers', () => {
  it('ranks with ties counted half, by hand', () => {
    expect(percentileRank(10, [5, 10, 20, 30])).toBe(38); // (1 + ½) / 4
    expect(percentileRank(40, [5, 10, 20, 30])).toBe(100);
    expect(percentileRank(1, [5, 10, 20, 30])).toBe(0);
    expect([95, 90, 75, 50, 49.9, 25, 0].map(bandOfPercentile)).toEqual([
      'top decile',
      'top decile',
      'top quartile',
      'second quartile',
      'third quartile',
      'third quartile',
      'bottom quartile',
    ]);
    expect([50, 30, 20, 10, 0].map((v) => bandAgainst(v, { p25: 10, median: 20, p75: 30, p90: 40 }))).toEqual([
      'top decile',
      'top quartile',
      'second quartile',
      'third quartile',
      'bottom quartile',
    ]);
  });

  it('excludes the customer itself from its peers', () => {
    const group = new Map([['me', 100], ['a', 1], ['b', 2], ['c', 3], ['d', 4], ['e', 5]]);
    expect(standingAmongPeers('me', 100, group, 5)).toEqual({ ok: true, value: 100, peers: 5, percentile: 100, band: 'top decile' });
    // With itself among its peers it would tie with itself and count six.
    group.delete('e');
    expect(standingAmongPeers('me', 100, group, 5)).toEqual({ ok: false, value: 100, reason: 'too-few-peers' });
  });

  it('gives an account its standing per KPI only when at least --min-group other customers remain', () => {
    const six = [1, 2, 3, 4, 5, 6].map((n) => outcome(n, n * 10));
    expect(plan(six, { subject: { kind: 'account', id: 'acc6' } }).standings).toEqual([
      { kpiCode: 'OPS-WASTE', kpiName: 'Raw-material waste', dimension: 'all', group: 'All customers', improvement: 60, peers: 5, percentile: 100, band: 'top decile', note: null },
    ]);
    expect(plan(six.slice(1), { subject: { kind: 'account', id: 'acc6' } }).standings).toEqual([
      expect.objectContaining({ peers: null, percentile: null, band: null, note: 'fewer than 5 other customers to compare with' }),
    ]);
  });

  it('excludes the whole customer when the subject is one of its initiatives', () => {
    const book = [...[1, 2, 3, 4, 5].map((n) => outcome(n, n * 10)), outcome(5, 0, { id: 'mine', initiativeId: 'other' })];
    // acc5 has two initiatives; the initiative "other" (improvement 0) is compared with the 4 other customers only.
    expect(plan(book, { subject: { kind: 'initiative', id: 'other' } }).standings[0]).toMatchObject({ improvement: 0, peers: null, note: expect.stringContaining('fewer than 5') });
    expect(plan(book, { subject: { kind: 'initiative', id: 'other' }, minGroup: 4 }).standings[0]).toMatchObject({ improvement: 0, peers: 4, percentile: 0, band: 'bottom quartile' });
  });
});

describe('segments', () => {
  it('bands companies by employees', () => {
    expect([null, 0, 1, 199, 200, 999, 1000, 9999, 10_000].map(segmentOf)).toEqual([
      null,
      null,
      'Under 200 employees',
      'Under 200 employees',
      '200-999 employees',
      '200-999 employees',
      '1,000-9,999 employees',
      '1,000-9,999 employees',
      '10,000+ employees',
    ]);
  });
});

describe('exclusions', () => {
  it('counts outcomes that cannot be compared by reason, naming no record', () => {
    const result = plan([outcome(1, 10, { baseline: null }), outcome(2, 10, { direction: 'Increase' }), outcome(3, 10, { kpiId: 'gone' }), outcome(4, 10, { latestValue: null })]);
    expect(result.excluded).toEqual([
      { reason: 'it has no baseline to measure improvement from', outcomes: 1 },
      { reason: 'it has no measurement yet', outcomes: 1 },
      { reason: 'its direction Increase contradicts the KPI, where lower is better', outcomes: 1 },
      { reason: 'its KPI could not be read', outcomes: 1 },
    ]);
  });

  it('never exports partner names or programs, which may name an account', () => {
    const book = [1, 2, 3, 4, 5].map((n) => outcome(n, n, { responsibleParty: 'Partner', partnerName: 'Northwind Integrators', program: 'Lean at Acme' }));
    const result = plan(book, { dimension: 'partner' });
    expect(result.rows.map((r) => r.group)).toEqual(['Northwind Integrators']);
    expect(result.exportRows.map((r) => r.dimension)).not.toContain('partner');
    expect(result.exportRows.map((r) => r.dimension)).not.toContain('program');
    expect(JSON.stringify(result.exportRows)).not.toMatch(/Northwind|Acme|acc\d/);
  });
});
