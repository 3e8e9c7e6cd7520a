import { describe, expect, it } from '@jest/globals';
import { DEADLINE_TYPES, LIFECYCLES, MEASUREMENT_SOURCES, QUANTITY_TYPES, VALIDATION_STATUSES } from '../../src/core/model.js';
import { describePicklistValues, picklistValueOf } from '../../src/core/picklistInput.js';

describe('picklistValueOf', () => {
  it('accepts a value by API name or by label and returns the API name', () => {
    expect(picklistValueOf(QUANTITY_TYPES, 'Relative_Percent')).toBe('Relative_Percent');
    expect(picklistValueOf(QUANTITY_TYPES, 'Relative %')).toBe('Relative_Percent');
    expect(picklistValueOf(VALIDATION_STATUSES, 'Assumed – Needs Validation')).toBe('Assumed_Needs_Validation');
    expect(picklistValueOf(DEADLINE_TYPES, 'Months After Go-Live')).toBe('Months_After_Go_Live');
    expect(picklistValueOf(LIFECYCLES, 'One-Time')).toBe('One_Time');
    expect(picklistValueOf(MEASUREMENT_SOURCES, 'Survey')).toBe('Survey');
  });

  it('ignores case, extra spaces and the kind of dash people type', () => {
    expect(picklistValueOf(VALIDATION_STATUSES, '  assumed - needs   validation ')).toBe('Assumed_Needs_Validation');
    expect(picklistValueOf(VALIDATION_STATUSES, 'Assumed — Needs Validation')).toBe('Assumed_Needs_Validation');
    expect(picklistValueOf(QUANTITY_TYPES, 'relative_percent')).toBe('Relative_Percent');
    expect(picklistValueOf(MEASUREMENT_SOURCES, 'SURVEY')).toBe('Survey');
  });

  it('names no value for anything else', () => {
    expect(picklistValueOf(QUANTITY_TYPES, 'Relative')).toBeUndefined();
    expect(picklistValueOf(QUANTITY_TYPES, 'Percent')).toBeUndefined();
    expect(picklistValueOf(MEASUREMENT_SOURCES, '')).toBeUndefined();
  });
});

describe('describePicklistValues', () => {
  it('shows the label beside an API name that differs from it', () => {
    expect(describePicklistValues(QUANTITY_TYPES)).toBe('"Absolute", "Relative_Percent" (Relative %)');
  });
});
