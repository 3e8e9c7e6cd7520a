// Which components a record page shows, by object: adding a component to the preview is a line here.
import OutcomeTracker from 'c/outcomeTracker';
import LogMeasurement from 'c/logMeasurement';

export const PAGES = {
    Initiative__c: [{ tag: 'c-outcome-tracker', is: OutcomeTracker }],
    Account: [{ tag: 'c-outcome-tracker', is: OutcomeTracker }],
    // The quick action, shown as its panel would be.
    Outcome_Requirement__c: [{ tag: 'c-log-measurement', is: LogMeasurement }]
};
