/**
 * The outcome requirement sales records before or at close: what the customer wants to achieve, whether they said
 * so or sales assumes it, primary or secondary, the quantity, the deadline and how it will be measured. Only the
 * fields that apply to the chosen quantity and deadline are sent; the org's validation rules have the last word.
 */
import {
  DEADLINE_TYPES,
  DIRECTIONS,
  fieldsOf,
  Initiative,
  OutcomeRequirement,
  PRIORITIES,
  QUANTITY_TYPES,
  picklistLabel,
} from 'c/outcomesCore';

const O = fieldsOf(OutcomeRequirement);
const I = fieldsOf(Initiative);

export type Option = { label: string; value: string };
const options = (values: readonly string[]): Option[] => values.map((v) => ({ label: picklistLabel(v), value: v }));

export const PRIORITY_OPTIONS = options(PRIORITIES);
/** At close, an outcome is either what the customer said or what sales assumes; Validated comes later, from the CSM. */
export const VALIDATION_OPTIONS = options(['Stated by Customer', 'Assumed_Needs_Validation']);
export const QUANTITY_TYPE_OPTIONS = options(QUANTITY_TYPES);
export const DIRECTION_OPTIONS = options(DIRECTIONS);
export const DEADLINE_TYPE_OPTIONS = options(DEADLINE_TYPES);

export type OutcomeDraft = {
  description: string;
  priority: string;
  validation: string;
  quantityType: string;
  direction: string;
  baseline: string;
  target: string;
  unit: string;
  deadlineType: string;
  deadlineDate: string;
  offsetMonths: string;
  measurementMethod: string;
};

export const EMPTY_DRAFT: OutcomeDraft = {
  description: '',
  priority: 'Primary',
  validation: 'Stated by Customer',
  quantityType: 'Absolute',
  direction: 'Increase',
  baseline: '',
  target: '',
  unit: '',
  deadlineType: 'Date',
  deadlineDate: '',
  offsetMonths: '',
  measurementMethod: '',
};

/** A baseline is what an increase, a decrease or a relative target is measured from. */
export const needsBaseline = (draft: OutcomeDraft): boolean =>
  draft.quantityType === 'Relative_Percent' || draft.direction === 'Increase' || draft.direction === 'Decrease';

const numberOrNull = (text: string): number | null => (text.trim() === '' ? null : Number(text));

/** What stops the draft before any call: only what the form itself can tell; the org checks the rest. */
export function draftProblems(draft: OutcomeDraft): string[] {
  const problems: string[] = [];
  if (draft.description.trim() === '') problems.push('Describe the outcome the customer wants.');
  for (const [label, text] of [['Baseline', draft.baseline], ['Target', draft.target], ['Months after go-live', draft.offsetMonths]] as const) {
    if (text.trim() !== '' && !Number.isFinite(Number(text))) problems.push(`${label} must be a number.`);
  }
  return problems;
}

export function outcomeFields(draft: OutcomeDraft, initiativeId: string): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    [O.Initiative__c]: initiativeId,
    [O.Description__c]: draft.description.trim(),
    [O.Priority__c]: draft.priority,
    [O.Validation_Status__c]: draft.validation,
    [O.Quantity_Type__c]: draft.quantityType,
    [O.Direction__c]: draft.direction,
    [O.Target_Value__c]: numberOrNull(draft.target),
    [O.Deadline_Type__c]: draft.deadlineType,
  };
  if (needsBaseline(draft)) fields[O.Baseline_Value__c] = numberOrNull(draft.baseline);
  if (draft.unit.trim()) fields[O.Unit__c] = draft.unit.trim();
  if (draft.deadlineType === 'Date') fields[O.Deadline_Date__c] = draft.deadlineDate || null;
  if (draft.deadlineType === 'Months_After_Go_Live') fields[O.Deadline_Offset_Months__c] = numberOrNull(draft.offsetMonths);
  if (draft.measurementMethod.trim()) fields[O.Measurement_Method__c] = draft.measurementMethod.trim();
  return fields;
}

/**
 * The Initiative sales opens on the opportunity. Source_Opportunity_Id__c is the handover sync's upsert key: with it,
 * the sync completes this record at close instead of creating a second one.
 */
export function initiativeFields(opportunity: { id: string; accountId: string | null }, name: string, purpose: string): Record<string, unknown> {
  return {
    [I.Name]: name.trim(),
    [I.Account__c]: opportunity.accountId,
    [I.Opportunity__c]: opportunity.id,
    [I.Source_Opportunity_Id__c]: opportunity.id,
    [I.Purpose__c]: purpose.trim() || null,
    [I.Status__c]: 'Handover',
  };
}
