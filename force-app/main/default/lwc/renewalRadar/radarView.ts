/**
 * What the renewal radar shows, computed from the GraphQL answer: each initiative renewing inside the window, its
 * outcome health and value at stake, and, when a primary outcome is not on track (the domain core's renewal risk
 * rule, c/outcomesCore renewalRisk), those outcomes and the renewable lines that stand on them (Outcome_Component__c).
 *
 * Outcome statuses are computed live from the measurements, as the outcome tracker does: the stored Status__c is
 * only as fresh as the last `sf outcomes recompute`, and the radar must not disagree with the tracker beside it.
 */
import {
  outcomeHealth,
  renewalRisk,
  sortRisks,
  valueAtStake,
  daysBetween,
  type DeadlineType,
  type Direction,
  type OutcomeHealth,
  type OutcomeStatus,
  type QuantityType,
} from 'c/outcomesCore';
import { value, nodes, readOutcome, type Field, type Connection } from 'c/graphqlOutcome';


export type LineNode = {
  Id: string;
  Name: Field<string>;
  Lifecycle__c: Field<string>;
  Renewal_Date__c: Field<string>;
  Annual_Value__c: Field<number>;
};

export type RadarOutcomeNode = {
  Id: string;
  Description__c: Field<string>;
  Priority__c: Field<'Primary' | 'Secondary'>;
  Quantity_Type__c: Field<QuantityType>;
  Direction__c: Field<Direction>;
  Baseline_Value__c: Field<number>;
  Baseline_Date__c: Field<string>;
  Target_Value__c: Field<number>;
  Deadline_Type__c: Field<DeadlineType>;
  Deadline_Date__c: Field<string>;
  Deadline_Offset_Months__c: Field<number>;
  Due_Date__c: Field<string>;
  Measurements__r: Connection<{ Measured_On__c: Field<string>; Value__c: Field<number> }>;
  Outcome_Components__r: Connection<{ Id: string; Solution_Component__r?: LineNode | null }>;
};

export type RadarInitiativeNode = {
  Id: string;
  Name: Field<string>;
  Account__c: Field<string>;
  Account__r?: { Name: Field<string> } | null;
  Next_Renewal_Date__c: Field<string>;
  Renewable_Annual_Value__c: Field<number>;
  Annual_Contract_Value__c: Field<number>;
  Go_Live_Date__c: Field<string>;
  Handover_Date__c: Field<string>;
  Outcome_Requirements__r: Connection<RadarOutcomeNode>;
};

export type RadarData = { uiapi: { query: { Initiative__c: Connection<RadarInitiativeNode> } } };

export type RadarLine = { id: string; name: string; renewalText: string; valueText: string; url: string };
export type RadarReason = { id: string; description: string; status: OutcomeStatus; statusClass: string; url: string; lines: RadarLine[]; hasLines: boolean };

export type RadarRow = {
  id: string;
  name: string;
  url: string;
  accountId: string | null;
  accountName: string;
  accountUrl: string | null;
  renewalDate: string;
  daysToRenewal: number;
  renewalText: string;
  health: OutcomeHealth;
  healthClass: string;
  valueAtStake: number;
  valueText: string;
  atRisk: boolean;
  rowClass: string;
  reasons: RadarReason[];
};

export const recordUrl = (objectApiName: string, recordId: string): string => `/lightning/r/${objectApiName}/${recordId}/view`;

const BADGE: Record<string, string> = {
  'Off Track': 'slds-badge slds-theme_error',
  Missed: 'slds-badge slds-theme_error',
  'At Risk': 'slds-badge slds-theme_warning',
  'No Data': 'slds-badge',
  'On Track': 'slds-badge slds-theme_success',
  Attained: 'slds-badge slds-theme_success',
};

const amount = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
export const formatAmount = (n: number): string => amount.format(n);

