/**
 * No command prints the access token: not in tables, not in --json, not in warnings or error messages.
 * Each command runs against the local org, in human and in --json mode, once on success and once on a failure.
 */
import path from 'node:path';
import HandoverSync from '../../src/commands/outcomes/handover/sync.js';
import MeasurementsImport from '../../src/commands/outcomes/measurements/import.js';
import Recompute from '../../src/commands/outcomes/recompute.js';
import RenewalsSync from '../../src/commands/outcomes/renewals/sync.js';
import Benchmark from '../../src/commands/outcomes/benchmark.js';
import Report from '../../src/commands/outcomes/report.js';
import Risk from '../../src/commands/outcomes/risk.js';
import { lastErrorOutput, lastOutput, projectRoot, runCommand, startTestOrg, type TestOrg } from './harness.js';

let env: TestOrg;

beforeAll(async () => {
  env = await startTestOrg();
});

afterAll(async () => {
  await env.stop();
});

type Runnable = { run(argv?: string[], opts?: string): Promise<unknown> };

const goodFile = path.join(projectRoot, 'test', 'fixtures', 'measurements', 'good.csv');

const commands: Array<[string, Runnable, (alias: string) => string[]]> = [
  ['handover sync', HandoverSync, (alias) => ['--target-org', alias, '--dry-run']],
  ['renewals sync', RenewalsSync, (alias) => ['--target-org', alias, '--dry-run']],
  ['measurements import', MeasurementsImport, (alias) => ['--target-org', alias, '--file', goodFile, '--dry-run']],
  ['recompute', Recompute, (alias) => ['--target-org', alias, '--dry-run']],
  ['risk', Risk, (alias) => ['--target-org', alias]],
  ['report', Report, (alias) => ['--target-org', alias, '--initiative', 'a00000000000000AAA', '--format', 'md']],
  ['benchmark', Benchmark, (alias) => ['--target-org', alias, '--by', 'industry']],
];

describe.each(commands)('%s', (_name, command, argv) => {
  const printed = (): string => lastOutput + lastErrorOutput;

  it.each([true, false])('prints no access token (--json: %s)', async (json) => {
    await runCommand(command, argv(env.alias), { json }).catch(() => undefined);
    expect(printed().length).toBeGreaterThan(0);
    expect(printed()).not.toContain(env.org.accessToken);
    expect(printed()).not.toContain(env.org.accessToken.split('!')[1]);
  });

  it('prints no access token when the org refuses every call', async () => {
    // The daily cap is spent: every call answers 403 REQUEST_LIMIT_EXCEEDED, which no retry gets past.
    env.setFaults({ apiCallCap: 1 });
    try {
      await runCommand(command, argv(env.alias), { json: false }).catch(() => undefined);
    } finally {
      env.setFaults({ apiCallCap: null });
    }
    expect(lastErrorOutput).toMatch(/REQUEST_LIMIT_EXCEEDED|TotalRequests|limit/i);
    expect(printed()).not.toContain(env.org.accessToken.split('!')[1]);
  });
});
