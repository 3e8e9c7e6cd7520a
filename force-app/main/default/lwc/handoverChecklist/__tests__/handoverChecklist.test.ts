import { createElement } from 'lwc';
import HandoverChecklist from 'c/handoverChecklist';
import { graphql, refreshGraphQL } from 'lightning/uiGraphQLApi';
import { createRecord } from 'lightning/uiRecordApi';
import { getNavigateCalledWith, resetNavigate } from 'lightning/navigation';

const mockBeforeHandover = require('./data/checklistBeforeHandover.json');
const mockNoInitiative = require('./data/checklistNoInitiative.json');
const mockHandedOver = require('./data/checklistHandedOver.json');
const mockNotFound = require('./data/checklistNotFound.json');
const mockErrors = require('./data/checklistErrors.json');

type TestAdapter = { emit(value: unknown): void; emitErrors(errors: unknown): void; getLastConfig(): Record<string, unknown> };
const graphqlAdapter = graphql as unknown as TestAdapter;

const OPPORTUNITY_ID = '006000000000001AAA';
const flushPromises = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function createChecklist(): HTMLElement {
  const element = createElement('c-handover-checklist', { is: HandoverChecklist }) as HTMLElement & { recordId: string; objectApiName: string };
  element.recordId = OPPORTUNITY_ID;
  element.objectApiName = 'Opportunity';
  document.body.appendChild(element);
  return element;
}

async function loaded(data: unknown): Promise<HTMLElement> {
  const element = createChecklist();
  graphqlAdapter.emit(data);
  await flushPromises();
  return element;
}

const one = (element: HTMLElement, selector: string): HTMLElement => element.shadowRoot!.querySelector(selector) as HTMLElement;
const all = (element: HTMLElement, selector: string): HTMLElement[] => Array.from(element.shadowRoot!.querySelectorAll(selector));
const text = (element: HTMLElement, selector: string): string[] => all(element, selector).map((node) => node.textContent!.trim());
const item = (element: HTMLElement, key: string): HTMLElement => one(element, `li.item[data-key="${key}"]`);
const change = (target: HTMLElement, value: string) => target.dispatchEvent(new CustomEvent('change', { detail: { value } }));

