/**
 * The benchmark's results: the JSON kept in bench/results, and the Markdown summary printed and kept beside it.
 */
import os from 'node:os';
import type { CommandKey } from './child/protocol.js';
import type { CoreResult } from './core.js';
import type { BenchData } from './data.js';
import type { EndStateDifference } from './endState.js';
import type { StepMeasure } from './measure.js';
import { INCREMENTAL_STEPS, SCENARIOS, type IncrementalRun, type Scenario } from './incremental.js';

/** The issue's bar: no sync may spend more than 10% above the API minimum at the largest size. */
export const RATIO_LIMIT = 1.1;

export const STEP_LABELS: Record<CommandKey, string> = {
  'handover-sync': 'handover sync',
  'renewals-sync': 'renewals sync',
  'measurements-import': 'measurements import',
  recompute: 'recompute',
};

export type Machine = { cpu: string; cores: number; memoryGiB: number; node: string; platform: string };

export type SizeRun = {
  size: number;
  data: Omit<BenchData, 'dataDir' | 'measurementsFile'>;
  orgLoadMs: number;
  commands: StepMeasure[];
  /** Null when the naive baseline was not run at this size. */
  naive: StepMeasure[] | null;
  endState: { compared: boolean; counts: Record<string, number>; differences: EndStateDifference[] } | null;
  /** The incremental reruns after the first pass (bench/incremental.ts), at the largest size; null elsewhere. */
  incremental: { changedOpportunities: number; runs: IncrementalRun[] } | null;
};

export type Growth = {
  step: CommandKey;
  fromSize: number;
  toSize: number;
  /** How many times longer / more memory at the larger size, and the exponent k in factor = (size factor)^k. */
  timeFactor: number;
  timeExponent: number;
  /** The same for the command's own CPU time (NaN when a size did not report it). */
  cpuFactor: number;
  cpuExponent: number;
  /** The same for the local org's CPU time while it answered the command (the benchmark's process). */
  orgCpuFactor: number;
  orgCpuExponent: number;
  workMemoryFactor: number;
  workMemoryExponent: number;
  peakMemoryFactor: number;
};

export type BenchResults = {
  date: string;
  today: string;
  machine: Machine;
  seed: number;
  sizes: number[];
  naiveSizes: number[];
  notes: string[];
  runs: SizeRun[];
  growth: Growth[];
  core: CoreResult | null;
  verdict: { limit: number; size: number; passed: boolean; problems: string[] };
};

