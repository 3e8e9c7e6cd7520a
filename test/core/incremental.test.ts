import { describe, expect, it } from '@jest/globals';
import { changeWindow, MARK_OVERLAP_MS, passedDates, planSelection, type LastRun } from '../../src/core/incremental.js';

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
