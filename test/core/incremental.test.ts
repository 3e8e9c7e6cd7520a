import { describe, expect, it } from '@jest/globals';
import { changeWindow, LONGEST_RUN_MS, MARK_OVERLAP_MS, passedDates, planSelection, sharedUserDuring, type LastRun, type OtherRun } from '../../src/core/incremental.js';

const lastRun: LastRun = {
  id: 'a05000000000001AAA',
  startedAt: '2026-11-30T09:00:00.400Z',
  finishedAt: '2026-11-30T09:02:10.250Z',
  userId: '005000000000001AAA',
  asOf: '2026-11-30',
};

describe('planSelection', () => {
  it('reads the whole book on a first run, with --full, and when today is before the last run’s date', () => {
    expect(planSelection({ full: false, named: null, lastRun: null, today: '2026-11-30' }).kind).toBe('Full');
    expect(planSelection({ full: true, named: null, lastRun, today: '2026-11-30' }).kind).toBe('Full');
    const back = planSelection({ full: false, named: null, lastRun, today: '2026-11-29' });
    expect(back).toMatchObject({ kind: 'Full', reason: expect.stringContaining('before the last complete run') });
  });

  it('reads what was named, whatever else', () => {
    expect(planSelection({ full: false, named: 'the named initiatives', lastRun, today: '2026-11-30' })).toMatchObject({ kind: 'Named' });
  });

  it('reads changes since the last run, and no dates on the same day', () => {
    const same = planSelection({ full: false, named: null, lastRun, today: '2026-11-30' });
    expect(same).toMatchObject({ kind: 'Changes', passed: null, lastRun });
  });

  it('reads the dates that passed since the last run’s day: from that day to the day before today', () => {
    const later = planSelection({ full: false, named: null, lastRun, today: '2026-12-03' });
    expect(later).toMatchObject({ kind: 'Changes', passed: { from: '2026-11-30', before: '2026-12-03' } });
    expect(passedDates('2026-11-30', '2026-12-01')).toEqual({ from: '2026-11-30', before: '2026-12-01' });
    expect(passedDates('2026-11-30', '2026-11-30')).toBeNull();
  });
});

describe('changeWindow', () => {
  it('reads what was saved after the finish (rounded up to the second), and what others saved from before the start', () => {
    const window = changeWindow(lastRun);
    expect(window.savedAfter).toBe('2026-11-30T09:02:11.000Z');
    expect(window.othersSavedFrom).toBe(new Date(Date.parse('2026-11-30T09:00:00.000Z') - MARK_OVERLAP_MS).toISOString());
    expect(window.runUserId).toBe(lastRun.userId);
  });

  it('keeps a finish on the second as it is', () => {
    expect(changeWindow({ ...lastRun, finishedAt: '2026-11-30T09:02:10.000Z' }).savedAfter).toBe('2026-11-30T09:02:10.000Z');
  });
});

describe('syncRunSchema', () => {
  it('reads a run as the org returns it, and refuses a mark that is not a date-time', async () => {
    const { syncRunSchema } = await import('../../src/core/schemas.js');
    const row = { Id: 'a05000000000001AAA', Command__c: 'recompute', Selection__c: 'Changes', Outcome__c: 'Done', As_Of__c: '2026-11-30', High_Water_Mark__c: '2026-11-30T09:02:10.000+0000', API_Calls__c: 4 };
    expect(syncRunSchema.safeParse(row).success).toBe(true);
    const bad = syncRunSchema.safeParse({ ...row, High_Water_Mark__c: '2026-11-30' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].message).toMatch(/High_Water_Mark__c must be a date-time/);
  });
});

describe('sharedUserDuring: another run wrote as the last run’s user while it worked', () => {
  const other = (over: Partial<OtherRun>): OtherRun => ({
    id: 'a05000000000002AAA',
    command: 'renewals sync',
    startedAt: '2026-11-30T09:01:00.000Z',
    finishedAt: '2026-11-30T09:01:30.000Z',
    userId: lastRun.userId,
    running: false,
    ...over,
  });

  it('holds for a run of the same user that overlapped it, also one still running, and not for another user’s', () => {
    expect(sharedUserDuring(lastRun, [other({})], true)).toBe(true);
    expect(sharedUserDuring(lastRun, [other({ startedAt: '2026-11-30T08:00:00.000Z', finishedAt: '2026-11-30T08:00:00.000Z', running: true })], true)).toBe(true);
    // A run left Running (killed) is taken to have worked for at most LONGEST_RUN_MS.
    const killedLongBefore = new Date(Date.parse(lastRun.startedAt) - LONGEST_RUN_MS - 1).toISOString();
    expect(sharedUserDuring(lastRun, [other({ startedAt: killedLongBefore, finishedAt: killedLongBefore, running: true })], true)).toBe(false);
    expect(sharedUserDuring(lastRun, [other({ userId: '005000000000002AAA' })], true)).toBe(false);
    expect(sharedUserDuring(lastRun, [other({ id: lastRun.id })], true)).toBe(false);
  });

  it('does not hold for runs that finished before it started or started after it finished', () => {
    expect(sharedUserDuring(lastRun, [other({ startedAt: '2026-11-30T08:50:00.000Z', finishedAt: '2026-11-30T09:00:00.399Z' })], true)).toBe(false);
    expect(sharedUserDuring(lastRun, [other({ startedAt: '2026-11-30T09:02:10.251Z', finishedAt: '2026-11-30T09:03:00.000Z' })], true)).toBe(false);
  });

  it('counts an import (recorded once, at its end) that ended after the last run started, whenever it started', () => {
    const importEnded = (at: string): OtherRun => other({ command: 'measurements import', startedAt: at, finishedAt: at });
    expect(sharedUserDuring(lastRun, [importEnded('2026-11-30T09:00:00.399Z')], true)).toBe(false);
    expect(sharedUserDuring(lastRun, [importEnded('2026-11-30T09:00:00.400Z')], true)).toBe(true);
    expect(sharedUserDuring(lastRun, [importEnded('2026-11-30T10:00:00.000Z')], true)).toBe(true);
  });

  it('assumes so when the runs read do not reach back far enough to rule it out', () => {
    expect(sharedUserDuring(lastRun, [], false)).toBe(true);
  });

  it('makes the change window read everyone’s saves since shortly before the last run’s start', () => {
    const shared = planSelection({ full: false, named: null, lastRun, sharedUser: true, today: '2026-11-30' });
    expect(shared).toMatchObject({ kind: 'Changes', changes: { runUserId: null }, reason: expect.stringContaining('another run wrote as the same user') });
    expect(changeWindow(lastRun, true).othersSavedFrom).toBe(new Date(Date.parse('2026-11-30T09:00:00.000Z') - MARK_OVERLAP_MS).toISOString());
  });
});
