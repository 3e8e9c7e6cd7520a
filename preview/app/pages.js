// Which components a record page shows, by object: adding a component to the preview is a line here.
import OutcomeTracker from 'c/outcomeTracker';
import LogMeasurement from 'c/logMeasurement';
import HandoverChecklist from 'c/handoverChecklist';
import RenewalRadar from 'c/renewalRadar';

// As the FlexiPages of force-app/main/default/flexipages place them.
export const PAGES = {
    Initiative__c: [{ tag: 'c-outcome-tracker', is: OutcomeTracker }],
    Account: [
        { tag: 'c-outcome-tracker', is: OutcomeTracker },
        { tag: 'c-renewal-radar', is: RenewalRadar }
    ],
    Opportunity: [{ tag: 'c-handover-checklist', is: HandoverChecklist }],
    // The quick action, shown as its panel would be.
    Outcome_Requirement__c: [{ tag: 'c-log-measurement', is: LogMeasurement }]
};

/** Named pages (/lightning/page/{name}), which have no record. */
export const NAMED_PAGES = {
    home: [{ tag: 'c-renewal-radar', is: RenewalRadar }]
};
