import { describe, expect, it } from '@jest/globals';
import { outcomeRuleViolations, sample } from './helpers.js';

describe('outcome requirements', () => {
  it('the rule check itself rejects outcomes that break the rules', () => {
    const valid = { Description__c: 'x', Quantity_Type__c: 'Relative_Percent', Direction__c: 'Decrease', Baseline_Value__c: 8, Target_Value__c: 20, Deadline_Type__c: 'Immediate' };
    expect(outcomeRuleViolations(valid)).toEqual([]);
    expect(outcomeRuleViolations({ ...valid, Baseline_Value__c: 0 })).toHaveLength(1);
    expect(outcomeRuleViolations({ ...valid, Target_Value__c: 100 })).toHaveLength(1);
    expect(outcomeRuleViolations({ ...valid, Direction__c: 'At Most' })).toHaveLength(1);
    expect(outcomeRuleViolations({ ...valid, Quantity_Type__c: 'Absolute', Target_Value__c: 9 })).toHaveLength(1);
    expect(outcomeRuleViolations({ ...valid, Deadline_Type__c: 'Date' })).toHaveLength(1);
    expect(outcomeRuleViolations({ ...valid, Deadline_Type__c: 'Months_After_Go_Live', Deadline_Offset_Months__c: -1 })).toHaveLength(1);
  });

  it.each([42, 7, 2024])('every generated outcome satisfies the validation rules (seed %i)', (seed) => {
    const outcomes = sample(seed, 600).records.Outcome_Requirement__c;
    expect(outcomes.length).toBeGreaterThan(200);
    const broken = outcomes.map((outcome) => ({ id: outcome.External_Id__c, problems: outcomeRuleViolations(outcome) })).filter((entry) => entry.problems.length > 0);
    expect(broken).toEqual([]);
  });

  it('mixes quantity types, directions, deadlines, priorities and stated vs assumed', () => {
    const outcomes = sample(42, 600).records.Outcome_Requirement__c;
    const kinds = (field: string) => new Set(outcomes.map((outcome) => outcome[field]));
    expect(kinds('Quantity_Type__c')).toEqual(new Set(['Absolute', 'Relative_Percent']));
    expect(kinds('Direction__c')).toEqual(new Set(['Increase', 'Decrease', 'At Most', 'At Least']));
    expect(kinds('Deadline_Type__c')).toEqual(new Set(['Date', 'Months_After_Go_Live', 'Immediate']));
    expect(kinds('Priority__c')).toEqual(new Set(['Primary', 'Secondary']));
    expect(kinds('Validation_Status__c')).toEqual(new Set(['Stated by Customer', 'Assumed_Needs_Validation']));
    const withoutMethod = outcomes.filter((outcome) => !outcome.Measurement_Method__c).length;
    expect(withoutMethod).toBeGreaterThan(0);
    expect(withoutMethod).toBeLessThan(outcomes.length / 5);
  });

  it('keeps immediate deadlines free of a date or offset, and dated ones free of an offset', () => {
    for (const outcome of sample().records.Outcome_Requirement__c) {
      if (outcome.Deadline_Type__c === 'Immediate') {
        expect(outcome.Deadline_Date__c ?? outcome.Deadline_Offset_Months__c).toBeUndefined();
      }
      if (outcome.Deadline_Type__c === 'Date') expect(outcome.Deadline_Offset_Months__c).toBeUndefined();
    }
  });
});