describe('c-handover-checklist', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  describe('graphql @wire', () => {
    it('asks for the opportunity, its lines and its initiative with outcomes and components, in one query', async () => {
      createChecklist();
      await flushPromises();
      const config = graphqlAdapter.getLastConfig();
      expect(config.variables).toEqual({ recordId: OPPORTUNITY_ID });
      for (const part of ['Opportunity(where: { Id: { eq: $recordId } }', 'OpportunityLineItems', 'Initiatives__r', 'Outcome_Requirements__r', 'Solution_Components__r', 'Measurement_Method__c']) {
        expect(config.query).toContain(part);
      }
    });

    it('shows a spinner while loading', async () => {
      const element = createChecklist();
      await flushPromises();
      expect(one(element, 'lightning-spinner')).not.toBeNull();
      await expect(element).toBeAccessible();
    });

    it('says in words why the checklist could not be loaded', async () => {
      const element = createChecklist();
      graphqlAdapter.emitErrors(mockErrors);
      await flushPromises();
      const alert = one(element, '.load-error');
      expect(alert.getAttribute('role')).toBe('alert');
      expect(alert.textContent).toContain("Field 'Foo__c' in type 'Opportunity' is undefined");
      await expect(element).toBeAccessible();
    });

    it('says so when the opportunity cannot be read', async () => {
      const element = await loaded(mockNotFound);
      expect(text(element, '.not-found')[0]).toMatch(/^This opportunity could not be read/);
      await expect(element).toBeAccessible();
    });
  });

  describe('before the handover', () => {
    it('lists every item of the handover rule, each gap with its fix and the record to open', async () => {
      const element = await loaded(mockBeforeHandover);
      expect(text(element, '.item-label')).toEqual([
        'Purpose of the initiative',
        'At least one primary outcome',
        'Each primary outcome quantified',
        'Each primary outcome has a deadline',
        'Each primary outcome says how it is measured',
        'Products sold (the bill of materials)',
        'Each line has a type',
        'Each line has a lifecycle',
        'Each renewable line has a renewal date',
        'A CSM is assigned',
      ]);
      const missing = all(element, 'li.item-missing').map((li) => li.dataset.key);
      expect(missing).toEqual(['purpose', 'quantity', 'deadline', 'method', 'type', 'renewal']);
      expect(text(element, '.summary')).toEqual(['6 of 10 items missing (6 gaps to fix before the CSM takes over)']);

      const purpose = item(element, 'purpose');
      expect(purpose.querySelector('.gap-message')!.textContent).toBe(
        'Initiative "Customer Service Excellence – Highland" (a02000000000001AAA) has no purpose: fill in Purpose__c',
      );
      expect(purpose.querySelector('a.gap-link')!.getAttribute('href')).toBe('/lightning/r/Initiative__c/a02000000000001AAA/view');

      // Only the primary outcome without a quantity, deadline or method is a gap: the secondary one is not held to it.
      expect(item(element, 'deadline').querySelector('.gap-message')!.textContent).toMatch(
        /^Primary outcome "Cut the average handling time of cases" \(a05000000000002AAA\) has no deadline: set Deadline_Type__c/,
      );
      expect(item(element, 'deadline').querySelector('a.gap-link')!.getAttribute('href')).toBe('/lightning/r/Outcome_Requirement__c/a05000000000002AAA/view');
      expect(item(element, 'method').querySelectorAll('.gap')).toHaveLength(1);

      // The lines stand in for the components: the analytics add-on has no type, no term and so no renewal date.
      expect(item(element, 'type').querySelector('.gap-message')!.textContent).toBe('Line "Analytics Add-on" (00k000000000003AAA) has no type: set Component_Type__c');
      expect(item(element, 'type').querySelector('a.gap-link')!.getAttribute('href')).toBe('/lightning/r/OpportunityLineItem/00k000000000003AAA/view');
      expect(item(element, 'renewal').querySelector('.gap-message')!.textContent).toMatch(/^Line "Analytics Add-on" .* is Renewable but has no renewal date/);
      expect((item(element, 'csm').querySelector('lightning-icon') as unknown as { alternativeText: string }).alternativeText).toBe('Complete');
      expect((item(element, 'purpose').querySelector('lightning-icon') as unknown as { alternativeText: string }).alternativeText).toBe('Missing');
      await expect(element).toBeAccessible();
    });

    it("shows the opportunity's products as the bill of materials to be, with the renewal date the sync will give them", async () => {
      const element = await loaded(mockBeforeHandover);
      expect(text(element, 'caption')[0]).toMatch(/^Not handed over yet/);
      const rows = all(element, 'tr.bom-line').map((row) => Array.from(row.querySelectorAll('th, td')).map((cell) => cell.textContent!.trim()));
      expect(rows).toEqual([
        ['Service Cloud Enterprise', 'Subscription', 'Renewable', '2027-02-28'],
        ['Implementation Services', 'Professional Services', 'One-Time', 'Does not renew'],
        ['Analytics Add-on', 'No type', 'Renewable', 'No renewal date'],
      ]);
    });

    it('links to the initiative and counts its outcomes', async () => {
      const element = await loaded(mockBeforeHandover);
      const link = one(element, 'a.initiative-link');
      expect(link.textContent).toBe('Customer Service Excellence – Highland');
      expect(link.getAttribute('href')).toBe('/lightning/r/Initiative__c/a02000000000001AAA/view');
      expect(text(element, '.outcome-summary')).toEqual(['3 outcome requirements, 2 primary']);
    });

    it('navigates to the record of a gap with NavigationMixin', async () => {
      const element = await loaded(mockBeforeHandover);
      resetNavigate();
      (item(element, 'purpose').querySelector('a.gap-link') as HTMLElement).click();
      expect(getNavigateCalledWith().pageReference).toEqual({ type: 'standard__recordPage', attributes: { recordId: 'a02000000000001AAA', objectApiName: 'Initiative__c', actionName: 'view' } });
    });
  });

  describe('without an initiative', () => {
    it('offers to create it, named after the opportunity, and says what is missing', async () => {
      const element = await loaded(mockNoInitiative);
      expect((one(element, 'lightning-input.initiative-name') as unknown as { value: string }).value).toBe('Highland Federal Bank – Customer Service Excellence');
      expect(all(element, 'li.item-missing').map((li) => li.dataset.key)).toEqual(['purpose', 'primary', 'type', 'renewal', 'csm']);
      expect(one(element, 'lightning-button.add-outcome')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('creates the Initiative on the account and opportunity, keyed for the handover sync, then refreshes', async () => {
      const element = await loaded(mockNoInitiative);
      change(one(element, 'lightning-input.initiative-name'), 'Customer Service Excellence');
      change(one(element, 'lightning-textarea.purpose'), 'Keep customers after they buy');
      await flushPromises();
      one(element, 'lightning-button.create-initiative-button').click();
      await flushPromises();
      expect(createRecord).toHaveBeenCalledWith({
        apiName: 'Initiative__c',
        fields: {
          Name: 'Customer Service Excellence',
          Account__c: '001000000000001AAA',
          Opportunity__c: OPPORTUNITY_ID,
          Source_Opportunity_Id__c: OPPORTUNITY_ID,
          Purpose__c: 'Keep customers after they buy',
          Status__c: 'Handover',
        },
      });
      expect(refreshGraphQL).toHaveBeenCalledTimes(1);
    });

    it('refuses an initiative without a name before any call', async () => {
      const element = await loaded(mockNoInitiative);
      change(one(element, 'lightning-input.initiative-name'), '  ');
      await flushPromises();
      one(element, 'lightning-button.create-initiative-button').click();
      await flushPromises();
      expect(createRecord).not.toHaveBeenCalled();
      expect(text(element, '.problems li')).toEqual(['Name the initiative.']);
      await expect(element).toBeAccessible();
    });

    it('says in words why the org refused it, and does not refresh', async () => {
      (createRecord as jest.Mock).mockRejectedValueOnce({ body: { message: 'An error occurred while trying to create the record.', output: { errors: [{ message: 'insufficient access rights on cross-reference id' }], fieldErrors: {} } } });
      const element = await loaded(mockNoInitiative);
      one(element, 'lightning-button.create-initiative-button').click();
      await flushPromises();
      expect(text(element, '.action-error')).toEqual(['insufficient access rights on cross-reference id']);
      expect(refreshGraphQL).not.toHaveBeenCalled();
      await expect(element).toBeAccessible();
    });
  });

  describe('adding an outcome requirement', () => {
    async function openForm(): Promise<HTMLElement> {
      const element = await loaded(mockBeforeHandover);
      one(element, 'lightning-button.add-outcome').click();
      await flushPromises();
      return element;
    }

    it('opens a form whose fields follow the quantity and the deadline chosen', async () => {
      const element = await openForm();
      expect(one(element, 'section.outcome-form')).not.toBeNull();
      expect(one(element, 'lightning-input.baseline')).not.toBeNull();
      expect(one(element, 'lightning-input.deadline-date')).not.toBeNull();
      expect(one(element, 'lightning-input.offset')).toBeNull();

      change(one(element, 'lightning-combobox.direction'), 'At Most');
      change(one(element, 'lightning-combobox.deadline-type'), 'Months_After_Go_Live');
      await flushPromises();
      expect(one(element, 'lightning-input.baseline')).toBeNull();
      expect(one(element, 'lightning-input.deadline-date')).toBeNull();
      expect(one(element, 'lightning-input.offset')).not.toBeNull();
      await expect(element).toBeAccessible();
    });

    it('creates a stated primary outcome with its quantity, deadline and method, then refreshes and closes', async () => {
      const element = await openForm();
      change(one(element, 'lightning-textarea.description'), 'Resolve more cases on first contact');
      change(one(element, 'lightning-input.baseline'), '55');
      change(one(element, 'lightning-input.target'), '75');
      change(one(element, 'lightning-input.unit'), '%');
      change(one(element, 'lightning-input.deadline-date'), '2027-09-30');
      change(one(element, 'lightning-textarea.method'), 'Monthly report of the contact centre');
      await flushPromises();
      one(element, 'lightning-button.save-outcome').click();
      await flushPromises();

      expect(createRecord).toHaveBeenCalledWith({
        apiName: 'Outcome_Requirement__c',
        fields: {
          Initiative__c: 'a02000000000001AAA',
          Description__c: 'Resolve more cases on first contact',
          Priority__c: 'Primary',
          Validation_Status__c: 'Stated by Customer',
          Quantity_Type__c: 'Absolute',
          Direction__c: 'Increase',
          Baseline_Value__c: 55,
          Target_Value__c: 75,
          Unit__c: '%',
          Deadline_Type__c: 'Date',
          Deadline_Date__c: '2027-09-30',
          Measurement_Method__c: 'Monthly report of the contact centre',
        },
      });
      expect(refreshGraphQL).toHaveBeenCalledTimes(1);
      expect(one(element, 'section.outcome-form')).toBeNull();
    });

    it('creates an assumed secondary outcome due months after go-live, without the fields that do not apply', async () => {
      const element = await openForm();
      change(one(element, 'lightning-textarea.description'), 'Fewer escalations');
      change(one(element, 'lightning-combobox.priority'), 'Secondary');
      change(one(element, 'lightning-combobox.validation'), 'Assumed_Needs_Validation');
      change(one(element, 'lightning-combobox.direction'), 'At Most');
      change(one(element, 'lightning-combobox.deadline-type'), 'Months_After_Go_Live');
      await flushPromises();
      change(one(element, 'lightning-input.target'), '10');
      change(one(element, 'lightning-input.offset'), '6');
      await flushPromises();
      one(element, 'lightning-button.save-outcome').click();
      await flushPromises();
      expect(createRecord).toHaveBeenCalledWith({
        apiName: 'Outcome_Requirement__c',
        fields: {
          Initiative__c: 'a02000000000001AAA',
          Description__c: 'Fewer escalations',
          Priority__c: 'Secondary',
          Validation_Status__c: 'Assumed_Needs_Validation',
          Quantity_Type__c: 'Absolute',
          Direction__c: 'At Most',
          Target_Value__c: 10,
          Deadline_Type__c: 'Months_After_Go_Live',
          Deadline_Offset_Months__c: 6,
        },
      });
    });

    it('refuses an outcome without a description before any call', async () => {
      const element = await openForm();
      one(element, 'lightning-button.save-outcome').click();
      await flushPromises();
      expect(createRecord).not.toHaveBeenCalled();
      expect(text(element, '.problems li')).toEqual(['Describe the outcome the customer wants.']);
      await expect(element).toBeAccessible();
    });

    it("keeps the form open with the org's reason when a validation rule refuses it", async () => {
      (createRecord as jest.Mock).mockRejectedValueOnce({ body: { output: { errors: [], fieldErrors: { Baseline_Value__c: [{ message: 'An increase or a decrease needs a baseline.' }] } } } });
      const element = await openForm();
      change(one(element, 'lightning-textarea.description'), 'Resolve more cases on first contact');
      await flushPromises();
      one(element, 'lightning-button.save-outcome').click();
      await flushPromises();
      expect(text(element, '.action-error')).toEqual(['An increase or a decrease needs a baseline.']);
      expect(one(element, 'section.outcome-form')).not.toBeNull();
      expect(refreshGraphQL).not.toHaveBeenCalled();
    });

    it('cancels without a call', async () => {
      const element = await openForm();
      one(element, 'lightning-button.cancel-outcome').click();
      await flushPromises();
      expect(one(element, 'section.outcome-form')).toBeNull();
      expect(createRecord).not.toHaveBeenCalled();
    });
  });

  describe('once handed over', () => {
    it('shows a complete handover and the bill of materials with type, lifecycle and renewal date', async () => {
      const element = await loaded(mockHandedOver);
      expect(text(element, '.summary')).toEqual(['The handover is complete: nothing is missing.']);
      expect(all(element, 'li.item-missing')).toHaveLength(0);
      expect(text(element, 'caption')[0]).toBe('Bill of materials: the solution components of the initiative');
      const rows = all(element, 'tr.bom-line').map((row) => Array.from(row.querySelectorAll('th, td')).map((cell) => cell.textContent!.trim()));
      expect(rows).toEqual([
        ['Service Cloud Enterprise', 'Subscription', 'Renewable', '2027-02-28'],
        ['Implementation Services', 'Professional Services', 'One-Time', 'Does not renew'],
      ]);
      expect(one(element, 'tr.bom-line a.line-link').getAttribute('href')).toBe('/lightning/r/Solution_Component__c/a06000000000001AAA/view');
      await expect(element).toBeAccessible();
    });
  });
});
