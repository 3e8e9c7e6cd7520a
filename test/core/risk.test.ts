import { describe, expect, it, test } from '@jest/globals';
import type { OutcomeStatus } from '../../src/core/model.js';
import { renewalRisk, sortRisks, type RiskInitiative, type RiskOutcome } from '../../src/core/risk.js';

const today = '2025-01-01';
const initiative: RiskInitiative = {
  Id: 'a00000000000001AAA',
  Name: 'Customer service quality',
  Next_Renewal_Date__c: '2025-03-01', // 31 + 28 = 59 days away
  Renewable_Annual_Value__c: 120_000,
  Annual_Contract_Value__c: 150_000,
};
const offTrack: RiskOutcome = { Id: 'a01000000000001AAA', Description__c: 'CSAT uplift 15%', Priority__c: 'Primary', Status__c: 'Off Track' };
const onTrack: RiskOutcome = { Id: 'a01000000000002AAA', Description__c: 'Fewer escalations', Priority__c: 'Primary', Status__c: 'On Track' };

describe('renewalRisk', () => {
  it('reports the renewal, the days to it, the value at stake and the outcomes behind it', () => {
    expect(renewalRisk({ initiative, outcomes: [offTrack, onTrack], today })).toEqual({
      initiativeId: 'a00000000000001AAA',
      initiativeName: 'Customer service quality',
      renewalDate: '2025-03-01',
      daysToRenewal: 59,
      valueAtStake: 120_000,
      reasons: [{ outcomeId: 'a01000000000001AAA', description: 'CSAT uplift 15%', status: 'Off Track' }],
    });
  });

  // 2025-01-01 + 120 days = 2025-05-01 (31 + 28 + 31 + 30 = 120)
  test.each([
    ['renewing today (day 0)', '2025-01-01', 0],
    ['renewing on day 120', '2025-05-01', 120],
  ])('is a risk %s', (_, renewal, days) => {
    const risk = renewalRisk({ initiative: { ...initiative, Next_Renewal_Date__c: renewal }, outcomes: [offTrack], today });
    expect(risk?.daysToRenewal).toBe(days);
  });

  test.each([
    ['renewing on day 121', '2025-05-02'],
    ['whose renewal has passed', '2024-12-31'],
    ['with no renewal date', null],
  ])('is no risk %s', (_, renewal) => {
    expect(renewalRisk({ initiative: { ...initiative, Next_Renewal_Date__c: renewal }, outcomes: [offTrack], today })).toBeNull();
  });

  it('takes another window', () => {
    expect(renewalRisk({ initiative, outcomes: [offTrack], today, withinDays: 58 })).toBeNull();
    expect(renewalRisk({ initiative, outcomes: [offTrack], today, withinDays: 59 })).not.toBeNull();
  });

  test.each([
    ['Off Track', true],
    ['At Risk', true],
    ['Missed', true],
    ['No Data', true],
    [null, true], // never assessed: no measurement
    ['On Track', false],
    ['Attained', false],
  ] satisfies Array<[OutcomeStatus | null, boolean]>)('a primary outcome %p puts the renewal at risk: %p', (status, risky) => {
    const risk = renewalRisk({ initiative, outcomes: [{ ...offTrack, Status__c: status }], today });
    expect(risk !== null).toBe(risky);
    if (risky) expect(risk?.reasons[0].status).toBe(status ?? 'No Data');
  });

  it('ignores secondary outcomes', () => {
    expect(renewalRisk({ initiative, outcomes: [{ ...offTrack, Priority__c: 'Secondary' }, onTrack], today })).toBeNull();
  });

  test.each([
    ['the renewable annual value', { Renewable_Annual_Value__c: 80_000, Annual_Contract_Value__c: 150_000 }, 80_000],
    ['the annual contract value without one', { Renewable_Annual_Value__c: null, Annual_Contract_Value__c: 150_000 }, 150_000],
    ['0 without either', { Renewable_Annual_Value__c: null, Annual_Contract_Value__c: null }, 0],
    // A SUM roll-up over no renewable lines is 0 in Salesforce, not null: the ACV is what is at stake then.
    ['the annual contract value when the roll-up is 0', { Renewable_Annual_Value__c: 0, Annual_Contract_Value__c: 150_000 }, 150_000],
    ['the annual contract value when the roll-up is not read', { Renewable_Annual_Value__c: undefined, Annual_Contract_Value__c: 42_500 }, 42_500],
    ['0 when the roll-up is 0 and there is no ACV', { Renewable_Annual_Value__c: 0, Annual_Contract_Value__c: null }, 0],
    ['the renewable value even when the ACV is 0', { Renewable_Annual_Value__c: 9_999.5, Annual_Contract_Value__c: 0 }, 9_999.5],
  ])('puts at stake %s', (_, values, expected) => {
    expect(renewalRisk({ initiative: { ...initiative, ...values }, outcomes: [offTrack], today })?.valueAtStake).toBe(expected);
  });
});

describe('sortRisks', () => {
  it('orders by renewal date, then by value at stake, largest first, without changing its input', () => {
    const risks = [
      { id: 'c', renewalDate: '2025-03-01', valueAtStake: 10 },
      { id: 'a', renewalDate: '2025-02-01', valueAtStake: 5 },
      { id: 'd', renewalDate: '2025-03-01', valueAtStake: 90 },
      { id: 'b', renewalDate: '2024-12-31', valueAtStake: 1 },
    ];
    expect(sortRisks(risks).map((r) => r.id)).toEqual(['b', 'a', 'd', 'c']);
    expect(risks.map((r) => r.id)).toEqual(['c', 'a', 'd', 'b']);
  });
});
