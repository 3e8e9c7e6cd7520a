// Generated from graphqlOutcome.ts by `npm run build:lwc`: edit the source, not this file.
/**
 * An outcome as the components read it through GraphQL (`{ value }` fields, Relay connections), assessed by the domain
 * core from its measurements: one reading shared by the tracker, the radar and the log form, so the three can never
 * disagree on an outcome's due date, attainment or status.
 */
import { assessOutcome, dueDateOf } from 'c/outcomesCore';
export const value = (field) => field?.value ?? null;
export const nodes = (connection) => connection?.edges.map((edge) => edge.node) ?? [];
/** The outcome's quantity, deadline and measurements (plus any not yet saved), assessed as of `today`. */
export function readOutcome(outcome, anchors, today, added = []) {
    const record = {
        Quantity_Type__c: value(outcome.Quantity_Type__c),
        Direction__c: value(outcome.Direction__c),
        Baseline_Value__c: value(outcome.Baseline_Value__c),
        Baseline_Date__c: value(outcome.Baseline_Date__c),
        Target_Value__c: value(outcome.Target_Value__c),
        Unit__c: value(outcome.Unit__c),
        Deadline_Type__c: value(outcome.Deadline_Type__c),
        Deadline_Date__c: value(outcome.Deadline_Date__c),
        Deadline_Offset_Months__c: value(outcome.Deadline_Offset_Months__c),
    };
    // The org's formula decides; the core's copy of it covers a record the org has not recalculated.
    const dueDate = value(outcome.Due_Date__c) ?? dueDateOf(record, anchors);
    const measurements = nodes(outcome.Measurements__r)
        .map((m) => ({ Measured_On__c: value(m.Measured_On__c), Value__c: value(m.Value__c) }))
        .filter((m) => m.Measured_On__c !== null && m.Value__c !== null);
    const assessment = assessOutcome(record, [...measurements, ...added], { today, dueDate });
    return { record, dueDate, measurements, assessment };
}
