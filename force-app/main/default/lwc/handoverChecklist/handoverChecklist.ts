/**
 * The handover checklist on an Opportunity: what the hand-over from sales to the CSM still lacks, item by item, each
 * gap with how to fix it and a link to the record; the Initiative and its outcome requirements recorded before or at
 * close; and the bill of materials once handed over. One GraphQL query (opportunity → its lines, its initiative →
 * outcomes and solution components); writes through Lightning Data Service, then the query is refreshed.
 */
import { LightningElement, api, wire } from 'lwc';
import { gql, graphql, refreshGraphQL } from 'lightning/uiGraphQLApi';
import { createRecord } from 'lightning/uiRecordApi';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { NavigationMixin } from 'lightning/navigation';
import { errorText } from 'c/ldsErrors';
import { Initiative, OutcomeRequirement } from 'c/outcomesCore';
import { checklistView, type ChecklistData, type ChecklistView } from './checklistView';
import {
  DEADLINE_TYPE_OPTIONS,
  DIRECTION_OPTIONS,
  draftProblems,
  EMPTY_DRAFT,
  initiativeFields,
  needsBaseline,
  outcomeFields,
  PRIORITY_OPTIONS,
  QUANTITY_TYPE_OPTIONS,
  VALIDATION_OPTIONS,
  type OutcomeDraft,
} from './outcomeDraft';

const INITIATIVE_NAME_MAX = 80;

export default class HandoverChecklist extends NavigationMixin(LightningElement) {
  @api recordId?: string;
  @api objectApiName?: string;

  view: ChecklistView | null = null;
  loaded = false;
  loadError: string | null = null;
  actionError: string | null = null;
  problems: string[] = [];
  saving = false;
  initiativeName = '';
  purpose = '';
  addingOutcome = false;
  draft: OutcomeDraft = { ...EMPTY_DRAFT };
  priorityOptions = PRIORITY_OPTIONS;
  validationOptions = VALIDATION_OPTIONS;
  quantityTypeOptions = QUANTITY_TYPE_OPTIONS;
  directionOptions = DIRECTION_OPTIONS;
  deadlineTypeOptions = DEADLINE_TYPE_OPTIONS;
  private checklistResult: unknown;

  get variables(): { recordId: string | undefined } {
    return { recordId: this.recordId };
  }

