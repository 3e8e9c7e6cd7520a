/**
 * Peer groups of the benchmark and the rule that keeps them anonymous: a group is published only when it holds at
 * least `minGroup` customers AND it cannot be subtracted from another published group to isolate fewer than
 * `minGroup` customers. Without the second rule, "Manufacturing" (6 customers) beside "Manufacturing, Enterprise" (5)
 * would tell the one mid-sized manufacturer's result apart.
 *
 * Groups are compared by their members (customers), which is conservative: two groups of one KPI may hold a
 * customer with different values (the product groups use only the outcomes of initiatives that bought that product),
 * and quantiles are not additive, but a one-sided difference of fewer than `minGroup` customers is refused anyway.
 * The family of groups checked is the same whatever `--by` asks for (every dimension is planned, one is shown), so
 * running the command once per dimension publishes nothing that one run would have withheld.
 */
import type { BetterDirection, ValueChainStage } from '../model.js';

export const BENCHMARK_DIMENSIONS = ['all', 'industry', 'segment', 'product', 'stage', 'responsible', 'partner', 'program'] as const;
export type BenchmarkDimension = (typeof BENCHMARK_DIMENSIONS)[number];
/**
 * What an export may carry. Partner names and programs are left out: a partner is an Account and a program is free
 * text that may name a customer, and neither would match another vendor's anyway.
 */
export const EXPORTABLE_DIMENSIONS: readonly BenchmarkDimension[] = ['all', 'industry', 'segment', 'product', 'stage', 'responsible'];
export const ALL_CUSTOMERS = 'All customers';
export const DEFAULT_MIN_GROUP = 5;

/** Company size bands by employees, the same in every org so pooled files line up. */
export const SEGMENTS = ['Under 200 employees', '200-999 employees', '1,000-9,999 employees', '10,000+ employees'] as const;
export function segmentOf(employees: number | null | undefined): string | null {
  if (employees == null || !Number.isFinite(employees) || employees <= 0) return null;
  if (employees < 200) return SEGMENTS[0];
  if (employees < 1000) return SEGMENTS[1];
  if (employees < 10_000) return SEGMENTS[2];
  return SEGMENTS[3];
}

export type KpiRef = {
  /** KPI_Code__c, else the KPI's name: the key pooled files match on. */
  readonly key: string;
  readonly name: string;
  readonly stage: ValueChainStage | null;
  readonly better: BetterDirection;
  readonly unit: string | null;
};

/** One comparable outcome: its customer, KPI, improvement and the group it falls in along each dimension. */
export type Observation = {
  readonly customerId: string;
  readonly kpi: KpiRef;
  readonly improvement: number;
  readonly groups: { readonly [D in Exclude<BenchmarkDimension, 'all' | 'stage'>]: readonly string[] };
};

export type GroupKey = {
  /** Null for a stage group, which pools every KPI of the stage. */
  readonly kpi: KpiRef | null;
  readonly stage: ValueChainStage | null;
  readonly dimension: BenchmarkDimension;
  readonly group: string;
};

/** A candidate group: its key and each member customer's value (the median of its outcomes in the group). */
export type CandidateGroup = GroupKey & { readonly values: ReadonlyMap<string, number> };

function groupValuesOf(o: Observation, dimension: BenchmarkDimension): readonly string[] {
  if (dimension === 'all') return [ALL_CUSTOMERS];
  if (dimension === 'stage') return o.kpi.stage ? [o.kpi.stage] : [];
  return o.groups[dimension];
}

/** Every group along every dimension, with one value per member customer. */
export function candidateGroups(observations: readonly Observation[], median: (values: readonly number[]) => number): CandidateGroup[] {
  const byKey = new Map<string, { key: GroupKey; perCustomer: Map<string, number[]> }>();
  for (const o of observations) {
    for (const dimension of BENCHMARK_DIMENSIONS) {
      for (const group of groupValuesOf(o, dimension)) {
        const kpi = dimension === 'stage' ? null : o.kpi;
        const id = JSON.stringify([kpi?.key ?? null, dimension, group]);
        let entry = byKey.get(id);
        if (!entry) {
          entry = { key: { kpi, stage: o.kpi.stage, dimension, group }, perCustomer: new Map() };
          byKey.set(id, entry);
        }
        entry.perCustomer.set(o.customerId, [...(entry.perCustomer.get(o.customerId) ?? []), o.improvement]);
      }
    }
  }
  return [...byKey.values()].map(({ key, perCustomer }) => ({
    ...key,
    values: new Map([...perCustomer].map(([customer, values]) => [customer, median(values)])),
  }));
}

export type Withheld = { readonly tooSmall: number; readonly overlapping: number };

/**
 * The groups that may be published, and how many were withheld for each reason (never which: naming a withheld
 * group would say that a few customers are in it). Candidates are decided in a fixed order (each KPI's whole
 * group first, then its other groups, then stage pools; larger first), each against those already published.
 */
export function publishableGroups(candidates: readonly CandidateGroup[], minGroup: number): { published: CandidateGroup[]; withheld: Withheld } {
  const rank = (g: CandidateGroup): number => (g.kpi === null ? 2 : g.dimension === 'all' ? 0 : 1);
  const ordered = [...candidates].sort(
    (a, b) => rank(a) - rank(b) || b.values.size - a.values.size || JSON.stringify(keyOf(a)).localeCompare(JSON.stringify(keyOf(b))),
  );
  const published: CandidateGroup[] = [];
  let tooSmall = 0;
  let overlapping = 0;
  for (const candidate of ordered) {
    if (candidate.values.size < minGroup) {
      tooSmall++;
    } else if (published.some((other) => sameFamily(candidate, other) && revealsFewerThan(candidate, other, minGroup))) {
      overlapping++;
    } else {
      published.push(candidate);
    }
  }
  return { published, withheld: { tooSmall, overlapping } };
}

function keyOf(g: GroupKey): [string | null, string, string] {
  return [g.kpi?.key ?? null, g.dimension, g.group];
}

/** Groups whose values measure the same thing: one KPI's, and a stage pool with the KPIs of its stage. */
function sameFamily(a: GroupKey, b: GroupKey): boolean {
  if (a.kpi && b.kpi) return a.kpi.key === b.kpi.key;
  return a.stage !== null && a.stage === b.stage;
}

/** Whether either group holds between 1 and minGroup − 1 customers that the other does not. */
export function revealsFewerThan(a: CandidateGroup, b: CandidateGroup, minGroup: number): boolean {
  const onlyIn = (x: CandidateGroup, y: CandidateGroup): number => [...x.values.keys()].filter((c) => !y.values.has(c)).length;
  const ab = onlyIn(a, b);
  const ba = onlyIn(b, a);
  return (ab > 0 && ab < minGroup) || (ba > 0 && ba < minGroup);
}
