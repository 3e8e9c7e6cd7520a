/**
 * One measured step: a command (or its naive baseline) run in a child process against a benchmark org, with the
 * org's count of the calls it made, the tap's account of what it read and wrote, the API minimum for that, and the
 * child's time and peak memory.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { OrgStats } from '../local-org/src/index.js';
import type { ApiUsageSnapshot } from '../src/org/apiUsage.js';
import { readChildReport, type CommandKey } from './child/protocol.js';
import { benchWork, projectRoot } from './env.js';
import { minimumCalls, ratioToMinimum, type Minimum } from './minimum.js';
import type { BenchOrg } from './org.js';
import type { TapCounts, WriteChannel } from './tap.js';

export type Runner = 'command' | 'naive';

export type StepMeasure = {
  step: CommandKey;
  runner: Runner;
  ok: boolean;
  error: string | null;
  /** Calls the org answered during the step (its meter: what DailyApiRequests counts), in all and by kind. */
  orgCalls: number;
  orgCallsByKind: Record<string, number>;
  /** Calls the command counted itself (its --json `apiCalls`), or the naive run's own count. */
  selfCounted: ApiUsageSnapshot | null;
  /** What crossed the API, per the tap. */
  tap: TapCounts;
  writes: Array<{ object: string; operation: string; channel: WriteChannel; records: number }>;
  reads: Array<{ object: string; rows: number }>;
  minimum: Minimum;
  /** orgCalls / minimum.total. */
  ratio: number | null;
  /** Spawn to exit; load (tsx compiling, imports); the work itself. */
  processMs: number;
  loadMs: number;
  runMs: number;
  /** CPU time of the command's own process while it worked (0 when not reported). */
  cpuMs: number;
  /**
   * CPU time of the benchmark's own process during the step: the local org answering (and the tap counting) while the
   * command runs, which the command's wall time includes as waiting.
   */
  orgCpuMs: number;
  /** Peak resident set size of the child, and how much of it came after loading (the work's own memory). */
  peakRss: number;
  workRss: number;
  /** A summary of the result: counts the command reported. */
  summary: Record<string, unknown>;
};

const CHILD_SCRIPTS: Record<Runner, string> = {
  command: path.join(projectRoot, 'bench', 'child', 'command.ts'),
  naive: path.join(projectRoot, 'bench', 'naive', 'child.ts'),
};

/** The flags each command runs with: the whole org, no dry run. */
export function commandFlags(step: CommandKey, alias: string, measurementsFile: string): string[] {
  const target = ['--target-org', alias];
  return step === 'measurements-import' ? [...target, '--file', measurementsFile] : target;
}

function runChild(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--no-warnings=ExperimentalWarning', script, ...args], {
      cwd: projectRoot,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      // Keep the end: that is where an error says what went wrong.
      stderr = (stderr + chunk.toString('utf8')).slice(-8000);
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stderr, ms: performance.now() - started }));
  });
}

export async function measureStep(
  org: BenchOrg,
  step: CommandKey,
  runner: Runner,
  options: { measurementsFile: string; flags?: readonly string[] },
): Promise<StepMeasure> {
  await org.resetStats();
  org.tap.reset();
  const reportFile = path.join(benchWork, `${runner}-${step}-${process.pid}.json`);
  rmSync(reportFile, { force: true });
  const args =
    runner === 'command'
      ? [step, reportFile, ...commandFlags(step, org.alias, options.measurementsFile), ...(options.flags ?? [])]
      : [step, reportFile, ...(step === 'measurements-import' ? [options.measurementsFile] : [])];
  const env = runner === 'naive' ? { ...process.env, BENCH_ORG_URL: org.url, BENCH_ORG_TOKEN: org.accessToken } : { ...process.env };
  const orgCpuBefore = process.cpuUsage();
  const child = await runChild(CHILD_SCRIPTS[runner], args, env);
  const orgCpu = process.cpuUsage(orgCpuBefore);
  const stats: OrgStats = await org.stats();
  const seen = org.tap.snapshot();
  const minimum = minimumCalls(seen.volumes);

  let report;
  try {
    report = readChildReport<Record<string, unknown>>(reportFile);
  } catch {
    report = null;
  }
  const error = report ? report.error : `The ${runner} process for ${step} exited with code ${child.code} and no report:\n${child.stderr}`;
  const result = report?.result ?? null;
  return {
    step,
    runner,
    ok: report?.ok === true,
    error,
    orgCalls: stats.apiCalls,
    orgCallsByKind: Object.fromEntries(Object.entries(stats.byKind).filter(([, n]) => n > 0)),
    selfCounted: (result?.apiCalls as ApiUsageSnapshot | undefined) ?? null,
    tap: seen.counts,
    writes: seen.writesByChannel,
    reads: seen.volumes.reads.map((r) => ({ ...r })),
    minimum,
    ratio: ratioToMinimum(stats.apiCalls, minimum.total),
    processMs: child.ms,
    loadMs: report?.loadMs ?? 0,
    runMs: report?.runMs ?? 0,
    cpuMs: report?.cpuMs ?? 0,
    orgCpuMs: (orgCpu.user + orgCpu.system) / 1000,
    peakRss: report?.peakRss ?? 0,
    workRss: report ? Math.max(0, report.peakRss - report.rssAfterLoad) : 0,
    summary: summarize(step, result),
  };
}

/** The counts worth showing from a result: numbers and small objects of numbers, not the per-record lists. */
function summarize(step: CommandKey, result: Record<string, unknown> | null): Record<string, unknown> {
  if (!result) return {};
  const summary: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(result)) {
    if (key === 'apiCalls') continue;
    // What a sync read: changes since its last complete run, the whole book, or what was named.
    if (key === 'run' && value && typeof value === 'object') {
      summary['run.selection'] = (value as { selection?: unknown }).selection;
      continue;
    }
    if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') summary[key] = value;
    else if (Array.isArray(value)) summary[`${key}.length`] = value.length;
    else if (value && typeof value === 'object') {
      for (const [inner, n] of Object.entries(value)) if (typeof n === 'number') summary[`${key}.${inner}`] = n;
    }
  }
  if (step === 'measurements-import') delete summary.file;
  return summary;
}
