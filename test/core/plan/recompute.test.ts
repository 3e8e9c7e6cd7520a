import { describe, expect, it } from '@jest/globals';
import {
  healthUpdateRecord,
  outcomeUpdateRecord,
  planRecompute,
  RecomputePlanner,
  type RecomputeInitiative,
  type RecomputeOutcome,
} from '../../../src/core/plan/recompute.js';

const AS_OF = '2025-08-01';
const INIT_1 = 'a00000000000001AAA';
const INIT_2 = 'a00000000000002AAA';
const INIT_3 = 'a00000000000003AAA';

const noComputedValues = {
  Latest_Value__c: null,
  Latest_Measured_On__c: null,
  Attainment_Percent__c: null,
  Forecast_At_Deadline__c: null,
  Forecast_Attainment_Percent__c: null,
  Status__c: null,
};

function outcome(id: string, extra: Partial<RecomputeOutcome>): RecomputeOutcome {
  return {
    Id: id,
    Name: `OR-${id.slice(-4)}`,
    Description__c: 'An outcome',
    Initiative__c: INIT_1,
    Priority__c: 'Primary',
    Quantity_Type__c: 'Absolute',
    Direction__c: 'Increase',
    Baseline_Value__c: 100,
    Baseline_Date__c: null,
    Target_Value__c: 200,
    Deadline_Type__c: 'Date',
    Deadline_Date__c: '2025-12-31',
    Deadline_Offset_Months__c: null,
    goLiveDate: null,
    handoverDate: null,
    measurements: [],
    ...noComputedValues,
    ...extra,
  };
}

const initiative = (Id: string, health: RecomputeInitiative['Outcome_Health__c']): RecomputeInitiative => ({ Id, Name: `Initiative ${Id.slice(-4)}`, Outcome_Health__c: health });

// 120 on 2025-01-01 and 150 on 2025-07-01 (181 days apart): 30/181 a day; due 2025-12-31 is 183 days after the latest,
// so the forecast is 150 + 30 × 183 / 181 = 180.3315, attainment (180.3315 − 100) / 100 = 80.3%: just above the 80% threshold.
const risingSlowly = [
  { Measured_On__c: '2025-01-01', Value__c: 120 },
  { Measured_On__c: '2025-07-01', Value__c: 150 },
];

