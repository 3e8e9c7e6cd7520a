// Generated from checklistView.ts by `npm run build:lwc`: edit the source, not this file.
/**
 * What the handover checklist shows, computed from the GraphQL answer: the handover completeness rule of the domain
 * core (c/outcomesCore handoverGaps, the same rule `sf outcomes handover sync` writes into the CSM's review task),
 * item by item, each gap with the record to open and the fix in words; and the bill of materials.
 *
 * Before the handover the opportunity has no solution components yet: its product lines stand in for them (type and
 * lifecycle from the product, renewal date by the sync's own rule), so sales sees now what the handover will lack.
 */
import { handoverGaps, picklistLabel, renewalDateOfLine, } from 'c/outcomesCore';
import { value, nodes } from 'c/graphqlOutcome';
/** The items of the handover completeness rule (docs/design.md), in the order a handover fills them. */
const ITEMS = [
    { key: 'purpose', label: 'Purpose of the initiative', codes: ['PURPOSE_MISSING'] },
    { key: 'primary', label: 'At least one primary outcome', codes: ['NO_PRIMARY_OUTCOME'] },
    { key: 'quantity', label: 'Each primary outcome quantified', codes: ['OUTCOME_QUANTITY_MISSING'] },
    { key: 'deadline', label: 'Each primary outcome has a deadline', codes: ['OUTCOME_DEADLINE_MISSING'] },
    { key: 'method', label: 'Each primary outcome says how it is measured', codes: ['OUTCOME_MEASUREMENT_METHOD_MISSING'] },
    { key: 'components', label: 'Products sold (the bill of materials)', codes: ['NO_COMPONENTS'] },
    { key: 'type', label: 'Each line has a type', codes: ['COMPONENT_TYPE_MISSING'] },
    { key: 'lifecycle', label: 'Each line has a lifecycle', codes: ['COMPONENT_LIFECYCLE_MISSING'] },
    { key: 'renewal', label: 'Each renewable line has a renewal date', codes: ['RENEWAL_DATE_MISSING'] },
    { key: 'csm', label: 'A CSM is assigned', codes: ['CSM_MISSING'] },
];
export const recordUrl = (objectApiName, recordId) => `/lightning/r/${objectApiName}/${recordId}/view`;
/** Which object a gap's record is, from its key prefix where the kind of gap does not say. */
function objectOfGap(gap, initiativeId, projected) {
    if (!gap.recordId)
        return null;
    if (gap.recordId === initiativeId)
        return 'Initiative__c';
    if (gap.code.startsWith('OUTCOME_'))
        return 'Outcome_Requirement__c';
    if (gap.code.startsWith('COMPONENT_') || gap.code === 'RENEWAL_DATE_MISSING')
        return projected ? 'OpportunityLineItem' : 'Solution_Component__c';
    return null;
}
function outcomeOf(node) {
    return {
        Id: node.Id,
        Description__c: value(node.Description__c),
        Priority__c: value(node.Priority__c),
        Measurement_Method__c: value(node.Measurement_Method__c),
        Quantity_Type__c: value(node.Quantity_Type__c),
        Direction__c: value(node.Direction__c),
        Baseline_Value__c: value(node.Baseline_Value__c),
        Target_Value__c: value(node.Target_Value__c),
        Deadline_Type__c: value(node.Deadline_Type__c),
        Deadline_Date__c: value(node.Deadline_Date__c),
        Deadline_Offset_Months__c: value(node.Deadline_Offset_Months__c),
    };
}
/** A product line as the handover sync will turn it into a solution component. */
function lineAsComponent(line, closeDate) {
    const product = line.Product2;
    const lifecycle = value(product?.Lifecycle__c);
    const renewal = renewalDateOfLine({
        endDate: value(line.End_Date__c),
        serviceDate: value(line.ServiceDate),
        closeDate,
        termMonths: value(line.Term_Months__c),
        productDefaultTermMonths: value(product?.Default_Term_Months__c),
    });
    return {
        Id: line.Id,
        Name: value(product?.Name) ?? 'Product line',
        Component_Type__c: value(product?.Component_Type__c),
        Lifecycle__c: lifecycle,
        Renewal_Date__c: lifecycle === 'Renewable' ? renewal.date : null,
    };
}
const label = (apiName, missing) => (apiName ? picklistLabel(apiName) : missing);
export function checklistView(data) {
    const [opportunity] = nodes(data?.uiapi.query.Opportunity);
    if (!opportunity)
        return null;
    // Several initiatives on one opportunity are not the sync's doing; the oldest is the one it completes.
    const [initiative] = nodes(opportunity.Initiatives__r);
    const outcomes = nodes(initiative?.Outcome_Requirements__r).map(outcomeOf);
    const solutionComponents = nodes(initiative?.Solution_Components__r);
    const handedOver = solutionComponents.length > 0;
    const closeDate = value(opportunity.CloseDate);
    const components = handedOver
        ? solutionComponents.map((c) => ({
            Id: c.Id,
            Name: value(c.Name),
            Component_Type__c: value(c.Component_Type__c),
            Lifecycle__c: value(c.Lifecycle__c),
            Renewal_Date__c: value(c.Renewal_Date__c),
        }))
        : nodes(opportunity.OpportunityLineItems).map((line) => lineAsComponent(line, closeDate));
    const initiativeId = initiative?.Id ?? null;
    const gaps = handoverGaps({
        initiative: initiative
            ? { Id: initiative.Id, Name: value(initiative.Name), Purpose__c: value(initiative.Purpose__c), CSM__c: value(initiative.CSM__c) }
            : { Name: value(opportunity.Name) },
        outcomes,
        components,
    });
    const items = ITEMS.map((item) => {
        const itemGaps = gaps
            .filter((gap) => item.codes.includes(gap.code))
            .map((gap, index) => {
            const objectApiName = objectOfGap(gap, initiativeId, !handedOver);
            const recordId = gap.recordId ?? null;
            return {
                key: `${item.key}-${index}`,
                message: gap.message,
                recordId,
                objectApiName,
                url: recordId && objectApiName ? recordUrl(objectApiName, recordId) : null,
                linkLabel: `Open the record to fix: ${gap.message}`,
            };
        });
        const done = itemGaps.length === 0;
        return {
            key: item.key,
            label: item.label,
            done,
            iconName: done ? 'utility:success' : 'utility:warning',
            iconVariant: done ? 'success' : 'warning',
            iconText: done ? 'Complete' : 'Missing',
            itemClass: `item slds-var-p-vertical_xx-small ${done ? 'item-done' : 'item-missing'}`,
            gaps: itemGaps,
        };
    });
    const bomObject = handedOver ? 'Solution_Component__c' : 'OpportunityLineItem';
    return {
        opportunityId: opportunity.Id,
        opportunityName: value(opportunity.Name) ?? '',
        accountId: value(opportunity.AccountId),
        isWon: value(opportunity.IsWon) === true,
        initiative: initiative ? { id: initiative.Id, name: value(initiative.Name) ?? initiative.Id, url: recordUrl('Initiative__c', initiative.Id) } : null,
        outcomeCount: outcomes.length,
        primaryCount: outcomes.filter((o) => o.Priority__c === 'Primary').length,
        handedOver,
        items,
        gapCount: gaps.length,
        bom: components.map((c) => ({
            id: c.Id,
            name: c.Name ?? '',
            type: label(c.Component_Type__c, 'No type'),
            lifecycle: label(c.Lifecycle__c, 'No lifecycle'),
            renewalDate: c.Renewal_Date__c ?? (c.Lifecycle__c === 'Renewable' ? 'No renewal date' : 'Does not renew'),
            objectApiName: bomObject,
            url: recordUrl(bomObject, c.Id),
        })),
    };
}
