import { describe, expect, it, test } from '@jest/globals';
import { dueDateOf } from '../../src/core/deadline.js';
import { assessmentFields, assessOutcome, forecastValueAt, latestOf, type AssessedOutcome, type DatedValue } from '../../src/core/trajectory.js';

const m = (Measured_On__c: string, Value__c: number): DatedValue => ({ Measured_On__c, Value__c });

describe('docs/design.md examples', () => {
  describe('Quality of service experienced by customers after purchase: 15% uplift, 24 months from go-live, annual survey', () => {
    const goLive = '2024-03-01';
    const outcome: AssessedOutcome & Parameters<typeof dueDateOf>[0] = {
      Quantity_Type__c: 'Relative_Percent',
      Direction__c: 'Increase',
      Baseline_Value__c: 100, // survey score at go-live
      Baseline_Date__c: goLive,
      Target_Value__c: 15, // → 115
      Deadline_Type__c: 'Months_After_Go_Live',
      Deadline_Offset_Months__c: 24,
    };
    const dueDate = dueDateOf(outcome, { goLiveDate: goLive });

    it('is due 24 months after go-live', () => {
      expect(dueDate).toBe('2026-03-01');
    });

    // Two annual surveys exactly 12 months apart: both are in the forecast window (inclusive).
    // 2024-03-01 → 2025-03-01 is 365 days and 2025-03-01 → 2026-03-01 is 365 days, so the line doubles the gain.
    test.each([
      ['107.5 after a year: forecast 115 meets the target', 107.5, 50, 115, 100, 'On Track'],
      ['106 after a year: forecast 112, 80% of the way', 106, 40, 112, 80, 'At Risk'],
      ['105 after a year: forecast 110, 66.7% of the way', 105, 33.3, 110, 66.7, 'Off Track'],
      ['99 after a year: forecast 98, going backwards', 99, -6.7, 98, -13.3, 'Off Track'],
      ['116 after a year: already there', 116, 106.7, 132, 213.3, 'Attained'],
    ])('%s', (_, secondSurvey, attainment, forecast, forecastAttainment, status) => {
      const result = assessOutcome(outcome, [m('2024-03-01', 100), m('2025-03-01', secondSurvey)], { today: '2025-04-01', dueDate });
      expect(result).toMatchObject({
        latestValue: secondSurvey,
        latestMeasuredOn: '2025-03-01',
        attainmentPercent: attainment,
        forecastValue: forecast,
        forecastAttainmentPercent: forecastAttainment,
        targetValue: 115,
        measurementCount: 2,
        status,
      });
      expect(result.reason).toMatch(new RegExp(`^${status}`, 'i'));
    });

    it('ignores a survey from before the baseline date as history', () => {
      const history = m('2023-09-01', 60);
      const result = assessOutcome(outcome, [history, m('2024-03-01', 100), m('2025-03-01', 106)], { today: '2025-04-01', dueDate });
      expect(result).toMatchObject({ forecastValue: 112, status: 'At Risk', measurementCount: 2, ignoredBeforeBaseline: 1 });
    });

    it('is Attained at the deadline when the third survey reaches 115', () => {
      const surveys = [m('2024-03-01', 100), m('2025-03-01', 106), m('2026-03-01', 115)];
      const result = assessOutcome(outcome, surveys, { today: '2026-03-20', dueDate });
      expect(result).toMatchObject({ status: 'Attained', attainmentPercent: 100 });
      expect(result.reason).toContain('meets the target 115');
    });

    it('is Missed after the deadline when the third survey falls short', () => {
      const surveys = [m('2024-03-01', 100), m('2025-03-01', 106), m('2026-03-01', 113)];
      const result = assessOutcome(outcome, surveys, { today: '2026-03-02', dueDate });
      expect(result).toMatchObject({ status: 'Missed', attainmentPercent: 86.7 }); // 13 / 15
      expect(result.reason).toContain('due 2026-03-01 and not met');
    });

    it('has no due date, and so no forecast, until the initiative goes live', () => {
      const noGoLive = dueDateOf(outcome, { goLiveDate: null, handoverDate: '2024-01-10' });
      expect(noGoLive).toBeNull();
      const result = assessOutcome(outcome, [m('2024-03-01', 100), m('2025-03-01', 113)], { today: '2025-04-01', dueDate: noGoLive });
      expect(result).toMatchObject({ forecastValue: null, forecastAttainmentPercent: null, attainmentPercent: 86.7, status: 'At Risk' });
      expect(result.reason).toContain('no forecast (no due date)');
    });
  });

  describe('Raw-material wastage in manufacturing of Product X: 20% reduction by 2020-12-31, materials used / products made', () => {
    const outcome: AssessedOutcome = { Quantity_Type__c: 'Relative_Percent', Direction__c: 'Decrease', Baseline_Value__c: 50, Target_Value__c: 20 }; // → 40
    const dueDate = dueDateOf({ Deadline_Type__c: 'Date', Deadline_Date__c: '2020-12-31' }, {});
    // 2020-01-01, 2020-03-01, 2020-04-30 are 60 days apart (2020 is a leap year); 2020-04-30 → 2020-12-31 is 245 days.
    const dates = ['2020-01-01', '2020-03-01', '2020-04-30'];

    it('is On Track when the wastage falls 2 every 60 days: forecast 46 − 245 × 2/60 = 37.8333', () => {
      const result = assessOutcome(outcome, [m(dates[0], 50), m(dates[1], 48), m(dates[2], 46)], { today: '2020-05-15', dueDate });
      expect(result).toMatchObject({
        targetValue: 40,
        attainmentPercent: 40, // (46 − 50) / (40 − 50)
        forecastValue: 37.8333,
        forecastAttainmentPercent: 121.7, // (37.8333 − 50) / −10
        status: 'On Track',
      });
    });

    it('is Off Track when it falls 0.5 every 60 days: forecast 49 − 245 × 0.5/60 = 46.9583', () => {
      const result = assessOutcome(outcome, [m(dates[0], 50), m(dates[1], 49.5), m(dates[2], 49)], { today: '2020-05-15', dueDate });
      expect(result).toMatchObject({ attainmentPercent: 10, forecastValue: 46.9583, forecastAttainmentPercent: 30.4, status: 'Off Track' });
    });

    test.each([
      [39.5, 'Attained'],
      [40, 'Attained'],
      [41, 'Missed'],
    ])('after the deadline, a latest value of %p is %p', (latest, status) => {
      const result = assessOutcome(outcome, [m(dates[0], 50), m('2020-12-15', latest)], { today: '2021-01-15', dueDate });
      expect(result.status).toBe(status);
    });
  });

  describe('Speed to market for releases of Software Y: at most 6 months between releases, immediate', () => {
    const outcome: AssessedOutcome = { Quantity_Type__c: 'Absolute', Direction__c: 'At Most', Target_Value__c: 6 };
    const dueDate = dueDateOf({ Deadline_Type__c: 'Immediate' }, { goLiveDate: '2024-01-15', handoverDate: '2023-12-01' });

    it('is due at go-live', () => {
      expect(dueDate).toBe('2024-01-15');
    });

    it('is Attained when the latest gap between releases is within 6 months', () => {
      const result = assessOutcome(outcome, [m('2024-03-01', 8), m('2024-09-01', 5)], { today: '2024-09-02', dueDate });
      expect(result).toMatchObject({ status: 'Attained', attainmentPercent: 100, latestValue: 5 });
    });

    it('is Missed when the latest gap exceeds 6 months, the deadline being immediate', () => {
      const result = assessOutcome(outcome, [m('2024-03-01', 5), m('2024-09-01', 7)], { today: '2024-09-02', dueDate });
      expect(result).toMatchObject({ status: 'Missed', attainmentPercent: 0 });
    });
  });
});

