/**
 * The plan of `sf outcomes benchmark`: outcomes with a KPI → each customer's improvement per KPI → peer groups along
 * every dimension → the groups that may be published (core/benchmark/groups.ts) → their distributions, and a
 * customer's (or initiative's) standing among peers that exclude it. Only aggregates leave this module: rows carry
 * KPI, group, a count and quantiles, never a customer.
 */
import { picklistLabel, type BetterDirection, type Direction, type QuantityType, type ResponsibleParty, type ValueChainStage } from '../model.js';
import type { BenchmarkAggregate } from '../benchmark/aggregateFile.js';
import {
  ALL_CUSTOMERS,
  candidateGroups,
  EXPORTABLE_DIMENSIONS,
  publishableGroups,
  segmentOf,
  type BenchmarkDimension,
  type CandidateGroup,
  type KpiRef,
  type Observation,
  type Withheld,
} from '../benchmark/groups.js';
import { improvementOf, type BenchmarkMeasure } from '../benchmark/improvement.js';
import { distributionOf, medianOf } from '../benchmark/quantiles.js';
import { bandAgainst, standingAmongPeers, type StandingBand } from '../benchmark/standing.js';

export type BenchmarkKpiSource = {
  id: string;
  name: string;
  code: string | null;
  stage: ValueChainStage | null;
  better: BetterDirection | null;
  unit: string | null;
};

export type BenchmarkOutcomeSource = {
  id: string;
  initiativeId: string;
  accountId: string;
  kpiId: string;
  direction: Direction | null;
  quantityType: QuantityType | null;
  baseline: number | null;
  latestValue: number | null;
  forecastValue: number | null;
  responsibleParty: ResponsibleParty | null;
  partnerName: string | null;
  industry: string | null;
  employees: number | null;
  program: string | null;
  /** Names of the products on the outcome's initiative. */
  products: readonly string[];
};

export type BenchmarkSubject = { kind: 'initiative' | 'account'; id: string };

export type BenchmarkInput = {
  kpis: readonly BenchmarkKpiSource[];
  outcomes: readonly BenchmarkOutcomeSource[];
  measure: BenchmarkMeasure;
  dimension: BenchmarkDimension;
  minGroup: number;
  subject?: BenchmarkSubject | null;
  /** Aggregates of a pooled peer file: when given, rows and standings compare with these, not with this org. */
  peerRows?: readonly BenchmarkAggregate[] | null;
};

export type SubjectStanding = {
  kpiCode: string;
  kpiName: string;
  dimension: BenchmarkDimension;
  group: string;
  /** The subject's own improvement in percent (the median of its outcomes of the KPI in the group). */
  improvement: number;
  /** Peers compared with (the customer itself excluded); null when there were too few to say anything. */
  peers: number | null;
  percentile: number | null;
  band: StandingBand | null;
  /** Why there is no standing, when there is none. */
  note: string | null;
};

export type BenchmarkPlan = {
  source: 'org' | 'peer-file';
  /** The distributions along the dimension asked for. */
  rows: BenchmarkAggregate[];
  /** Every publishable distribution this org has along the exportable dimensions: what `--export` writes. */
  exportRows: BenchmarkAggregate[];
  withheld: Withheld;
  comparable: { outcomes: number; customers: number; kpis: number };
  /** Outcomes with a KPI that could not be compared, counted by reason. */
  excluded: Array<{ reason: string; outcomes: number }>;
  standings: SubjectStanding[];
};

export function kpiRefOf(kpi: BenchmarkKpiSource): KpiRef | null {
  if (kpi.better === null) return null;
  return { key: kpi.code ?? kpi.name, name: kpi.name, stage: kpi.stage, better: kpi.better, unit: kpi.unit };
}

type Comparable = { outcome: BenchmarkOutcomeSource; observation: Observation };

/** Each outcome as an observation of its customer, or the reason it cannot be compared. */
export function observationsOf(input: Pick<BenchmarkInput, 'kpis' | 'outcomes' | 'measure'>): { comparable: Comparable[]; excluded: Map<string, number> } {
  const kpis = new Map(input.kpis.map((k) => [k.id, k]));
  const comparable: Comparable[] = [];
  const excluded = new Map<string, number>();
  const exclude = (reason: string): void => void excluded.set(reason, (excluded.get(reason) ?? 0) + 1);
  for (const outcome of input.outcomes) {
    const kpi = kpis.get(outcome.kpiId);
    const ref = kpi ? kpiRefOf(kpi) : null;
    if (!ref) {
      exclude(kpi ? 'its KPI has no better direction' : 'its KPI could not be read');
      continue;
    }
    const improvement = improvementOf(
      { Direction__c: outcome.direction, Quantity_Type__c: outcome.quantityType, Baseline_Value__c: outcome.baseline, latestValue: outcome.latestValue, forecastValue: outcome.forecastValue },
      ref.better,
    );
    if (!improvement.ok) {
      exclude(improvement.reason);
      continue;
    }
    const value = improvement[input.measure];
    if (value === null) {
      exclude(input.measure === 'forecast' ? 'it has no forecast (fewer than two measurement dates, or no due date)' : 'it has no measurement yet');
      continue;
    }
    const segment = segmentOf(outcome.employees);
    comparable.push({
      outcome,
      observation: {
        customerId: outcome.accountId,
        kpi: ref,
        improvement: value,
        groups: {
          industry: outcome.industry ? [outcome.industry] : [],
          segment: segment ? [segment] : [],
          product: [...new Set(outcome.products)],
          responsible: outcome.responsibleParty ? [outcome.responsibleParty] : [],
          partner: outcome.responsibleParty === 'Partner' && outcome.partnerName ? [outcome.partnerName] : [],
          program: outcome.program ? [outcome.program] : [],
        },
      },
    });
  }
  return { comparable, excluded };
}

