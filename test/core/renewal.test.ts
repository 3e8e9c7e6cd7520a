import { describe, expect, it, test } from '@jest/globals';
import type { Lifecycle } from '../../src/core/model.js';
import { annualValueOfLine, nextRenewalDate, renewalDateOfLine, type RenewingComponent } from '../../src/core/renewal.js';

describe('renewalDateOfLine', () => {
  it("takes the line's own end date first", () => {
    const line = { endDate: '2025-06-30', contractEndDate: '2025-12-31', serviceDate: '2024-01-01', termMonths: 12 };
    expect(renewalDateOfLine(line)).toEqual({ date: '2025-06-30', basis: 'line end date' });
  });

  it("takes the Contract's end date when the line has none", () => {
    const line = { endDate: null, contractEndDate: '2025-12-31', serviceDate: '2024-01-01', termMonths: 12 };
    expect(renewalDateOfLine(line)).toEqual({ date: '2025-12-31', basis: 'contract end date' });
  });

  test.each([
    ['service date + line term', { serviceDate: '2024-01-15', closeDate: '2023-12-20', termMonths: 12 }, '2025-01-14'],
    ['close date when there is no service date', { closeDate: '2024-03-15', termMonths: 12 }, '2025-03-14'],
    ["the product's default term", { serviceDate: '2024-02-01', productDefaultTermMonths: 24 }, '2026-01-31'],
    ["the line's term over the product's default", { serviceDate: '2024-02-01', termMonths: 6, productDefaultTermMonths: 24 }, '2024-07-31'],
    // ADDMONTHS end-of-month rule, then minus one day
    ['Feb 29 + 12 months − 1 day', { serviceDate: '2024-02-29', termMonths: 12 }, '2025-02-27'],
    ['Jan 31 + 1 month − 1 day', { serviceDate: '2024-01-31', termMonths: 1 }, '2024-02-28'],
    ['Apr 30 + 1 month − 1 day (last day → last day of May)', { serviceDate: '2023-04-30', termMonths: 1 }, '2023-05-30'],
    ['Mar 31 close + 12 months − 1 day', { closeDate: '2024-03-31', termMonths: 12 }, '2025-03-30'],
    ['Jan 1 + 12 months − 1 day: the year end', { serviceDate: '2024-01-01', termMonths: 12 }, '2024-12-31'],
  ])('dates a line by its term: %s', (_, line, expected) => {
    expect(renewalDateOfLine(line)).toEqual({ date: expected, basis: 'term' });
  });

  test.each([
    ['no start', { termMonths: 12 }, ['ServiceDate', 'CloseDate'], ['Term_Months__c']],
    ['no term', { serviceDate: '2024-01-01' }, ['Term_Months__c', 'Default_Term_Months__c'], ['ServiceDate']],
    ['nothing at all', {}, ['End_Date__c', 'Contract end date', 'ServiceDate', 'Term_Months__c'], []],
  ])('reports, never guesses, a line with %s', (_, line, mentioned, notMentioned) => {
    const result = renewalDateOfLine(line);
    expect(result.date).toBeNull();
    const reason = 'reason' in result ? result.reason : '';
    for (const text of mentioned) expect(reason).toContain(text);
    for (const text of notMentioned) expect(reason).not.toContain(text);
  });

  it('reports a term of 0 months rather than dating the renewal the day before the start', () => {
    const result = renewalDateOfLine({ serviceDate: '2024-01-01', termMonths: 0 });
    expect(result).toEqual({ date: null, reason: expect.stringContaining('term of 0 months') });
  });
});

describe('annualValueOfLine', () => {
  test.each([
    [24_000, 24, 'Renewable', 12_000],
    [1_200, 12, 'Renewable', 1_200],
    [1_000, 36, 'Renewable', 333.33], // 1000 × 12 / 36 = 333.333…
    [600, 6, 'Renewable', 1_200],
    [5_000, null, 'Renewable', 5_000], // term unknown: the total counts as a year
    [5_000, 12, 'Planned Temporary', null],
    [5_000, 12, 'One_Time', null],
    [5_000, 12, null, null],
    [null, 12, 'Renewable', null],
  ] satisfies Array<[number | null, number | null, Lifecycle | null, number | null]>)('%p over %p months, %p → %p', (total, term, lifecycle, expected) => {
    expect(annualValueOfLine(total, term, lifecycle)).toBe(expected);
  });
});

describe('nextRenewalDate', () => {
  const today = '2025-01-15';
  const lines: RenewingComponent[] = [
    { Lifecycle__c: 'Renewable', Renewal_Date__c: '2025-01-14' }, // yesterday: past
    { Lifecycle__c: 'Planned Temporary', Renewal_Date__c: '2025-01-20' }, // never renews
    { Lifecycle__c: 'One_Time', Renewal_Date__c: '2025-01-16' }, // never renews
    { Lifecycle__c: 'Renewable', Renewal_Date__c: null },
    { Lifecycle__c: 'Renewable', Renewal_Date__c: '2025-09-30' },
    { Lifecycle__c: 'Renewable', Renewal_Date__c: '2025-06-30' },
  ];

  it('is the earliest renewal of a Renewable line from today on, ignoring past and non-renewable lines', () => {
    expect(nextRenewalDate(lines, today)).toBe('2025-06-30');
  });

  it('counts a renewal due today', () => {
    expect(nextRenewalDate([...lines, { Lifecycle__c: 'Renewable', Renewal_Date__c: today }], today)).toBe(today);
  });

  it('is null when nothing renews', () => {
    expect(nextRenewalDate(lines.slice(0, 4), today)).toBeNull();
    expect(nextRenewalDate([], today)).toBeNull();
  });
});
