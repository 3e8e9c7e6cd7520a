/**
 * Every sync writes through Bulk API 2.0 above --bulk-threshold: the day run with a threshold of 1 (every write a
 * job) ends in exactly the state the collection path reaches, record by record, and spends no collection call.
 */
import { copyFile, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { captureEndState, compareEndStates, duplicateRecords } from '../../bench/endState.js';
import type { LocalOrgEngine } from '../../local-org/src/engine/index.js';
import HandoverSync, { type HandoverSyncResult } from '../../src/commands/outcomes/handover/sync.js';
import MeasurementsImport from '../../src/commands/outcomes/measurements/import.js';
import Recompute, { type RecomputeResult } from '../../src/commands/outcomes/recompute.js';
import RenewalsSync, { type RenewalsSyncResult } from '../../src/commands/outcomes/renewals/sync.js';
import { lastExitCode, runCommand, sampleDataDir, startTestOrg, type TestOrg } from './harness.js';

const TIMEOUT = 180_000;
const AS_OF = '2026-11-23';

describe('--bulk-threshold', () => {
  let collections: TestOrg;
  let bulk: TestOrg;
  const results: Record<'collections' | 'bulk', { handover?: HandoverSyncResult; renewals?: RenewalsSyncResult; recompute?: RecomputeResult }> = {
    collections: {},
    bulk: {},
  };

  beforeAll(async () => {
    [collections, bulk] = await Promise.all([startTestOrg(), startTestOrg()]);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bulk-writes-'));
    for (const [name, env, threshold] of [
      ['collections', collections, []],
      ['bulk', bulk, ['--bulk-threshold', '1']],
    ] as const) {
      const file = path.join(dir, `${name}.csv`);
      await copyFile(path.join(sampleDataDir, 'measurements.csv'), file);
      const run = results[name];
      run.handover = (await runCommand(HandoverSync, ['--target-org', env.alias, ...threshold])) as HandoverSyncResult;
      expect(lastExitCode).toBe(0);
      // Renewal dates someone changed by hand: renewals sync puts them right.
      const components = (await env.conn.query<{ Id: string }>("SELECT Id FROM Solution_Component__c WHERE Lifecycle__c = 'Renewable' AND Renewal_Date__c != null ORDER BY Source_Line_Item_Id__c LIMIT 3")).records;
      await env.conn.sobject('Solution_Component__c').update(components.map((c) => ({ Id: c.Id, Renewal_Date__c: '2020-01-01' })));
      run.renewals = (await runCommand(RenewalsSync, ['--target-org', env.alias, ...threshold])) as RenewalsSyncResult;
      await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file, ...(threshold.length ? ['--bulk-threshold', '1'] : [])]);
      run.recompute = (await runCommand(Recompute, ['--target-org', env.alias, '--as-of', AS_OF, ...threshold])) as RecomputeResult;
      expect(lastExitCode).toBe(0);
    }
  }, TIMEOUT);

  afterAll(async () => {
    await Promise.all([collections?.stop(), bulk?.stop()]);
  });

  it('reaches the end state of the collection path, with no duplicate', () => {
    const state = (env: TestOrg) => captureEndState((sobject) => (env.org.engine as LocalOrgEngine).records(sobject) as never, { runningUserId: env.org.userId });
    expect(compareEndStates(state(collections), state(bulk))).toEqual([]);
    expect(duplicateRecords((sobject) => (bulk.org.engine as LocalOrgEngine).records(sobject) as never)).toEqual({});
  });

  it('reports the same counts, and writes through jobs only', () => {
    const { collections: c, bulk: b } = results;
    for (const key of ['initiatives', 'components', 'tasks', 'opportunityStatuses'] as const) expect(b.handover?.[key]).toEqual(c.handover?.[key]);
    expect(b.renewals?.componentsUpdated).toBe(c.renewals?.componentsUpdated);
    expect(b.recompute?.outcomes).toEqual(c.recompute?.outcomes);
    // Above the threshold every write is a job; a write of a single record is not above a threshold of 1.
    for (const run of ['handover', 'renewals', 'recompute'] as const) {
      expect(b[run]?.apiCalls.bulk).toBeGreaterThan(0);
      expect(b[run]?.apiCalls.collections).toBeLessThan(c[run]?.apiCalls.collections as number);
      expect(c[run]?.apiCalls.bulk).toBe(0);
    }
  });
});
