/**
 * An outcome's quantity and deadline in words, shared by the value report and the Lightning components
 * so both say the same thing ("Increase from 73.1 to 84.07 (15% uplift)", "24 months after go-live: 2027-06-01").
 */
import type { IsoDate } from './dates.js';
import { missingDueDateReason, type DeadlineAnchors, type OutcomeDeadline } from './deadline.js';
import type { Direction } from './model.js';
import { isProgressDirection, quantityProblem, resolvedTarget, type OutcomeQuantity } from './quantity.js';

export type WordedQuantity = OutcomeQuantity & { readonly Unit__c?: string | null };

/** "Increase from 100 to 115 (15% uplift)", "At most 6 months", or what is missing. */
export function quantitySummary(outcome: WordedQuantity): string {
  const problem = quantityProblem(outcome);
  if (problem !== null) return `Not quantified: ${problem}`;
  const unit = outcome.Unit__c ? ` ${outcome.Unit__c}` : '';
  const target = resolvedTarget(outcome) as number;
  const direction = outcome.Direction__c as Direction;
  if (!isProgressDirection(direction)) return `${direction} ${target}${unit}`;
  const from = `${direction} from ${String(outcome.Baseline_Value__c)}${unit} to ${target}${unit}`;
  if (outcome.Quantity_Type__c !== 'Relative_Percent') return from;
  return `${from} (${String(outcome.Target_Value__c)}% ${direction === 'Increase' ? 'uplift' : 'reduction'})`;
}

/** "By 2027-12-31", "24 months after go-live: 2027-06-01", "Immediate: from handover, …", or why there is no due date. */
export function deadlineSummary(outcome: OutcomeDeadline, dueDate: IsoDate | null, anchors: DeadlineAnchors): string {
  if (dueDate === null) return `No due date: ${missingDueDateReason(outcome, anchors) ?? 'no deadline'}`;
  switch (outcome.Deadline_Type__c) {
    case 'Months_After_Go_Live':
      return `${String(outcome.Deadline_Offset_Months__c)} months after go-live: ${dueDate}`;
    case 'Immediate':
      return `Immediate: from ${anchors.goLiveDate ? 'go-live' : 'handover'}, ${dueDate}`;
    default:
      return `By ${dueDate}`;
  }
}