describe('status from the forecast, every direction', () => {
  // 2024-01-01 → 2024-04-10 is 100 days (31 + 29 + 31 + 9) and 2024-04-10 → 2024-07-19 another 100 (21 + 31 + 30 + 18):
  // the forecast at the due date is 2 × second − first.
  const first = '2024-01-01';
  const second = '2024-04-10';
  const dueDate = '2024-07-19';
  const today = '2024-04-15';
  const increase: AssessedOutcome = { Quantity_Type__c: 'Absolute', Direction__c: 'Increase', Baseline_Value__c: 0, Target_Value__c: 100 };
  const decrease: AssessedOutcome = { Quantity_Type__c: 'Absolute', Direction__c: 'Decrease', Baseline_Value__c: 100, Target_Value__c: 0 };
  const atLeast: AssessedOutcome = { Quantity_Type__c: 'Absolute', Direction__c: 'At Least', Target_Value__c: 99.9 };
  const atMost: AssessedOutcome = { Quantity_Type__c: 'Absolute', Direction__c: 'At Most', Target_Value__c: 2 };

  test.each([
    ['increase, forecast 100', increase, 0, 50, 100, 100, 'On Track'],
    ['increase, forecast 90', increase, 0, 45, 90, 90, 'At Risk'],
    ['increase, forecast 80 (the threshold)', increase, 0, 40, 80, 80, 'At Risk'],
    ['increase, forecast 79.9', increase, 0, 39.95, 79.9, 79.9, 'Off Track'],
    ['increase, falling', increase, 10, 5, 0, 0, 'Off Track'],
    ['decrease, forecast 0', decrease, 100, 50, 0, 100, 'On Track'],
    ['decrease, forecast 15', decrease, 100, 57.5, 15, 85, 'At Risk'],
    ['decrease, forecast 30', decrease, 100, 65, 30, 70, 'Off Track'],
    ['at least, forecast 99.9', atLeast, 99.5, 99.7, 99.9, 100, 'On Track'],
    ['at least, forecast 99.8', atLeast, 99.6, 99.7, 99.8, 0, 'Off Track'],
    ['at most, forecast 2', atMost, 4, 3, 2, 100, 'On Track'],
    ['at most, forecast 3', atMost, 5, 4, 3, 0, 'Off Track'],
  ])('%s', (_, outcome, firstValue, secondValue, forecast, forecastAttainment, status) => {
    const result = assessOutcome(outcome, [m(first, firstValue), m(second, secondValue)], { today, dueDate });
    expect(result.forecastValue).toBeCloseTo(forecast, 4);
    expect(result.forecastAttainmentPercent).toBeCloseTo(forecastAttainment, 1);
    expect(result.status).toBe(status);
  });

  it('honours another at-risk threshold', () => {
    const measurements = [m(first, 0), m(second, 45)]; // forecast 90
    expect(assessOutcome(increase, measurements, { today, dueDate, atRiskThresholdPercent: 90 }).status).toBe('At Risk');
    expect(assessOutcome(increase, measurements, { today, dueDate, atRiskThresholdPercent: 95 }).status).toBe('Off Track');
  });

  it('is still judged by the forecast on the due date itself, and Missed the day after', () => {
    const measurements = [m(first, 0), m(second, 50)];
    expect(assessOutcome(increase, measurements, { today: dueDate, dueDate }).status).toBe('On Track');
    expect(assessOutcome(increase, measurements, { today: '2024-07-20', dueDate }).status).toBe('Missed');
  });

  it('is Attained after the due date when the latest value meets the target', () => {
    const measurements = [m(first, 0), m('2024-07-25', 101)];
    expect(assessOutcome(increase, measurements, { today: '2024-08-01', dueDate }).status).toBe('Attained');
  });
});

