/**
 * The value report's standing among peers: for each outcome with a KPI, where its improvement (from the measurements
 * as of the report) stands among the other customers' outcomes of that KPI, in its industry when there are enough of
 * them, else among all customers; nothing at all when there are too few.
 */
import { describe, expect, it } from '@jest/globals';
import { buildValueReport, type InitiativeSource } from '../../src/core/plan/valueReport.js';
import { peerComparisonOf, type BenchmarkKpiSource, type BenchmarkOutcomeSource } from '../../src/core/plan/benchmark.js';
import type { BenchmarkAggregate } from '../../src/core/benchmark/aggregateFile.js';
import { renderCsv } from '../../src/report/csv.js';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { hostileInitiative } from './fixtures.js';

const ME = '001000000000001AAA';
const WASTE: BenchmarkKpiSource = { id: 'a05000000000001AAA', name: 'Raw-material waste', code: 'OPS-RAW-WASTE', stage: 'Operations', better: 'Lower', unit: '%' };

/** Customer n's outcome of the KPI: baseline 100, latest 100 − improvement. */
const peer = (n: number, improvement: number, industry: string): BenchmarkOutcomeSource => ({
  id: `out${n}`,
  initiativeId: `ini${n}`,
  accountId: n === 0 ? ME : `001${String(n).padStart(15, '0')}`,
  kpiId: WASTE.id,
  direction: 'Decrease',
  quantityType: 'Absolute',
  baseline: 100,
  latestValue: 100 - improvement,
  forecastValue: null,
  responsibleParty: 'Vendor',
  partnerName: null,
  industry,
  employees: 5000,
  program: null,
  products: [],
});

/** The fixture's first outcome (baseline 20, latest 16 on 2026-04-01: 20% better) given the KPI. */
function withKpi(): InitiativeSource {
  const initiative = hostileInitiative();
  const [first, second] = initiative.outcomes;
  return { ...initiative, outcomes: [{ ...first, record: { ...first.record, KPI__c: WASTE.id } }, second] };
}

const report = (outcomes: BenchmarkOutcomeSource[], minGroup = 5, peerRows: BenchmarkAggregate[] | null = null) =>
  buildValueReport({
    scope: { kind: 'initiative', id: 'a00000000000001AAA' },
    asOf: '2026-05-01',
    initiatives: [withKpi()],
    peers: peerComparisonOf({ kpis: [WASTE], outcomes, minGroup, peerRows }),
  });

// The customer itself (stored 90 % better: it must not count) and six manufacturers, three retailers.
const BOOK = [
  peer(0, 90, 'Manufacturing'),
  ...[5, 10, 15, 25, 30, 35].map((x, k) => peer(k + 1, x, 'Manufacturing')),
  ...[40, 45, 50].map((x, k) => peer(k + 10, x, 'Retail')),
];

describe('the value report’s standing among peers', () => {
  it('compares the outcome with its industry’s other customers, itself excluded', () => {
    const [outcome, noKpi] = report(BOOK).initiatives[0].outcomes;
    // 20 % among [5, 10, 15, 25, 30, 35]: 3 below of 6 → 50th percentile.
    expect(outcome.peerStanding).toEqual({
      kpiCode: 'OPS-RAW-WASTE',
      kpiName: 'Raw-material waste',
      improvement: 20,
      group: 'Manufacturing',
      dimension: 'industry',
      peers: 6,
      percentile: 50,
      band: 'second quartile',
      source: 'org',
    });
    expect(noKpi.peerStanding).toBeNull();
  });

  it('falls back to all customers when the industry has too few, and says nothing when all are too few', () => {
    expect(report(BOOK, 7).initiatives[0].outcomes[0].peerStanding).toMatchObject({ group: 'All customers', dimension: 'all', peers: 9, percentile: 33 });
    expect(report(BOOK, 10).initiatives[0].outcomes[0].peerStanding).toBeNull();
  });

  it('compares with a pooled peer file when one is given', () => {
    const pooled: BenchmarkAggregate = { kpiCode: 'OPS-RAW-WASTE', kpiName: 'Raw-material waste', stage: 'Operations', betterDirection: 'Lower', measure: 'latest', dimension: 'industry', group: 'Manufacturing', customers: 23, p25: 5, median: 10, p75: 18, p90: 30 };
    expect(report(BOOK, 5, [pooled]).initiatives[0].outcomes[0].peerStanding).toMatchObject({ peers: 23, percentile: null, band: 'top quartile', source: 'peer-file' });
  });

  it('says it in a sentence in every format, and nothing when there is no standing', () => {
    const withStanding = report(BOOK, 5, [
      { kpiCode: 'OPS-RAW-WASTE', kpiName: 'Raw-material waste', stage: 'Operations', betterDirection: 'Lower', measure: 'latest', dimension: 'industry', group: 'Manufacturing', customers: 23, p25: 5, median: 10, p75: 18, p90: 30 },
    ]);
    const sentence = 'Top quartile of 23 Manufacturing customers in the benchmark pool for Raw-material waste: 20.0% better than its baseline.';
    expect(renderMarkdown(withStanding)).toContain(sentence);
    expect(renderHtml(withStanding)).toContain(sentence);
    expect(renderCsv(withStanding)).toContain(sentence);
    const without = report(BOOK, 10);
    expect(renderMarkdown(without)).not.toContain('Compared with other customers');
    expect(renderHtml(without)).not.toContain('Compared with other customers');
  });
});
