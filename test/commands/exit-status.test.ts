/**
 * Every command's exit status, which scripts and schedulers read: 0 when everything planned was written, 1 when
 * records were refused (each named in `failures`), 2 when the run could not complete. The --json envelope's
 * `status` says the same. Against the local org over HTTP, with the org refusing every record by a row lock.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import HandoverSync, { type HandoverSyncResult } from '../../src/commands/outcomes/handover/sync.js';
import Recompute, { type RecomputeResult } from '../../src/commands/outcomes/recompute.js';
import RenewalsSync, { type RenewalsSyncResult } from '../../src/commands/outcomes/renewals/sync.js';
import OutcomesReport from '../../src/commands/outcomes/report.js';
import OutcomesRisk from '../../src/commands/outcomes/risk.js';
import { ApiUsage } from '../../src/org/apiUsage.js';
import type { OrgConnection } from '../../src/org/connection.js';
import { fetchAll } from '../../src/org/fetch.js';
import { lastExitCode, lastOutput, runCommand, startTestOrg, type TestOrg } from './harness.js';

const TIMEOUT = 120_000;
const AS_OF = '2026-11-23';

const envelopeStatus = (): number => (JSON.parse(lastOutput) as { status: number }).status;

describe('exit status of every command', () => {
  let env: TestOrg;

  beforeAll(async () => {
    env = await startTestOrg();
  }, TIMEOUT);

  afterAll(async () => {
    await env?.stop();
  });

  afterEach(() => {
    env.setFaults({ lockRowShare: 0, apiCallCap: null });
  });

  /** Runs a sync with every record locked (refused for good after the retries), then again with none. */
  async function refusedThenWritten<R extends { failures: unknown[] }>(run: () => Promise<R>): Promise<{ refused: R; written: R }> {
    env.setFaults({ lockRowShare: 1 });
    const refused = await run();
    expect(refused.failures.length).toBeGreaterThan(0);
    expect(lastExitCode).toBe(1);
    expect(envelopeStatus()).toBe(1);
    env.setFaults({ lockRowShare: 0 });
    const written = await run();
    expect(written.failures).toEqual([]);
    expect(lastExitCode).toBe(0);
    expect(envelopeStatus()).toBe(0);
    return { refused, written };
  }

  it('handover sync: 1 while records are refused, 0 once the rerun wrote them', async () => {
    const { refused, written } = await refusedThenWritten(async () => (await runCommand(HandoverSync, ['--target-org', env.alias])) as HandoverSyncResult);
    expect(refused.initiatives.failed).toBeGreaterThan(0);
    expect(written.initiatives.created + written.initiatives.updated).toBe(refused.initiatives.failed);
  }, TIMEOUT);

  it('renewals sync: 1 while records are refused, 0 once the rerun wrote them', async () => {
    const [component] = await fetchAll(
      env.conn as unknown as OrgConnection,
      "SELECT Id FROM Solution_Component__c WHERE Lifecycle__c = 'Renewable' AND Renewal_Date__c != null ORDER BY Id LIMIT 1",
      new ApiUsage(),
    );
    await env.conn.sobject('Solution_Component__c').update({ Id: component.Id as string, Renewal_Date__c: '2020-01-01' });
    const { written } = await refusedThenWritten(async () => (await runCommand(RenewalsSync, ['--target-org', env.alias])) as RenewalsSyncResult);
    expect(written.componentsUpdated).toBeGreaterThan(0);
  }, TIMEOUT);

  it('recompute: 1 while records are refused, 0 once the rerun wrote them', async () => {
    const { written } = await refusedThenWritten(async () => (await runCommand(Recompute, ['--target-org', env.alias, '--as-of', AS_OF])) as RecomputeResult);
    expect(written.outcomes.updated).toBeGreaterThan(0);
  }, TIMEOUT);

  it('risk and report: 0 with a complete answer, 2 when the org stops answering', async () => {
    await runCommand(OutcomesRisk, ['--target-org', env.alias, '--as-of', AS_OF]);
    expect(lastExitCode).toBe(0);
    const [initiative] = await fetchAll(env.conn as unknown as OrgConnection, 'SELECT Id FROM Initiative__c ORDER BY Id LIMIT 1', new ApiUsage());
    await runCommand(OutcomesReport, ['--target-org', env.alias, '--initiative', initiative.Id as string, '--format', 'json', '--as-of', AS_OF]);
    expect(lastExitCode).toBe(0);

    // The daily API requests used up: the error says so (see org-failures.test.ts), and the run stops with 2.
    env.setFaults({ apiCallCap: 0 });
    await expect(runCommand(OutcomesRisk, ['--target-org', env.alias, '--as-of', AS_OF])).rejects.toMatchObject({ name: 'DailyLimitError' });
    expect(lastExitCode).toBe(2);
    expect(envelopeStatus()).toBe(2);
    await expect(runCommand(OutcomesReport, ['--target-org', env.alias, '--initiative', initiative.Id as string, '--as-of', AS_OF])).rejects.toMatchObject({
      name: 'DailyLimitError',
    });
    expect(lastExitCode).toBe(2);
  }, TIMEOUT);

  it('2 for a flag the command refuses, before any API call', async () => {
    const before = env.stats().apiCalls;
    await expect(runCommand(HandoverSync, ['--target-org', env.alias, '--since', '2026-02-30'])).rejects.toMatchObject({ name: 'InvalidDateError' });
    expect(lastExitCode).toBe(2);
    await expect(runCommand(Recompute, ['--target-org', env.alias, '--no-such-flag'])).rejects.toThrow(/Nonexistent flag/);
    expect(lastExitCode).toBe(2);
    expect(env.stats().apiCalls).toBe(before);
  }, TIMEOUT);
});
