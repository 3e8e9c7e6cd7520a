/**
 * When the org itself stops a run, the error says which of the three usual causes it is and what to do about it:
 * the org is down (found out in a few quick attempts, not minutes of retries), the session has expired (log in
 * again, naming the alias), or the daily API requests are used up (when they come back, with the org's numbers).
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import Recompute from '../../src/commands/outcomes/recompute.js';
import { REFUSED_CONNECTION_ATTEMPTS } from '../../src/org/retry.js';
import { startLocalOrg, type LocalOrg } from '../../local-org/src/index.js';
import { lastExitCode, lastOutput, projectRoot, runCommand, sampleDataDir, startTestOrg, type TestOrg } from './harness.js';

const TIMEOUT = 60_000;

type Envelope = { status: number; name: string; message: string; actions?: string[] };
const envelope = (): Envelope => JSON.parse(lastOutput) as Envelope;
const GENERIC_HINT = /Outcomes package is deployed/;

describe('errors that name the real cause', () => {
  let env: TestOrg | undefined;
  let other: LocalOrg | undefined;

  afterEach(async () => {
    await other?.stop();
    other = undefined;
  });

  it(
    'the org is down: says so and to start it, after a few attempts',
    async () => {
      env = await startTestOrg();
      await env.stop();
      await expect(runCommand(Recompute, ['--target-org', env.alias])).rejects.toMatchObject({ name: 'OrgUnreachableError' });
      const error = envelope();
      expect(lastExitCode).toBe(2);
      // Our retry gives a refused connection a few attempts (and jsforce none of its own: five of its retries per
      // attempt would take over a minute, past this test's timeout).
      expect(REFUSED_CONNECTION_ATTEMPTS).toBeLessThanOrEqual(5);
      expect(error.message).toContain(`Couldn't reach the org ${env.alias} at ${env.instanceUrl} (ECONNREFUSED after ${REFUSED_CONNECTION_ATTEMPTS} attempts)`);
      expect(error.actions?.join('\n')).toMatch(/Start the org/);
      expect(error.actions?.join('\n')).toContain(`sf org display --target-org ${env.alias}`);
      expect(error.actions?.join('\n')).not.toMatch(GENERIC_HINT);
    },
    // Generous: the attempts themselves take about two seconds.
    20_000,
  );

  it(
    'the session has expired: says so and how to log in again, with the alias',
    async () => {
      env = await startTestOrg();
      await env.stop();
      // The same address answers again, but the saved access token is not one it issued.
      other = await startLocalOrg({ port: Number(new URL(env.instanceUrl).port), projectDir: projectRoot, dataDir: sampleDataDir, username: env.org.username } as Parameters<
        typeof startLocalOrg
      >[0]);
      await expect(runCommand(Recompute, ['--target-org', env.alias])).rejects.toMatchObject({ name: 'SessionExpiredError' });
      const error = envelope();
      expect(lastExitCode).toBe(2);
      expect(error.message).toContain(`The org ${env.alias} refused the session of ${env.org.username}: it has expired or was revoked.\nSession expired or invalid`);
      expect(error.actions?.join('\n')).toContain(`sf org login web --alias ${env.alias} --instance-url ${env.instanceUrl}`);
      expect(error.actions?.join('\n')).not.toMatch(GENERIC_HINT);
    },
    TIMEOUT,
  );

  it(
    "the daily API requests are used up: says so, when they come back, and the org's numbers",
    async () => {
      env = await startTestOrg();
      // The running user's today and the initiatives are read; the outcomes query is the first call refused.
      const cap = env.stats().apiCalls + 2;
      env.setFaults({ apiCallCap: cap });
      try {
        await expect(runCommand(Recompute, ['--target-org', env.alias])).rejects.toMatchObject({ name: 'DailyLimitReportedError' });
        const error = envelope();
        expect(lastExitCode).toBe(2);
        expect(error.message).toContain(`The org ${env.alias} has used up its daily API requests (${cap} of ${cap} used, as the org last reported).`);
        // And what the command was doing, in its own words.
        expect(error.message).toContain("Couldn't read the outcome requirements and their measurements: TotalRequests Limit exceeded.");
        expect(error.actions?.join('\n')).toMatch(/rolling 24-hour period/);
        expect(error.actions?.join('\n')).not.toMatch(GENERIC_HINT);
      } finally {
        await env.stop();
      }
    },
    TIMEOUT,
  );

  it(
    'any other failure keeps the command’s own hint',
    async () => {
      env = await startTestOrg();
      try {
        await expect(runCommand(Recompute, ['--target-org', env.alias, '--initiative', 'a02000000000000AAA'])).rejects.toMatchObject({ name: 'InitiativeNotFoundError' });
        expect(lastExitCode).toBe(2);
      } finally {
        await env.stop();
      }
    },
    TIMEOUT,
  );
});
