/**
 * A handover of a whole book at scale: the opportunities and the planned writes wait on disk, and each object is
 * written a part at a time. Parts of a few records give the end state one part gives, against the local org.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApiUsage } from '../../src/org/apiUsage.js';
import type { OrgConnection } from '../../src/org/connection.js';
import { fetchAll } from '../../src/org/fetch.js';
import { applyHandover, closeWrites, type ApplyOutcome } from '../../src/org/handoverApply.js';
import { planHandoverBook, readHandoverBook } from '../../src/org/handoverBook.js';
import { startTestOrg, type TestOrg } from '../commands/harness.js';

const TIMEOUT = 120_000;
const TODAY = '2026-11-30';
const quiet = { started: (): void => undefined, progressed: (): void => undefined, finished: (): void => undefined };

type EndState = { initiatives: string[]; components: string[]; tasks: string[]; statuses: string[] };

async function handOver(env: TestOrg, recordsPerWrite?: number): Promise<{ outcome: ApplyOutcome; usage: ApiUsage; state: EndState; spooled: boolean }> {
  const conn = env.conn as unknown as OrgConnection;
  const usage = new ApiUsage();
  const book = await readHandoverBook(conn, {}, { changesOnly: false }, usage);
  const spooled = book.spooled;
  const { plan, writes } = await planHandoverBook(book, { accountCsms: book.team?.csms ?? new Map(), accountTeams: book.team?.accountTeams, defaultCsmId: null, today: TODAY });
  let outcome: ApplyOutcome;
  try {
    outcome = await applyHandover(conn, plan, writes, { usage, startedAt: new Date(), progress: quiet, recordsPerWrite });
  } finally {
    await closeWrites(writes);
  }
  const rows = async (soql: string): Promise<string[]> => (await fetchAll(conn, soql, new ApiUsage())).map((r) => JSON.stringify(Object.entries(r).filter(([k]) => k !== 'attributes' && k !== 'Id')));
  const state = {
    initiatives: await rows('SELECT Source_Opportunity_Id__c, Name, Status__c, CSM__c, Annual_Contract_Value__c, Next_Renewal_Date__c FROM Initiative__c ORDER BY Source_Opportunity_Id__c, Name'),
    components: await rows('SELECT Source_Line_Item_Id__c, Name, Renewal_Date__c, Annual_Value__c, Initiative__r.Source_Opportunity_Id__c FROM Solution_Component__c ORDER BY Source_Line_Item_Id__c, Name'),
    tasks: await rows("SELECT Subject, OwnerId, ActivityDate FROM Task WHERE Subject LIKE 'Review handover: %' ORDER BY Subject"),
    statuses: await rows('SELECT Id, Handover_Status__c FROM Opportunity ORDER BY Id'),
  };
  return { outcome, usage, state, spooled };
}

describe('handover of a whole book, a part at a time', () => {
  let whole: TestOrg;
  let parted: TestOrg;

  beforeAll(async () => {
    [whole, parted] = await Promise.all([startTestOrg(), startTestOrg()]);
  }, TIMEOUT);

  afterAll(async () => {
    await Promise.all([whole?.stop(), parted?.stop()]);
  });

  it(
    'writes in parts of 7 records the end state one part writes, with the same counts and no failure',
    async () => {
      const one = await handOver(whole);
      const parts = await handOver(parted, 7);
      expect(one.spooled).toBe(true);
      expect(parts.outcome.failures).toEqual([]);
      expect(one.outcome.failures).toEqual([]);
      for (const object of ['Initiative__c', 'Solution_Component__c', 'Task', 'Opportunity'] as const) {
        expect(parts.outcome.changes.counts(object)).toEqual(one.outcome.changes.counts(object));
      }
      expect(one.outcome.changes.counts('Solution_Component__c').created).toBeGreaterThan(7);
      expect(parts.state).toEqual(one.state);
      // Parts of 7 are written by more collection calls than the whole (200 records to a call).
      expect(parts.usage.snapshot().collections).toBeGreaterThan(one.usage.snapshot().collections);
    },
    TIMEOUT,
  );
});
