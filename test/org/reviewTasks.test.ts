/**
 * Two handover runs at once may each create a review task for an initiative; each run's check keeps the oldest and
 * reports which of its own tasks are gone as the later of a pair, whether it deleted them or the other run did first.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { HANDOVER_TASK_SUBJECT_PREFIX } from '../../src/core/plan/handover.js';
import { ApiUsage } from '../../src/org/apiUsage.js';
import type { OrgConnection } from '../../src/org/connection.js';
import { fetchAll } from '../../src/org/fetch.js';
import { removeDuplicateReviewTasks } from '../../src/org/reviewTasks.js';
import { startTestOrg, type TestOrg } from '../commands/harness.js';

describe('removeDuplicateReviewTasks', () => {
  let env: TestOrg;
  let conn: OrgConnection;
  let initiatives: string[];

  beforeAll(async () => {
    env = await startTestOrg();
    conn = env.conn as unknown as OrgConnection;
    initiatives = (await fetchAll(conn, 'SELECT Id FROM Initiative__c ORDER BY Name LIMIT 3', new ApiUsage())).map((r) => String(r.Id));
    expect(initiatives).toHaveLength(3);
  }, 60_000);

  afterAll(async () => {
    await env?.stop();
  });

  /** A review task for an initiative, created now (later than the tasks created before it). */
  async function task(whatId: string): Promise<string> {
    const result = await env.conn.sobject('Task').create({ Subject: `${HANDOVER_TASK_SUBJECT_PREFIX}test`, WhatId: whatId });
    return String((result as { id: string }).id);
  }

  const open = async (): Promise<string[]> =>
    (await fetchAll(conn, `SELECT Id FROM Task WHERE IsClosed = false AND Subject LIKE '${HANDOVER_TASK_SUBJECT_PREFIX}%'`, new ApiUsage())).map((r) => String(r.Id));

  it('deletes the later task of a pair and reports it when it is this run\'s', async () => {
    const startedAt = new Date();
    const other = await task(initiatives[0]);
    const ours = await task(initiatives[0]);
    const gone = await removeDuplicateReviewTasks(conn, startedAt, new Map([[ours, initiatives[0]]]), new ApiUsage());
    expect([...gone]).toEqual([ours]);
    expect(await open()).toContain(other);
    expect(await open()).not.toContain(ours);
  });

  it('reports this run\'s later task that the other run deleted first', async () => {
    const startedAt = new Date();
    await task(initiatives[1]);
    const ours = await task(initiatives[1]);
    await env.conn.sobject('Task').destroy(ours);
    const gone = await removeDuplicateReviewTasks(conn, startedAt, new Map([[ours, initiatives[1]]]), new ApiUsage());
    expect([...gone]).toEqual([ours]);
  });

  it('keeps this run\'s task when it is the older, and does not report the other run\'s it deleted', async () => {
    const startedAt = new Date();
    const ours = await task(initiatives[2]);
    const other = await task(initiatives[2]);
    const gone = await removeDuplicateReviewTasks(conn, startedAt, new Map([[ours, initiatives[2]]]), new ApiUsage());
    expect(gone.size).toBe(0);
    expect(await open()).toContain(ours);
    expect(await open()).not.toContain(other);
  });
});
