/**
 * A re-import costs about what the first import did: the existing measurements of outcomes with many readings are
 * read 2,000 a page, not 200 at a time behind a child cursor per outcome.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import MeasurementsImport, { type MeasurementsImportResult } from '../../src/commands/outcomes/measurements/import.js';
import { runCommand, startTestOrg, type TestOrg } from './harness.js';

const TIMEOUT = 120_000;

describe('sf outcomes measurements import: a re-import', () => {
  let env: TestOrg;

  beforeAll(async () => {
    env = await startTestOrg();
  }, TIMEOUT);

  afterAll(async () => {
    await env?.stop();
  });

  it('reads 9,000 existing readings of three outcomes in pages of 2,000 and writes nothing', async () => {
    const lines = ['outcome,measured_on,value,external_id'];
    for (let i = 0; i < 9_000; i++) {
      lines.push(`OUT-00004${i % 3},${new Date(Date.UTC(2024, 11, 31) - Math.floor(i / 3) * 86_400_000).toISOString().slice(0, 10)},${i % 50},RE-${i}`);
    }
    const dir = await mkdtemp(path.join(os.tmpdir(), 'reimport-'));
    const file = path.join(dir, 'readings.csv');
    await writeFile(file, `${lines.join('\n')}\n`);
    const first = (await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file])) as MeasurementsImportResult;
    expect(first).toMatchObject({ created: 9_000, failed: 0 });
    const again = (await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file])) as MeasurementsImportResult;
    expect(again).toMatchObject({ unchanged: 9_000, created: 0, updated: 0, failed: 0 });
    // One query for the outcomes, then their readings: ceil(9,000 / 2,000) = 5 pages, whatever the outcomes number.
    expect(again.apiCalls.queries + again.apiCalls.queryMore).toBeLessThanOrEqual(1 + 5);
    // Plus the one call for the org user's today, and one for the run's Sync_Run__c record (the audit trail).
    expect(again.apiCalls.total).toBe(again.apiCalls.queries + again.apiCalls.queryMore + 2);
  }, TIMEOUT);
});
