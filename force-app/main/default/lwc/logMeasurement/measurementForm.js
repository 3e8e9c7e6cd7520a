// Generated from measurementForm.ts by `npm run build:lwc`: edit the source, not this file.
/**
 * What a logged measurement must be before anything is sent (Measurement__c's own rules: a real date, not in the
 * future, and a number), and the fields an outcome's stored assessment must change to once it is saved.
 */
import { assessmentFields, dateProblem, isAfter } from 'c/outcomesCore';
import { value, readOutcome } from 'c/graphqlOutcome';
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
/**
 * The stored computed fields (Latest_Value__c, Attainment_Percent__c, Forecast_*, Status__c, …) that differ from the
 * assessment with the new measurement: only those are written.
 */
export function changedAssessmentFields(outcome, added, today) {
    const anchors = { goLiveDate: value(outcome.Initiative__r?.Go_Live_Date__c), handoverDate: value(outcome.Initiative__r?.Handover_Date__c) };
    const computed = assessmentFields(readOutcome(outcome, anchors, today, [added]).assessment);
    const stored = outcome;
    return Object.fromEntries(Object.entries(computed).filter(([field, next]) => (value(stored[field]) ?? null) !== (next ?? null)));
}
