import { describe, expect, it, test } from '@jest/globals';
import {
  HANDOVER_GAP_CODES,
  handoverGaps,
  isHandoverComplete,
  type HandoverComponent,
  type HandoverInput,
  type HandoverOutcome,
} from '../../src/core/handover.js';

const INITIATIVE = 'a00000000000001AAA';
const OUTCOME = 'a01000000000001AAA';
const LINE = 'a03000000000001AAA';

const outcome: HandoverOutcome = {
  Id: OUTCOME,
  Description__c: 'Raw-material wastage in manufacturing of Product X',
  Priority__c: 'Primary',
  Quantity_Type__c: 'Relative_Percent',
  Direction__c: 'Decrease',
  Baseline_Value__c: 50,
  Target_Value__c: 20,
  Deadline_Type__c: 'Date',
  Deadline_Date__c: '2020-12-31',
  Measurement_Method__c: 'materials used / products made',
};
const line: HandoverComponent = {
  Id: LINE,
  Name: 'Manufacturing Cloud licence',
  Component_Type__c: 'Subscription',
  Lifecycle__c: 'Renewable',
  Renewal_Date__c: '2025-12-31',
};
const complete: HandoverInput = {
  initiative: { Id: INITIATIVE, Name: 'Lean production', Purpose__c: 'Cut waste in Product X', CSM__c: '005000000000001AAA' },
  outcomes: [outcome, { Id: 'a01000000000002AAA', Description__c: 'Nice to have', Priority__c: 'Secondary' }],
  components: [line, { Id: 'a03000000000002AAA', Name: 'Implementation', Component_Type__c: 'Professional Services', Lifecycle__c: 'One_Time' }],
};

describe('handoverGaps', () => {
  it('finds nothing missing in a complete handover (a secondary outcome need not be complete)', () => {
    expect(handoverGaps(complete)).toEqual([]);
    expect(isHandoverComplete(complete)).toBe(true);
  });

  const cases: Array<[string, HandoverInput, string, string, string[]]> = [
    ['PURPOSE_MISSING', { ...complete, initiative: { ...complete.initiative, Purpose__c: '  ' } }, INITIATIVE, 'purpose', ['Lean production', 'Purpose__c']],
    ['NO_PRIMARY_OUTCOME', { ...complete, outcomes: [{ ...outcome, Priority__c: 'Secondary' }] }, INITIATIVE, 'no primary outcome', ['Priority__c = Primary']],
    ['OUTCOME_QUANTITY_MISSING', { ...complete, outcomes: [{ ...outcome, Target_Value__c: null, Direction__c: null }] }, OUTCOME, 'quantity', ['Raw-material wastage', 'Direction__c, Target_Value__c']],
    ['OUTCOME_DEADLINE_MISSING', { ...complete, outcomes: [{ ...outcome, Deadline_Date__c: null }] }, OUTCOME, 'no deadline', ['Deadline_Date__c']],
    ['OUTCOME_MEASUREMENT_METHOD_MISSING', { ...complete, outcomes: [{ ...outcome, Measurement_Method__c: null }] }, OUTCOME, 'measured', ['Measurement_Method__c']],
    ['NO_COMPONENTS', { ...complete, components: [] }, INITIATIVE, 'no solution components', ['Opportunity Products']],
    ['COMPONENT_TYPE_MISSING', { ...complete, components: [{ ...line, Component_Type__c: null }] }, LINE, 'no type', ['Manufacturing Cloud licence', 'Component_Type__c']],
    ['COMPONENT_LIFECYCLE_MISSING', { ...complete, components: [{ ...line, Lifecycle__c: null }] }, LINE, 'no lifecycle', ['Lifecycle__c']],
    ['RENEWAL_DATE_MISSING', { ...complete, components: [{ ...line, Renewal_Date__c: null }] }, LINE, 'Renewable but has no renewal date', ['Renewal_Date__c']],
    ['CSM_MISSING', { ...complete, initiative: { ...complete.initiative, CSM__c: null } }, INITIATIVE, 'no CSM', ['CSM__c']],
  ];

  it('has a case below for every gap code', () => {
    expect(cases.map(([code]) => code).sort()).toEqual([...HANDOVER_GAP_CODES].sort());
  });

  test.each(cases)('reports %s on the record to fix, naming the field', (code, input, recordId, words, names) => {
    const gaps = handoverGaps(input);
    expect(gaps).toEqual([{ code, recordId, message: expect.stringContaining(words) }]);
    for (const name of names) expect(gaps[0].message).toContain(name);
    expect(isHandoverComplete(input)).toBe(false);
  });

  it('reports a relative deadline without its offset', () => {
    const gaps = handoverGaps({ ...complete, outcomes: [{ ...outcome, Deadline_Type__c: 'Months_After_Go_Live', Deadline_Date__c: null }] });
    expect(gaps).toEqual([{ code: 'OUTCOME_DEADLINE_MISSING', recordId: OUTCOME, message: expect.stringContaining('Deadline_Offset_Months__c') }]);
  });

  it('does not report a Planned Temporary line without a renewal date', () => {
    expect(handoverGaps({ ...complete, components: [{ ...line, Lifecycle__c: 'Planned Temporary', Renewal_Date__c: null }] })).toEqual([]);
  });

  it('lists every gap of an empty handover, each once, in reading order', () => {
    const gaps = handoverGaps({
      initiative: { Name: 'Draft' },
      outcomes: [{ Description__c: 'Faster releases', Priority__c: 'Primary' }],
      components: [{ Name: 'Licence', Lifecycle__c: 'Renewable' }],
    });
    expect(gaps.map((gap) => gap.code)).toEqual([
      'PURPOSE_MISSING',
      'OUTCOME_QUANTITY_MISSING',
      'OUTCOME_DEADLINE_MISSING',
      'OUTCOME_MEASUREMENT_METHOD_MISSING',
      'COMPONENT_TYPE_MISSING',
      'RENEWAL_DATE_MISSING',
      'CSM_MISSING',
    ]);
    // Records without an id yet are named by their name, and carry no recordId.
    expect(gaps[0]).toEqual({ code: 'PURPOSE_MISSING', message: 'Initiative "Draft" has no purpose: fill in Purpose__c' });
  });
});
