/**
 * SIGKILL at a point of each sync, then a rerun: the org ends exactly as one uninterrupted day leaves it, every
 * record of every object field by field, with no duplicate and nothing lost. The killed run is a real `sf outcomes`
 * process (the plugin from its sources); the kill lands after a seeded number of the org's answered API calls.
 */
import { copyFile, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { captureEndState, compareEndStates, duplicateRecords } from '../../bench/endState.js';
import { runSf } from '../../bench/sfProcess.js';
import HandoverSync from '../../src/commands/outcomes/handover/sync.js';
import MeasurementsImport from '../../src/commands/outcomes/measurements/import.js';
import Recompute from '../../src/commands/outcomes/recompute.js';
import RenewalsSync from '../../src/commands/outcomes/renewals/sync.js';
import type { LocalOrgEngine } from '../../local-org/src/engine/index.js';
import { mulberry32 } from '../../local-org/src/faults/faults.js';
import { runCommand, sampleDataDir, startTestOrg, type TestOrg } from './harness.js';

const TIMEOUT = 300_000;
const AS_OF = '2026-11-23';

type Step = { name: string; argv: (alias: string, file: string) => string[]; command: { run(argv?: string[], opts?: string): Promise<unknown> } };

const DAY: Step[] = [
  { name: 'handover sync', command: HandoverSync, argv: (alias) => ['outcomes', 'handover', 'sync', '--target-org', alias] },
  { name: 'renewals sync', command: RenewalsSync, argv: (alias) => ['outcomes', 'renewals', 'sync', '--target-org', alias] },
  { name: 'measurements import', command: MeasurementsImport, argv: (alias, file) => ['outcomes', 'measurements', 'import', '--target-org', alias, '--file', file] },
  { name: 'recompute', command: Recompute, argv: (alias) => ['outcomes', 'recompute', '--target-org', alias, '--as-of', AS_OF] },
];

describe('kills', () => {
  let reference: TestOrg;
  let env: TestOrg;
  let referenceFile: string;
  let file: string;

  beforeAll(async () => {
    [reference, env] = await Promise.all([startTestOrg(), startTestOrg()]);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'kills-'));
    [referenceFile, file] = [path.join(dir, 'reference.csv'), path.join(dir, 'killed.csv')];
    await Promise.all([copyFile(path.join(sampleDataDir, 'measurements.csv'), referenceFile), copyFile(path.join(sampleDataDir, 'measurements.csv'), file)]);
    // The fault-free day, uninterrupted.
    for (const step of DAY) {
      await runCommand(step.command, step.argv(reference.alias, referenceFile).slice(step.argv(reference.alias, referenceFile).indexOf('--target-org')));
    }
  }, TIMEOUT);

  afterAll(async () => {
    await Promise.all([reference?.stop(), env?.stop()]);
  });

  it(
    'each sync killed part way, then rerun: the fault-free end state, no duplicates',
    async () => {
      const random = mulberry32(2026);
      const kills: Array<{ step: string; afterCalls: number; killed: boolean }> = [];
      for (const step of DAY) {
        const argv = step.argv(env.alias, file);
        // Between the first call and a little past the few calls each sync makes on the sample.
        const afterCalls = 1 + Math.floor(random() * 6);
        const { killed } = await runSf(argv, { apiCalls: () => env.stats().apiCalls, killAfterCalls: afterCalls });
        kills.push({ step: step.name, afterCalls, killed });
        await runCommand(step.command, argv.slice(argv.indexOf('--target-org')));
      }
      // At least most runs were really cut short (a run that finishes before its kill point proves less).
      expect(kills.filter((k) => k.killed).length).toBeGreaterThanOrEqual(3);
      const records = (org: TestOrg) => (sobject: string) => (org.org.engine as LocalOrgEngine).records(sobject) as never;
      const state = (org: TestOrg) => captureEndState(records(org), { runningUserId: org.org.userId });
      expect(compareEndStates(state(reference), state(env))).toEqual([]);
      expect(duplicateRecords(records(env))).toEqual({});
    },
    TIMEOUT,
  );
});
