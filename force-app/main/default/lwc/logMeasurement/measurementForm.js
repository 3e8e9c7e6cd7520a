// Generated from measurementForm.ts by `npm run build:lwc`: edit the source, not this file.
/**
 * What a logged measurement must be before anything is sent (Measurement__c's own rules: a real date, not in the
 * future, and a number), and the fields an outcome's stored assessment must change to once it is saved.
 */
import { assessmentFields, assessOutcome, dateProblem, dueDateOf, isAfter } from 'c/outcomesCore';
export const NOTES_MAX_LENGTH = 255;
/** Problems in words, in the order of the form's fields; empty when the measurement may be saved. */
export function measurementProblems(input, today) {
    const problems = [];
    if (!input.measuredOn)
        problems.push('Enter the date the value was measured.');
    else if (dateProblem(input.measuredOn))
        problems.push(`The date is not valid: ${dateProblem(input.measuredOn)}.`);
    else if (isAfter(input.measuredOn, today))
        problems.push(`The date ${input.measuredOn} is in the future: today is ${today} in your time zone.`);
    if (input.value.trim() === '')
        problems.push('Enter the measured value.');
    else if (!Number.isFinite(Number(input.value)))
        problems.push(`The value "${input.value}" is not a number.`);
    if (input.notes.length > NOTES_MAX_LENGTH)
        problems.push(`Notes are limited to ${NOTES_MAX_LENGTH} characters.`);
    return problems;
}
const value = (field) => field?.value ?? null;
/**
 * The stored computed fields (Latest_Value__c, Attainment_Percent__c, Forecast_*, Status__c, …) that differ from the
 * assessment with the new measurement: only those are written.
 */
export function changedAssessmentFields(outcome, added, today) {
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
    const measurements = (outcome.Measurements__r?.edges ?? [])
        .map(({ node }) => ({ Measured_On__c: value(node.Measured_On__c), Value__c: value(node.Value__c) }))
        .filter((m) => m.Measured_On__c !== null && m.Value__c !== null);
    const computed = assessmentFields(assessOutcome(record, [...measurements, added], { today, dueDate }));
    const stored = outcome;
    return Object.fromEntries(Object.entries(computed).filter(([field, next]) => (value(stored[field]) ?? null) !== (next ?? null)));
}
