// Generated from radarView.ts by `npm run build:lwc`: edit the source, not this file.
/**
 * What the renewal radar shows, computed from the GraphQL answer: each initiative renewing inside the window, its
 * outcome health and value at stake, and, when a primary outcome is not on track (the domain core's renewal risk
 * rule, c/outcomesCore renewalRisk), those outcomes and the renewable lines that stand on them (Outcome_Component__c).
 *
 * Outcome statuses are computed live from the measurements, as the outcome tracker does: the stored Status__c is
 * only as fresh as the last `sf outcomes recompute`, and the radar must not disagree with the tracker beside it.
 */
import { outcomeHealth, renewalRisk, sortRisks, valueAtStake, daysBetween, } from 'c/outcomesCore';
import { value, nodes, readOutcome } from 'c/graphqlOutcome';
export const recordUrl = (objectApiName, recordId) => `/lightning/r/${objectApiName}/${recordId}/view`;
const BADGE = {
    'Off Track': 'slds-badge slds-theme_error',
    Missed: 'slds-badge slds-theme_error',
    'At Risk': 'slds-badge slds-theme_warning',
    'No Data': 'slds-badge',
    'On Track': 'slds-badge slds-theme_success',
    Attained: 'slds-badge slds-theme_success',
};
const amount = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
export const formatAmount = (n) => amount.format(n);
function liveStatus(outcome, initiative, today) {
    const anchors = { goLiveDate: value(initiative.Go_Live_Date__c), handoverDate: value(initiative.Handover_Date__c) };
    return readOutcome(outcome, anchors, today).assessment.status;
}
/** The renewable lines linked to an outcome: what the customer renews, or not, on the strength of that outcome. */
function renewableLines(outcome) {
    return nodes(outcome.Outcome_Components__r)
        .map((link) => link.Solution_Component__r)
        .filter((line) => !!line && value(line.Lifecycle__c) === 'Renewable')
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
function days(n) {
    if (n === 0)
        return 'today';
    return n === 1 ? 'in 1 day' : `in ${n} days`;
}
function radarRow(initiative, today, windowDays) {
    const renewalDate = value(initiative.Next_Renewal_Date__c);
    if (!renewalDate)
        return null;
    const daysToRenewal = daysBetween(today, renewalDate);
    if (daysToRenewal < 0 || daysToRenewal > windowDays)
        return null;
    const outcomes = nodes(initiative.Outcome_Requirements__r).map((node) => ({ node, status: liveStatus(node, initiative, today) }));
    const assessed = outcomes.map(({ node, status }) => ({ Id: node.Id, Description__c: value(node.Description__c), Priority__c: value(node.Priority__c), Status__c: status }));
    const money = { Renewable_Annual_Value__c: value(initiative.Renewable_Annual_Value__c), Annual_Contract_Value__c: value(initiative.Annual_Contract_Value__c) };
    const risk = renewalRisk({ initiative: { Id: initiative.Id, Name: value(initiative.Name), Next_Renewal_Date__c: renewalDate, ...money }, outcomes: assessed, today, withinDays: windowDays });
    const health = outcomeHealth(assessed);
    const stake = valueAtStake(money);
    const byId = new Map(outcomes.map(({ node }) => [node.Id, node]));
    const reasons = (risk?.reasons ?? []).map((reason) => {
        const lines = renewableLines(byId.get(reason.outcomeId));
        return {
            id: reason.outcomeId,
            description: reason.description,
            status: reason.status,
            statusClass: BADGE[reason.status],
            url: recordUrl('Outcome_Requirement__c', reason.outcomeId),
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
export function radarRows(data, today, windowDays) {
    const rows = nodes(data?.uiapi.query.Initiative__c)
        .map((initiative) => radarRow(initiative, today, windowDays))
        .filter((row) => row !== null);
    return sortRisks(rows);
}