describe('edge cases', () => {
  const uplift: AssessedOutcome = { Quantity_Type__c: 'Relative_Percent', Direction__c: 'Increase', Baseline_Value__c: 100, Target_Value__c: 15 };
  const options = { today: '2025-06-30', dueDate: '2026-06-30' };

  it('has No Data without measurements', () => {
    expect(assessOutcome(uplift, [], options)).toEqual({
      status: 'No Data',
      reason: 'No measurements: log one to judge this outcome',
      latestValue: null,
      latestMeasuredOn: null,
      attainmentPercent: null,
      forecastValue: null,
      forecastAttainmentPercent: null,
      measurementCount: 0,
      ignoredBeforeBaseline: 0,
      targetValue: 115,
      dueDate: '2026-06-30',
    });
  });

  it('has No Data when every measurement predates the baseline date', () => {
    const result = assessOutcome({ ...uplift, Baseline_Date__c: '2025-01-01' }, [m('2024-12-31', 120)], options);
    expect(result).toMatchObject({ status: 'No Data', measurementCount: 0, ignoredBeforeBaseline: 1, latestValue: null });
    expect(result.reason).toContain('on or after the baseline date 2025-01-01 (1 earlier ignored as history)');
  });

  it('counts a measurement dated on the baseline date', () => {
    const result = assessOutcome({ ...uplift, Baseline_Date__c: '2025-01-01' }, [m('2025-01-01', 100)], options);
    expect(result).toMatchObject({ measurementCount: 1, ignoredBeforeBaseline: 0, attainmentPercent: 0 });
  });

  it('judges one measurement as a flat projection, and says so', () => {
    const result = assessOutcome(uplift, [m('2025-05-01', 113)], options);
    expect(result).toMatchObject({ attainmentPercent: 86.7, forecastValue: null, forecastAttainmentPercent: null, status: 'At Risk' });
    expect(result.reason).toContain('no forecast (fewer than two measurement dates');
    expect(result.reason).toContain('as if the latest value 113 (2025-05-01) stayed flat');
  });

  it('judges a low single measurement Off Track', () => {
    expect(assessOutcome(uplift, [m('2025-05-01', 106)], options).status).toBe('Off Track'); // 40%
  });

  it('takes the last one given of two measurements on the same date, with no forecast from a single date', () => {
    const result = assessOutcome(uplift, [m('2025-05-01', 110), m('2025-05-01', 103)], options);
    expect(result).toMatchObject({ latestValue: 103, attainmentPercent: 20, forecastValue: null, status: 'Off Track', measurementCount: 2 });
  });

  it('takes the latest date, not the last given, when dates differ', () => {
    const result = assessOutcome(uplift, [m('2025-05-01', 110), m('2025-01-01', 103)], options);
    expect(result.latestValue).toBe(110);
  });

  it('has No Data, with the field to fill, when the quantity is incomplete', () => {
    const result = assessOutcome({ ...uplift, Baseline_Value__c: null }, [m('2025-05-01', 110)], options);
    expect(result).toMatchObject({ status: 'No Data', latestValue: 110, attainmentPercent: null, targetValue: null });
    expect(result.reason).toContain('set Baseline_Value__c');
  });
});

