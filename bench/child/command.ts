/**
 * Runs one `sf outcomes` command in a process of its own, as `sf` would (the real command class, --json), so
 * its time and peak memory are its own: `tsx bench/child/command.ts <command> <report.json> [flags...]`.
 * HOME (with the target org registered in it) comes from the parent's environment.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMMAND_KEYS, cpuMs, peakRssBytes, writeChildReport, type CommandKey } from './protocol.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

type RunnableCommand = { run(argv?: string[], opts?: string): Promise<unknown> };

/** The measured commands, loaded only when asked for (so loading one is part of its own measurement). */
const COMMANDS: Record<CommandKey, () => Promise<{ default: unknown }>> = {
  'handover-sync': () => import('../../src/commands/outcomes/handover/sync.js'),
  'renewals-sync': () => import('../../src/commands/outcomes/renewals/sync.js'),
  'measurements-import': () => import('../../src/commands/outcomes/measurements/import.js'),
  recompute: () => import('../../src/commands/outcomes/recompute.js'),
};

async function main([key, reportFile, ...flags]: string[]): Promise<void> {
  if (!(COMMAND_KEYS as readonly string[]).includes(key) || !reportFile) {
    throw new Error(`Usage: tsx bench/child/command.ts <${COMMAND_KEYS.join('|')}> <report.json> [flags...]`);
  }
  const started = performance.now();
  const command = (await COMMANDS[key as CommandKey]()).default as RunnableCommand;
  const loaded = performance.now();
  const rssAfterLoad = process.memoryUsage().rss;
  const cpuAfterLoad = cpuMs();

  // The command prints its --json envelope on stdout; the benchmark reads the returned result instead.
  let printed = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    printed += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stdout.write;
  let result: unknown = null;
  let error: string | null = null;
  try {
    result = await command.run([...flags, '--json'], projectRoot);
  } catch (failure) {
    error = `${failure instanceof Error ? failure.message : String(failure)}\n${printed.slice(0, 4000)}`;
  } finally {
    process.stdout.write = write;
  }
  const ran = performance.now();
  writeChildReport(reportFile, {
    ok: error === null,
    result,
    error,
    loadMs: loaded - started,
    runMs: ran - loaded,
    rssAfterLoad,
    cpuMs: cpuMs() - cpuAfterLoad,
    peakRss: peakRssBytes(),
  });
}

// Exit at once: the report is written, and open keep-alive sockets or timers must not count as the command's time.
main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : String(error));
    process.exit(1);
  },
);
