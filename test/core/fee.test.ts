import { describe, expect, it, test } from '@jest/globals';
import { dueDateOf } from '../../src/core/deadline.js';
import { assessFee, earnedAmount, feePositionFields, feeTermsProblem, payoutSharePercent, type FeeTerms } from '../../src/core/fee.js';
import { assessOutcome, type AssessedOutcome, type DatedValue } from '../../src/core/trajectory.js';

const m = (Measured_On__c: string, Value__c: number): DatedValue => ({ Measured_On__c, Value__c });
const allOrNothing: FeeTerms = { Amount_At_Risk__c: 10_000, Payout_Rule__c: 'All_Or_Nothing' };
const linear: FeeTerms = { Amount_At_Risk__c: 10_000, Payout_Rule__c: 'Linear', Floor_Attainment_Percent__c: 50 };
const linearCapped: FeeTerms = { ...linear, Cap_Percent__c: 120 };
const tiered: FeeTerms = {
  Amount_At_Risk__c: 10_000,
  Payout_Rule__c: 'Tiered',
  // Given out of order on purpose: the highest tier reached applies, whatever order the org returns them in.
  tiers: [
    { From_Attainment_Percent__c: 100, Payout_Percent__c: 100 },
    { From_Attainment_Percent__c: 50, Payout_Percent__c: 25 },
    { From_Attainment_Percent__c: 80, Payout_Percent__c: 60 },
  ],
};

describe('payoutSharePercent', () => {
  test.each([
    [-10, 0],
    [0, 0],
    [99.9, 0],
    [100, 100],
    [140, 100],
  ])('all or nothing at %p%% attainment pays %p%%', (attainment, share) => {
    expect(payoutSharePercent(allOrNothing, attainment)).toBe(share);
  });

  test.each([
    [49.9, 0],
    [50, 0],
    [75, 50],
    [90, 80],
    [100, 100],
    [130, 100],
  ])('linear from a 50%% floor at %p%% attainment pays %p%% (capped at 100%%)', (attainment, share) => {
    expect(payoutSharePercent(linear, attainment)).toBeCloseTo(share, 10);
  });

  test.each([
    [100, 100],
    [105, 110],
    [110, 120],
    [150, 120],
  ])('linear with a 120%% cap at %p%% attainment pays %p%% (over-achievement along the same line)', (attainment, share) => {
    expect(payoutSharePercent(linearCapped, attainment)).toBeCloseTo(share, 10);
  });

  it('linear without a floor pays the attainment itself, up to the target', () => {
    const plain: FeeTerms = { Amount_At_Risk__c: 1000, Payout_Rule__c: 'Linear' };
    expect([-5, 0, 33.3, 100, 101].map((a) => payoutSharePercent(plain, a))).toEqual([0, 0, 33.3, 100, 100]);
  });

  test.each([
    [49.9, 0],
    [50, 25],
    [79.9, 25],
    [80, 60],
    [99.9, 60],
    [100, 100],
    [250, 100],
  ])('tiers at %p%% attainment pay %p%% (each boundary inclusive)', (attainment, share) => {
    expect(payoutSharePercent(tiered, attainment)).toBe(share);
  });

  it('earns nothing without an attainment', () => {
    for (const terms of [allOrNothing, linear, tiered]) expect(payoutSharePercent(terms, null)).toBe(0);
  });

  it('turns the share into money to the cent', () => {
    expect(earnedAmount({ Amount_At_Risk__c: 333.33, Payout_Rule__c: 'Linear' }, 33.3)).toBe(111);
    expect(earnedAmount(linearCapped, 110)).toBe(12_000);
  });
});

describe('feeTermsProblem', () => {
  it('accepts consistent terms of every rule', () => {
    for (const terms of [allOrNothing, linear, linearCapped, tiered]) expect(feeTermsProblem(terms)).toBeNull();
  });

  test.each<[string, FeeTerms, RegExp]>([
    ['a negative amount', { ...allOrNothing, Amount_At_Risk__c: -1 }, /Amount_At_Risk__c must be 0 or more/],
    ['a floor at the target', { ...linear, Floor_Attainment_Percent__c: 100 }, /Floor_Attainment_Percent__c must be from 0% up to below 100%/],
    ['a cap below the amount', { ...linear, Cap_Percent__c: 90 }, /Cap_Percent__c must be 100% or more/],
    ['a tiered rule without tiers', { ...tiered, tiers: [] }, /has no Fee_Tier__c records: add the tiers/],
    [
      'tiers that pay less for more',
      { ...tiered, tiers: [{ From_Attainment_Percent__c: 50, Payout_Percent__c: 60 }, { From_Attainment_Percent__c: 80, Payout_Percent__c: 40 }] },
      /the tier from 80% pays less \(40%\) than the tier from 50% \(60%\)/,
    ],
    [
      'two tiers from the same attainment',
      { ...tiered, tiers: [{ From_Attainment_Percent__c: 50, Payout_Percent__c: 10 }, { From_Attainment_Percent__c: 50, Payout_Percent__c: 20 }] },
      /two tiers start at 50% attainment/,
    ],
  ])('refuses %s', (_, terms, message) => {
    expect(feeTermsProblem(terms)).toMatch(message);
  });
});