describe('forecastValueAt', () => {
  it('fits a least-squares line through scattered points', () => {
    // Days 0, 10, 20 with values 0, 10, 14: mean (10, 8), slope (80 + 0 + 60) / 200 = 0.7; at day 30: 8 + 0.7 × 20 = 22
    expect(forecastValueAt([m('2024-01-01', 0), m('2024-01-11', 10), m('2024-01-21', 14)], '2024-01-31')).toBe(22);
  });

  it('uses only the 12 months up to the latest measurement, inclusive', () => {
    // Window from 2024-03-01: the 2024-02-29 point (value 0) is out; through (2024-03-01, 100), (2025-03-01, 106).
    const points = [m('2024-02-29', 0), m('2024-03-01', 100), m('2025-03-01', 106)];
    expect(forecastValueAt(points, '2026-03-01')).toBe(112);
  });

  it('starts the window at the end of February when the latest is the last day of February (ADDMONTHS)', () => {
    // Latest 2025-02-28 (last day) − 12 months = 2024-02-29: that point is in, 2024-02-28 is out.
    // In: (2024-02-29, 100) and (2025-02-28, 105), 365 days apart; 2026-02-28 is 365 days further → 110.
    const points = [m('2024-02-28', 0), m('2024-02-29', 100), m('2025-02-28', 105)];
    expect(forecastValueAt(points, '2026-02-28')).toBe(110);
  });

  it('is null with fewer than two distinct dates in the window', () => {
    expect(forecastValueAt([], '2025-01-01')).toBeNull();
    expect(forecastValueAt([m('2024-01-01', 1), m('2024-01-01', 2)], '2025-01-01')).toBeNull();
    expect(forecastValueAt([m('2022-01-01', 1), m('2024-01-01', 2)], '2025-01-01')).toBeNull();
  });

  it('rounds to the 4 decimals of Forecast_At_Deadline__c', () => {
    // (0, 0), (3, 1): slope 1/3 per day; at day 4: 1.33333… → 1.3333
    expect(forecastValueAt([m('2024-01-01', 0), m('2024-01-04', 1)], '2024-01-05')).toBe(1.3333);
  });
});

describe('latestOf', () => {
  it('is null for no measurements', () => {
    expect(latestOf([])).toBeNull();
  });
});

describe('assessmentFields', () => {
  it('maps an assessment to the computed fields of Outcome_Requirement__c', () => {
    const outcome: AssessedOutcome = { Quantity_Type__c: 'Absolute', Direction__c: 'Increase', Baseline_Value__c: 0, Target_Value__c: 100 };
    const assessment = assessOutcome(outcome, [m('2024-01-01', 0), m('2024-04-10', 45)], { today: '2024-04-15', dueDate: '2024-07-19' });
    expect(assessmentFields(assessment)).toEqual({
      Latest_Value__c: 45,
      Latest_Measured_On__c: '2024-04-10',
      Attainment_Percent__c: 45,
      Forecast_At_Deadline__c: 90,
      Forecast_Attainment_Percent__c: 90,
      Status__c: 'At Risk',
    });
  });
});
