import { describe, expect, it, test } from '@jest/globals';
import { dueDateOf, missingDeadlineFields, missingDueDateReason, type OutcomeDeadline } from '../../src/core/deadline.js';

const dated: OutcomeDeadline = { Deadline_Type__c: 'Date', Deadline_Date__c: '2020-12-31' };
const relative: OutcomeDeadline = { Deadline_Type__c: 'Months_After_Go_Live', Deadline_Offset_Months__c: 24 };
const immediate: OutcomeDeadline = { Deadline_Type__c: 'Immediate' };

describe('dueDateOf', () => {
  test.each([
    ['a dated deadline, whatever go-live is', dated, { goLiveDate: '2019-01-01' }, '2020-12-31'],
    ['24 months from go-live', relative, { goLiveDate: '2024-03-15' }, '2026-03-15'],
    ['12 months from a Feb 29 go-live (end-of-month rule)', { ...relative, Deadline_Offset_Months__c: 12 }, { goLiveDate: '2024-02-29' }, '2025-02-28'],
    ['1 month from Jan 31', { ...relative, Deadline_Offset_Months__c: 1 }, { goLiveDate: '2023-01-31' }, '2023-02-28'],
    ['1 month from Apr 30 (last day → last day)', { ...relative, Deadline_Offset_Months__c: 1 }, { goLiveDate: '2023-04-30' }, '2023-05-31'],
    ['0 months from go-live', { ...relative, Deadline_Offset_Months__c: 0 }, { goLiveDate: '2024-06-01' }, '2024-06-01'],
    ['immediate with a go-live', immediate, { goLiveDate: '2024-06-01', handoverDate: '2024-01-10' }, '2024-06-01'],
    ['immediate without go-live: the handover date', immediate, { goLiveDate: null, handoverDate: '2024-01-10' }, '2024-01-10'],
  ])('%s', (_, outcome, anchors, expected) => {
    expect(dueDateOf(outcome, anchors)).toBe(expected);
  });

  test.each([
    ['a relative deadline with no go-live date', relative, { handoverDate: '2024-01-10' }, 'no Go_Live_Date__c yet'],
    ['immediate with neither go-live nor handover', immediate, {}, 'neither Go_Live_Date__c nor Handover_Date__c'],
    ['a dated deadline without its date', { Deadline_Type__c: 'Date' as const }, {}, 'no Deadline_Date__c'],
    ['a relative deadline without its offset', { Deadline_Type__c: 'Months_After_Go_Live' as const }, { goLiveDate: '2024-01-01' }, 'no Deadline_Offset_Months__c'],
    ['no deadline type', {}, { goLiveDate: '2024-01-01' }, 'no Deadline_Type__c'],
  ])('is null for %s, and says why', (_, outcome, anchors, reason) => {
    expect(dueDateOf(outcome, anchors)).toBeNull();
    expect(missingDueDateReason(outcome, anchors)).toContain(reason);
  });

  it('gives no reason when there is a due date', () => {
    expect(missingDueDateReason(dated, {})).toBeNull();
  });
});

describe('missingDeadlineFields', () => {
  it('names the field a deadline still needs, whatever the initiative dates', () => {
    expect(missingDeadlineFields(dated)).toEqual([]);
    expect(missingDeadlineFields(relative)).toEqual([]);
    expect(missingDeadlineFields(immediate)).toEqual([]);
    expect(missingDeadlineFields({ Deadline_Type__c: 'Date', Deadline_Date__c: null })).toEqual(['Deadline_Date__c']);
    expect(missingDeadlineFields({ Deadline_Type__c: 'Months_After_Go_Live' })).toEqual(['Deadline_Offset_Months__c']);
    expect(missingDeadlineFields({})).toEqual(['Deadline_Type__c']);
  });
});
