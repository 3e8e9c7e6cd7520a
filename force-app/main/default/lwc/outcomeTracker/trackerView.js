// Generated from trackerView.ts by `npm run build:lwc`: edit the source, not this file.
/**
 * What the tracker shows, computed from the GraphQL answer: per outcome its words, latest value, attainment, forecast
 * and status (live, by c/outcomesCore, from the measurements: the stored fields are only as fresh as the last
 * recompute), the capability it depends on and the solution components that serve it.
 */
import { deadlineSummary, quantitySummary, } from 'c/outcomesCore';
import { value, nodes, readOutcome } from 'c/graphqlOutcome';
import { trendChart } from './trendChart';
/** Not on track first: the outcomes a CSM must act on lead. */
const STATUS_ORDER = ['Off Track', 'Missed', 'At Risk', 'No Data', 'On Track', 'Attained'];
const STATUS_CLASS = {
    'Off Track': 'slds-badge slds-theme_error',
    Missed: 'slds-badge slds-theme_error',
    'At Risk': 'slds-badge slds-theme_warning',
    'No Data': 'slds-badge',
    'On Track': 'slds-badge slds-theme_success',
    Attained: 'slds-badge slds-theme_success',
};
export const NOT_ON_TRACK = ['Off Track', 'Missed', 'At Risk', 'No Data'];
function capabilityPath(capability) {
    const names = [];
    for (let level = capability; level; level = level.Parent_Capability__r) {
        const name = value(level.Name);
        if (name)
            names.unshift(name);
    }
    return names.join(' › ');
}
function validationText(status) {
    if (status === 'Assumed_Needs_Validation')
        return 'Assumed: validate with the customer';
    if (status === 'Stated by Customer')
        return 'Stated by the customer';
    if (status === 'Validated')
        return 'Validated with the customer';
    return 'Not yet classified as stated or assumed';
}
function outcomeView(outcome, initiative, today) {
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
        latestText: assessment.latestValue === null ? 'No measurement yet' : `${assessment.latestValue}${unit} on ${assessment.latestMeasuredOn}`,
        status: assessment.status,
        statusClass: STATUS_CLASS[assessment.status],
        reason: assessment.reason,
        attainmentText: attainment === null ? 'Attainment unknown' : `${attainment}% attained`,
        attainmentBar: bar,
        attainmentStyle: `width: ${bar}%`,
        hasAttainment: attainment !== null,
        forecastText: assessment.forecastValue === null
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
function rank(view) {
    return (view.isPrimary ? 0 : 100) + STATUS_ORDER.indexOf(view.status);
}
/** Every outcome of the initiatives answered, primary and not-on-track first. */
export function outcomeViews(data, today) {
    const initiatives = nodes(data?.uiapi.query.Initiative__c);
    return initiatives
        .flatMap((initiative) => nodes(initiative.Outcome_Requirements__r).map((outcome) => outcomeView(outcome, initiative, today)))
        .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}
export function initiativeCount(data) {
    return nodes(data?.uiapi.query.Initiative__c).length;
}
