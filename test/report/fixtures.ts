/** Value reports for the renderer tests, built with the real content model from records a person could have typed. */
import { buildValueReport, type InitiativeSource, type ValueReport } from '../../src/core/plan/valueReport.js';

/** Text that breaks naive HTML, Markdown and CSV output. */
export const HOSTILE = `<script>alert("x")</script> "quoted" & 'single' | pipe`;
export const FORMULA = '=HYPERLINK("http://evil.example","click")';

export function hostileInitiative(): InitiativeSource {
  return {
    record: {
      Id: 'a00000000000001AAA',
      Name: `Rollout ${HOSTILE}`,
      Account__c: '001000000000001AAA',
      Purpose__c: `Line one ${HOSTILE}\nLine two # not a heading`,
      Strategic_Alignment__c: '[click](javascript:alert(1)) **bold**',
      Status__c: 'Adopting',
      Go_Live_Date__c: '2025-01-15',
    },
    accountName: `Acme ${HOSTILE}`,
    components: [
      { Id: 'a03000000000001AAA', Name: `Licence ${HOSTILE}`, Lifecycle__c: 'Renewable', Component_Type__c: 'Subscription', Renewal_Date__c: '2026-08-01', Annual_Value__c: 1234567.891 },
    ],
    outcomes: [
      {
        record: {
          Id: 'a01000000000001AAA',
          Name: 'OR-0001',
          Description__c: `Wastage ${HOSTILE}`,
          Priority__c: 'Primary',
          Validation_Status__c: 'Stated by Customer',
          Quantity_Type__c: 'Absolute',
          Direction__c: 'Decrease',
          Baseline_Value__c: 20,
          Target_Value__c: 10,
          Unit__c: `kg <b>`,
          Deadline_Type__c: 'Date',
          Deadline_Date__c: '2026-06-30',
          Measurement_Method__c: FORMULA,
        },
        measurements: [
          { Measured_On__c: '2026-01-01', Value__c: 18 },
          { Measured_On__c: '2026-04-01', Value__c: 16 },
        ],
        componentIds: ['a03000000000001AAA'],
      },
      {
        record: {
          Id: 'a01000000000002AAA',
          Name: 'OR-0002',
          Description__c: '-5 days to close the books',
          Priority__c: 'Secondary',
          Validation_Status__c: 'Assumed_Needs_Validation',
        },
        measurements: [],
        componentIds: [],
      },
    ],
  };
}

export function hostileReport(): ValueReport {
  return buildValueReport({ scope: { kind: 'initiative', id: 'a00000000000001AAA' }, asOf: '2026-05-01', initiatives: [hostileInitiative()] });
}

/** An account report where one initiative has no outcome yet and the other no primary outcome. */
export function sparseReport(): ValueReport {
  const base = hostileInitiative();
  const bare: InitiativeSource = { ...base, record: { ...base.record, Id: 'a00000000000002AAA', Name: 'Bare' }, outcomes: [] };
  const secondaryOnly: InitiativeSource = { ...base, record: { ...base.record, Name: 'Secondary only' }, outcomes: [base.outcomes[1]] };
  return buildValueReport({ scope: { kind: 'account', id: '001000000000001AAA' }, asOf: '2026-05-01', initiatives: [bare, secondaryOnly] });
}
