import { createElement } from 'lwc';
import OutcomeTracker from 'c/outcomeTracker';
import { graphql, refreshGraphQL } from 'lightning/uiGraphQLApi';
import { createRecord, deleteRecord, updateRecord } from 'lightning/uiRecordApi';

const mockInitiative = require('./data/trackerInitiative.json');
const mockEmpty = require('./data/trackerEmpty.json');
const mockErrors = require('./data/trackerErrors.json');

// "Today" in the user's time zone, fixed so statuses do not change with the calendar.
jest.mock('c/userToday', () => ({ userToday: () => '2026-11-23', todayIn: () => '2026-11-23' }), { virtual: true });

type TestAdapter = { emit(value: unknown): void; emitErrors(errors: unknown): void; getLastConfig(): Record<string, unknown> };
const graphqlAdapter = graphql as unknown as TestAdapter;

const flushPromises = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function createTracker(recordId = 'a02000000000001AAA'): HTMLElement & { recordId: string } {
  const element = createElement('c-outcome-tracker', { is: OutcomeTracker }) as HTMLElement & { recordId: string };
  element.recordId = recordId;
  document.body.appendChild(element);
  return element;
}

const all = (element: HTMLElement, selector: string): HTMLElement[] => Array.from(element.shadowRoot!.querySelectorAll(selector));
const text = (element: HTMLElement, selector: string): string[] => all(element, selector).map((node) => node.textContent!.trim());
const outcomeItem = (element: HTMLElement, id: string): HTMLElement => element.shadowRoot!.querySelector(`li.outcome[data-id="${id}"]`) as HTMLElement;

