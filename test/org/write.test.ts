/**
 * writeRecords: the same writes through sObject Collections and through Bulk API 2.0 give the same results record by
 * record and the same end state, refusals reported per record on both paths, row locks retried. Against the local org.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApiUsage } from '../../src/org/apiUsage.js';
import type { OrgConnection, SfRecord } from '../../src/org/connection.js';
import { fetchAll } from '../../src/org/fetch.js';
import { writeRecords } from '../../src/org/write.js';
import { startTestOrg, type TestOrg } from '../commands/harness.js';

const TIMEOUT = 120_000;

describe('writeRecords', () => {
  let env: TestOrg;
  let conn: OrgConnection;
  let outcomes: string[];

  beforeAll(async () => {
    env = await startTestOrg();
    conn = env.conn as unknown as OrgConnection;
    outcomes = (await fetchAll(conn, 'SELECT Id FROM Outcome_Requirement__c ORDER BY Id LIMIT 20', new ApiUsage())).map((r) => String(r.Id));
  }, TIMEOUT);

  afterAll(async () => {
    await env?.stop();
  });

  /** Readings spread over the outcomes; the fourth of each hundred is dated in the future, which a validation rule refuses. */
  function readings(prefix: string, count: number): SfRecord[] {
    return Array.from({ length: count }, (_, i) => ({
      External_Id__c: `${prefix}-${i}`,
      Outcome_Requirement__c: outcomes[i % outcomes.length],
      Measured_On__c: i % 100 === 3 ? '2099-01-01' : new Date(Date.UTC(2024, 0, 1) + Math.floor(i / outcomes.length) * 86_400_000).toISOString().slice(0, 10),
      Value__c: i,
    }));
  }

  async function stored(prefix: string): Promise<Map<string, SfRecord>> {
    const rows = await fetchAll(conn, `SELECT Id, External_Id__c, Outcome_Requirement__c, Measured_On__c, Value__c FROM Measurement__c WHERE External_Id__c LIKE '${prefix}-%'`, new ApiUsage());
    return new Map(rows.map((r) => [String(r.External_Id__c).replace(`${prefix}-`, ''), r]));
  }

  const shape = (results: Awaited<ReturnType<typeof writeRecords>>): Array<[boolean, boolean | undefined, string[]]> =>
    results.map((r) => [r.success, r.success ? r.created : undefined, r.errors.map((e) => e.code)]);

  it('creates, updates, upserts and deletes through Bulk API 2.0 with the results and end state of collections', async () => {
    const paths = [
      { prefix: 'WCOLL', threshold: 10_000 },
      { prefix: 'WBULK', threshold: 0 },
    ];
    const outcome: Record<string, { create: unknown; update: unknown; upsert: unknown; remove: unknown; state: Map<string, SfRecord>; calls: ApiUsage }> = {};
    for (const { prefix, threshold } of paths) {
      const usage = new ApiUsage();
      const records = readings(prefix, 450);
      const created = await writeRecords(conn, { sobject: 'Measurement__c', operation: 'create', records, matchField: 'External_Id__c', bulkThreshold: threshold }, usage);
      const ids = created.map((r) => r.id);
      const updated = await writeRecords(
        conn,
        { sobject: 'Measurement__c', operation: 'update', records: ids.flatMap((Id, i) => (Id ? [{ Id, Value__c: i * 2 }] : [])), bulkThreshold: threshold },
        usage,
      );
      const more = readings(prefix, 500).slice(400).map((r) => ({ ...r, Value__c: 7 }));
      const upserted = await writeRecords(
        conn,
        { sobject: 'Measurement__c', operation: 'upsert', externalIdField: 'External_Id__c', records: more, createOnlyFields: ['Outcome_Requirement__c'], bulkThreshold: threshold },
        usage,
      );
      const removed = await writeRecords(conn, { sobject: 'Measurement__c', operation: 'delete', records: ids.slice(0, 10).flatMap((Id) => (Id ? [{ Id }] : [])), bulkThreshold: threshold }, usage);
      outcome[prefix] = { create: shape(created), update: shape(updated), upsert: shape(upserted), remove: shape(removed), state: await stored(prefix), calls: usage };
    }
    const [coll, bulk] = [outcome.WCOLL, outcome.WBULK];
    expect(bulk.create).toEqual(coll.create);
    expect((bulk.create as Array<[boolean]>).filter(([ok]) => !ok)).toHaveLength(5);
    expect(bulk.update).toEqual(coll.update);
    expect(bulk.upsert).toEqual(coll.upsert);
    expect(bulk.remove).toEqual(coll.remove);
    const strip = (state: Map<string, SfRecord>) => [...state].map(([key, r]) => [key, r.Outcome_Requirement__c, r.Measured_On__c, r.Value__c]).sort();
    expect(strip(bulk.state)).toEqual(strip(coll.state));
    // Five jobs (the upsert's rows that exist go again without their master field) of about seven calls each, a state
    // check or two more when the org is slow: what a job costs whatever its size.
    expect(bulk.calls.snapshot().collections).toBe(0);
    expect(bulk.calls.snapshot().bulk).toBeLessThanOrEqual(5 * 9);
  }, TIMEOUT);

  it('retries rows the org locks in follow-up jobs until every row is written', async () => {
    env.setFaults({ lockRowShare: 0.2, seed: 3 });
    const usage = new ApiUsage();
    let results;
    try {
      results = await writeRecords(
        conn,
        { sobject: 'Measurement__c', operation: 'create', records: readings('WLOCK', 600).filter((_, i) => i % 100 !== 3), matchField: 'External_Id__c', bulkThreshold: 0 },
        usage,
      );
    } finally {
      env.setFaults({ lockRowShare: 0 });
    }
    expect(results.filter((r) => !r.success)).toEqual([]);
    expect((await stored('WLOCK')).size).toBe(594);
    // More than one job: the locked rows went again.
    expect(usage.snapshot().bulk).toBeGreaterThan(7);
  }, TIMEOUT);
});
