import { createElement } from 'lwc';
import LogMeasurement from 'c/logMeasurement';
import { graphql } from 'lightning/uiGraphQLApi';
import { createRecord, updateRecord } from 'lightning/uiRecordApi';
import { getObjectInfo, getPicklistValues } from 'lightning/uiObjectInfoApi';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { CloseActionScreenEvent } from 'lightning/actions';

const mockOutcome = require('./data/outcome.json');
const mockMeasurementInfo = require('./data/measurementInfo.json');
const mockSourcePicklist = require('./data/sourcePicklist.json');

jest.mock('c/userToday', () => ({ userToday: () => '2026-11-23', todayIn: () => '2026-11-23' }), { virtual: true });

type TestAdapter = { emit(value: unknown): void; emitErrors(errors: unknown): void; getLastConfig(): Record<string, unknown> };
const graphqlAdapter = graphql as unknown as TestAdapter;
const objectInfoAdapter = getObjectInfo as unknown as TestAdapter;
const picklistAdapter = getPicklistValues as unknown as TestAdapter;

const OUTCOME_ID = 'a05000000000001AAA';
const flushPromises = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

type Form = HTMLElement & { recordId: string; inline: boolean };

async function createForm({ inline = false, loaded = true } = {}): Promise<Form> {
  const element = createElement('c-log-measurement', { is: LogMeasurement }) as Form;
  element.recordId = OUTCOME_ID;
  element.inline = inline;
  document.body.appendChild(element);
  if (loaded) {
    graphqlAdapter.emit(mockOutcome);
    objectInfoAdapter.emit(mockMeasurementInfo);
    picklistAdapter.emit(mockSourcePicklist);
  }
  await flushPromises();
  return element;
}

const field = (element: HTMLElement, selector: string) => element.shadowRoot!.querySelector(selector) as HTMLElement & { value: string; options: unknown[]; max: string };

async function fill(element: HTMLElement, values: { measuredOn?: string; value?: string; source?: string; notes?: string }): Promise<void> {
  const entries: Array<[string, string | undefined]> = [
    ['lightning-input.measured-on', values.measuredOn],
    ['lightning-input.value', values.value],
    ['lightning-combobox.source', values.source],
    ['lightning-textarea.notes', values.notes],
  ];
  for (const [selector, value] of entries) {
    if (value !== undefined) field(element, selector).dispatchEvent(new CustomEvent('change', { detail: { value } }));
  }
  await flushPromises();
}

async function save(element: HTMLElement): Promise<void> {
  field(element, 'lightning-button.save').click();
  await flushPromises();
}

const problems = (element: HTMLElement): string[] => Array.from(element.shadowRoot!.querySelectorAll('.problems li')).map((li) => li.textContent!);