function aggregateOf(group: CandidateGroup, measure: BenchmarkMeasure): BenchmarkAggregate {
  const d = distributionOf([...group.values.values()]);
  return {
    kpiCode: group.kpi?.key ?? `stage:${group.stage ?? ''}`,
    kpiName: group.kpi?.name ?? `All KPIs of ${picklistLabel(group.stage ?? '')}`,
    stage: group.stage,
    betterDirection: group.kpi?.better ?? null,
    measure,
    dimension: group.dimension,
    group: group.group,
    customers: d.count,
    p25: d.p25,
    median: d.median,
    p75: d.p75,
    p90: d.p90,
  };
}

const byKpiThenGroup = (a: BenchmarkAggregate, b: BenchmarkAggregate): number =>
  a.kpiName.localeCompare(b.kpiName) || a.dimension.localeCompare(b.dimension) || b.customers - a.customers || a.group.localeCompare(b.group);

export function planBenchmark(input: BenchmarkInput): BenchmarkPlan {
  const { comparable, excluded } = observationsOf(input);
  const observations = comparable.map((c) => c.observation);
  const candidates = candidateGroups(observations, medianOf);
  const { published, withheld } = publishableGroups(candidates, input.minGroup);
  const orgRows = published.map((g) => aggregateOf(g, input.measure)).sort(byKpiThenGroup);
  const peerRows = input.peerRows ? input.peerRows.filter((r) => r.measure === input.measure) : null;

  return {
    source: peerRows ? 'peer-file' : 'org',
    rows: (peerRows ?? orgRows).filter((r) => r.dimension === input.dimension).sort(byKpiThenGroup),
    exportRows: orgRows.filter((r) => EXPORTABLE_DIMENSIONS.includes(r.dimension)),
    withheld,
    comparable: {
      outcomes: comparable.length,
      customers: new Set(observations.map((o) => o.customerId)).size,
      kpis: new Set(observations.map((o) => o.kpi.key)).size,
    },
    excluded: [...excluded].map(([reason, outcomes]) => ({ reason, outcomes })).sort((a, b) => b.outcomes - a.outcomes || a.reason.localeCompare(b.reason)),
    standings: input.subject ? standingsOf(input.subject, comparable, candidates, input, peerRows) : [],
  };
}

/**
 * The subject's standing per KPI and group (along the dimension asked for; `stage` compares per KPI as `all` does).
 * Against this org: peers are the group's other customers, the subject's customer excluded. Against a peer file:
 * the file's row for the same KPI, measure, dimension and group (a pooled file cannot exclude anyone: README.md).
 */
export function standingsOf(
  subject: BenchmarkSubject,
  comparable: readonly Comparable[],
  candidates: readonly CandidateGroup[],
  input: Pick<BenchmarkInput, 'dimension' | 'minGroup'>,
  peerRows: readonly BenchmarkAggregate[] | null,
): SubjectStanding[] {
  const own = comparable.filter((c) => (subject.kind === 'account' ? c.outcome.accountId : c.outcome.initiativeId) === subject.id);
  const dimension: BenchmarkDimension = input.dimension === 'stage' ? 'all' : input.dimension;
  const byGroup = new Map<string, { kpi: KpiRef; group: string; customerId: string; values: number[] }>();
  for (const { observation: o } of own) {
    const groups = dimension === 'all' ? [ALL_CUSTOMERS] : o.groups[dimension];
    for (const group of groups) {
      const id = JSON.stringify([o.kpi.key, group]);
      const entry = byGroup.get(id) ?? { kpi: o.kpi, group, customerId: o.customerId, values: [] };
      entry.values.push(o.improvement);
      byGroup.set(id, entry);
    }
  }
  const standings: SubjectStanding[] = [];
  for (const { kpi, group, customerId, values } of byGroup.values()) {
    const improvement = Math.round(medianOf(values) * 10) / 10;
    const base = { kpiCode: kpi.key, kpiName: kpi.name, dimension, group, improvement };
    if (peerRows) {
      const row = peerRows.find((r) => r.kpiCode === kpi.key && r.dimension === dimension && r.group === group);
      standings.push(
        row
          ? { ...base, peers: row.customers, percentile: null, band: bandAgainst(improvement, row), note: null }
          : { ...base, peers: null, percentile: null, band: null, note: 'the peer file has no group for this KPI and group' },
      );
      continue;
    }
    const candidate = candidates.find((c) => c.kpi?.key === kpi.key && c.dimension === dimension && c.group === group);
    const standing = standingAmongPeers(customerId, medianOf(values), candidate?.values ?? new Map(), input.minGroup);
    standings.push(
      standing.ok
        ? { ...base, peers: standing.peers, percentile: standing.percentile, band: standing.band, note: null }
        : { ...base, peers: null, percentile: null, band: null, note: `fewer than ${input.minGroup} other customers to compare with` },
    );
  }
  return standings.sort((a, b) => a.kpiName.localeCompare(b.kpiName) || a.group.localeCompare(b.group));
}