  @wire(graphql, {
    query: gql`
      query HandoverChecklist($recordId: ID) {
        uiapi {
          query {
            Opportunity(where: { Id: { eq: $recordId } }, first: 1) {
              edges {
                node {
                  Id
                  Name { value }
                  AccountId { value }
                  IsClosed { value }
                  IsWon { value }
                  CloseDate { value }
                  Handover_Status__c { value displayValue }
                  OpportunityLineItems(first: 200) {
                    edges {
                      node {
                        Id
                        ServiceDate { value }
                        End_Date__c { value }
                        Term_Months__c { value }
                        Product2 { Name { value } Component_Type__c { value } Lifecycle__c { value } Default_Term_Months__c { value } }
                      }
                    }
                  }
                  Initiatives__r(first: 5, orderBy: { CreatedDate: { order: ASC } }) {
                    edges {
                      node {
                        Id
                        Name { value }
                        Purpose__c { value }
                        CSM__c { value }
                        Status__c { value displayValue }
                        Outcome_Requirements__r(first: 200, orderBy: { Name: { order: ASC } }) {
                          edges {
                            node {
                              Id
                              Name { value }
                              Description__c { value }
                              Priority__c { value }
                              Validation_Status__c { value displayValue }
                              Quantity_Type__c { value }
                              Direction__c { value }
                              Baseline_Value__c { value }
                              Target_Value__c { value }
                              Unit__c { value }
                              Deadline_Type__c { value }
                              Deadline_Date__c { value }
                              Deadline_Offset_Months__c { value }
                              Measurement_Method__c { value }
                            }
                          }
                        }
                        Solution_Components__r(first: 200, orderBy: { Name: { order: ASC } }) {
                          edges { node { Id Name { value } Component_Type__c { value } Lifecycle__c { value } Renewal_Date__c { value } } }
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
  wiredChecklist(result: GraphqlResult<ChecklistData>): void {
    this.checklistResult = result;
    if (result.errors?.length) {
      this.loadError = errorText(result.errors);
      this.loaded = true;
    } else if (result.data) {
      this.view = checklistView(result.data);
      this.loadError = null;
      this.loaded = true;
      if (this.view && !this.initiativeName) this.initiativeName = this.view.opportunityName.slice(0, INITIATIVE_NAME_MAX);
    }
  }

  get isLoading(): boolean {
    return !this.loaded;
  }

  get notFound(): boolean {
    return this.loaded && !this.loadError && !this.view;
  }

  get hasView(): boolean {
    return this.loaded && !this.loadError && !!this.view;
  }

  get needsInitiative(): boolean {
    return !!this.view && !this.view.initiative;
  }

  get summary(): string {
    const view = this.view;
    if (!view) return '';
    if (view.gapCount === 0) return 'The handover is complete: nothing is missing.';
    const missing = view.items.filter((item) => !item.done).length;
    return `${missing} of ${view.items.length} items missing (${view.gapCount} ${view.gapCount === 1 ? 'gap' : 'gaps'} to fix before the CSM takes over)`;
  }

  get outcomeSummary(): string {
    const view = this.view;
    if (!view) return '';
    return `${view.outcomeCount} outcome ${view.outcomeCount === 1 ? 'requirement' : 'requirements'}, ${view.primaryCount} primary`;
  }

  get bomCaption(): string {
    return this.view?.handedOver
      ? 'Bill of materials: the solution components of the initiative'
      : "Not handed over yet: the opportunity's products, as the handover will turn them into solution components";
  }

  get hasBom(): boolean {
    return (this.view?.bom.length ?? 0) > 0;
  }

  get hasProblems(): boolean {
    return this.problems.length > 0;
  }

  get showBaseline(): boolean {
    return needsBaseline(this.draft);
  }

  get showDeadlineDate(): boolean {
    return this.draft.deadlineType === 'Date';
  }

  get showOffset(): boolean {
    return this.draft.deadlineType === 'Months_After_Go_Live';
  }

  /** Anchors keep their href (open in a new tab works); a plain click navigates inside Lightning Experience. */
  handleNavigate(event: Event): void {
    const anchor = event.currentTarget as HTMLElement;
    const { recordId, objectApiName } = anchor.dataset;
    if (!recordId || !objectApiName) return;
    event.preventDefault();
    (this as unknown as Record<symbol, (pageReference: unknown) => void>)[NavigationMixin.Navigate]({
      type: 'standard__recordPage',
      attributes: { recordId, objectApiName, actionName: 'view' },
    });
  }

  handleInitiativeNameChange(event: CustomEvent<{ value: string }>): void {
    this.initiativeName = event.detail.value;
  }

  handlePurposeChange(event: CustomEvent<{ value: string }>): void {
    this.purpose = event.detail.value;
  }

  async handleCreateInitiative(): Promise<void> {
    const view = this.view;
    if (!view) return;
    this.problems = this.initiativeName.trim() ? [] : ['Name the initiative.'];
    if (this.hasProblems) return;
    await this.write('Initiative created', 'Add the outcomes the customer is buying for.', () =>
      createRecord({ apiName: Initiative.apiName, fields: initiativeFields({ id: view.opportunityId, accountId: view.accountId }, this.initiativeName, this.purpose) }),
    );
  }

  handleAddOutcome(): void {
    this.addingOutcome = true;
    this.problems = [];
  }

  handleCancelOutcome(): void {
    this.addingOutcome = false;
    this.draft = { ...EMPTY_DRAFT };
    this.problems = [];
  }

  handleDraftChange(event: CustomEvent<{ value: string }>): void {
    const field = (event.currentTarget as HTMLElement).dataset.field as keyof OutcomeDraft;
    this.draft = { ...this.draft, [field]: event.detail.value ?? '' };
  }

  async handleSaveOutcome(): Promise<void> {
    const initiative = this.view?.initiative;
    if (!initiative) return;
    this.problems = draftProblems(this.draft);
    if (this.hasProblems) return;
    const saved = await this.write('Outcome requirement added', this.draft.description.trim(), () =>
      createRecord({ apiName: OutcomeRequirement.apiName, fields: outcomeFields(this.draft, initiative.id) }),
    );
    if (saved) {
      this.addingOutcome = false;
      this.draft = { ...EMPTY_DRAFT };
    }
  }

  /** One write at a time; the query is refreshed after it, its error said in words. */
  private async write(title: string, message: string, save: () => Promise<unknown>): Promise<boolean> {
    this.saving = true;
    this.actionError = null;
    try {
      await save();
      this.dispatchEvent(new ShowToastEvent({ title, message, variant: 'success' }));
      await refreshGraphQL(this.checklistResult);
      return true;
    } catch (error) {
      this.actionError = errorText(error);
      this.dispatchEvent(new ShowToastEvent({ title: 'Not saved', message: this.actionError, variant: 'error' }));
      return false;
    } finally {
      this.saving = false;
    }
  }
}
