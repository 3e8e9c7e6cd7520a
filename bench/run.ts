/**
 * `npm run bench`: API calls, time and memory of the syncs on the local org, against the API minimum and a naive
 * baseline (one call per record), plus the domain core alone.
 *
 *   npm run bench                      1,000 and 10,000 won opportunities; naive baseline at 1,000
 *   npm run bench -- --full            naive baseline at every size (10,000 takes long: one call per record)
 *   npm run bench -- --sizes 500,5000  other sizes
 *   npm run bench -- --large           adds 100,000 won opportunities (1,000,000 measurements): the memory claim
 *                                      (peak RSS per sync ≤ 1 GiB); long, not for CI
 *   npm run bench -- --quick           a small smoke run (50 won opportunities), written to .tmp/bench/quick.* only
 *
 * For each size: generate data, start a fresh local org (no faults, no latency) behind the wire tap, run
 * handover sync → renewals sync → measurements import → recompute, each in a child process; at the largest size up
 * to 10,000 (the largest of all when every size is larger), the incremental reruns of the three syncs
 * (bench/incremental.ts); then the same steps
 * the naive way on another fresh org, and compare both end states. Writes bench/results/<name>.json and .md and
 * exits 1 when a step failed, the end states differ, or a sync spends more than 1.1× the API minimum at the
 * largest size.
 *
 * The local org runs in this process, holding the whole book: package.json gives it a heap of 12 GiB and young
 * generations of 64 MiB, without which, at 100,000, V8 spent about a third of the org's time collecting a heap of
 * several GiB, and the syncs' run times (which include waiting on the org) grew faster than the book.
 */
import './env.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { COMMAND_KEYS } from './child/protocol.js';
import { localToday } from './clock.js';
import { benchCore } from './core.js';
import { measurementsFor, prepareData, MEASUREMENTS_AT_10K } from './data.js';
import { captureEndState, compareEndStates, endStateCounts } from './endState.js';
import { benchWork, projectRoot } from './env.js';
import { measureStep, type StepMeasure } from './measure.js';
import { benchIncremental } from './incremental.js';
import { startBenchOrg } from './org.js';
import { growthOf, machine, markdown, verdictOf, STEP_LABELS, type BenchResults, type SizeRun } from './report.js';

const DEFAULT_SIZES = [1_000, 10_000];
/** What --large adds: the size issue 15 holds peak memory to 1 GiB at. */
const LARGE_SIZE = 100_000;
/** The incremental reruns run at the largest size up to this: at --large they would add a dozen long syncs. */
const INCREMENTAL_MAX_SIZE = 10_000;
const QUICK_SIZE = 50;
/** Above this size the naive baseline runs only with --full: one call per record takes long. */
const NAIVE_MAX_SIZE = 1_000;
const CORE_OUTCOMES = 7_000;
const CORE_MEASUREMENTS = 100_000;

type Options = { sizes: number[]; full: boolean; seed: number; name: string; folder: string };

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string' },
      quick: { type: 'boolean', default: false },
      full: { type: 'boolean', default: false },
      large: { type: 'boolean', default: false },
      seed: { type: 'string', default: '42' },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log('Usage: npm run bench -- [--sizes 1000,10000 | --quick] [--large] [--full] [--seed 42] [--out latest]');
    process.exit(0);
  }
  if (values.quick && values.sizes) throw new Error('--quick and --sizes do not go together: --quick runs one small size');
  if (values.quick && values.large) throw new Error('--quick and --large do not go together: --quick runs one small size');
  const asked = values.quick ? [QUICK_SIZE] : values.sizes ? values.sizes.split(',').map((s) => Number(s.trim())) : DEFAULT_SIZES;
  const sizes = values.large && !asked.includes(LARGE_SIZE) ? [...asked, LARGE_SIZE] : asked;
  if (sizes.some((s) => !Number.isInteger(s) || s < 1)) throw new Error(`--sizes takes whole numbers of won opportunities, e.g. 1000,10000; got "${values.sizes}"`);
  if (!/^-?\d+$/.test(values.seed)) throw new Error(`--seed must be a whole number, got "${values.seed}"`);
  if (values.out !== undefined && !/^[\w-]+$/.test(values.out)) throw new Error(`--out is a file name without extension (letters, digits, - and _), got "${values.out}"`);
  return {
    sizes: [...sizes].sort((a, b) => a - b),
    full: values.full,
    seed: Number(values.seed),
    name: values.out ?? (values.quick ? 'quick' : 'latest'),
    // A smoke run's figures mean nothing to keep: they stay in the scratch folder.
    folder: values.quick ? benchWork : path.join(projectRoot, 'bench', 'results'),
  };
}

