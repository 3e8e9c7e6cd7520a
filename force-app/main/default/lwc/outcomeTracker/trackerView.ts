/**
 * What the tracker shows, computed from the GraphQL answer: per outcome its words, latest value, attainment, forecast
 * and status (live, by c/outcomesCore, from the measurements: the stored fields are only as fresh as the last
 * recompute), the capability it depends on and the solution components that serve it.
 */
import {
  deadlineSummary,
  quantitySummary,
  type DeadlineType,
  type Direction,
  type OutcomeAssessment,
  type OutcomeStatus,
  type QuantityType,
} from 'c/outcomesCore';
import { value, nodes, readOutcome, type Field, type Connection } from 'c/graphqlOutcome';
import { trendChart, type TrendChart } from './trendChart';


export type ComponentNode = { Id: string; Name: Field<string>; Component_Type__c?: Field<string> };
export type CapabilityNode = { Name: Field<string>; Parent_Capability__r?: CapabilityNode | null } | null | undefined;

export type OutcomeNode = {
  Id: string;
  Name: Field<string>;
  Description__c: Field<string>;
  Priority__c: Field<string>;
  Validation_Status__c: Field<string>;
  Quantity_Type__c: Field<QuantityType>;
  Direction__c: Field<Direction>;
  Baseline_Value__c: Field<number>;
  Baseline_Date__c: Field<string>;
  Target_Value__c: Field<number>;
  Unit__c: Field<string>;
  Deadline_Type__c: Field<DeadlineType>;
  Deadline_Date__c: Field<string>;
  Deadline_Offset_Months__c: Field<number>;
  Due_Date__c: Field<string>;
  Status__c: Field<string>;
  Business_Capability__r?: CapabilityNode;
  Measurements__r: Connection<{ Id: string; Measured_On__c: Field<string>; Value__c: Field<number> }>;
  Outcome_Components__r: Connection<{ Id: string; Solution_Component__c: Field<string>; Solution_Component__r?: { Name: Field<string> } | null }>;
};

export type InitiativeNode = {
  Id: string;
  Name: Field<string>;
  Go_Live_Date__c: Field<string>;
  Handover_Date__c: Field<string>;
  Solution_Components__r: Connection<ComponentNode>;
  Outcome_Requirements__r: Connection<OutcomeNode>;
};

export type TrackerData = { uiapi: { query: { Initiative__c: Connection<InitiativeNode> } } };

export type Option = { label: string; value: string };

export type OutcomeView = {
  id: string;
  initiativeName: string;
  name: string;
  description: string;
  priority: string;
  isPrimary: boolean;
  validationStatus: string;
  isAssumed: boolean;
  validationText: string;
  quantityText: string;
  deadlineText: string;
  latestText: string;
  status: OutcomeStatus;
  statusClass: string;
  reason: string;
  attainmentText: string;
  /** 0–100 for the bar; the words say when it is beyond either end. */
  attainmentBar: number;
  attainmentStyle: string;
  hasAttainment: boolean;
  forecastText: string;
  capabilityPath: string;
  linkedComponents: Array<{ linkId: string; componentId: string; name: string; unlinkLabel: string }>;
  linkableComponents: Option[];
  hasLinkableComponents: boolean;
  chart: TrendChart | null;
  chartLabel: string;
  assessment: OutcomeAssessment;
};


/** Not on track first: the outcomes a CSM must act on lead. */
const STATUS_ORDER: OutcomeStatus[] = ['Off Track', 'Missed', 'At Risk', 'No Data', 'On Track', 'Attained'];

const STATUS_CLASS: Record<OutcomeStatus, string> = {
  'Off Track': 'slds-badge slds-theme_error',
  Missed: 'slds-badge slds-theme_error',
  'At Risk': 'slds-badge slds-theme_warning',
  'No Data': 'slds-badge',
  'On Track': 'slds-badge slds-theme_success',
  Attained: 'slds-badge slds-theme_success',
};

export const NOT_ON_TRACK: readonly OutcomeStatus[] = ['Off Track', 'Missed', 'At Risk', 'No Data'];

function capabilityPath(capability: CapabilityNode): string {
  const names: string[] = [];
  for (let level = capability; level; level = level.Parent_Capability__r) {
    const name = value(level.Name);
    if (name) names.unshift(name);
  }
  return names.join(' › ');
}