describe('planRecompute', () => {
  it('writes only the computed fields that changed, with the status and its reason', () => {
    const stale = outcome('a01000000000001AAA', {
      measurements: risingSlowly,
      Latest_Value__c: 150,
      Latest_Measured_On__c: '2025-07-01',
      Attainment_Percent__c: 50,
      Status__c: 'On Track',
    });
    const plan = planRecompute([stale], [initiative(INIT_1, 'At Risk')], { asOf: AS_OF });
    expect(plan.outcomeUpdates).toEqual([
      {
        id: 'a01000000000001AAA',
        name: 'OR-1AAA',
        initiativeId: INIT_1,
        oldStatus: 'On Track',
        newStatus: 'At Risk',
        fields: { Forecast_At_Deadline__c: 180.3315, Forecast_Attainment_Percent__c: 80.3, Status__c: 'At Risk' },
        reason: expect.stringMatching(/^At Risk: the forecast 180\.3315 at the due date 2025-12-31 .* 80\.3%/),
      },
    ]);
    expect(outcomeUpdateRecord(plan.outcomeUpdates[0])).toEqual({
      Id: 'a01000000000001AAA',
      Forecast_At_Deadline__c: 180.3315,
      Forecast_Attainment_Percent__c: 80.3,
      Status__c: 'At Risk',
    });
    // The initiative already shows At Risk: nothing to write.
    expect(plan.healthUpdates).toEqual([]);
    expect(plan.initiativesUnchanged).toBe(1);
  });

  it('passes the at-risk threshold on: at 81% the same forecast is Off Track', () => {
    const plan = planRecompute([outcome('a01000000000001AAA', { measurements: risingSlowly })], [], { asOf: AS_OF, atRiskThresholdPercent: 81 });
    expect(plan.outcomeUpdates[0].newStatus).toBe('Off Track');
  });

  it('fills every computed field of an outcome never computed before', () => {
    const plan = planRecompute([outcome('a01000000000001AAA', { measurements: risingSlowly })], [], { asOf: AS_OF });
    expect(plan.outcomeUpdates[0].fields).toEqual({
      Latest_Value__c: 150,
      Latest_Measured_On__c: '2025-07-01',
      Attainment_Percent__c: 50,
      Forecast_At_Deadline__c: 180.3315,
      Forecast_Attainment_Percent__c: 80.3,
      Status__c: 'At Risk',
    });
    expect(plan.outcomeUpdates[0].oldStatus).toBeNull();
  });

  it('leaves an outcome alone when the stored values are the computed ones', () => {
    const current = outcome('a01000000000001AAA', {
      measurements: risingSlowly,
      Latest_Value__c: 150,
      Latest_Measured_On__c: '2025-07-01',
      Attainment_Percent__c: 50,
      Forecast_At_Deadline__c: 180.3315,
      Forecast_Attainment_Percent__c: 80.3,
      Status__c: 'At Risk',
    });
    const noData = outcome('a01000000000002AAA', { Status__c: 'No Data' });
    const plan = planRecompute([current, noData], [], { asOf: AS_OF });
    expect(plan.outcomeUpdates).toEqual([]);
    expect(plan.outcomesUnchanged).toBe(2);
  });

  it('clears a forecast that no longer holds (one measurement left) instead of keeping a stale one', () => {
    const plan = planRecompute(
      [outcome('a01000000000001AAA', { measurements: [risingSlowly[1]], Forecast_At_Deadline__c: 180.3315, Forecast_Attainment_Percent__c: 80.3 })],
      [],
      { asOf: AS_OF },
    );
    expect(plan.outcomeUpdates[0].fields).toMatchObject({ Forecast_At_Deadline__c: null, Forecast_Attainment_Percent__c: null });
    // Judged on the latest value as if flat: 50% attainment is below 80%.
    expect(plan.outcomeUpdates[0].newStatus).toBe('Off Track');
  });

  it('resolves the due date from the go-live date for Months After Go-Live, and Missed once it has passed unmet', () => {
    // Go-live 2024-12-15 + 6 months = 2025-06-15, before the as-of date 2025-08-01, and 150 < 200.
    const late = outcome('a01000000000001AAA', {
      Deadline_Type__c: 'Months_After_Go_Live',
      Deadline_Date__c: null,
      Deadline_Offset_Months__c: 6,
      goLiveDate: '2024-12-15',
      measurements: risingSlowly,
    });
    const plan = planRecompute([late], [], { asOf: AS_OF });
    expect(plan.outcomeUpdates[0].newStatus).toBe('Missed');
    expect(plan.outcomeUpdates[0].reason).toMatch(/^Missed: due 2025-06-15/);
  });

  it("derives each initiative's health from its primary outcomes' new statuses and writes only a changed health", () => {
    const outcomes = [
      // Initiative 1: a primary outcome At Risk and a secondary Attained → At Risk (stored On Track: changes).
      outcome('a01000000000001AAA', { measurements: risingSlowly }),
      outcome('a01000000000002AAA', { Priority__c: 'Secondary', measurements: [{ Measured_On__c: '2025-07-01', Value__c: 210 }] }),
      // Initiative 2: a primary outcome without measurements → No Data (stored No Data: unchanged).
      outcome('a01000000000003AAA', { Initiative__c: INIT_2 }),
    ];
    // Initiative 3 has no outcome at all: No Data, not a good grade.
    const plan = planRecompute(outcomes, [initiative(INIT_1, 'On Track'), initiative(INIT_2, 'No Data'), initiative(INIT_3, null)], { asOf: AS_OF });
    expect(plan.outcomeUpdates.map((u) => u.newStatus)).toEqual(['At Risk', 'Attained', 'No Data']);
    expect(plan.healthUpdates).toEqual([
      { id: INIT_1, name: 'Initiative 1AAA', oldHealth: 'On Track', newHealth: 'At Risk', reason: 'primary outcomes: 1 At Risk' },
      { id: INIT_3, name: 'Initiative 3AAA', oldHealth: null, newHealth: 'No Data', reason: expect.stringMatching(/^no primary outcome/) },
    ]);
    expect(plan.initiativesUnchanged).toBe(1);
    expect(healthUpdateRecord(plan.healthUpdates[0])).toEqual({ Id: INIT_1, Outcome_Health__c: 'At Risk' });
  });
});