// ---- The value report's standing ------------------------------------------------------------------

/** What the value report compares an outcome with: this org's peer groups (latest values), or a pooled file. */
export type PeerComparison = {
  minGroup: number;
  kpis: ReadonlyMap<string, KpiRef>;
  industryOf: ReadonlyMap<string, string>;
  candidates: readonly CandidateGroup[];
  peerRows: readonly BenchmarkAggregate[] | null;
};

export type OutcomeStanding = {
  kpiCode: string;
  kpiName: string;
  /** The outcome's own improvement from its baseline, in percent, better positive. */
  improvement: number;
  /** The customer's industry when its industry peers were enough, else "All customers". */
  group: string;
  dimension: 'industry' | 'all';
  /** Peers compared with, the customer itself excluded (unless a pooled file holds it: README.md). */
  peers: number;
  percentile: number | null;
  band: StandingBand;
  source: 'org' | 'peer-file';
};

export function peerComparisonOf(input: Pick<BenchmarkInput, 'kpis' | 'outcomes' | 'minGroup' | 'peerRows'>): PeerComparison {
  const { comparable } = observationsOf({ ...input, measure: 'latest' });
  const kpis = new Map(input.kpis.flatMap((k) => {
    const ref = kpiRefOf(k);
    return ref ? [[k.id, ref] as const] : [];
  }));
  const industryOf = new Map(input.outcomes.flatMap((o) => (o.industry ? [[o.accountId, o.industry] as const] : [])));
  return {
    minGroup: input.minGroup,
    kpis,
    industryOf,
    candidates: candidateGroups(comparable.map((c) => c.observation), medianOf),
    peerRows: input.peerRows ? input.peerRows.filter((r) => r.measure === 'latest') : null,
  };
}

/**
 * Where one outcome of a customer stands among the other customers with the same KPI: among its industry's when there
 * are enough of them, else among all customers; null when the outcome has no KPI, cannot be compared, or there are
 * too few peers (the report then says nothing rather than something about a handful of customers).
 */
export function outcomeStanding(
  comparison: PeerComparison,
  outcome: { kpiId: string | null; accountId: string } & Pick<BenchmarkOutcomeSource, 'direction' | 'quantityType' | 'baseline' | 'latestValue'>,
): OutcomeStanding | null {
  const kpi = outcome.kpiId ? comparison.kpis.get(outcome.kpiId) : undefined;
  if (!kpi) return null;
  const improvement = improvementOf(
    { Direction__c: outcome.direction, Quantity_Type__c: outcome.quantityType, Baseline_Value__c: outcome.baseline, latestValue: outcome.latestValue, forecastValue: null },
    kpi.better,
  );
  if (!improvement.ok || improvement.latest === null) return null;
  const value = improvement.latest;
  const industry = comparison.industryOf.get(outcome.accountId);
  const tries: Array<{ dimension: 'industry' | 'all'; group: string }> = [
    ...(industry ? [{ dimension: 'industry' as const, group: industry }] : []),
    { dimension: 'all', group: ALL_CUSTOMERS },
  ];
  for (const { dimension, group } of tries) {
    const base = { kpiCode: kpi.key, kpiName: kpi.name, improvement: Math.round(value * 10) / 10, group, dimension };
    if (comparison.peerRows) {
      const row = comparison.peerRows.find((r) => r.kpiCode === kpi.key && r.dimension === dimension && r.group === group);
      if (row && row.customers >= comparison.minGroup) return { ...base, peers: row.customers, percentile: null, band: bandAgainst(value, row), source: 'peer-file' };
      continue;
    }
    const candidate = comparison.candidates.find((c) => c.kpi?.key === kpi.key && c.dimension === dimension && c.group === group);
    const standing = standingAmongPeers(outcome.accountId, value, candidate?.values ?? new Map(), comparison.minGroup);
    if (standing.ok) return { ...base, peers: standing.peers, percentile: standing.percentile, band: standing.band, source: 'org' };
  }
  return null;
}
