/**
 * Command tests run the real command classes against the local org over HTTP: this starts one per suite,
 * registers it as a target org in the test's own home folder, and runs commands with --json.
 */
/* eslint-disable no-console -- the harness captures what commands print through console, and restores it */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { Connection } from 'jsforce';
import { startLocalOrg, type OrgFeatures } from '../../local-org/src/index.js';
import { registerLocalOrg } from '../../local-org/src/register.js';
import { assertMatchesSchema } from './contracts.js';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const sampleDataDir = path.join(projectRoot, 'data', 'sample');
export const API_VERSION = '64.0';

type LocalOrg = Awaited<ReturnType<typeof startLocalOrg>>;

export type TestOrg = {
  alias: string;
  instanceUrl: string;
  /** A jsforce connection for assertions (the commands get their own through --target-org). */
  conn: Connection;
  org: LocalOrg;
  stats: LocalOrg['stats'];
  setFaults: LocalOrg['setFaults'];
  stop(): Promise<void>;
};

export async function startTestOrg(options: { dataDir?: string; features?: OrgFeatures; now?: () => Date } = {}): Promise<TestOrg> {
  const username = `cs-ops-${randomUUID().slice(0, 8)}@outcomes.local`;
  const org = await startLocalOrg({ port: 0, projectDir: projectRoot, dataDir: options.dataDir ?? sampleDataDir, username, features: options.features, now: options.now } as Parameters<
    typeof startLocalOrg
  >[0]);
  const alias = `test-${randomUUID().slice(0, 8)}`;
  await registerLocalOrg({ instanceUrl: org.instanceUrl, accessToken: org.accessToken, username: org.username, alias });
  const conn = new Connection({ instanceUrl: org.instanceUrl, accessToken: org.accessToken, version: API_VERSION });
  return {
    alias,
    instanceUrl: org.instanceUrl,
    conn,
    org,
    stats: () => org.stats(),
    setFaults: (faults) => org.setFaults(faults),
    stop: () => org.stop(),
  };
}

type RunnableCommand<R> = { run(argv?: string[], opts?: string): Promise<R> };

/** What a command printed on stdout during the last `runCommand` (its --json envelope). */
export let lastOutput = '';
/** What it printed on stderr (spinners, warnings, error messages). */
export let lastErrorOutput = '';
/** The exit status the command set: 0 all written, 1 records refused, 2 the run stopped. */
export let lastExitCode = 0;

type Write = typeof process.stdout.write;

/* eslint-disable no-param-reassign -- capturing a stream is replacing its write, and restoring it after */
function capture(stream: NodeJS.WriteStream, append: (text: string) => void): () => void {
  const write = stream.write.bind(stream);
  stream.write = ((chunk: string | Uint8Array) => {
    append(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  }) as Write;
  return () => {
    stream.write = write;
  };
}
/* eslint-enable no-param-reassign */

/** Runs a command class as `sf` would, with --json, and returns its typed result; stdout and stderr are captured, not printed. */
export async function runCommand<R>(command: RunnableCommand<R>, argv: string[], options: { json?: boolean } = {}): Promise<R> {
  lastOutput = '';
  lastErrorOutput = '';
  process.exitCode = 0;
  const restoreOut = capture(process.stdout, (text) => (lastOutput += text));
  const restoreErr = capture(process.stderr, (text) => (lastErrorOutput += text));
  // oclif prints errors and warnings through console.error, which jest routes around process.stderr.
  const { log: consoleLog, info: consoleInfo, error: consoleError, warn: consoleWarn } = console;
  console.log = (...args: unknown[]): void => void (lastOutput += `${args.map(String).join(' ')}\n`);
  console.info = console.log;
  console.error = (...args: unknown[]): void => void (lastErrorOutput += `${args.map(String).join(' ')}\n`);
  console.warn = console.error;
  try {
    const result = await command.run(options.json === false ? argv : [...argv, '--json'], projectRoot);
    // Every result a test gets is also held against the command's published --json schema.
    assertMatchesSchema(command, result);
    return result;
  } finally {
    restoreOut();
    restoreErr();
    Object.assign(console, { log: consoleLog, info: consoleInfo, error: consoleError, warn: consoleWarn });
    // SfCommand.catch sets process.exitCode on failure; jest would then exit 1 with every test green.
    lastExitCode = typeof process.exitCode === 'number' ? process.exitCode : 0;
    process.exitCode = 0;
  }
}

/**
 * Runs several commands at the same time in this process, as two cron jobs would against one org. Output is
 * captured once for all of them (their --json results are what they return); exit statuses are not kept apart.
 */
export async function runConcurrently<R>(runs: Array<{ command: RunnableCommand<R>; argv: string[] }>): Promise<R[]> {
  const restoreOut = capture(process.stdout, () => undefined);
  const restoreErr = capture(process.stderr, () => undefined);
  const saved = { log: console.log, info: console.info, error: console.error, warn: console.warn };
  Object.assign(console, { log: () => undefined, info: () => undefined, error: () => undefined, warn: () => undefined });
  try {
    return await Promise.all(runs.map(({ command, argv }) => command.run([...argv, '--json'], projectRoot)));
  } finally {
    restoreOut();
    restoreErr();
    Object.assign(console, saved);
    process.exitCode = 0;
  }
}

/**
 * Waits for the next second of the clock. An incremental sync tells its own writes from later edits by the second
 * (Salesforce stores times to the second); in the local org every edit is made by the user the syncs run as, so a
 * test that edits records for the next run to read waits until the second the last run finished is over.
 */
export async function afterThisSecond(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 20));
}

/** What a sync's own run record costs the write counters: created in the start composite, finished in one update. */
export const RUN_RECORD_WRITES = { collections: 0, singleRecord: 1, bulk: 0, recordsSubmitted: 2 } as const;
