/**
 * The starter KPI library (data/sample/KPI__c.json) loads on its own, as `sf data import tree --files` sends it:
 * one sObject Tree request into an empty org, every KPI back with its picklist values and the library's codes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { KPI_LIBRARY } from '../../src/sample/kpis.js';
import { PROJECT_DIR, startTestOrg, type TestOrg } from './helpers.js';

type TreeResponse = { hasErrors: boolean; results: Array<{ referenceId: string | null; id?: string }> };

describe('the KPI library tree file', () => {
  let t: TestOrg;
  beforeAll(async () => {
    t = await startTestOrg();
  });
  afterAll(async () => {
    await t.org.stop();
  });

  it('imports into an empty org with the sObject Tree endpoint and reads back as the library', async () => {
    const file = JSON.parse(readFileSync(join(PROJECT_DIR, 'data', 'sample', 'KPI__c.json'), 'utf8')) as { records: Array<Record<string, unknown>> };
    expect(file.records).toHaveLength(20);
    // Nothing in the file points to another record: it loads without the rest of the sample.
    expect(JSON.stringify(file.records)).not.toMatch(/"@/);
    const response = await t.conn.request<TreeResponse>({ method: 'POST', url: '/composite/tree/KPI__c', body: JSON.stringify(file), headers: { 'content-type': 'application/json' } });
    expect(response.hasErrors).toBe(false);
    expect(response.results).toHaveLength(20);

    const saved = await t.conn.query<{ KPI_Code__c: string; Better_Direction__c: string; Value_Chain_Stage__c: string; Active__c: boolean }>(
      'SELECT KPI_Code__c, Better_Direction__c, Value_Chain_Stage__c, Active__c FROM KPI__c ORDER BY KPI_Code__c',
    );
    expect(saved.records.map((k) => [k.KPI_Code__c, k.Better_Direction__c, k.Value_Chain_Stage__c, k.Active__c])).toEqual(
      [...KPI_LIBRARY].sort((a, b) => a.code.localeCompare(b.code)).map((k) => [k.code, k.better, k.stage, true]),
    );
    // Every stage of the value chain has at least one KPI.
    expect(new Set(saved.records.map((k) => k.Value_Chain_Stage__c)).size).toBe(9);
  });

  it('refuses a second load of the same codes: KPI_Code__c is unique', async () => {
    const file = readFileSync(join(PROJECT_DIR, 'data', 'sample', 'KPI__c.json'), 'utf8');
    const again = (await t.conn.request({ method: 'POST', url: '/composite/tree/KPI__c', body: file, headers: { 'content-type': 'application/json' } }).catch((e: unknown) => e)) as TreeResponse | Error;
    const hasErrors = again instanceof Error ? true : again.hasErrors;
    expect(hasErrors).toBe(true);
    expect((await t.conn.query('SELECT Id FROM KPI__c')).totalSize).toBe(20);
  });
});
