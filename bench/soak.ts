/**
 * `npm run soak`: the CS-ops day at scale with faults on, as an operator's cron would meet it. Two local orgs get the
 * same book: the reference runs each sync once without faults; the soak org answers 10% of calls 503, 5%
 * REQUEST_LIMIT_EXCEEDED, fails 5% of records with UNABLE_TO_LOCK_ROW, and on it two handover syncs start at once,
 * the measurement import is killed (SIGKILL) part way, and every sync is rerun until it exits 0, as a scheduler
 * would. Then both end states are compared record by record: lost (in the reference, not in the soak org),
 * duplicated (two records for one key) and unexplained (a field that differs, or a record nobody planned) must all
 * be 0. Each sync is a real `sf outcomes` process (the plugin from its sources).
 *
 *   npm run soak                        10,000 won opportunities, 100,000 measurements
 *   npm run soak -- --size 500          a smaller book
 *
 * Writes bench/results/soak.md and .json (a --size other than 10,000 writes soak-<size>.*); exits 1 unless all three
 * counts are 0 and every sync ended with exit 0.
 */
import './env.js';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createEngine, type LocalOrgEngine } from '../local-org/src/engine/index.js';
import { startLocalOrg, type FaultSettings, type LocalOrg } from '../local-org/src/index.js';
import { registerLocalOrg } from '../local-org/src/register.js';
import { localToday } from './clock.js';
import { prepareData } from './data.js';
import { captureEndState, compareEndStates, duplicateRecords, endStateCounts, type EndStateDifference } from './endState.js';
import { benchWork, projectRoot } from './env.js';
import { runSf } from './sfProcess.js';

const FAULTS: Partial<FaultSettings> = { unavailableShare: 0.1, rateLimitShare: 0.05, lockRowShare: 0.05, latencyMs: 1 };
/** A scheduler reruns a sync that did not exit 0; after this many runs the soak calls it stuck. */
const MAX_RUNS = 8;

type Org = { org: LocalOrg; engine: LocalOrgEngine; alias: string };
type Run = { step: string; exit: number | null; killed: boolean; ms: number; concurrent?: boolean };