function liveStatus(outcome: RadarOutcomeNode, initiative: RadarInitiativeNode, today: string): OutcomeStatus {
  const anchors = { goLiveDate: value(initiative.Go_Live_Date__c), handoverDate: value(initiative.Handover_Date__c) };
  return readOutcome(outcome, anchors, today).assessment.status;
}

/** The renewable lines linked to an outcome: what the customer renews, or not, on the strength of that outcome. */
function renewableLines(outcome: RadarOutcomeNode): RadarLine[] {
  return nodes(outcome.Outcome_Components__r)
    .map((link) => link.Solution_Component__r)
    .filter((line): line is LineNode => !!line && value(line.Lifecycle__c) === 'Renewable')
    .map((line) => {
      const annual = value(line.Annual_Value__c);
      const renewal = value(line.Renewal_Date__c);
      return {
        id: line.Id,
        name: value(line.Name) ?? line.Id,
        renewalText: renewal ? `renews ${renewal}` : 'no renewal date',
        valueText: annual === null ? '' : `${formatAmount(annual)} a year`,
        url: recordUrl('Solution_Component__c', line.Id),
      };
    });
}

function days(n: number): string {
  if (n === 0) return 'today';
  return n === 1 ? 'in 1 day' : `in ${n} days`;
}

function radarRow(initiative: RadarInitiativeNode, today: string, windowDays: number): RadarRow | null {
  const renewalDate = value(initiative.Next_Renewal_Date__c);
  if (!renewalDate) return null;
  const daysToRenewal = daysBetween(today, renewalDate);
  if (daysToRenewal < 0 || daysToRenewal > windowDays) return null;

  const outcomes = nodes(initiative.Outcome_Requirements__r).map((node) => ({ node, status: liveStatus(node, initiative, today) }));
  const assessed = outcomes.map(({ node, status }) => ({ Id: node.Id, Description__c: value(node.Description__c), Priority__c: value(node.Priority__c), Status__c: status }));
  const money = { Renewable_Annual_Value__c: value(initiative.Renewable_Annual_Value__c), Annual_Contract_Value__c: value(initiative.Annual_Contract_Value__c) };
  const risk = renewalRisk({ initiative: { Id: initiative.Id, Name: value(initiative.Name), Next_Renewal_Date__c: renewalDate, ...money }, outcomes: assessed, today, withinDays: windowDays });
  const health = outcomeHealth(assessed);
  const stake = valueAtStake(money);
  const byId = new Map(outcomes.map(({ node }) => [node.Id, node]));
  const reasons = (risk?.reasons ?? []).map((reason) => {
    const lines = renewableLines(byId.get(reason.outcomeId as string) as RadarOutcomeNode);
    return {
      id: reason.outcomeId as string,
      description: reason.description,
      status: reason.status,
      statusClass: BADGE[reason.status],
      url: recordUrl('Outcome_Requirement__c', reason.outcomeId as string),
      lines,
      hasLines: lines.length > 0,
    };
  });
  const accountId = value(initiative.Account__c);
  return {
    id: initiative.Id,
    name: value(initiative.Name) ?? initiative.Id,
    url: recordUrl('Initiative__c', initiative.Id),
    accountId,
    accountName: value(initiative.Account__r?.Name) ?? '',
    accountUrl: accountId ? recordUrl('Account', accountId) : null,
    renewalDate,
    daysToRenewal,
    renewalText: `${renewalDate} (${days(daysToRenewal)})`,
    health,
    healthClass: BADGE[health],
    valueAtStake: stake,
    valueText: formatAmount(stake),
    atRisk: risk !== null,
    rowClass: `initiative slds-box slds-var-m-bottom_small${risk ? ' at-risk' : ''}`,
    reasons,
  };
}

/** Every initiative renewing within the window, soonest first and, on one day, the most at stake first. */
export function radarRows(data: RadarData | null | undefined, today: string, windowDays: number): RadarRow[] {
  const rows = nodes(data?.uiapi.query.Initiative__c)
    .map((initiative) => radarRow(initiative, today, windowDays))
    .filter((row): row is RadarRow => row !== null);
  return sortRisks(rows);
}
