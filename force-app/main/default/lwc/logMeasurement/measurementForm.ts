/**
 * What a logged measurement must be before anything is sent (Measurement__c's own rules: a real date, not in the
 * future, and a number), and the fields an outcome's stored assessment must change to once it is saved.
 */
import { assessmentFields, dateProblem, isAfter, type DatedValue } from 'c/outcomesCore';
import { value, readOutcome, type Field } from 'c/graphqlOutcome';

export type MeasurementInput = { measuredOn: string; value: string; source: string; notes: string };

export const NOTES_MAX_LENGTH = 255;

/** Problems in words, in the order of the form's fields; empty when the measurement may be saved. */
export function measurementProblems(input: MeasurementInput, today: string): string[] {
  const problems: string[] = [];
  if (!input.measuredOn) problems.push('Enter the date the value was measured.');
  else if (dateProblem(input.measuredOn)) problems.push(`The date is not valid: ${dateProblem(input.measuredOn)}.`);
  else if (isAfter(input.measuredOn, today)) problems.push(`The date ${input.measuredOn} is in the future: today is ${today} in your time zone.`);
  if (input.value.trim() === '') problems.push('Enter the measured value.');
  else if (!Number.isFinite(Number(input.value))) problems.push(`The value "${input.value}" is not a number.`);
  if (input.notes.length > NOTES_MAX_LENGTH) problems.push(`Notes are limited to ${NOTES_MAX_LENGTH} characters.`);
  return problems;
}


export type OutcomeForAssessment = {
  Id: string;
  Description__c: Field<string>;
  Unit__c: Field<string>;
  Quantity_Type__c: Field<any>;
  Direction__c: Field<any>;
  Baseline_Value__c: Field<number>;
  Baseline_Date__c: Field<string>;
  Target_Value__c: Field<number>;
  Deadline_Type__c: Field<any>;
  Deadline_Date__c: Field<string>;
  Deadline_Offset_Months__c: Field<number>;
  Due_Date__c: Field<string>;
  Latest_Value__c: Field<number>;
  Latest_Measured_On__c: Field<string>;
  Attainment_Percent__c: Field<number>;
  Forecast_At_Deadline__c: Field<number>;
  Forecast_Attainment_Percent__c: Field<number>;
  Status__c: Field<string>;
  Initiative__r?: { Go_Live_Date__c: Field<string>; Handover_Date__c: Field<string> } | null;
  Measurements__r?: { edges: Array<{ node: { Measured_On__c: Field<string>; Value__c: Field<number> } }> } | null;
};


/**
 * The stored computed fields (Latest_Value__c, Attainment_Percent__c, Forecast_*, Status__c, …) that differ from the
 * assessment with the new measurement: only those are written.
 */
export function changedAssessmentFields(outcome: OutcomeForAssessment, added: DatedValue, today: string): Record<string, unknown> {
  const anchors = { goLiveDate: value(outcome.Initiative__r?.Go_Live_Date__c), handoverDate: value(outcome.Initiative__r?.Handover_Date__c) };
  const computed = assessmentFields(readOutcome(outcome, anchors, today, [added]).assessment);
  const stored = outcome as unknown as Record<string, Field<unknown>>;
  return Object.fromEntries(Object.entries(computed).filter(([field, next]) => (value(stored[field]) ?? null) !== (next ?? null)));
}