function progress(message: string): void {
  process.stderr.write(`[soak ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

async function startOrg(dataDir: string, today: string, faults: Partial<FaultSettings>, seed: number): Promise<Org> {
  const engine = await createEngine({ projectDir: projectRoot, today, username: `soak-${randomUUID().slice(0, 8)}@outcomes.local` });
  const org = await startLocalOrg({ port: 0, projectDir: projectRoot, dataDir, engine, today, faults: { ...faults, seed } });
  const alias = `soak-${randomUUID().slice(0, 8)}`;
  await registerLocalOrg({ instanceUrl: org.instanceUrl, accessToken: org.accessToken, username: org.username, alias }, () => undefined);
  return { org, engine, alias };
}

/** One `sf outcomes …` process on the org; killed with SIGKILL once the org has answered `killAfterCalls` more calls. */
async function sf(target: Org, step: string, args: string[], killAfterCalls?: number): Promise<Run> {
  return { step, ...(await runSf([...args, '--target-org', target.alias], { apiCalls: () => target.org.stats().apiCalls, killAfterCalls })) };
}

/** Reruns a sync until it exits 0, as a scheduler would; every run is kept for the report. */
async function untilWritten(target: Org, step: string, args: string[], runs: Run[]): Promise<boolean> {
  for (let attempt = 0; attempt < MAX_RUNS; attempt++) {
    // eslint-disable-next-line no-await-in-loop -- a rerun only after the previous run ended, as a scheduler would
    const run = await sf(target, step, args);
    runs.push(run);
    progress(`  ${step}: exit ${String(run.exit)} in ${(run.ms / 1000).toFixed(1)} s`);
    if (run.exit === 0) return true;
  }
  return false;
}

type SoakResult = {
  date: string;
  size: number;
  won: number;
  measurements: number;
  faults: Partial<FaultSettings>;
  lost: number;
  duplicated: number;
  unexplained: number;
  allWritten: boolean;
  apiCalls: { reference: number; soak: number };
  soakSeconds: number;
  runs: Run[];
  records: Record<string, number>;
  differences: EndStateDifference[];
  duplicates: Record<string, number>;
};

function markdown(r: SoakResult): string {
  const steps = [...new Set(r.runs.map((run) => run.step))];
  const rows = steps.map((step) => {
    const runs = r.runs.filter((run) => run.step === step);
    const exits = runs.map((run) => (run.killed ? 'killed' : String(run.exit))).join(', ');
    return `| ${step} | ${runs.length} | ${exits} | ${(runs.reduce((s, run) => s + run.ms, 0) / 1000).toFixed(1)} |`;
  });
  return [
    `# Soak, ${r.date}`,
    '',
    `${r.won.toLocaleString('en-US')} won opportunities, ${r.measurements.toLocaleString('en-US')} measurements; faults: ${(r.faults.unavailableShare ?? 0) * 100}% of calls 503, ${(r.faults.rateLimitShare ?? 0) * 100}% REQUEST_LIMIT_EXCEEDED, ${(r.faults.lockRowShare ?? 0) * 100}% of records UNABLE_TO_LOCK_ROW.`,
    '',
    `**Lost: ${r.lost}. Duplicated: ${r.duplicated}. Unexplained: ${r.unexplained}.** Every sync ended with exit 0: ${r.allWritten ? 'yes' : 'NO'}.`,
    '',
    `Soak day: ${r.soakSeconds.toFixed(0)} s and ${r.apiCalls.soak.toLocaleString('en-US')} API calls (the fault-free day: ${r.apiCalls.reference.toLocaleString('en-US')}).`,
    '',
    '| sync | runs | exit statuses | seconds |',
    '|---|---:|---|---:|',
    ...rows,
    '',
    `Records compared: ${Object.entries(r.records)
      .map(([object, n]) => `${object} ${n.toLocaleString('en-US')}`)
      .join(', ')}.`,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { size: { type: 'string', default: '10000' }, seed: { type: 'string', default: '7' } }, strict: true });
  const size = Number(values.size);
  const seed = Number(values.seed);
  if (!Number.isInteger(size) || size < 1) throw new Error(`--size takes a whole number of won opportunities, got "${values.size}"`);
  const today = localToday();
  progress(`${size} won opportunities: generating data`);
  const data = prepareData({ size, seed, today, folder: path.join(benchWork, `soak-${size}`) });
  progress(`  ${data.won} won, ${data.lineItems} line items, ${data.measurements} measurements; starting two orgs`);
  const [reference, soak] = await Promise.all([startOrg(data.dataDir, today, {}, seed), startOrg(data.dataDir, today, FAULTS, seed)]);
  const runs: Run[] = [];
  try {
    const day: Array<[string, string[]]> = [
      ['handover sync', ['outcomes', 'handover', 'sync']],
      ['renewals sync', ['outcomes', 'renewals', 'sync']],
      ['measurements import', ['outcomes', 'measurements', 'import', '--file', data.measurementsFile, '--error-file', path.join(benchWork, 'soak-errors.csv')]],
      ['recompute', ['outcomes', 'recompute', '--as-of', today]],
    ];
    progress('reference day, no faults');
    const referenceRuns: Run[] = [];
    for (const [step, args] of day) {
      // eslint-disable-next-line no-await-in-loop -- the steps build on each other, in this order
      if (!(await untilWritten(reference, step, args, referenceRuns))) throw new Error(`The fault-free ${step} did not exit 0: nothing to compare against.`);
    }

    progress('soak day, faults on');
    const started = performance.now();
    let allWritten = true;
    // Two schedulers start the handover at the same moment.
    const [a, b] = await Promise.all([sf(soak, 'handover sync', day[0][1]), sf(soak, 'handover sync', day[0][1])]);
    runs.push({ ...a, concurrent: true }, { ...b, concurrent: true });
    progress(`  handover sync ×2 at once: exit ${String(a.exit)} and ${String(b.exit)}`);
    if (a.exit !== 0 && b.exit !== 0) allWritten = (await untilWritten(soak, ...day[0], runs)) && allWritten;
    allWritten = (await untilWritten(soak, ...day[1], runs)) && allWritten;
    // The import is killed part way through its writes, then rerun.
    const killed = await sf(soak, 'measurements import', day[2][1], 6);
    runs.push(killed);
    progress(`  measurements import: ${killed.killed ? 'killed' : `exit ${String(killed.exit)}`} after ${(killed.ms / 1000).toFixed(1)} s`);
    allWritten = (await untilWritten(soak, ...day[2], runs)) && allWritten;
    allWritten = (await untilWritten(soak, ...day[3], runs)) && allWritten;
    const soakSeconds = (performance.now() - started) / 1000;

    const records = (org: Org) => (sobject: string) => org.engine.records(sobject);
    const referenceState = captureEndState(records(reference), { runningUserId: reference.engine.userId });
    const soakState = captureEndState(records(soak), { runningUserId: soak.engine.userId });
    const differences = compareEndStates(referenceState, soakState);
    const duplicates = duplicateRecords(records(soak));
    const result: SoakResult = {
      date: today,
      size,
      won: data.won,
      measurements: data.measurements,
      faults: FAULTS,
      lost: differences.reduce((n, d) => n + d.onlyInFirst, 0),
      duplicated: Object.values(duplicates).reduce((n, d) => n + d, 0),
      unexplained: differences.reduce((n, d) => n + d.different + d.onlyInSecond, 0),
      allWritten,
      apiCalls: { reference: reference.org.stats().apiCalls, soak: soak.org.stats().apiCalls },
      soakSeconds,
      runs,
      records: endStateCounts(referenceState),
      differences,
      duplicates,
    };
    const folder = path.join(projectRoot, 'bench', 'results');
    mkdirSync(folder, { recursive: true });
    const name = size === 10_000 ? 'soak' : `soak-${size}`;
    writeFileSync(path.join(folder, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
    writeFileSync(path.join(folder, `${name}.md`), markdown(result));
    console.log(markdown(result));
    for (const d of differences) console.error(`${d.object}: ${d.examples.join(' | ')}`);
    if (result.lost + result.duplicated + result.unexplained > 0 || !allWritten) process.exitCode = 1;
  } finally {
    await Promise.all([reference.org.stop(), soak.org.stop()]);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