function progress(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

function describeStep(m: StepMeasure): string {
  if (!m.ok) return `FAILED: ${(m.error ?? '').split('\n')[0]}`;
  return `${m.orgCalls} calls (minimum ${m.minimum.total}, ratio ${m.ratio?.toFixed(2) ?? '–'}), ${(m.runMs / 1000).toFixed(2)} s, peak ${(m.peakRss / 1024 ** 2).toFixed(0)} MiB`;
}

async function runSize(size: number, options: Options, today: string, naive: boolean, incremental: boolean): Promise<SizeRun> {
  const folder = path.join(benchWork, `size-${size}`);
  progress(`${size} won opportunities: generating data`);
  const data = prepareData({ size, seed: options.seed, today, folder });
  progress(`  ${data.opportunities} opportunities (${data.won} won), ${data.lineItems} line items, ${data.outcomes} outcomes, ${data.measurements} measurements`);

  const org = await startBenchOrg({ projectDir: projectRoot, dataDir: data.dataDir, today });
  progress(`  org loaded in ${(org.loadMs / 1000).toFixed(1)} s`);
  const commands: StepMeasure[] = [];
  let commandsState;
  let incrementalRuns: SizeRun['incremental'] = null;
  try {
    for (const step of COMMAND_KEYS) {
      progress(`  ${STEP_LABELS[step]} ...`);
      // eslint-disable-next-line no-await-in-loop -- the steps build on each other, in this order
      const measure = await measureStep(org, step, 'command', { measurementsFile: data.measurementsFile });
      commands.push(measure);
      progress(`    ${describeStep(measure)}`);
    }
    commandsState = captureEndState((sobject) => org.engine.records(sobject), { runningUserId: org.engine.userId });
    if (incremental) {
      progress('  incremental reruns ...');
      incrementalRuns = await benchIncremental(org, today, progress);
    }
  } finally {
    await org.stop();
  }

  let naiveMeasures: StepMeasure[] | null = null;
  let endState: SizeRun['endState'] = null;
  if (naive) {
    const naiveOrg = await startBenchOrg({ projectDir: projectRoot, dataDir: data.dataDir, today });
    naiveMeasures = [];
    try {
      for (const step of COMMAND_KEYS) {
        progress(`  naive ${STEP_LABELS[step]} ...`);
        // eslint-disable-next-line no-await-in-loop -- the steps build on each other, in this order
        const measure = await measureStep(naiveOrg, step, 'naive', { measurementsFile: data.measurementsFile });
        naiveMeasures.push(measure);
        progress(`    ${describeStep(measure)}`);
      }
      const naiveState = captureEndState((sobject) => naiveOrg.engine.records(sobject), { runningUserId: naiveOrg.engine.userId });
      endState = { compared: true, counts: endStateCounts(commandsState), differences: compareEndStates(commandsState, naiveState) };
    } finally {
      await naiveOrg.stop();
    }
  }
  const { dataDir: _dir, measurementsFile: _file, ...dataSummary } = data;
  return { size, data: dataSummary, orgLoadMs: org.loadMs, commands, naive: naiveMeasures, endState, incremental: incrementalRuns };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const today = localToday();
  const notes: string[] = [
    'API calls are counted by the local org itself (GET /__local/stats): every call it answered, session calls of @salesforce/core included. ' +
      'The command\'s own count (its --json apiCalls) leaves those out.',
    'API minimum: per object read, ceil(distinct rows / 2,000) query pages (at least 1); per object and write operation, ceil(records / 200) ' +
      `collection calls; per Bulk API 2.0 job, 7 calls (create, upload, close, one poll, successful/failed/unprocessed results). ` +
      'Rows and records are what crossed the API, seen by a pass-through tap between the client and the org.',
    'Each command runs in its own child process (node --import tsx, the real command class with --json); "run s" is the command itself, ' +
      '"process s" adds starting Node and compiling TypeScript. Peak RSS is the child\'s getrusage maxRSS; work RSS is the peak above the RSS once the code was loaded.',
    'The naive baseline runs the same plans from src/core (so it must reach the same end state, which is checked) but reads per opportunity / line item / ' +
      'outcome / initiative and writes one record per REST call through jsforce.',
    `Measurements imported: ${MEASUREMENTS_AT_10K.toLocaleString('en-US')} at 10,000 won opportunities, scaled in proportion at other sizes ` +
      `(${options.sizes.map((s) => `${measurementsFor(s).toLocaleString('en-US')} at ${s.toLocaleString('en-US')}`).join(', ')}).`,
  ];
  const naiveSizes = options.sizes.filter((s) => options.full || s <= NAIVE_MAX_SIZE);
  if (naiveSizes.length < options.sizes.length) {
    notes.push(`Naive baseline measured at ${naiveSizes.join(', ') || 'no size'} only; at larger sizes it takes very long (one call per record): add --full to include it.`);
  }

  const runs: SizeRun[] = [];
  const upToLimit = options.sizes.filter((s) => s <= INCREMENTAL_MAX_SIZE);
  const incrementalAt = upToLimit.length > 0 ? upToLimit[upToLimit.length - 1] : options.sizes[options.sizes.length - 1];
  for (const size of options.sizes) {
    // The incremental reruns at one size (after the end state was taken: they change the org).
    // eslint-disable-next-line no-await-in-loop -- one size at a time: they must not compete for the machine
    runs.push(await runSize(size, options, today, naiveSizes.includes(size), size === incrementalAt));
  }
  progress(`domain core: ${CORE_OUTCOMES} outcomes, ${CORE_MEASUREMENTS} measurements`);
  const core = benchCore({ outcomes: CORE_OUTCOMES, measurements: CORE_MEASUREMENTS, today, seed: options.seed });

  const results: BenchResults = {
    date: new Date().toISOString(),
    today,
    machine: machine(),
    seed: options.seed,
    sizes: options.sizes,
    naiveSizes,
    notes,
    runs,
    growth: growthOf(runs),
    core,
    verdict: verdictOf(runs),
  };
  mkdirSync(options.folder, { recursive: true });
  const summary = markdown(results);
  const written = (ext: string): string => path.join(options.folder, `${options.name}.${ext}`);
  writeFileSync(written('json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(written('md'), summary);
  console.log(summary);
  console.log(`Written: ${path.relative(projectRoot, written('json'))} and ${path.relative(projectRoot, written('md'))}`);
  if (!results.verdict.passed) {
    console.error(`\nBenchmark not passed:\n${results.verdict.problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
