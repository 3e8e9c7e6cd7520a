/**
 * `sf outcomes …` as its own process (the plugin from its sources, as bin/dev.js runs it), optionally killed with
 * SIGKILL once the org has answered a number of further API calls: how the soak and the kill tests interrupt a sync
 * at a point of its work rather than at a point in time.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export type SfRun = { exit: number | null; killed: boolean; ms: number };

/** `apiCalls`: the org's count of answered calls, read while the command runs. */
export function runSf(args: string[], options: { apiCalls: () => number; killAfterCalls?: number }): Promise<SfRun> {
  const started = performance.now();
  const before = options.apiCalls();
  const child = spawn(process.execPath, ['--import', 'tsx', '--no-warnings=ExperimentalWarning', path.join(projectRoot, 'bin', 'dev.js'), ...args, '--json'], {
    cwd: projectRoot,
    env: process.env,
    stdio: 'ignore',
  });
  let killed = false;
  const { killAfterCalls } = options;
  const watch =
    killAfterCalls === undefined
      ? null
      : setInterval(() => {
          if (!killed && options.apiCalls() - before >= killAfterCalls) killed = child.kill('SIGKILL');
        }, 2);
  return new Promise((done) =>
    child.once('exit', (code) => {
      if (watch) clearInterval(watch);
      done({ exit: code, killed, ms: performance.now() - started });
    }),
  );
}
