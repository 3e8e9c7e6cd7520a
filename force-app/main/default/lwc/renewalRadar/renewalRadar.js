// Generated from renewalRadar.ts by `npm run build:lwc`: edit the source, not this file.
/**
 * The renewal radar (Home page, the Outcomes app page, an Account page): the initiatives renewing within the window,
 * each with its outcome health and value at stake; those whose renewal is at risk show the primary outcomes not on
 * track and the renewable lines that stand on them. Every row links to its record. One GraphQL query; read only.
 */
import { LightningElement, api, wire } from 'lwc';
import { gql, graphql } from 'lightning/uiGraphQLApi';
import { NavigationMixin } from 'lightning/navigation';
import { errorText } from 'c/ldsErrors';
import { addDays, DEFAULT_RENEWAL_WINDOW_DAYS } from 'c/outcomesCore';
import { userToday } from 'c/userToday';
import { formatAmount, radarRows } from './radarView';
/** Every initiative renewing in the window (Home and app pages). */
const EVERY_INITIATIVE = gql `
  query RenewalRadar($from: Date, $until: Date) {
    uiapi {
      query {
        Initiative__c(
          where: { and: [{ Next_Renewal_Date__c: { gte: { value: $from } } }, { Next_Renewal_Date__c: { lte: { value: $until } } }] }
          orderBy: { Next_Renewal_Date__c: { order: ASC } }
          first: 200
        ) {
          edges {
            node {
                  Id
                  Name { value }
                  Account__c { value }
                  Account__r { Name { value } }
                  Next_Renewal_Date__c { value }
                  Renewable_Annual_Value__c { value }
                  Annual_Contract_Value__c { value }
                  Go_Live_Date__c { value }
                  Handover_Date__c { value }
                  Outcome_Requirements__r(first: 200, where: { Priority__c: { eq: "Primary" } }, orderBy: { Name: { order: ASC } }) {
                    edges {
                      node {
                        Id
                        Description__c { value }
                        Priority__c { value }
                        Quantity_Type__c { value }
                        Direction__c { value }
                        Baseline_Value__c { value }
                        Baseline_Date__c { value }
                        Target_Value__c { value }
                        Deadline_Type__c { value }
                        Deadline_Date__c { value }
                        Deadline_Offset_Months__c { value }
                        Due_Date__c { value }
                        Measurements__r(first: 200, orderBy: { Measured_On__c: { order: ASC } }) {
                          edges { node { Measured_On__c { value } Value__c { value } } }
                        }
                        Outcome_Components__r(first: 200) {
                          edges {
                            node {
                              Id
                              Solution_Component__r { Id Name { value } Lifecycle__c { value } Renewal_Date__c { value } Annual_Value__c { value } }
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
    }
  }
`;
/** The initiatives of one account (its record page). A second query, not a filter that matches all: GraphQL has no "any". */
const ONE_ACCOUNT = gql `
  query RenewalRadarOfAccount($from: Date, $until: Date, $accountId: ID) {
    uiapi {
      query {
        Initiative__c(
          where: { and: [{ Next_Renewal_Date__c: { gte: { value: $from } } }, { Next_Renewal_Date__c: { lte: { value: $until } } }, { Account__c: { eq: $accountId } }] }
          orderBy: { Next_Renewal_Date__c: { order: ASC } }
          first: 200
        ) {
          edges {
            node {
                  Id
                  Name { value }
                  Account__c { value }
                  Account__r { Name { value } }
                  Next_Renewal_Date__c { value }
                  Renewable_Annual_Value__c { value }
                  Annual_Contract_Value__c { value }
                  Go_Live_Date__c { value }
                  Handover_Date__c { value }
                  Outcome_Requirements__r(first: 200, where: { Priority__c: { eq: "Primary" } }, orderBy: { Name: { order: ASC } }) {
                    edges {
                      node {
                        Id
                        Description__c { value }
                        Priority__c { value }
                        Quantity_Type__c { value }
                        Direction__c { value }
                        Baseline_Value__c { value }
                        Baseline_Date__c { value }
                        Target_Value__c { value }
                        Deadline_Type__c { value }
                        Deadline_Date__c { value }
                        Deadline_Offset_Months__c { value }
                        Due_Date__c { value }
                        Measurements__r(first: 200, orderBy: { Measured_On__c: { order: ASC } }) {
                          edges { node { Measured_On__c { value } Value__c { value } } }
                        }
                        Outcome_Components__r(first: 200) {
                          edges {
                            node {
                              Id
                              Solution_Component__r { Id Name { value } Lifecycle__c { value } Renewal_Date__c { value } Annual_Value__c { value } }
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
    }
  }
`;
export default class RenewalRadar extends NavigationMixin(LightningElement) {
    /** On an Account page: that account's initiatives; elsewhere every initiative the user can see. */
    @api
    recordId;
    @api
    objectApiName;
    /** Design attribute: how many days ahead a renewal counts. */
    @api
    windowDays = DEFAULT_RENEWAL_WINDOW_DAYS;
    /** Design attribute: only the renewals at risk. */
    @api
    atRiskOnly = false;
    today = userToday();
    rows = [];
    loaded = false;
    loadError = null;
    /** A design attribute arrives as text from some page editors: anything not a whole number of days ≥ 0 is the default. */
    get window() {
        const days = Number(this.windowDays);
        return Number.isInteger(days) && days >= 0 ? days : DEFAULT_RENEWAL_WINDOW_DAYS;
    }
    get forAccount() {
        return this.objectApiName === 'Account' && !!this.recordId;
    }
    get radarQuery() {
        return this.forAccount ? ONE_ACCOUNT : EVERY_INITIATIVE;
    }
    get variables() {
        const range = { from: this.today, until: addDays(this.today, this.window) };
        return this.forAccount ? { ...range, accountId: this.recordId } : range;
    }
    @wire(graphql, { query: '$radarQuery', variables: '$variables' })
    wiredRadar(result) {
        if (result.errors?.length) {
            this.loadError = errorText(result.errors);
            this.loaded = true;
        }
        else if (result.data) {
            this.rows = radarRows(result.data, this.today, this.window);
            this.loadError = null;
            this.loaded = true;
        }
    }
    get isLoading() {
        return !this.loaded;
    }
    get shownRows() {
        return this.atRiskOnly ? this.rows.filter((row) => row.atRisk) : this.rows;
    }
    get hasRows() {
        return this.shownRows.length > 0;
    }
    get isEmpty() {
        return this.loaded && !this.loadError && !this.hasRows;
    }
    get emptyText() {
        return this.atRiskOnly
            ? `No renewal in the next ${this.window} days is at risk.`
            : `No initiative renews in the next ${this.window} days.`;
    }
    get title() {
        return `Renewal radar: the next ${this.window} days`;
    }
    get summary() {
        const atRisk = this.rows.filter((row) => row.atRisk);
        const stake = atRisk.reduce((sum, row) => sum + row.valueAtStake, 0);
        const count = this.rows.length;
        return `${count} ${count === 1 ? 'initiative renews' : 'initiatives renew'}, ${atRisk.length} at risk with ${formatAmount(stake)} at stake`;
    }
    /** Anchors keep their href (open in a new tab works); a plain click navigates inside Lightning Experience. */
    handleNavigate(event) {
        const anchor = event.currentTarget;
        const { recordId, objectApiName } = anchor.dataset;
        if (!recordId || !objectApiName)
            return;
        event.preventDefault();
        this[NavigationMixin.Navigate]({
            type: 'standard__recordPage',
            attributes: { recordId, objectApiName, actionName: 'view' },
        });
    }
}