function validationText(status: string | null): string {
  if (status === 'Assumed_Needs_Validation') return 'Assumed: validate with the customer';
  if (status === 'Stated by Customer') return 'Stated by the customer';
  if (status === 'Validated') return 'Validated with the customer';
  return 'Not yet classified as stated or assumed';
}

function outcomeView(outcome: OutcomeNode, initiative: InitiativeNode, today: string): OutcomeView {
  const anchors = { goLiveDate: value(initiative.Go_Live_Date__c), handoverDate: value(initiative.Handover_Date__c) };
  const { record, dueDate, measurements, assessment } = readOutcome(outcome, anchors, today);
  const unit = record.Unit__c ? ` ${record.Unit__c}` : '';
  const linked = nodes(outcome.Outcome_Components__r).map((link) => {
    const name = value(link.Solution_Component__r?.Name) ?? 'Unnamed component';
    return { linkId: link.Id, componentId: value(link.Solution_Component__c) ?? '', name, unlinkLabel: `Unlink ${name}` };
  });
  const linkedIds = new Set(linked.map((l) => l.componentId));
  const linkable = nodes(initiative.Solution_Components__r)
    .filter((c) => !linkedIds.has(c.Id))
    .map((c) => ({ label: value(c.Name) ?? c.Id, value: c.Id }));
  const attainment = assessment.attainmentPercent;
  const bar = attainment === null ? 0 : Math.max(0, Math.min(100, attainment));
  const validationStatus = value(outcome.Validation_Status__c) ?? '';
  const description = value(outcome.Description__c) ?? '';

  return {
    id: outcome.Id,
    initiativeName: value(initiative.Name) ?? '',
    name: value(outcome.Name) ?? '',
    description,
    priority: value(outcome.Priority__c) ?? 'No priority',
    isPrimary: value(outcome.Priority__c) === 'Primary',
    validationStatus,
    isAssumed: validationStatus === 'Assumed_Needs_Validation',
    validationText: validationText(validationStatus || null),
    quantityText: quantitySummary(record),
    deadlineText: deadlineSummary(record, dueDate, anchors),
    latestText:
      assessment.latestValue === null ? 'No measurement yet' : `${assessment.latestValue}${unit} on ${assessment.latestMeasuredOn}`,
    status: assessment.status,
    statusClass: STATUS_CLASS[assessment.status],
    reason: assessment.reason,
    attainmentText: attainment === null ? 'Attainment unknown' : `${attainment}% attained`,
    attainmentBar: bar,
    attainmentStyle: `width: ${bar}%`,
    hasAttainment: attainment !== null,
    forecastText:
      assessment.forecastValue === null
        ? 'No forecast yet'
        : `Forecast at the due date: ${assessment.forecastValue}${unit} (${assessment.forecastAttainmentPercent}% attained)`,
    capabilityPath: capabilityPath(outcome.Business_Capability__r) || 'No business capability recorded',
    linkedComponents: linked,
    linkableComponents: linkable,
    hasLinkableComponents: linkable.length > 0,
    chart: trendChart({
      series: measurements.map((m) => ({ date: m.Measured_On__c, value: m.Value__c })),
      baseline: record.Baseline_Value__c,
      target: assessment.targetValue,
      dueDate,
      forecast: assessment.forecastValue,
    }),
    chartLabel: `Trend of ${description}: ${measurements.length} measurements, ${assessment.targetValue === null ? 'no target' : `target ${assessment.targetValue}${unit}`}${dueDate ? `, due ${dueDate}` : ''}`,
    assessment,
  };
}

function rank(view: OutcomeView): number {
  return (view.isPrimary ? 0 : 100) + STATUS_ORDER.indexOf(view.status);
}

/** Every outcome of the initiatives answered, primary and not-on-track first. */
export function outcomeViews(data: TrackerData | undefined | null, today: string): OutcomeView[] {
  const initiatives = nodes(data?.uiapi.query.Initiative__c);
  return initiatives
    .flatMap((initiative) => nodes(initiative.Outcome_Requirements__r).map((outcome) => outcomeView(outcome, initiative, today)))
    .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

export function initiativeCount(data: TrackerData | undefined | null): number {
  return nodes(data?.uiapi.query.Initiative__c).length;
}
