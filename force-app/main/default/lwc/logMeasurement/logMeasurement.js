// Generated from logMeasurement.ts by `npm run build:lwc`: edit the source, not this file.
/**
 * Log a measurement of an outcome: a quick action on Outcome_Requirement__c, and inline in the outcome tracker.
 * Refuses an invalid entry before any call; creates the Measurement__c, then writes the outcome's stored assessment
 * (latest value, attainment, forecast, status) where the new measurement changes it, computed by c/outcomesCore.
 */
import { LightningElement, api, wire } from 'lwc';
import { gql, graphql } from 'lightning/uiGraphQLApi';
import { createRecord, updateRecord } from 'lightning/uiRecordApi';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { CloseActionScreenEvent } from 'lightning/actions';
import { errorText } from 'c/ldsErrors';
import { fieldsOf, Measurement } from 'c/outcomesCore';
import { userToday } from 'c/userToday';
import { changedAssessmentFields, measurementProblems, NOTES_MAX_LENGTH } from './measurementForm';
const M = fieldsOf(Measurement);
const SOURCE_FIELD = { objectApiName: Measurement.apiName, fieldApiName: M.Source__c };
const DEFAULT_SOURCE = 'Manual';
export default class LogMeasurement extends LightningElement {
    @api
    recordId;
    /** Inside the tracker rather than a quick action: no action screen to close. */
    @api
    inline = false;
    today = userToday();
    measuredOn = this.today;
    measuredValue = '';
    source = DEFAULT_SOURCE;
    notes = '';
    problems = [];
    saving = false;
    outcome = null;
    outcomeError = null;
    notesMaxLength = NOTES_MAX_LENGTH;
    /** Focus on the first field, for a keyboard user who just opened the form. */
    @api
    focus() {
        this.template?.querySelector('lightning-input.measured-on')?.focus();
    }
    get variables() {
        return { recordId: this.recordId };
    }
    @wire(graphql, {
        query: gql `
      query LogMeasurementOutcome($recordId: ID) {
        uiapi {
          query {
            Outcome_Requirement__c(where: { Id: { eq: $recordId } }) {
              edges {
                node {
                  Id
                  Description__c { value }
                  Unit__c { value }
                  Quantity_Type__c { value }
                  Direction__c { value }
                  Baseline_Value__c { value }
                  Baseline_Date__c { value }
                  Target_Value__c { value }
                  Deadline_Type__c { value }
                  Deadline_Date__c { value }
                  Deadline_Offset_Months__c { value }
                  Due_Date__c { value }
                  Latest_Value__c { value }
                  Latest_Measured_On__c { value }
                  Attainment_Percent__c { value }
                  Forecast_At_Deadline__c { value }
                  Forecast_Attainment_Percent__c { value }
                  Status__c { value }
                  Initiative__r { Go_Live_Date__c { value } Handover_Date__c { value } }
                  Measurements__r(first: 200) { edges { node { Measured_On__c { value } Value__c { value } } } }
                }
              }
            }
          }
        }
      }
    `,
        variables: '$variables',
    })
    wiredOutcome(result) {
        if (result.errors?.length)
            this.outcomeError = errorText(result.errors);
        else if (result.data)
            this.outcome = result.data.uiapi.query.Outcome_Requirement__c.edges[0]?.node ?? null;
    }
    @wire(getObjectInfo, { objectApiName: Measurement.apiName })
    measurementInfo;
    @wire(getPicklistValues, { recordTypeId: '$measurementInfo.data.defaultRecordTypeId', fieldApiName: SOURCE_FIELD })
    sourceValues;
    get sourceOptions() {
        return (this.sourceValues?.data?.values ?? []).map(({ label, value }) => ({ label, value }));
    }
    get title() {
        const description = this.outcome?.Description__c?.value;
        return description ? `Log a measurement: ${description}` : 'Log a measurement';
    }
    get valueLabel() {
        const unit = this.outcome?.Unit__c?.value;
        return unit ? `Value (${unit})` : 'Value';
    }
    get hasProblems() {
        return this.problems.length > 0;
    }
    handleDateChange(event) {
        this.measuredOn = event.detail.value ?? '';
    }
    handleValueChange(event) {
        this.measuredValue = event.detail.value ?? '';
    }
    handleSourceChange(event) {
        this.source = event.detail.value;
    }
    handleNotesChange(event) {
        this.notes = event.detail.value ?? '';
    }
    handleCancel() {
        this.dispatchEvent(new CustomEvent('cancel'));
        if (!this.inline)
            this.dispatchEvent(new CloseActionScreenEvent());
    }
    async handleSave() {
        const today = userToday();
        this.problems = measurementProblems({ measuredOn: this.measuredOn, value: this.measuredValue, source: this.source, notes: this.notes }, today);
        if (!this.outcome && !this.problems.length)
            this.problems = [this.outcomeError ?? 'The outcome is still loading: try again in a moment.'];
        if (this.problems.length || !this.outcome || !this.recordId)
            return;
        const added = { Measured_On__c: this.measuredOn, Value__c: Number(this.measuredValue) };
        const fields = {
            [M.Outcome_Requirement__c]: this.recordId,
            [M.Measured_On__c]: added.Measured_On__c,
            [M.Value__c]: added.Value__c,
            [M.Source__c]: this.source || null,
        };
        if (this.notes.trim())
            fields[M.Notes__c] = this.notes.trim();
        this.saving = true;
        try {
            const created = await createRecord({ apiName: Measurement.apiName, fields });
            const changed = changedAssessmentFields(this.outcome, added, today);
            try {
                if (Object.keys(changed).length)
                    await updateRecord({ fields: { Id: this.recordId, ...changed } });
            }
            catch (error) {
                // The measurement stands; a recompute (sf outcomes recompute) catches the stored status up.
                this.problems = [`The measurement is saved, but the outcome's status was not updated: ${errorText(error)}`];
            }
            this.dispatchEvent(new ShowToastEvent({ title: 'Measurement logged', message: `${added.Value__c} on ${added.Measured_On__c}`, variant: 'success' }));
            this.dispatchEvent(new CustomEvent('logged', { detail: { measurementId: created.id, changed } }));
            if (!this.inline)
                this.dispatchEvent(new CloseActionScreenEvent());
            this.measuredValue = '';
            this.notes = '';
        }
        catch (error) {
            this.problems = [`The measurement was not saved: ${errorText(error)}`];
        }
        finally {
            this.saving = false;
        }
    }
}
