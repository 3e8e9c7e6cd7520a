import { createElement } from 'lwc';
import RenewalRadar from 'c/renewalRadar';
import { graphql } from 'lightning/uiGraphQLApi';
import { getNavigateCalledWith, resetNavigate } from 'lightning/navigation';

const mockInitiatives = require('./data/radarInitiatives.json');
const mockEmpty = require('./data/radarEmpty.json');
const mockErrors = require('./data/radarErrors.json');

// "Today" in the user's time zone, fixed so the window and the statuses do not move with the calendar.
jest.mock('c/userToday', () => ({ userToday: () => '2026-11-23', todayIn: () => '2026-11-23' }), { virtual: true });

type TestAdapter = { emit(value: unknown): void; emitErrors(errors: unknown): void; getLastConfig(): Record<string, unknown> };
const graphqlAdapter = graphql as unknown as TestAdapter;
type Radar = HTMLElement & { recordId?: string; objectApiName?: string; windowDays?: number; atRiskOnly?: boolean };

const flushPromises = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function createRadar(properties: Partial<Radar> = {}): Radar {
  const element = createElement('c-renewal-radar', { is: RenewalRadar }) as Radar;
  Object.assign(element, properties);
  document.body.appendChild(element);
  return element;
}

async function loaded(properties: Partial<Radar> = {}, data: unknown = mockInitiatives): Promise<Radar> {
  const element = createRadar(properties);
  graphqlAdapter.emit(data);
  await flushPromises();
  return element;
}

const all = (element: HTMLElement, selector: string): HTMLElement[] => Array.from(element.shadowRoot!.querySelectorAll(selector));
const text = (element: HTMLElement, selector: string): string[] => all(element, selector).map((node) => node.textContent!.trim());
const row = (element: HTMLElement, id: string): HTMLElement => element.shadowRoot!.querySelector(`li.initiative[data-id="${id}"]`) as HTMLElement;

