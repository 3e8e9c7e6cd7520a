/**
 * What a handover from sales to the CSM still lacks (docs/design.md, "Rules of the domain": Handover
 * completeness). Every gap is listed with the record and the field to fill, never hidden.
 */
import { missingDeadlineFields, type OutcomeDeadline } from './deadline.js';
import {
  fieldsOf,
  Initiative,
  OpportunityLineItemFields,
  OutcomeRequirement,
  SolutionComponent,
  type ComponentType,
  type Lifecycle,
  type Priority,
} from './model.js';
import { quantityProblem, type OutcomeQuantity } from './quantity.js';

const I = fieldsOf(Initiative);
const O = fieldsOf(OutcomeRequirement);
const S = fieldsOf(SolutionComponent);
const LINE = fieldsOf(OpportunityLineItemFields);

export const HANDOVER_GAP_CODES = [
  'PURPOSE_MISSING',
  'NO_PRIMARY_OUTCOME',
  'OUTCOME_QUANTITY_MISSING',
  'OUTCOME_DEADLINE_MISSING',
  'OUTCOME_MEASUREMENT_METHOD_MISSING',
  'NO_COMPONENTS',
  'COMPONENT_TYPE_MISSING',
  'COMPONENT_LIFECYCLE_MISSING',
  'RENEWAL_DATE_MISSING',
  'CSM_MISSING',
] as const;
export type HandoverGapCode = (typeof HANDOVER_GAP_CODES)[number];

export type HandoverGap = { readonly code: HandoverGapCode; readonly message: string; readonly recordId?: string };

export type HandoverInitiative = {
  readonly Id?: string | null;
  readonly Name?: string | null;
  readonly Purpose__c?: string | null;
  readonly CSM__c?: string | null;
};

export type HandoverOutcome = OutcomeQuantity &
  OutcomeDeadline & {
    readonly Id?: string | null;
    readonly Description__c?: string | null;
    readonly Priority__c?: Priority | null;
    readonly Measurement_Method__c?: string | null;
  };

export type HandoverComponent = {
  readonly Id?: string | null;
  readonly Name?: string | null;
  readonly Component_Type__c?: ComponentType | null;
  readonly Lifecycle__c?: Lifecycle | null;
  readonly Renewal_Date__c?: string | null;
};

export type HandoverInput = {
  readonly initiative: HandoverInitiative;
  readonly outcomes: readonly HandoverOutcome[];
  readonly components: readonly HandoverComponent[];
};

export function handoverGaps({ initiative, outcomes, components }: HandoverInput): HandoverGap[] {
  const gaps: HandoverGap[] = [];
  const initiativeName = label('Initiative', initiative.Name, initiative.Id);
  const add = (code: HandoverGapCode, message: string, recordId?: string | null): void =>
    void gaps.push(recordId ? { code, message, recordId } : { code, message });

  if (isBlank(initiative.Purpose__c)) {
    add('PURPOSE_MISSING', `${initiativeName} has no purpose: fill in ${I.Purpose__c}`, initiative.Id);
  }

  const primaries = outcomes.filter((outcome) => outcome.Priority__c === 'Primary');
  if (primaries.length === 0) {
    add(
      'NO_PRIMARY_OUTCOME',
      `${initiativeName} has no primary outcome: add an outcome requirement with ${O.Priority__c} = Primary`,
      initiative.Id,
    );
  }
  for (const outcome of primaries) {
    const name = label('Primary outcome', outcome.Description__c, outcome.Id);
    const quantity = quantityProblem(outcome);
    if (quantity) add('OUTCOME_QUANTITY_MISSING', `${name}: ${quantity}`, outcome.Id);
    const deadline = missingDeadlineFields(outcome);
    if (deadline.length > 0) add('OUTCOME_DEADLINE_MISSING', `${name} has no deadline: set ${deadline.join(', ')}`, outcome.Id);
    if (isBlank(outcome.Measurement_Method__c)) {
      add('OUTCOME_MEASUREMENT_METHOD_MISSING', `${name} says nothing of how it is measured: fill in ${O.Measurement_Method__c}`, outcome.Id);
    }
  }

  if (components.length === 0) {
    add(
      'NO_COMPONENTS',
      `${initiativeName} has no solution components: add the products sold to its opportunity (Opportunity Products), then run the handover again`,
      initiative.Id,
    );
  }
  for (const component of components) {
    const name = label('Line', component.Name, component.Id);
    if (!component.Component_Type__c) add('COMPONENT_TYPE_MISSING', `${name} has no type: set ${S.Component_Type__c}`, component.Id);
    if (!component.Lifecycle__c) add('COMPONENT_LIFECYCLE_MISSING', `${name} has no lifecycle: set ${S.Lifecycle__c}`, component.Id);
    if (component.Lifecycle__c === 'Renewable' && !component.Renewal_Date__c) {
      add(
        'RENEWAL_DATE_MISSING',
        `${name} is Renewable but has no renewal date: set ${S.Renewal_Date__c}, or ${LINE.End_Date__c} / ${LINE.Term_Months__c} on its line item so the sync can derive it`,
        component.Id,
      );
    }
  }

  if (isBlank(initiative.CSM__c)) add('CSM_MISSING', `${initiativeName} has no CSM: assign one in ${I.CSM__c}`, initiative.Id);
  return gaps;
}

export function isHandoverComplete(input: HandoverInput): boolean {
  return handoverGaps(input).length === 0;
}

function isBlank(text: string | null | undefined): boolean {
  return text == null || text.trim() === '';
}

function label(kind: string, name: string | null | undefined, id: string | null | undefined): string {
  const shortName = name && name.length > 60 ? `${name.slice(0, 57)}...` : name;
  if (shortName && id) return `${kind} "${shortName}" (${id})`;
  if (shortName) return `${kind} "${shortName}"`;
  return id ? `${kind} ${id}` : kind;
}
