import { describe, expect, it } from '@jest/globals';
import { planFeeUpdates, feeUpdateRecord, type RecomputeFee } from '../../../src/core/plan/fees.js';
import { planRecompute, type RecomputeOutcome } from '../../../src/core/plan/recompute.js';
import { assessOutcome } from '../../../src/core/trajectory.js';

const OUTCOME = 'a01000000000001AAA';
const outcome: RecomputeOutcome = {
  Id: OUTCOME,
  Name: 'OR-1',
  Description__c: 'Wastage',
  Initiative__c: 'a00000000000001AAA',
  Priority__c: 'Primary',
  Quantity_Type__c: 'Absolute',
  Direction__c: 'Decrease',
  Baseline_Value__c: 50,
  Baseline_Date__c: null,
  Target_Value__c: 40,
  Deadline_Type__c: 'Date',
  Deadline_Date__c: '2026-06-30',
  Deadline_Offset_Months__c: null,
  Latest_Value__c: null,
  Latest_Measured_On__c: null,
  Attainment_Percent__c: null,
  Forecast_At_Deadline__c: null,
  Forecast_Attainment_Percent__c: null,
  Status__c: null,
  goLiveDate: null,
  handoverDate: null,
  measurements: [
    { Measured_On__c: '2025-06-30', Value__c: 50 },
    { Measured_On__c: '2026-06-01', Value__c: 41 },
  ],
};
const fee = (extra: Partial<RecomputeFee> = {}): RecomputeFee => ({
  Id: 'a0F000000000001AAA',
  Name: 'FEE-1',
  Outcome_Requirement__c: OUTCOME,
  Amount_At_Risk__c: 10_000,
  Payout_Rule__c: 'Linear',
  Floor_Attainment_Percent__c: 50,
  Earned_To_Date__c: null,
  Forecast_To_Earn__c: null,
  Forfeited__c: null,
  Status__c: null,
  ...extra,
});

describe('planRecompute: fees at risk', () => {
  it('judges each fee on its outcome\'s assessment and plans the changed fields', () => {
    const plan = planRecompute([outcome], [], { asOf: '2026-07-01' }, [fee()]);
    expect(plan.feeUpdates).toEqual([
      expect.objectContaining({
        id: 'a0F000000000001AAA',
        oldStatus: null,
        newStatus: 'Partly Earned',
        fields: { Earned_To_Date__c: 8000, Forecast_To_Earn__c: 8000, Forfeited__c: 2000, Status__c: 'Partly Earned' },
      }),
    ]);
    expect(feeUpdateRecord(plan.feeUpdates[0])).toEqual({ Id: 'a0F000000000001AAA', Earned_To_Date__c: 8000, Forecast_To_Earn__c: 8000, Forfeited__c: 2000, Status__c: 'Partly Earned' });
  });

  it('writes nothing for a fee whose stored fields already hold the values (to the cent)', () => {
    const stored = fee({ Earned_To_Date__c: 8000.001, Forecast_To_Earn__c: 8000, Forfeited__c: 2000, Status__c: 'Partly Earned' });
    const plan = planRecompute([outcome], [], { asOf: '2026-07-01' }, [stored]);
    expect(plan.feeUpdates).toEqual([]);
    expect(plan.feesUnchanged).toBe(1);
  });

  it('writes only the field that changed', () => {
    const stored = fee({ Earned_To_Date__c: 8000, Forecast_To_Earn__c: 8000, Forfeited__c: 0, Status__c: 'Partly Earned' });
    expect(planRecompute([outcome], [], { asOf: '2026-07-01' }, [stored]).feeUpdates[0].fields).toEqual({ Forfeited__c: 2000 });
  });

  it('leaves a fee whose outcome was not assessed (not in this run) alone', () => {
    const assessments = new Map([[OUTCOME, assessOutcome(outcome, outcome.measurements, { today: '2026-07-01', dueDate: '2026-06-30' })]]);
    const plan = planFeeUpdates([fee({ Outcome_Requirement__c: 'a01000000000002AAA' })], assessments, '2026-07-01');
    expect(plan).toEqual({ feeUpdates: [], feesUnchanged: 0, feesSkipped: 1 });
  });
});