describe('c-renewal-radar', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
    resetNavigate();
  });

  describe('graphql @wire', () => {
    it('asks for every initiative renewing from today to the end of the window (Home and app pages)', async () => {
      createRadar();
      await flushPromises();
      const config = graphqlAdapter.getLastConfig();
      expect(config.variables).toEqual({ from: '2026-11-23', until: '2027-03-23' });
      expect(config.query).toContain('query RenewalRadar(');
      expect(config.query).not.toContain('Account__c: { eq: $accountId }');
      expect(config.query).toContain('Outcome_Components__r');
    });

    it("asks for the account's initiatives on an Account page, over the window the page sets", async () => {
      createRadar({ recordId: '001000000000001AAA', objectApiName: 'Account', windowDays: 30 });
      await flushPromises();
      const config = graphqlAdapter.getLastConfig();
      expect(config.variables).toEqual({ from: '2026-11-23', until: '2026-12-23', accountId: '001000000000001AAA' });
      expect(config.query).toContain('Account__c: { eq: $accountId }');
    });

    it('takes the default window when the page gives one that is not a number of days', async () => {
      createRadar({ windowDays: 'soon' as unknown as number });
      await flushPromises();
      expect(graphqlAdapter.getLastConfig().variables).toEqual({ from: '2026-11-23', until: '2027-03-23' });
    });

    it('shows a spinner while loading', async () => {
      const element = createRadar();
      await flushPromises();
      expect(element.shadowRoot!.querySelector('lightning-spinner')).not.toBeNull();
      await expect(element).toBeAccessible();
    });

    it('says in words why the renewals could not be loaded', async () => {
      const element = createRadar();
      graphqlAdapter.emitErrors(mockErrors);
      await flushPromises();
      const alert = element.shadowRoot!.querySelector('.load-error')!;
      expect(alert.getAttribute('role')).toBe('alert');
      expect(alert.textContent).toContain("Field 'Next_Renewal_Date__c' in type 'Initiative__c' is not accessible");
      await expect(element).toBeAccessible();
    });

    it('says so when nothing renews in the window', async () => {
      const element = await loaded({}, mockEmpty);
      expect(text(element, '.empty')).toEqual(['No initiative renews in the next 120 days.']);
      await expect(element).toBeAccessible();
    });
  });

  describe('rows', () => {
    it('lists the renewals in the window, soonest first and, on one day, the most at stake first', async () => {
      const element = await loaded();
      expect(text(element, 'a.initiative-link')).toEqual([
        'Patient Access Improvement – Northwind',
        'Customer Service Excellence – Highland',
        'Order-to-Cash Acceleration – Highland',
      ]);
      expect(text(element, '.renewal')).toEqual(['2026-12-10 (in 17 days)', '2027-01-15 (in 53 days)', '2027-01-15 (in 53 days)']);
      // Health from the measurements, not the stored field: no measurement is No Data, a flat trend is Off Track.
      expect(text(element, '.health')).toEqual(['No Data', 'Off Track', 'On Track']);
      // No renewable value rolled up: the annual contract value is what is at stake.
      expect(text(element, '.stake')).toEqual(['80,000', '120,000', '50,000']);
      expect(text(element, '.summary')).toEqual(['3 initiatives renew, 2 at risk with 200,000 at stake']);
      expect((element.shadowRoot!.querySelector('lightning-card') as unknown as { title: string }).title).toBe('Renewal radar: the next 120 days');
      await expect(element).toBeAccessible();
    });

    it('shows, for a renewal at risk, the primary outcomes not on track and the renewable lines that stand on them', async () => {
      const element = await loaded();
      const highland = row(element, 'a02000000000001AAA');
      expect(highland.classList).toContain('at-risk');
      expect(Array.from(highland.querySelectorAll('.reason-status')).map((n) => n.textContent)).toEqual(['Off Track']);
      expect(highland.querySelector('a.outcome-link')!.textContent).toBe('Raise customer satisfaction after purchase');
      expect(highland.querySelector('a.outcome-link')!.getAttribute('href')).toBe('/lightning/r/Outcome_Requirement__c/a05000000000001AAA/view');
      // The one-time line serves the outcome too, but does not renew: only the subscription is listed.
      const lines = Array.from(highland.querySelectorAll('li.line'));
      expect(lines.map((l) => l.querySelector('a.line-link')!.textContent)).toEqual(['Service Cloud Enterprise']);
      expect(lines[0].querySelector('.line-renewal')!.textContent).toBe('renews 2027-01-15');
      expect(lines[0].querySelector('.line-value')!.textContent).toBe('96,000 a year');
      expect(lines[0].querySelector('a.line-link')!.getAttribute('href')).toBe('/lightning/r/Solution_Component__c/a06000000000001AAA/view');

      const northwind = row(element, 'a02000000000003AAA');
      expect(northwind.querySelector('.reason-status')!.textContent).toBe('No Data');
      expect(northwind.querySelector('.no-lines')!.textContent).toBe('No renewable line is linked to this outcome yet.');

      const onTrack = row(element, 'a02000000000002AAA');
      expect(onTrack.classList).not.toContain('at-risk');
      expect(onTrack.querySelector('.reasons')).toBeNull();
    });

    it('keeps only the renewals at risk when the page asks for them', async () => {
      const element = await loaded({ atRiskOnly: true });
      expect(text(element, 'a.initiative-link')).toEqual(['Patient Access Improvement – Northwind', 'Customer Service Excellence – Highland']);
      await expect(element).toBeAccessible();
    });

    it('narrows to the window the page sets', async () => {
      const element = await loaded({ windowDays: 30 });
      expect(text(element, 'a.initiative-link')).toEqual(['Patient Access Improvement – Northwind']);
      expect(text(element, '.summary')).toEqual(['1 initiative renews, 1 at risk with 80,000 at stake']);
    });

    it('says so when no renewal in the window is at risk', async () => {
      const element = await loaded({ windowDays: 10, atRiskOnly: true });
      expect(text(element, '.empty')).toEqual(['No renewal in the next 10 days is at risk.']);
    });
  });

  describe('navigation', () => {
    it.each([
      ['a.initiative-link', 'a02000000000003AAA', 'Initiative__c'],
      ['a.account-link', '001000000000002AAA', 'Account'],
      ['a.outcome-link', 'a05000000000003AAA', 'Outcome_Requirement__c'],
    ])('%s opens its record page through NavigationMixin', async (selector, recordId, objectApiName) => {
      const element = await loaded();
      const link = element.shadowRoot!.querySelector(selector) as HTMLAnchorElement;
      expect(link.getAttribute('href')).toBe(`/lightning/r/${objectApiName}/${recordId}/view`);
      link.click();
      expect(getNavigateCalledWith().pageReference).toEqual({ type: 'standard__recordPage', attributes: { recordId, objectApiName, actionName: 'view' } });
    });

    it('opens a renewable line', async () => {
      const element = await loaded();
      (row(element, 'a02000000000001AAA').querySelector('a.line-link') as HTMLElement).click();
      expect(getNavigateCalledWith().pageReference).toEqual({
        type: 'standard__recordPage',
        attributes: { recordId: 'a06000000000001AAA', objectApiName: 'Solution_Component__c', actionName: 'view' },
      });
    });
  });
});