describe('RecomputePlanner, one outcome at a time', () => {
  // Initiatives by Name (as read), outcomes ordered by initiative (as the recompute query sorts them): initiative 2's
  // outcomes come first and span what would be two pages; initiative 3 has none.
  const initiatives = [initiative(INIT_3, 'On Track'), initiative(INIT_1, 'On Track'), initiative(INIT_2, 'On Track')];
  const attained = [{ Measured_On__c: '2025-07-01', Value__c: 210 }];
  const missed = [{ Measured_On__c: '2025-07-01', Value__c: 110 }];
  const ordered = [
    outcome('a01000000000021AAA', { Initiative__c: INIT_2, measurements: attained }),
    outcome('a01000000000022AAA', { Initiative__c: INIT_2, measurements: attained }),
    // Off Track only after the others: a health settled before it would say On Track.
    outcome('a01000000000023AAA', { Initiative__c: INIT_2, Deadline_Date__c: '2025-07-15', measurements: missed }),
    outcome('a01000000000011AAA', { Initiative__c: INIT_1, measurements: risingSlowly }),
    outcome('a01000000000012AAA', { Initiative__c: INIT_1, Status__c: 'No Data', Priority__c: 'Secondary' }),
  ];

  it('grouped by initiative, plans exactly what planRecompute plans on the whole book', () => {
    const planner = new RecomputePlanner(initiatives, { asOf: AS_OF, grouped: true });
    for (const o of ordered) planner.add(o);
    const plan = planner.finish();
    expect(plan).toEqual(planRecompute(ordered, initiatives, { asOf: AS_OF }));
    // Initiative 2 judged on all three outcomes, in the initiatives' order; initiative 3, with no outcome, No Data.
    expect(plan.healthUpdates.map((u) => [u.id, u.newHealth])).toEqual([
      [INIT_3, 'No Data'],
      [INIT_1, 'At Risk'],
      [INIT_2, 'Off Track'],
    ]);
    expect(plan.healthUpdates[2].reason).toBe('primary outcomes: 2 Attained, 1 Missed');
    expect(plan.outcomesUnchanged).toBe(1);
  });

  it('refuses outcomes of an initiative already settled (they would be judged apart)', () => {
    const planner = new RecomputePlanner(initiatives, { asOf: AS_OF, grouped: true });
    planner.add(ordered[0]);
    planner.add(ordered[3]);
    expect(() => planner.add(ordered[1])).toThrow(/arrived apart/);
  });

  it('keeps the reason of the first reasonsKept outcome updates only, and writes the same fields', () => {
    const planner = new RecomputePlanner(initiatives, { asOf: AS_OF, grouped: true, reasonsKept: 2 });
    for (const o of ordered) planner.add(o);
    const plan = planner.finish();
    const whole = planRecompute(ordered, initiatives, { asOf: AS_OF });
    expect(plan.outcomeUpdates.map((u) => u.reason)).toEqual([whole.outcomeUpdates[0].reason, whole.outcomeUpdates[1].reason, '', '']);
    expect(plan.outcomeUpdates.map(outcomeUpdateRecord)).toEqual(whole.outcomeUpdates.map(outcomeUpdateRecord));
    expect(plan.healthUpdates).toEqual(whole.healthUpdates);
  });
});

