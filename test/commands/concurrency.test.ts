/**
 * Two runs of the same sync at once against one org, as two schedulers started by mistake would: they must end in
 * the state one run reaches, with no duplicate, and neither may call a record failed that is in the org.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import HandoverSync, { type HandoverSyncResult } from '../../src/commands/outcomes/handover/sync.js';
import MeasurementsImport, { type MeasurementsImportResult } from '../../src/commands/outcomes/measurements/import.js';
import { ApiUsage } from '../../src/org/apiUsage.js';
import type { OrgConnection, SfRecord } from '../../src/org/connection.js';
import { fetchAll } from '../../src/org/fetch.js';
import { runConcurrently, startTestOrg, type TestOrg } from './harness.js';

const TIMEOUT = 120_000;

async function query(env: TestOrg, soql: string): Promise<SfRecord[]> {
  return fetchAll(env.conn as unknown as OrgConnection, soql, new ApiUsage());
}

describe('two runs at once', () => {
  let env: TestOrg;

  beforeAll(async () => {
    env = await startTestOrg();
  }, TIMEOUT);

  afterAll(async () => {
    await env?.stop();
  });

  it('handover sync: no duplicates, and no failure reported for a record the other run wrote', async () => {
    const argv = ['--target-org', env.alias];
    const [a, b] = (await runConcurrently([
      { command: HandoverSync, argv },
      { command: HandoverSync, argv },
    ])) as unknown as HandoverSyncResult[];
    // Both runs read the org before either wrote: each planned the whole handover.
    for (const run of [a, b]) expect(run.changes.filter((c) => c.object === 'Initiative__c' && c.action !== 'skip').length).toBeGreaterThan(20);
    // The upserts that found a record the other run had just created are updates, not failures.
    expect([...a.changes, ...b.changes].some((c) => c.reason.includes('another run created it first'))).toBe(true);
    // Both created review tasks; the later of each pair was removed.
    expect([...a.changes, ...b.changes].filter((c) => c.object === 'Task' && c.reason.includes('another run created the same review task')).length).toBeGreaterThan(0);
    expect(a.failures).toEqual([]);
    expect(b.failures).toEqual([]);
    const duplicates = async (field: string, soql: string): Promise<string[]> => {
      const keys = (await query(env, soql)).map((r) => String(r[field]));
      expect(keys.length).toBeGreaterThan(0);
      return keys.filter((k, i) => keys.indexOf(k) !== i);
    };
    expect(await duplicates('Source_Opportunity_Id__c', 'SELECT Source_Opportunity_Id__c FROM Initiative__c WHERE Source_Opportunity_Id__c != null')).toEqual([]);
    expect(await duplicates('Source_Line_Item_Id__c', 'SELECT Source_Line_Item_Id__c FROM Solution_Component__c WHERE Source_Line_Item_Id__c != null')).toEqual([]);
    expect(await duplicates('WhatId', "SELECT WhatId FROM Task WHERE Subject LIKE 'Review handover%'")).toEqual([]);
    // Between them the two runs account for every record once: what one created, the other found or updated.
    const [initiatives] = await query(env, 'SELECT COUNT(Id) n FROM Initiative__c WHERE Source_Opportunity_Id__c != null');
    expect(a.initiatives.created + b.initiatives.created).toBeLessThanOrEqual(Number(initiatives.n));
    const [tasks] = await query(env, "SELECT COUNT(Id) n FROM Task WHERE Subject LIKE 'Review handover%'");
    expect(a.tasks.created + b.tasks.created).toBe(Number(tasks.n));
  }, TIMEOUT);

  it.each([
    ['collections', 'CONC-C', 'OUT-000020', 500],
    ['bulk', 'CONC-B', 'OUT-000021', 2500],
  ])('measurements import through %s: every row once, and no row called refused that is in the org', async (mode, prefix, outcome, count) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'concurrent-'));
    const lines = ['outcome,measured_on,value,external_id'];
    for (let i = 0; i < count; i++) lines.push(`${outcome},${new Date(Date.UTC(2024, 11, 31) - i * 86_400_000).toISOString().slice(0, 10)},${i},${prefix}-${i}`);
    const files = await Promise.all(['a.csv', 'b.csv'].map(async (name) => {
      const file = path.join(dir, name);
      await writeFile(file, `${lines.join('\n')}\n`);
      return file;
    }));
    const [a, b] = (await runConcurrently(files.map((file) => ({ command: MeasurementsImport, argv: ['--target-org', env.alias, '--file', file, '--mode', mode] })))) as unknown as MeasurementsImportResult[];
    // The runs overlapped: rows both planned to create (each read the org before the other had written them).
    expect(a.toCreate + b.toCreate).toBeGreaterThan(count);
    expect(a.failures).toEqual([]);
    expect(b.failures).toEqual([]);
    // Each row was created by one run and found (updated or unchanged) by the other.
    expect(a.created + b.created).toBe(count);
    const rows = await query(env, `SELECT External_Id__c, Value__c FROM Measurement__c WHERE External_Id__c LIKE '${prefix}-%'`);
    expect(rows).toHaveLength(count);
    expect(new Set(rows.map((r) => r.External_Id__c)).size).toBe(count);
  }, TIMEOUT);
});
