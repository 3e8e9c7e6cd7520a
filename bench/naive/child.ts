/**
 * Runs one naive baseline in a process of its own, so its time and peak memory are its own:
 * `tsx bench/naive/child.ts <step> <report.json> [measurements.csv]`, with the org in BENCH_ORG_URL and
 * BENCH_ORG_TOKEN (jsforce straight to the org's REST API, no sf auth files).
 */
import { Connection } from 'jsforce';
import { ApiUsage } from '../../src/org/apiUsage.js';
import { COMMAND_KEYS, peakRssBytes, writeChildReport, type CommandKey } from '../child/protocol.js';
import { localToday } from '../clock.js';
import type { NaiveContext } from './oneByOne.js';

const API_VERSION = '64.0';

type NaiveStep = (ctx: NaiveContext, file: string | undefined) => Promise<object>;

/** Each baseline is loaded only when asked for, so loading it is measured apart from running it. */
const STEPS: Record<CommandKey, () => Promise<NaiveStep>> = {
  'handover-sync': async () => (await import('./handover.js')).naiveHandover,
  'renewals-sync': async () => (await import('./renewals.js')).naiveRenewals,
  'measurements-import': async () => {
    const { naiveImport } = await import('./measurements.js');
    return (ctx, file) => {
      if (!file) throw new Error('The naive import needs the measurements file');
      return naiveImport(ctx, file);
    };
  },
  recompute: async () => (await import('./recompute.js')).naiveRecompute,
};

async function main([step, reportFile, file]: string[]): Promise<void> {
  const instanceUrl = process.env.BENCH_ORG_URL;
  const accessToken = process.env.BENCH_ORG_TOKEN;
  if (!(COMMAND_KEYS as readonly string[]).includes(step) || !reportFile || !instanceUrl || !accessToken) {
    throw new Error(`Usage: BENCH_ORG_URL=... BENCH_ORG_TOKEN=... tsx bench/naive/child.ts <${COMMAND_KEYS.join('|')}> <report.json> [file]`);
  }
  const started = performance.now();
  const run = await STEPS[step as CommandKey]();
  const usage = new ApiUsage();
  const ctx: NaiveContext = { conn: new Connection({ instanceUrl, accessToken, version: API_VERSION }), usage, today: localToday() };
  const loaded = performance.now();
  const rssAfterLoad = process.memoryUsage().rss;
  let result: unknown = null;
  let error: string | null = null;
  try {
    result = { ...(await run(ctx, file)), apiCalls: usage.snapshot() };
  } catch (failure) {
    error = failure instanceof Error ? (failure.stack ?? failure.message) : String(failure);
  }
  writeChildReport(reportFile, { ok: error === null, result, error, loadMs: loaded - started, runMs: performance.now() - loaded, rssAfterLoad, peakRss: peakRssBytes() });
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : String(error));
    process.exit(1);
  },
);
