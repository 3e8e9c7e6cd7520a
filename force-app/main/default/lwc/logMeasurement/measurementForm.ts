/**
 * What a logged measurement must be before anything is sent (Measurement__c's own rules: a real date, not in the
 * future, and a number), and the fields an outcome's stored assessment must change to once it is saved.
 */
import { assessmentFields, assessOutcome, dateProblem, dueDateOf, isAfter, type DatedValue } from 'c/outcomesCore';

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

type Field<T> = { value: T | null } | null | undefined;

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

const value = <T>(field: Field<T>): T | null => field?.value ?? null;

/**
 * The stored computed fields (Latest_Value__c, Attainment_Percent__c, Forecast_*, Status__c, …) that differ from the
 * assessment with the new measurement: only those are written.
 */
export function changedAssessmentFields(outcome: OutcomeForAssessment, added: DatedValue, today: string): Record<string, unknown> {
  const record = {
    Quantity_Type__c: value(outcome.Quantity_Type__c),
    Direction__c: value(outcome.Direction__c),
    Baseline_Value__c: value(outcome.Baseline_Value__c),
    Baseline_Date__c: value(outcome.Baseline_Date__c),
    Target_Value__c: value(outcome.Target_Value__c),
    Deadline_Type__c: value(outcome.Deadline_Type__c),
    Deadline_Date__c: value(outcome.Deadline_Date__c),
    Deadline_Offset_Months__c: value(outcome.Deadline_Offset_Months__c),
  };
  const anchors = { goLiveDate: value(outcome.Initiative__r?.Go_Live_Date__c), handoverDate: value(outcome.Initiative__r?.Handover_Date__c) };
  const dueDate = value(outcome.Due_Date__c) ?? dueDateOf(record, anchors);
  const measurements: DatedValue[] = (outcome.Measurements__r?.edges ?? [])
    .map(({ node }) => ({ Measured_On__c: value(node.Measured_On__c) as string, Value__c: value(node.Value__c) as number }))
    .filter((m) => m.Measured_On__c !== null && m.Value__c !== null);
  const computed = assessmentFields(assessOutcome(record, [...measurements, added], { today, dueDate }));
  const stored = outcome as unknown as Record<string, Field<unknown>>;
  return Object.fromEntries(Object.entries(computed).filter(([field, next]) => (value(stored[field]) ?? null) !== (next ?? null)));
}