describe('assessFee', () => {
  // 20% reduction of raw-material wastage (baseline 50 → target 40), due on a date.
  const wastage: AssessedOutcome = { Quantity_Type__c: 'Relative_Percent', Direction__c: 'Decrease', Baseline_Value__c: 50, Target_Value__c: 20 };
  const due = '2026-06-30';
  const fee = (terms: FeeTerms, measurements: DatedValue[], today: string, outcome: AssessedOutcome = wastage, dueDate: string | null = due) =>
    assessFee(terms, assessOutcome(outcome, measurements, { today, dueDate }), today);

  describe('a decrease outcome before the deadline', () => {
    // 50 → 46 over six months: 40% attained; the line reaches 42.02 at the due date (79.8%, just short of 80%).
    const measurements = [m('2025-06-30', 50), m('2025-12-30', 46)];

    it('earns from the latest attainment and forecasts from the forecast attainment; nothing forfeited yet', () => {
      const position = fee(linear, measurements, '2026-01-15');
      expect(position).toMatchObject({ earnedToDate: 0, forecastToEarn: 5960, forfeited: 0, status: 'Open' });
      expect(position.reason).toBe('Open: 40% attainment earns 0 of 10000; the forecast 79.8% at 2026-06-30 would earn 5960');
    });

    it('all or nothing forecasts nothing when the forecast falls short of the target', () => {
      expect(fee(allOrNothing, measurements, '2026-01-15')).toMatchObject({ earnedToDate: 0, forecastToEarn: 0, status: 'Open' });
    });

    it('tiers forecast the tier the forecast reaches (79.8% stays in the 50% tier)', () => {
      expect(fee(tiered, measurements, '2026-01-15')).toMatchObject({ earnedToDate: 0, forecastToEarn: 2500, status: 'Open' });
    });

    it('is Earned early once the latest measurement earns the whole amount', () => {
      expect(fee(allOrNothing, [...measurements, m('2026-01-10', 39)], '2026-01-15')).toMatchObject({ earnedToDate: 10_000, status: 'Earned', forfeited: 0 });
    });

    it('without a forecast (one measurement) the latest attainment stands in', () => {
      const position = fee(linear, [m('2025-12-30', 44)], '2026-01-15');
      expect(position).toMatchObject({ earnedToDate: 2000, forecastToEarn: 2000, status: 'Open' });
      expect(position.reason).toMatch(/no forecast, so the latest attainment stands in/);
    });
  });

  describe('after the deadline', () => {
    test.each<[string, FeeTerms, number, number, number, string]>([
      ['target met: all or nothing earned', allOrNothing, 40, 10_000, 0, 'Earned'],
      ['target missed: all or nothing forfeited', allOrNothing, 41, 0, 10_000, 'Forfeited'],
      ['linear, 90% attained from a 50% floor: 80% earned', linear, 41, 8000, 2000, 'Partly Earned'],
      ['linear at the floor: nothing earned', linear, 45, 0, 10_000, 'Forfeited'],
      ['linear with a cap, 110% attained: 120% earned, nothing forfeited', linearCapped, 39, 12_000, 0, 'Earned'],
      ['tiers, 80% attained: the 60% tier', tiered, 42, 6000, 4000, 'Partly Earned'],
    ])('%s', (_, terms, latest, earned, forfeited, status) => {
      const position = fee(terms, [m('2025-06-30', 50), m('2026-06-01', latest)], '2026-07-01');
      expect(position).toMatchObject({ earnedToDate: earned, forecastToEarn: earned, forfeited, status });
      expect(position.reason).toContain('due 2026-06-30');
    });

    it('forfeits everything when nothing was ever measured', () => {
      expect(fee(linear, [], '2026-07-01')).toMatchObject({ earnedToDate: 0, forecastToEarn: 0, forfeited: 10_000, status: 'Forfeited' });
    });

    it('is still open on the due date itself', () => {
      expect(fee(allOrNothing, [m('2025-06-30', 50), m('2026-06-01', 45)], due).status).toBe('Open');
    });
  });

  describe('no data', () => {
    it('before the deadline: Open, nothing earned, nothing to forecast', () => {
      const position = fee(tiered, [], '2026-01-15');
      expect(position).toMatchObject({ earnedToDate: 0, forecastToEarn: null, forfeited: 0, status: 'Open' });
      expect(position.reason).toBe('Open: no measurement, nothing earned; due 2026-06-30');
    });

    it('a quantity that cannot be judged never forfeits the fee', () => {
      const broken: AssessedOutcome = { Quantity_Type__c: 'Absolute', Direction__c: 'Increase', Target_Value__c: 10 };
      const position = fee(linear, [m('2025-06-30', 12)], '2026-07-01', broken);
      expect(position).toMatchObject({ earnedToDate: 0, forfeited: 0, status: 'Open' });
      expect(position.reason).toMatch(/the outcome cannot be judged .*Baseline_Value__c/);
    });

    it('terms that do not hold leave the fee open with the fix', () => {
      expect(fee({ ...tiered, tiers: [] }, [m('2025-06-30', 40)], '2026-07-01').reason).toMatch(/terms cannot be applied: .*add the tiers/);
    });
  });

  describe('limits (At Most / At Least) are met or not', () => {
    const releases: AssessedOutcome = { Quantity_Type__c: 'Absolute', Direction__c: 'At Most', Target_Value__c: 6 };
    const uptime: AssessedOutcome = { Quantity_Type__c: 'Absolute', Direction__c: 'At Least', Target_Value__c: 99.5 };

    test.each<[string, AssessedOutcome, number, number]>([
      ['at most 6 months between releases, 5 at the deadline', releases, 5, 10_000],
      ['at most 6 months between releases, 7 at the deadline', releases, 7, 0],
      ['at least 99.5% uptime, 99.7', uptime, 99.7, 10_000],
      ['at least 99.5% uptime, 99.2', uptime, 99.2, 0],
    ])('%s', (_, outcome, latest, earned) => {
      // Linear degenerates to all or nothing: a limit's attainment is 0 or 100.
      expect(fee(linear, [m('2026-06-01', latest)], '2026-07-01', outcome).earnedToDate).toBe(earned);
    });
  });

  it('a deadline relative to go-live is the outcome\'s own due date: open until go-live plus the offset', () => {
    const uplift: AssessedOutcome & Parameters<typeof dueDateOf>[0] = {
      Quantity_Type__c: 'Relative_Percent',
      Direction__c: 'Increase',
      Baseline_Value__c: 100,
      Target_Value__c: 15,
      Deadline_Type__c: 'Months_After_Go_Live',
      Deadline_Offset_Months__c: 24,
    };
    const measurements = [m('2024-03-01', 100), m('2025-03-01', 106)];
    const dueDate = dueDateOf(uplift, { goLiveDate: '2024-03-01' });
    const plain: FeeTerms = { Amount_At_Risk__c: 10_000, Payout_Rule__c: 'Linear' };
    // 106 of 115 from 100: 40% attained.
    expect(fee(plain, measurements, '2026-03-01', uplift, dueDate)).toMatchObject({ status: 'Open', earnedToDate: 4000 });
    expect(fee(plain, measurements, '2026-03-02', uplift, dueDate)).toMatchObject({ status: 'Partly Earned', earnedToDate: 4000, forfeited: 6000 });
    // Without a go-live there is no due date: never due, so never forfeited.
    expect(fee(plain, measurements, '2030-01-01', uplift, dueDateOf(uplift, {}))).toMatchObject({ status: 'Open', forfeited: 0 });
  });

  describe("the README's worked example: USD 20,000 on the wastage outcome", () => {
    const amount = { Amount_At_Risk__c: 20_000 };
    const readmeLinear: FeeTerms = { ...amount, Payout_Rule__c: 'Linear', Floor_Attainment_Percent__c: 50, Cap_Percent__c: 120 };
    const readmeTiered: FeeTerms = { ...amount, Payout_Rule__c: 'Tiered', tiers: tiered.tiers };
    const readmeAllOrNothing: FeeTerms = { ...amount, Payout_Rule__c: 'All_Or_Nothing' };
    const january = [m('2025-06-30', 50), m('2025-12-30', 46)];
    const july = (latest: number) => [m('2025-06-30', 50), m('2026-06-01', latest)];

    it('15 January 2026: linear earns 0 and forecasts 11,920; tiers forecast 5,000; all or nothing 0', () => {
      expect(fee(readmeLinear, january, '2026-01-15')).toMatchObject({ earnedToDate: 0, forecastToEarn: 11_920, forfeited: 0, status: 'Open' });
      expect(fee(readmeTiered, january, '2026-01-15').forecastToEarn).toBe(5000);
      expect(fee(readmeAllOrNothing, january, '2026-01-15').forecastToEarn).toBe(0);
    });

    it('1 July 2026 at 41: linear 16,000 earned, 4,000 forfeited; tiers 12,000; at 39 the cap pays 24,000', () => {
      expect(fee(readmeLinear, july(41), '2026-07-01')).toMatchObject({ earnedToDate: 16_000, forfeited: 4000, status: 'Partly Earned' });
      expect(fee(readmeTiered, july(41), '2026-07-01').earnedToDate).toBe(12_000);
      expect(fee(readmeLinear, july(39), '2026-07-01')).toMatchObject({ earnedToDate: 24_000, forfeited: 0, status: 'Earned' });
      expect(fee(readmeAllOrNothing, july(41), '2026-07-01')).toMatchObject({ earnedToDate: 0, forfeited: 20_000, status: 'Forfeited' });
    });
  });

  it('sets the four computed fields', () => {
    expect(feePositionFields({ earnedToDate: 1, forecastToEarn: null, forfeited: 2, status: 'Open', reason: '' })).toEqual({
      Earned_To_Date__c: 1,
      Forecast_To_Earn__c: null,
      Forfeited__c: 2,
      Status__c: 'Open',
    });
  });
});
