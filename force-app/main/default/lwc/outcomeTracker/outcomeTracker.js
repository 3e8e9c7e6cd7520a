// Generated from outcomeTracker.ts by `npm run build:lwc`: edit the source, not this file.
/**
 * The outcomes of an Initiative (or of every initiative of an Account): what the customer set out to achieve, where
 * each outcome stands and where it is heading, computed live from its measurements. Reads through one GraphQL query;
 * writes (validate, link, unlink, log a measurement) through Lightning Data Service, then refreshes the query.
 */
import { LightningElement, api, wire } from 'lwc';
import { gql, graphql, refreshGraphQL } from 'lightning/uiGraphQLApi';
import { createRecord, deleteRecord, updateRecord } from 'lightning/uiRecordApi';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { errorText } from 'c/ldsErrors';
import { fieldsOf, OUTCOME_STATUSES, OutcomeComponent, OutcomeRequirement } from 'c/outcomesCore';
import { userToday } from 'c/userToday';
import { NOT_ON_TRACK, outcomeViews } from './trackerView';
const OR = fieldsOf(OutcomeRequirement);
const OC = fieldsOf(OutcomeComponent);
const ALL = 'all';
const NOT_ON_TRACK_FILTER = 'not-on-track';
export default class OutcomeTracker extends LightningElement {
    /** An Initiative__c or an Account: the query answers the initiative itself or every initiative of the account. */
    @api
    recordId;
    @api
    objectApiName;
    filter = ALL;
    loggingOutcomeId = null;
    chosenComponents = {};
    views = [];
    loaded = false;
    loadError = null;
    actionError = null;
    saving = false;
    trackerResult;
    /** Where keyboard focus goes after the next render: into the log form just opened, or back to its button. */
    focusAfterRender = null;
    get variables() {
        return { recordId: this.recordId };
    }
    @wire(graphql, {
        query: gql `
      query OutcomeTracker($recordId: ID) {
        uiapi {
          query {
            Initiative__c(where: { or: [{ Id: { eq: $recordId } }, { Account__c: { eq: $recordId } }] }, orderBy: { Name: { order: ASC } }, first: 50) {
              edges {
                node {
                  Id
                  Name { value }
                  Go_Live_Date__c { value }
                  Handover_Date__c { value }
                  Solution_Components__r(first: 200, orderBy: { Name: { order: ASC } }) {
                    edges { node { Id Name { value } Component_Type__c { value displayValue } } }
                  }
                  Outcome_Requirements__r(first: 200, orderBy: { Name: { order: ASC } }) {
                    edges {
                      node {
                        Id
                        Name { value }
                        Description__c { value }
                        Priority__c { value displayValue }
                        Validation_Status__c { value displayValue }
                        Quantity_Type__c { value }
                        Direction__c { value }
                        Baseline_Value__c { value }
                        Baseline_Date__c { value }
                        Target_Value__c { value }
                        Unit__c { value }
                        Deadline_Type__c { value }
                        Deadline_Date__c { value }
                        Deadline_Offset_Months__c { value }
                        Due_Date__c { value }
                        Status__c { value }
                        Business_Capability__r {
                          Name { value }
                          Parent_Capability__r { Name { value } Parent_Capability__r { Name { value } } }
                        }
                        Measurements__r(first: 200, orderBy: { Measured_On__c: { order: ASC } }) {
                          edges { node { Id Measured_On__c { value } Value__c { value } } }
                        }
                        Outcome_Components__r(first: 200) {
                          edges { node { Id Solution_Component__c { value } Solution_Component__r { Name { value } } } }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    `,
        variables: '$variables',
    })
    wiredTracker(result) {
        this.trackerResult = result;
        if (result.errors?.length) {
            this.loadError = errorText(result.errors);
            this.loaded = true;
        }
        else if (result.data) {
            this.views = outcomeViews(result.data, userToday());
            this.loadError = null;
            this.loaded = true;
        }
    }
    get isLoading() {
        return !this.loaded;
    }
    get hasOutcomes() {
        return this.views.length > 0;
    }
    get isEmpty() {
        return this.loaded && !this.loadError && this.views.length === 0;
    }
    get filterOptions() {
        return [
            { label: 'All outcomes', value: ALL },
            { label: 'Not on track', value: NOT_ON_TRACK_FILTER },
            ...OUTCOME_STATUSES.map((status) => ({ label: status, value: status })),
        ];
    }
    /** The outcomes the filter keeps, each with what the page is doing with it. */
    get outcomes() {
        return this.views
            .filter((view) => this.filter === ALL || (this.filter === NOT_ON_TRACK_FILTER ? NOT_ON_TRACK.includes(view.status) : view.status === this.filter))
            .map((view) => ({
            ...view,
            isLogging: this.loggingOutcomeId === view.id,
            chosenComponent: this.chosenComponents[view.id] ?? '',
            linkDisabled: this.saving || !this.chosenComponents[view.id],
        }));
    }
    get filteredEmpty() {
        return this.hasOutcomes && this.outcomes.length === 0;
    }
    get summary() {
        const notOnTrack = this.views.filter((v) => NOT_ON_TRACK.includes(v.status)).length;
        const count = this.views.length;
        return `${count} ${count === 1 ? 'outcome' : 'outcomes'}, ${notOnTrack} not on track`;
    }
    handleFilterChange(event) {
        this.filter = event.detail.value;
    }
    renderedCallback() {
        if (!this.focusAfterRender)
            return;
        const target = this.template?.querySelector(this.focusAfterRender.selector);
        if (target) {
            this.focusAfterRender = null;
            target.focus();
        }
    }
    handleLogClick(event) {
        this.loggingOutcomeId = event.currentTarget.dataset.id ?? null;
        this.focusAfterRender = { selector: 'c-log-measurement' };
    }
    handleLogCancel() {
        this.closeLogForm();
    }
    async handleLogged() {
        this.closeLogForm();
        await this.refresh();
    }
    closeLogForm() {
        if (this.loggingOutcomeId)
            this.focusAfterRender = { selector: `lightning-button.log[data-id="${this.loggingOutcomeId}"]` };
        this.loggingOutcomeId = null;
    }
    handleComponentChoice(event) {
        const outcomeId = event.currentTarget.dataset.id;
        this.chosenComponents = { ...this.chosenComponents, [outcomeId]: event.detail.value };
    }
    async handleValidate(event) {
        const outcomeId = event.currentTarget.dataset.id;
        await this.write('Outcome validated', 'The customer confirmed this outcome.', () => updateRecord({ fields: { Id: outcomeId, [OR.Validation_Status__c]: 'Validated' } }));
    }
    async handleLink(event) {
        const outcomeId = event.currentTarget.dataset.id;
        const componentId = this.chosenComponents[outcomeId];
        if (!componentId)
            return;
        await this.write('Component linked', 'The solution component now serves this outcome.', () => createRecord({ apiName: OutcomeComponent.apiName, fields: { [OC.Outcome_Requirement__c]: outcomeId, [OC.Solution_Component__c]: componentId } }));
        this.chosenComponents = { ...this.chosenComponents, [outcomeId]: '' };
    }
    async handleUnlink(event) {
        const linkId = event.currentTarget.dataset.linkId;
        await this.write('Component unlinked', 'The solution component no longer serves this outcome.', () => deleteRecord(linkId));
    }
    /** One write at a time; the query is refreshed after it, its error said in words. */
    async write(title, message, save) {
        this.saving = true;
        this.actionError = null;
        try {
            await save();
            this.dispatchEvent(new ShowToastEvent({ title, message, variant: 'success' }));
            await this.refresh();
        }
        catch (error) {
            this.actionError = errorText(error);
            this.dispatchEvent(new ShowToastEvent({ title: 'Not saved', message: this.actionError, variant: 'error' }));
        }
        finally {
            this.saving = false;
        }
    }
    async refresh() {
        await refreshGraphQL(this.trackerResult);
    }
}