describe('c-outcome-tracker', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  describe('graphql @wire', () => {
    it('asks for the record as an initiative or as an account', async () => {
      createTracker('001000000000001AAA');
      await flushPromises();
      const config = graphqlAdapter.getLastConfig();
      expect(config.variables).toEqual({ recordId: '001000000000001AAA' });
      expect(config.query).toContain('{ Id: { eq: $recordId } }, { Account__c: { eq: $recordId } }');
      expect(config.query).toContain('Measurements__r');
      expect(config.query).toContain('Outcome_Components__r');
    });

    it('shows a spinner while loading', async () => {
      const element = createTracker();
      await flushPromises();
      expect(element.shadowRoot!.querySelector('lightning-spinner')).not.toBeNull();
      await expect(element).toBeAccessible();
    });

    it('renders every outcome, primary and not on track first, with status computed from the measurements', async () => {
      const element = createTracker();
      graphqlAdapter.emit(mockInitiative);
      await flushPromises();

      expect(text(element, '.description')).toEqual([
        'Quality of service experienced by customers after purchase',
        'Average handling time of service cases',
        'Share of orders entered online',
      ]);
      // The stored Status__c says On Track; the measurements say otherwise, and the tracker says what they say.
      expect(text(element, '.status')).toEqual(['Off Track', 'No Data', 'Attained']);
      expect(text(element, '.summary')).toEqual(['3 outcomes, 2 not on track']);

      const quality = outcomeItem(element, 'a05000000000001AAA');
      const textIn = (selector: string) => quality.querySelector(selector)!.textContent!.trim();
      expect(textIn('.quantity')).toBe('Increase from 70 CSAT points to 80.5 CSAT points (15% uplift)');
      expect(textIn('.deadline')).toBe('24 months after go-live: 2027-03-01');
      expect(textIn('.latest')).toBe('71.4 CSAT points on 2026-09-01');
      expect(textIn('.attainment-text')).toBe('13.3% attained');
      expect(quality.querySelector('[role="progressbar"]')!.getAttribute('aria-valuenow')).toBe('13.3');
      expect(textIn('.forecast')).toBe('Forecast at the due date: 71.8639 CSAT points (17.8% attained)');
      expect(textIn('.reason')).toMatch(/^Off Track: the forecast 71.8639 at the due date 2027-03-01/);
      expect(textIn('.capability')).toBe('Sales › Taking New Orders › Taking New Orders for Product X');
      expect(textIn('.validation')).toBe('Stated by the customer');
      expect(Array.from(quality.querySelectorAll('.component-name')).map((n) => n.textContent)).toEqual(['Service Cloud']);

      const chart = quality.querySelector('svg.trend')!;
      expect(chart.getAttribute('aria-label')).toBe('Trend of Quality of service experienced by customers after purchase: 3 measurements, target 80.5 CSAT points, due 2027-03-01');
      expect(chart.querySelectorAll('circle.point')).toHaveLength(3);
      expect(chart.querySelector('line.target')).not.toBeNull();
      expect(chart.querySelector('line.baseline')).not.toBeNull();
      expect(chart.querySelector('line.due')).not.toBeNull();
      expect(chart.querySelector('line.forecast-line')).not.toBeNull();

      const unmeasured = outcomeItem(element, 'a05000000000002AAA');
      expect(unmeasured.querySelector('.latest')!.textContent).toBe('No measurement yet');
      expect(unmeasured.querySelector('svg.trend')).toBeNull();
      expect(unmeasured.querySelector('[role="progressbar"]')).toBeNull();
      expect(unmeasured.querySelector('.validation')!.textContent).toContain('Assumed: validate with the customer');
      await expect(element).toBeAccessible();
    });

    it('says so when the initiative has no outcome', async () => {
      const element = createTracker();
      graphqlAdapter.emit(mockEmpty);
      await flushPromises();
      expect(text(element, '.empty')[0]).toMatch(/^No outcome requirement is recorded yet/);
      expect(all(element, 'li.outcome')).toHaveLength(0);
      await expect(element).toBeAccessible();
    });

    it('says in words why the outcomes could not be loaded', async () => {
      const element = createTracker();
      graphqlAdapter.emitErrors(mockErrors);
      await flushPromises();
      const alert = element.shadowRoot!.querySelector('.load-error')!;
      expect(alert.getAttribute('role')).toBe('alert');
      expect(alert.textContent).toContain("Field 'Foo__c' in type 'Initiative__c' is undefined");
      await expect(element).toBeAccessible();
    });
  });

  describe('filter', () => {
    it('keeps the outcomes not on track, or those of one status', async () => {
      const element = createTracker();
      graphqlAdapter.emit(mockInitiative);
      await flushPromises();
      const filter = element.shadowRoot!.querySelector('lightning-combobox.filter')!;

      filter.dispatchEvent(new CustomEvent('change', { detail: { value: 'not-on-track' } }));
      await flushPromises();
      expect(text(element, '.status')).toEqual(['Off Track', 'No Data']);

      filter.dispatchEvent(new CustomEvent('change', { detail: { value: 'Attained' } }));
      await flushPromises();
      expect(text(element, '.description')).toEqual(['Share of orders entered online']);

      filter.dispatchEvent(new CustomEvent('change', { detail: { value: 'Missed' } }));
      await flushPromises();
      expect(text(element, '.filtered-empty')).toEqual(['No outcome has this status.']);
      await expect(element).toBeAccessible();
    });
  });

  describe('writes', () => {
    async function loadedTracker(): Promise<HTMLElement> {
      const element = createTracker();
      graphqlAdapter.emit(mockInitiative);
      await flushPromises();
      return element;
    }

    it('offers Validated only on an assumed outcome, and writes Validation_Status__c then refreshes', async () => {
      const element = await loadedTracker();
      const buttons = all(element, 'lightning-button.validate');
      expect(buttons.map((b) => b.dataset.id)).toEqual(['a05000000000002AAA']);

      buttons[0].click();
      await flushPromises();
      expect(updateRecord).toHaveBeenCalledTimes(1);
      expect(updateRecord).toHaveBeenCalledWith({ fields: { Id: 'a05000000000002AAA', Validation_Status__c: 'Validated' } });
      expect(refreshGraphQL).toHaveBeenCalledTimes(1);
    });

    it('links a component of the bill of materials (createRecord of Outcome_Component__c)', async () => {
      const element = await loadedTracker();
      const quality = outcomeItem(element, 'a05000000000001AAA');
      const choice = quality.querySelector('lightning-combobox.component-choice') as HTMLElement & { options: Array<{ value: string }> };
      // Service Cloud serves it already: only the other line is offered.
      expect(choice.options).toEqual([{ label: 'Implementation Services', value: 'a06000000000002AAA' }]);

      choice.dispatchEvent(new CustomEvent('change', { detail: { value: 'a06000000000002AAA' } }));
      await flushPromises();
      (quality.querySelector('lightning-button.link-button') as HTMLElement).click();
      await flushPromises();

      expect(createRecord).toHaveBeenCalledWith({
        apiName: 'Outcome_Component__c',
        fields: { Outcome_Requirement__c: 'a05000000000001AAA', Solution_Component__c: 'a06000000000002AAA' },
      });
      expect(refreshGraphQL).toHaveBeenCalledTimes(1);
    });

    it('unlinks a component (deleteRecord of the Outcome_Component__c)', async () => {
      const element = await loadedTracker();
      const unlink = outcomeItem(element, 'a05000000000001AAA').querySelector('lightning-button-icon.unlink') as HTMLElement & { alternativeText: string };
      expect(unlink.alternativeText).toBe('Unlink Service Cloud');
      unlink.click();
      await flushPromises();
      expect(deleteRecord).toHaveBeenCalledWith('a07000000000001AAA');
      expect(refreshGraphQL).toHaveBeenCalledTimes(1);
    });

    it('says in words why a write failed, and does not refresh', async () => {
      (updateRecord as jest.Mock).mockRejectedValueOnce({
        body: { message: 'An error occurred while trying to update the record.', output: { errors: [{ message: 'insufficient access rights on object id' }], fieldErrors: {} } },
      });
      const element = await loadedTracker();
      (element.shadowRoot!.querySelector('lightning-button.validate') as HTMLElement).click();
      await flushPromises();
      expect(text(element, '.action-error')).toEqual(['insufficient access rights on object id']);
      expect(refreshGraphQL).not.toHaveBeenCalled();
      await expect(element).toBeAccessible();
    });

    it('opens the log form inline for one outcome and refreshes once a measurement is logged', async () => {
      const element = await loadedTracker();
      const quality = outcomeItem(element, 'a05000000000001AAA');
      (quality.querySelector('lightning-button.log') as HTMLElement).click();
      await flushPromises();

      const form = quality.querySelector('c-log-measurement') as HTMLElement & { recordId: string; inline: boolean };
      expect(form.recordId).toBe('a05000000000001AAA');
      expect(form.inline).toBe(true);
      expect(all(element, 'c-log-measurement')).toHaveLength(1);

      form.dispatchEvent(new CustomEvent('logged', { detail: { measurementId: 'a04000000000009AAA' } }));
      await flushPromises();
      expect(refreshGraphQL).toHaveBeenCalledTimes(1);
      expect(all(element, 'c-log-measurement')).toHaveLength(0);
    });
  });
});
