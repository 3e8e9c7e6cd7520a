/**
 * An outcome as the components read it through GraphQL (`{ value }` fields, Relay connections), assessed by the domain
 * core from its measurements: one reading shared by the tracker, the radar and the log form, so the three can never
 * disagree on an outcome's due date, attainment or status.
 */
import { assessOutcome, dueDateOf, type DatedValue, type DeadlineAnchors, type DeadlineType, type Direction, type OutcomeAssessment, type QuantityType } from 'c/outcomesCore';

export type Field<T> = { value: T | null; displayValue?: string | null } | null | undefined;
export type Connection<N> = { edges: Array<{ node: N }> } | null | undefined;

export const value = <T>(field: Field<T>): T | null => field?.value ?? null;
export const nodes = <N>(connection: Connection<N>): N[] => connection?.edges.map((edge) => edge.node) ?? [];

/** The fields of an outcome node the assessment reads. */
export type AssessableOutcomeNode = {
  Quantity_Type__c: Field<QuantityType>;
  Direction__c: Field<Direction>;
  Baseline_Value__c: Field<number>;
  Baseline_Date__c: Field<string>;
  Target_Value__c: Field<number>;
  Unit__c?: Field<string>;
  Deadline_Type__c: Field<DeadlineType>;
  Deadline_Date__c: Field<string>;
  Deadline_Offset_Months__c: Field<number>;
  Due_Date__c: Field<string>;
  Measurements__r?: Connection<{ Measured_On__c: Field<string>; Value__c: Field<number> }>;
};

export type ReadOutcome = {
  record: {
    Quantity_Type__c: QuantityType | null;
    Direction__c: Direction | null;
    Baseline_Value__c: number | null;
    Baseline_Date__c: string | null;
    Target_Value__c: number | null;
    Unit__c: string | null;
    Deadline_Type__c: DeadlineType | null;
    Deadline_Date__c: string | null;
    Deadline_Offset_Months__c: number | null;
  };
  dueDate: string | null;
  measurements: DatedValue[];
  assessment: OutcomeAssessment;
};

/** The outcome's quantity, deadline and measurements (plus any not yet saved), assessed as of `today`. */
export function readOutcome(outcome: AssessableOutcomeNode, anchors: DeadlineAnchors, today: string, added: readonly DatedValue[] = []): ReadOutcome {
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
    .map((m) => ({ Measured_On__c: value(m.Measured_On__c) as string, Value__c: value(m.Value__c) as number }))
    .filter((m) => m.Measured_On__c !== null && m.Value__c !== null);
  const assessment = assessOutcome(record, [...measurements, ...added], { today, dueDate });
  return { record, dueDate, measurements, assessment };
}