export function machine(): Machine {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown CPU',
    cores: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

/**
 * Growth of each command's time and memory from each size to the next (1,000 → 10,000, 10,000 → 100,000): issue 15
 * asks for time growing at most linearly from 10,000 to 100,000, which a single smallest-to-largest figure would hide.
 */
export function growthOf(runs: readonly SizeRun[]): Growth[] {
  return runs.slice(1).flatMap((large, i) => growthBetween(runs[i], large));
}

function growthBetween(small: SizeRun, large: SizeRun): Growth[] {
  const sizeFactor = large.size / small.size;
  const exponent = (factor: number): number => (factor > 0 && sizeFactor > 1 ? Math.log(factor) / Math.log(sizeFactor) : Number.NaN);
  return large.commands.flatMap((big) => {
    const little = small.commands.find((m) => m.step === big.step);
    if (!little || !little.ok || !big.ok) return [];
    const timeFactor = big.runMs / little.runMs;
    const workMemoryFactor = big.workRss / Math.max(1, little.workRss);
    const factorOf = (bigger: number, smaller: number): number => (bigger > 0 && smaller > 0 ? bigger / smaller : Number.NaN);
    const cpuFactor = factorOf(big.cpuMs, little.cpuMs);
    const orgCpuFactor = factorOf(big.orgCpuMs, little.orgCpuMs);
    return [
      {
        step: big.step,
        fromSize: small.size,
        toSize: large.size,
        timeFactor,
        timeExponent: exponent(timeFactor),
        cpuFactor,
        cpuExponent: exponent(cpuFactor),
        orgCpuFactor,
        orgCpuExponent: exponent(orgCpuFactor),
        workMemoryFactor,
        workMemoryExponent: exponent(workMemoryFactor),
        peakMemoryFactor: big.peakRss / Math.max(1, little.peakRss),
      },
    ];
  });
}

/** What keeps the run from passing: a failed step, a ratio above the limit at the largest size, a different end state. */
/** A failed incremental rerun, or a rerun with nothing changed above the limit. */
function incrementalProblems(run: SizeRun): string[] {
  return (run.incremental?.runs ?? []).flatMap((r) => {
    if (!r.ok) return [`incremental ${r.scenario}, ${STEP_LABELS[r.step]} failed at ${run.size}: ${firstLine(r.error)}`];
    if (r.scenario === 'nothing changed' && r.orgCalls > NO_CHANGE_CALL_LIMIT) {
      return [`${STEP_LABELS[r.step]} made ${r.orgCalls} calls at ${run.size} with nothing changed (at most ${NO_CHANGE_CALL_LIMIT})`];
    }
    return [];
  });
}

/** Issue 15: every sync's peak resident memory at up to 100,000 won opportunities (1,000,000 measurements). */
export const PEAK_RSS_LIMIT_BYTES = 1024 ** 3;

/** Issue 15: a rerun with nothing changed makes at most this many API calls per sync, at any size. */
export const NO_CHANGE_CALL_LIMIT = 5;

export function verdictOf(runs: readonly SizeRun[]): BenchResults['verdict'] {
  const problems: string[] = [];
  for (const run of runs) {
    for (const m of [...run.commands, ...(run.naive ?? [])]) {
      if (!m.ok) problems.push(`${m.runner === 'naive' ? 'naive ' : ''}${STEP_LABELS[m.step]} failed at ${run.size}: ${firstLine(m.error)}`);
    }
    for (const m of run.commands) {
      if (m.ok && m.peakRss > PEAK_RSS_LIMIT_BYTES) problems.push(`${STEP_LABELS[m.step]} at ${run.size}: peak RSS ${mib(m.peakRss)} MiB > ${mib(PEAK_RSS_LIMIT_BYTES)} MiB`);
    }
    for (const d of run.endState?.differences ?? []) {
      problems.push(`end state differs at ${run.size} (${d.object}): ${d.onlyInFirst} only after the commands, ${d.onlyInSecond} only after the naive run, ${d.different} different; e.g. ${d.examples[0] ?? ''}`);
    }
  }
  for (const run of runs) problems.push(...incrementalProblems(run));
  const largest = runs[runs.length - 1];
  for (const m of largest?.commands ?? []) {
    if (m.ok && m.ratio !== null && m.ratio > RATIO_LIMIT) {
      problems.push(`${STEP_LABELS[m.step]} at ${largest.size}: ${m.orgCalls} API calls for a minimum of ${m.minimum.total}, ratio ${m.ratio.toFixed(2)} > ${RATIO_LIMIT} (${excess(m)})`);
    }
  }
  return { limit: RATIO_LIMIT, size: largest?.size ?? 0, passed: problems.length === 0, problems };
}

/** Where calls above the minimum went: per object read and written, calls made against calls needed. */
export function excess(m: StepMeasure): string {
  const parts: string[] = [];
  const sessionCalls = ['identity', 'describe', 'limits', 'tooling', 'other'].reduce((sum, kind) => sum + (m.orgCallsByKind[kind] ?? 0), 0);
  const queryCalls = (m.orgCallsByKind.query ?? 0) + (m.orgCallsByKind.queryMore ?? 0);
  if (queryCalls > m.minimum.reads) parts.push(`${queryCalls} query calls where ${m.minimum.reads} pages hold the rows read (${m.reads.map((r) => `${r.object} ${r.rows}`).join(', ')})`);
  const writeCalls = (m.orgCallsByKind.collections ?? 0) + (m.orgCallsByKind.singleRecord ?? 0);
  if (writeCalls > m.minimum.writes) parts.push(`${writeCalls} write calls where ${m.minimum.writes} would do`);
  const bulkCalls = m.orgCallsByKind.bulk ?? 0;
  if (bulkCalls > m.minimum.bulk) parts.push(`${bulkCalls} Bulk API calls where ${m.minimum.bulk} would do (polls beyond the first)`);
  if (sessionCalls > 0) parts.push(`${sessionCalls} session/other calls`);
  return parts.join('; ') || 'no single cause';
}

function firstLine(text: string | null): string {
  return (text ?? 'no error given').split('\n')[0];
}

// ---- Markdown ------------------------------------------------------------------------------------

const seconds = (ms: number): string => (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);
const mib = (bytes: number): string => (bytes / 1024 ** 2).toFixed(0);
const ratio = (value: number | null): string => (value === null ? '–' : value.toFixed(2));
const int = (n: number): string => n.toLocaleString('en-US');

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map((h, i) => (i === 0 ? '---' : '---:')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

export function markdown(results: BenchResults): string {
  const { machine: m } = results;
  const lines: string[] = [
    `# Benchmark: API use, time and memory of the syncs`,
    '',
    `Run ${results.date} (data "today" ${results.today}) on ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform}. Seed ${results.seed}.`,
    '',
    `**Verdict at ${int(results.verdict.size)} won opportunities: ${results.verdict.passed ? `every sync within ${RATIO_LIMIT}× the API minimum and ${mib(PEAK_RSS_LIMIT_BYTES)} MiB peak RSS` : 'NOT PASSED'}.**`,
    ...results.verdict.problems.map((p) => `- ${p}`),
    '',
  ];

  for (const run of results.runs) {
    const d = run.data;
    lines.push(
      `## ${int(run.size)} won opportunities`,
      '',
      `${int(d.opportunities)} opportunities (${int(d.won)} won), ${int(d.lineItems)} line items, ${int(d.initiatives)} initiatives entered by sales, ` +
        `${int(d.outcomes)} outcomes, ${int(d.measurements)} measurements imported. Org loaded in ${seconds(run.orgLoadMs)} s.`,
      '',
    );
    const naiveOf = (step: CommandKey): StepMeasure | undefined => run.naive?.find((n) => n.step === step);
    lines.push(
      table(
        ['step', 'API calls (org)', 'counted by command', 'API minimum', 'ratio', 'run s', 'process s', 'peak RSS MiB', 'work RSS MiB', 'naive calls', 'naive ratio', 'naive run s', 'calls saved ×', 'time saved ×'],
        run.commands.map((c) => {
          const n = naiveOf(c.step);
          return [
            STEP_LABELS[c.step] + (c.ok ? '' : ' (FAILED)'),
            int(c.orgCalls),
            c.selfCounted ? int(c.selfCounted.total) : '–',
            int(c.minimum.total),
            ratio(c.ratio),
            seconds(c.runMs),
            seconds(c.processMs),
            mib(c.peakRss),
            mib(c.workRss),
            n ? int(n.orgCalls) + (n.ok ? '' : ' (FAILED)') : '–',
            n ? ratio(n.ratio) : '–',
            n ? seconds(n.runMs) : '–',
            n && c.orgCalls > 0 ? (n.orgCalls / c.orgCalls).toFixed(1) : '–',
            n && c.runMs > 0 ? (n.runMs / c.runMs).toFixed(1) : '–',
          ];
        }),
      ),
      '',
    );
    if (!run.naive) lines.push(`Naive baseline not run at this size (it makes one call per record; run with --full to include it).`, '');
    if (run.endState?.compared) {
      lines.push(
        run.endState.differences.length === 0
          ? `End state after the naive baseline equals the commands' (${Object.entries(run.endState.counts).map(([o, n]) => `${o} ${int(n)}`).join(', ')}).`
          : `End state after the naive baseline DIFFERS from the commands': ${run.endState.differences.map((x) => `${x.object} (${x.examples.join('; ')})`).join(' · ')}`,
        '',
      );
    }
    if (run.incremental) lines.push(...incrementalSection(run.incremental), '');
    lines.push('Where the minimum comes from (rows read per object, records written per operation, bulk jobs), and the calls made by kind:', '');
    for (const c of run.commands) {
      const need = c.minimum.lines.map((l) => `${l.kind === 'read' ? 'read' : ''} ${l.what} ${int(l.amount)} → ${l.calls}`.trim()).join(', ');
      const made = Object.entries(c.orgCallsByKind).map(([kind, n]) => `${kind} ${n}`).join(', ');
      lines.push(`- **${STEP_LABELS[c.step]}**: needs ${need || 'nothing'}; made ${made || 'no calls'}.`);
    }
    lines.push('');
  }

  if (results.runs.length > 1) lines.push(...memoryCurve(results.runs), '');
  for (const [fromSize, toSize] of sizePairs(results.growth)) {
    lines.push(
      `## Growth from ${int(fromSize)} to ${int(toSize)} won opportunities (×${(toSize / fromSize).toFixed(0)})`,
      '',
      'Exponent k: time or memory grows as size^k (1 = linear, below 1 = better than linear). Run time includes waiting for the local org (in the benchmark\'s process); command CPU is the command\'s own process alone; org CPU is the local org\'s while it answered (the benchmark\'s process, its garbage collection included). Work memory is the peak RSS above what the process held once its code was loaded.',
      '',
      table(
        ['step', 'run time ×', 'k (time)', 'command CPU ×', 'k (CPU)', 'org CPU ×', 'k (org CPU)', 'work memory ×', 'k (memory)', 'peak RSS ×'],
        results.growth
          .filter((g) => g.fromSize === fromSize && g.toSize === toSize)
          .map((g) => [
            STEP_LABELS[g.step],
            g.timeFactor.toFixed(1),
            g.timeExponent.toFixed(2),
            Number.isNaN(g.cpuFactor) ? '–' : g.cpuFactor.toFixed(1),
            Number.isNaN(g.cpuExponent) ? '–' : g.cpuExponent.toFixed(2),
            Number.isNaN(g.orgCpuFactor) ? '–' : g.orgCpuFactor.toFixed(1),
            Number.isNaN(g.orgCpuExponent) ? '–' : g.orgCpuExponent.toFixed(2),
            g.workMemoryFactor.toFixed(1),
            Number.isNaN(g.workMemoryExponent) ? '–' : g.workMemoryExponent.toFixed(2),
            g.peakMemoryFactor.toFixed(1),
          ]),
      ),
      '',
    );
  }

  if (results.core) {
    const c = results.core;
    lines.push(
      '## Domain core alone',
      '',
      `Due date, attainment and trajectory (assessOutcome) of ${int(c.outcomes)} outcomes over ${int(c.measurements)} measurements: ` +
        `median ${c.medianMs.toFixed(0)} ms, best ${c.bestMs.toFixed(0)} ms of ${c.runs} runs ` +
        `(${c.microsPerOutcome.toFixed(1)} µs per outcome, ${c.microsPerMeasurement.toFixed(2)} µs per measurement).`,
      '',
    );
  }

  if (results.notes.length > 0) lines.push('## Notes', '', ...results.notes.map((n) => `- ${n}`), '');
  lines.push('## For the README', '', readmeSnippet(results), '');
  return lines.join('\n');
}

function sizePairs(growth: readonly Growth[]): Array<[number, number]> {
  const pairs = new Map(growth.map((g) => [`${g.fromSize}-${g.toSize}`, [g.fromSize, g.toSize] as [number, number]]));
  return [...pairs.values()];
}

/** Peak RSS and run time of each sync at each size: the memory curve issue 15 holds to 1 GiB. */
export function memoryCurve(runs: readonly SizeRun[]): string[] {
  const cell = (run: SizeRun, step: CommandKey): string => {
    const m = run.commands.find((c) => c.step === step);
    if (!m) return '–';
    if (!m.ok) return 'FAILED';
    const cpu = m.cpuMs > 0 ? ` (CPU: command ${seconds(m.cpuMs)} s, org ${seconds(m.orgCpuMs)} s)` : '';
    return `${mib(m.peakRss)} MiB, ${seconds(m.runMs)} s${cpu}`;
  };
  return [
    '## Memory curve',
    '',
    `Peak RSS of each sync's own process (the local org runs in the benchmark's process, not in the command's) and its run time, by size, with the CPU time the command and the org spent in it; the limit is ${mib(PEAK_RSS_LIMIT_BYTES)} MiB.`,
    '',
    table(
      ['step', ...runs.map((r) => `${int(r.size)} won`)],
      (runs[0]?.commands ?? []).map((c) => [STEP_LABELS[c.step], ...runs.map((r) => cell(r, c.step))]),
    ),
  ];
}

/** The figures the README quotes: the largest size, with the date and the machine. */
export function readmeSnippet(results: BenchResults): string {
  const largest = results.runs[results.runs.length - 1];
  if (!largest) return '';
  const naiveRun = [...results.runs].reverse().find((r) => r.naive !== null);
  const m = results.machine;
  const rows = largest.commands.map((c) => {
    // The growth into the largest size (10,000 → 100,000 at --large).
    const g = results.growth.find((x) => x.step === c.step && x.toSize === largest.size);
    const n = naiveRun?.naive?.find((x) => x.step === c.step);
    const own = naiveRun?.commands.find((x) => x.step === c.step);
    return [
      STEP_LABELS[c.step],
      `${int(c.orgCalls)} / ${int(c.minimum.total)} = ${ratio(c.ratio)}`,
      seconds(c.runMs),
      mib(c.peakRss),
      g ? `${g.timeExponent.toFixed(2)}` : '–',
      n && own && own.orgCalls > 0 ? `${(n.orgCalls / own.orgCalls).toFixed(0)}× calls, ${(n.runMs / Math.max(1, own.runMs)).toFixed(0)}× time` : '–',
    ];
  });
  return [
    `Benchmark of ${results.date.slice(0, 10)} on ${m.cpu} (${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}), local org, ` +
      `${int(largest.size)} won opportunities, ${int(largest.data.measurements)} measurements (\`npm run bench\`, full figures in bench/results/latest.md):`,
    '',
    table(
      ['sync', 'API calls / minimum = ratio', 'time s', 'peak MiB', 'time growth k', `naive baseline${naiveRun ? ` (at ${int(naiveRun.size)})` : ''}`],
      rows,
    ),
    '',
    results.core
      ? `Domain core alone: ${int(results.core.outcomes)} outcomes over ${int(results.core.measurements)} measurements assessed in ${results.core.medianMs.toFixed(0)} ms.`
      : '',
  ].join('\n');
}

/** The incremental reruns: API calls per sync and what each read, scenario by scenario. */
function incrementalSection(incremental: NonNullable<SizeRun['incremental']>): string[] {
  const cell = (scenario: Scenario, step: CommandKey): string => {
    const r = incremental.runs.find((x) => x.scenario === scenario && x.step === step);
    if (!r) return '–';
    if (!r.ok) return 'FAILED';
    return `${int(r.orgCalls)} (read ${r.read === null ? '–' : int(r.read)})`;
  };
  return [
    `Incremental reruns on this org (API calls counted by the org, and what each run read: opportunities, renewable initiatives, outcomes). ` +
      `"1% changed": the handover status of ${int(incremental.changedOpportunities)} won opportunities set back by hand; "one day later": --as-of tomorrow.`,
    '',
    table(
      ['scenario', ...INCREMENTAL_STEPS.map((s) => STEP_LABELS[s])],
      SCENARIOS.map((scenario) => [scenario, ...INCREMENTAL_STEPS.map((step) => cell(scenario, step))]),
    ),
  ];
}
