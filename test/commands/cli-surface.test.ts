/**
 * The CLI around the commands: `sf outcomes` and `sf help outcomes` list the topic's commands (through bin/dev.js,
 * the plugin run alone, as `npm run sf` does), and a record Id with a bad checksum is refused by its flag.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Recompute from '../../src/commands/outcomes/recompute.js';
import { lastExitCode, lastOutput, projectRoot, runCommand, startTestOrg, type TestOrg } from './harness.js';

const TIMEOUT = 60_000;
const run = promisify(execFile);

async function sf(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', '--no-warnings=ExperimentalWarning', path.join(projectRoot, 'bin', 'dev.js'), ...args], {
      cwd: projectRoot,
    });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

describe('the outcomes topic', () => {
  it.each([[['outcomes']], [['help', 'outcomes']], [['outcomes', '--help']]])(
    'sf %j lists its commands',
    async (args) => {
      const { stdout, stderr, code } = await sf(...args);
      expect(code).toBe(0);
      expect(stderr).not.toMatch(/not found|at Config/);
      expect(stdout).toMatch(/Keep customer outcomes, measurements and renewals tied to the CRM\./);
      for (const command of ['outcomes recompute', 'outcomes report', 'outcomes risk', 'outcomes handover', 'outcomes measurements', 'outcomes renewals']) {
        expect(stdout).toContain(command);
      }
    },
    TIMEOUT,
  );

  it(
    'sf help outcomes handover sync shows the command help, with --verbose',
    async () => {
      const { stdout, code } = await sf('help', 'outcomes', 'handover', 'sync');
      expect(code).toBe(0);
      expect(stdout).toMatch(/\$ sf outcomes handover sync -o <value>/);
      expect(stdout).toMatch(/--verbose/);
    },
    TIMEOUT,
  );
});

describe('a record Id with a bad checksum', () => {
  let env: TestOrg;

  beforeAll(async () => {
    env = await startTestOrg();
  }, TIMEOUT);

  afterAll(async () => {
    await env?.stop();
  });

  it('is refused by its flag, which the message names with the fix, before any API call', async () => {
    const before = env.stats().apiCalls;
    // a00000000000000AAA with its suffix mistyped: 18 characters of the right shape, so only the checksum tells.
    await expect(runCommand(Recompute, ['--target-org', env.alias, '--initiative', 'a00000000000000AAB'])).rejects.toMatchObject({ name: 'InvalidRecordIdError' });
    const error = JSON.parse(lastOutput) as { message: string; actions: string[] };
    expect(error.message).toMatch(/^Parsing --initiative\s+"a00000000000000AAB" is not a valid Initiative__c Id: its last three characters do not match the first fifteen/);
    expect(error.message).not.toMatch(/SELECT|WHERE/);
    expect(error.actions.join('\n')).toMatch(/Give the 15- or 18-character Id of the Initiative__c record/);
    expect(lastExitCode).toBe(2);
    expect(env.stats().apiCalls).toBe(before);
  });
});
