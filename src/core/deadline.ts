/**
 * When an outcome is due. Mirrors the Due_Date__c formula of the metadata, so the CLI and the
 * components can resolve a due date for records the org has not recomputed yet.
 */
import { addMonths, type IsoDate } from './dates.js';
import { fieldsOf, Initiative, OutcomeRequirement, type DeadlineType } from './model.js';

const F = fieldsOf(OutcomeRequirement);
const I = fieldsOf(Initiative);

export type OutcomeDeadline = {
  readonly Deadline_Type__c?: DeadlineType | null;
  readonly Deadline_Date__c?: IsoDate | null;
  readonly Deadline_Offset_Months__c?: number | null;
};

export type DeadlineAnchors = { readonly goLiveDate?: IsoDate | null; readonly handoverDate?: IsoDate | null };

/**
 * Date → Deadline_Date__c; Months After Go-Live → go-live plus the offset (ADDMONTHS), null until there
 * is a go-live date; Immediate → the go-live date, else the handover date, else null.
 */
export function dueDateOf(outcome: OutcomeDeadline, { goLiveDate, handoverDate }: DeadlineAnchors): IsoDate | null {
  switch (outcome.Deadline_Type__c) {
    case 'Date':
      return outcome.Deadline_Date__c ?? null;
    case 'Months_After_Go_Live':
      if (goLiveDate == null || outcome.Deadline_Offset_Months__c == null) return null;
      return addMonths(goLiveDate, outcome.Deadline_Offset_Months__c);
    case 'Immediate':
      return goLiveDate ?? handoverDate ?? null;
    default:
      return null;
  }
}

/** Why an outcome has no due date yet, in words a CSM can act on; null when it has one. */
export function missingDueDateReason(outcome: OutcomeDeadline, anchors: DeadlineAnchors): string | null {
  if (dueDateOf(outcome, anchors) !== null) return null;
  switch (outcome.Deadline_Type__c) {
    case 'Date':
      return `no ${F.Deadline_Date__c}: enter the date the outcome is due`;
    case 'Months_After_Go_Live':
      return outcome.Deadline_Offset_Months__c == null
        ? `no ${F.Deadline_Offset_Months__c}: enter how many months after go-live it is due`
        : `due ${outcome.Deadline_Offset_Months__c} months after go-live, and the initiative has no ${I.Go_Live_Date__c} yet`;
    case 'Immediate':
      return `due immediately, and the initiative has neither ${I.Go_Live_Date__c} nor ${I.Handover_Date__c}`;
    default:
      return `no ${F.Deadline_Type__c}: choose Date, Months After Go-Live or Immediate`;
  }
}

/** The fields an outcome still needs for its deadline; empty when the deadline is fully described. */
export function missingDeadlineFields(outcome: OutcomeDeadline): string[] {
  switch (outcome.Deadline_Type__c) {
    case 'Date':
      return outcome.Deadline_Date__c == null ? [F.Deadline_Date__c] : [];
    case 'Months_After_Go_Live':
      return outcome.Deadline_Offset_Months__c == null ? [F.Deadline_Offset_Months__c] : [];
    case 'Immediate':
      return [];
    default:
      return [F.Deadline_Type__c];
  }
}