describe('c-log-measurement', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  describe('form', () => {
    it('starts on today, by the user\'s time zone, which is also the latest date allowed', async () => {
      const element = await createForm();
      expect(field(element, 'lightning-input.measured-on').value).toBe('2026-11-23');
      expect(field(element, 'lightning-input.measured-on').max).toBe('2026-11-23');
      expect(field(element, 'lightning-combobox.source').value).toBe('Manual');
      expect(element.shadowRoot!.querySelector('h2')!.textContent).toBe('Log a measurement: Quality of service experienced by customers after purchase');
      expect((field(element, 'lightning-input.value') as unknown as { label: string }).label).toBe('Value (CSAT points)');
      await expect(element).toBeAccessible();
    });

    it('offers the sources of the Source__c picklist (getPicklistValues for the default record type)', async () => {
      const element = await createForm();
      expect(objectInfoAdapter.getLastConfig()).toEqual({ objectApiName: 'Measurement__c' });
      expect(picklistAdapter.getLastConfig()).toEqual({ recordTypeId: '012000000000000AAA', fieldApiName: { objectApiName: 'Measurement__c', fieldApiName: 'Source__c' } });
      expect(field(element, 'lightning-combobox.source').options).toEqual([
        { label: 'Survey', value: 'Survey' },
        { label: 'System', value: 'System' },
        { label: 'Manual', value: 'Manual' },
        { label: 'Import', value: 'Import' },
      ]);
    });
  });

  describe('refused before any call', () => {
    it('refuses a date in the future', async () => {
      const element = await createForm();
      await fill(element, { measuredOn: '2026-11-24', value: '75' });
      await save(element);
      expect(problems(element)).toEqual(['The date 2026-11-24 is in the future: today is 2026-11-23 in your time zone.']);
      expect(createRecord).not.toHaveBeenCalled();
      expect(updateRecord).not.toHaveBeenCalled();
      expect(element.shadowRoot!.querySelector('.problems')!.getAttribute('role')).toBe('alert');
      await expect(element).toBeAccessible();
    });

    it('refuses a missing date and a value that is not a number, saying each', async () => {
      const element = await createForm();
      await fill(element, { measuredOn: '', value: 'twelve' });
      await save(element);
      expect(problems(element)).toEqual(['Enter the date the value was measured.', 'The value "twelve" is not a number.']);
      await fill(element, { measuredOn: '2026-11-20', value: '' });
      await save(element);
      expect(problems(element)).toEqual(['Enter the measured value.']);
      expect(createRecord).not.toHaveBeenCalled();
    });

    it('refuses to save before the outcome is loaded (its status could not be computed)', async () => {
      const element = await createForm({ loaded: false });
      await fill(element, { value: '75' });
      await save(element);
      expect(problems(element)).toEqual(['The outcome is still loading: try again in a moment.']);
      expect(createRecord).not.toHaveBeenCalled();
    });
  });

  describe('save', () => {
    it('creates the Measurement__c with exactly its fields, then writes the outcome\'s changed assessment', async () => {
      (createRecord as jest.Mock).mockResolvedValueOnce({ id: 'a04000000000009AAA', apiName: 'Measurement__c', fields: {} });
      const element = await createForm();
      const logged = jest.fn();
      element.addEventListener('logged', logged);
      await fill(element, { measuredOn: '2026-11-20', value: '80', source: 'Survey', notes: '  Pulse survey, 412 answers ' });
      await save(element);

      expect(createRecord).toHaveBeenCalledTimes(1);
      expect(createRecord).toHaveBeenCalledWith({
        apiName: 'Measurement__c',
        fields: {
          Outcome_Requirement__c: OUTCOME_ID,
          Measured_On__c: '2026-11-20',
          Value__c: 80,
          Source__c: 'Survey',
          Notes__c: 'Pulse survey, 412 answers',
        },
      });
      // Computed by the domain core from the three stored measurements and the new one (baseline 70, +15% → 80.5).
      expect(updateRecord).toHaveBeenCalledWith({
        fields: {
          Id: OUTCOME_ID,
          Latest_Value__c: 80,
          Latest_Measured_On__c: '2026-11-20',
          Attainment_Percent__c: 95.2,
          Forecast_At_Deadline__c: 80.2876,
          Forecast_Attainment_Percent__c: 98,
          Status__c: 'At Risk',
        },
      });
      expect(logged).toHaveBeenCalledTimes(1);
      expect(logged.mock.calls[0][0].detail.measurementId).toBe('a04000000000009AAA');
      expect(ShowToastEvent).toBeDefined();
      // A quick action closes its screen once saved.
      expect(CloseActionScreenEvent).toHaveBeenCalledTimes(1);
      expect(problems(element)).toEqual([]);
    });

    it('writes only the stored fields that change, and sends no Notes__c when there are none', async () => {
      const outcome = JSON.parse(JSON.stringify(mockOutcome));
      const node = outcome.uiapi.query.Outcome_Requirement__c.edges[0].node;
      Object.assign(node, { Attainment_Percent__c: { value: 95.2 }, Status__c: { value: 'At Risk' }, Forecast_Attainment_Percent__c: { value: 98 } });
      const element = createElement('c-log-measurement', { is: LogMeasurement }) as Form;
      element.recordId = OUTCOME_ID;
      element.inline = true;
      document.body.appendChild(element);
      graphqlAdapter.emit(outcome);
      await flushPromises();
      await fill(element, { measuredOn: '2026-11-20', value: '80' });
      await save(element);

      expect((createRecord as jest.Mock).mock.calls[0][0].fields).toEqual({
        Outcome_Requirement__c: OUTCOME_ID,
        Measured_On__c: '2026-11-20',
        Value__c: 80,
        Source__c: 'Manual',
      });
      expect(updateRecord).toHaveBeenCalledWith({
        fields: { Id: OUTCOME_ID, Latest_Value__c: 80, Latest_Measured_On__c: '2026-11-20', Forecast_At_Deadline__c: 80.2876 },
      });
      // Inline in the tracker there is no action screen to close.
      expect(CloseActionScreenEvent).not.toHaveBeenCalled();
    });

    it('says in words why the server refused the measurement', async () => {
      (createRecord as jest.Mock).mockRejectedValueOnce({
        body: {
          enhancedErrorType: 'RecordError',
          message: 'An error occurred while trying to update the record. Please try again.',
          output: { errors: [], fieldErrors: { Measured_On__c: [{ message: 'A measurement cannot be dated in the future.', fieldApiName: 'Measured_On__c' }] } },
        },
      });
      const element = await createForm();
      await fill(element, { measuredOn: '2026-11-20', value: '80' });
      await save(element);
      expect(problems(element)).toEqual(['The measurement was not saved: A measurement cannot be dated in the future.']);
      expect(updateRecord).not.toHaveBeenCalled();
      await expect(element).toBeAccessible();
    });

    it('cancels without a call', async () => {
      const element = await createForm({ inline: true });
      const cancel = jest.fn();
      element.addEventListener('cancel', cancel);
      field(element, 'lightning-button.cancel').click();
      await flushPromises();
      expect(cancel).toHaveBeenCalledTimes(1);
      expect(createRecord).not.toHaveBeenCalled();
    });
  });
});
