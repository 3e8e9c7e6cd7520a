/**
 * File paths mean what they mean to the user: through `npm run sf`, npm starts the command in the package root, and
 * bin/dev.js goes back to the folder the user typed it in (npm's INIT_CWD) before --file or --output is read.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { projectRoot, startTestOrg, type TestOrg } from './harness.js';

const TIMEOUT = 120_000;

/** `npm run sf -- …` typed in `cwd`, as a user would; returns the --json envelope. */
async function npmRunSf(cwd: string, argv: string[]): Promise<{ status: number; result: Record<string, unknown> }> {
  const env: NodeJS.ProcessEnv = { ...process.env, SF_DISABLE_AUTOUPDATE: 'true' };
  // A fresh npm sets these from where it is started, as it does for a user's shell.
  delete env.INIT_CWD;
  delete env.npm_lifecycle_event;
  const child = spawn('npm', ['run', '--silent', 'sf', '--', ...argv, '--json'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  const code = await new Promise<number>((done) => child.once('exit', (status) => done(status ?? -1)));
  const envelope = JSON.parse(stdout) as { status: number; result: Record<string, unknown> };
  return { status: code === 0 ? envelope.status : code, result: envelope.result };
}

describe('paths typed with npm run sf', () => {
  let env: TestOrg;
  let folder: string;

  beforeAll(async () => {
    env = await startTestOrg();
    // A folder inside the package (npm finds the package by walking up), not its root.
    folder = await mkdtemp(path.join(projectRoot, '.tmp', 'typed-here-'));
  }, TIMEOUT);

  afterAll(async () => {
    await env?.stop();
  });

  it('reads --file from the folder the command was typed in', async () => {
    await writeFile(path.join(folder, 'readings.csv'), 'outcome,measured_on,value\nOUT-000030,2024-01-31,12\n');
    const { status, result } = await npmRunSf(folder, ['outcomes', 'measurements', 'import', '--target-org', env.alias, '--file', 'readings.csv', '--dry-run']);
    expect(status).toBe(0);
    expect(result.file).toBe(path.join(folder, 'readings.csv'));
  }, TIMEOUT);

  it('writes --output to the folder the command was typed in', async () => {
    const { records } = await env.conn.query<{ Id: string }>('SELECT Id FROM Initiative__c ORDER BY Name LIMIT 1');
    // A name of this run's own, so a file left in the package root by an earlier run cannot pass or fail the test.
    const output = `${path.basename(folder)}.md`;
    const { status, result } = await npmRunSf(folder, ['outcomes', 'report', '--target-org', env.alias, '--initiative', records[0].Id, '--format', 'md', '--output', output]);
    expect(status).toBe(0);
    expect(result.outputFile).toBe(path.join(folder, output));
    expect(existsSync(path.join(folder, output))).toBe(true);
    expect(existsSync(path.join(projectRoot, output))).toBe(false);
  }, TIMEOUT);
});
