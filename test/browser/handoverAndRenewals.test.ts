/**
 * The handover checklist and the renewal radar in a real browser (Debian's chromium) on `npm run preview`: the
 * Opportunity page, the Home page and the Account page render the sample book as the org holds it; an outcome
 * requirement added on the Opportunity page is in the org; a line linked to an outcome in the tracker appears on the
 * radar; no serious accessibility violation anywhere.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Locator, Page } from 'playwright-core';
import { browserToday, idOf, launchChromium, openPage, query, screenshot, startPreviewProcess, waitUntil, type RunningPreview } from './preview.js';

let preview: RunningPreview;
let browser: Browser;

beforeAll(async () => {
  preview = await startPreviewProcess();
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
}

async function ready(url: string, selector: string): Promise<{ page: Page; errors: string[] }> {
  const opened = await openPage(browser, url);
  await opened.page.locator(selector).first().waitFor({ timeout: 20_000 });
  return opened;
}

const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The initiatives the radar must list: renewing from today to today + 120 days, as the org holds them. */
async function renewingInWindow(page: Page, accountId?: string): Promise<string[]> {
  const today = await browserToday(page);
  const account = accountId ? ` AND Account__c = '${accountId}'` : '';
  const rows = await query<{ Id: string }>(preview.url, `SELECT Id FROM Initiative__c WHERE Next_Renewal_Date__c >= ${today} AND Next_Renewal_Date__c <= ${addDays(today, 120)}${account}`);
  return rows.map((r) => r.Id).sort();
}

const ids = async (rows: Locator): Promise<string[]> => (await rows.evaluateAll((nodes) => nodes.map((n) => (n as unknown as { getAttribute(name: string): string | null }).getAttribute('data-id') ?? ''))).sort();

describe('handover checklist in a browser', () => {
  it('renders the sample opportunity: every item of the rule, the gaps the org has, the bill of materials', async () => {
    const opportunityId = idOf(preview.opportunityUrl);
    const { page, errors } = await ready(preview.opportunityUrl, 'c-handover-checklist li.item');
    const [initiative] = await query<{ Id: string; CSM__c: string | null; Purpose__c: string | null }>(
      preview.url,
      `SELECT Id, CSM__c, Purpose__c FROM Initiative__c WHERE Opportunity__c = '${opportunityId}'`,
    );
    const components = await query(preview.url, `SELECT Id FROM Solution_Component__c WHERE Initiative__c = '${initiative.Id}'`);

    expect(await page.locator('li.item').count()).toBe(10);
    expect(await page.locator('a.initiative-link').getAttribute('href')).toBe(`/lightning/r/Initiative__c/${initiative.Id}/view`);
    expect(await page.locator('li.item[data-key="csm"]').getAttribute('class')).toContain(initiative.CSM__c ? 'item-done' : 'item-missing');
    expect(await page.locator('li.item[data-key="purpose"]').getAttribute('class')).toContain(initiative.Purpose__c ? 'item-done' : 'item-missing');
    // Handed over: the bill of materials is the initiative's components, one row each.
    expect(await page.locator('tr.bom-line').count()).toBe(components.length);
    expect(await page.locator('caption').textContent()).toContain('Bill of materials');
    const missing = await page.locator('li.item-missing').count();
    expect(await page.locator('.summary').textContent()).toMatch(missing ? new RegExp(`^${missing} of 10 items missing`) : /^The handover is complete/);
    // Rendered by the real base components, styled by SLDS.
    expect(await page.locator('lightning-card article.slds-card').count()).toBe(1);
    expect(errors).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'opportunity-checklist');
    await page.close();
  }, 60_000);

  it('adds an outcome requirement: it is in the org, on the initiative, and counted on the page', async () => {
    const opportunityId = idOf(preview.opportunityUrl);
    const { page, errors } = await ready(preview.opportunityUrl, 'c-handover-checklist li.item');
    const before = (await page.locator('.outcome-summary').textContent()) ?? '';
    const count = Number(/^(\d+)/.exec(before)![1]);

    await page.locator('lightning-button.add-outcome button').click();
    const form = page.locator('section.outcome-form');
    await form.locator('lightning-textarea.description textarea').fill('Fewer repeat visits, added in the browser test');
    await form.locator('lightning-input.baseline input').fill('12');
    await form.locator('lightning-input.target input').fill('20');
    await form.locator('lightning-input.unit input').fill('%');
    const nextYear = new Date().getUTCFullYear() + 1;
    await form.locator('lightning-input.deadline-date input').fill(`Jun 30, ${nextYear}`);
    await form.locator('lightning-textarea.method textarea').fill('Monthly field service report');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'opportunity-add-outcome');
    await form.locator('lightning-button.save-outcome button').click();

    await waitUntil(async () => ((await page.locator('.outcome-summary').textContent()) ?? '').startsWith(`${count + 1} outcome`), 'the page counts the new outcome');
    expect(await page.locator('section.outcome-form').count()).toBe(0);
    const [saved] = await query<Record<string, unknown>>(
      preview.url,
      `SELECT Initiative__r.Opportunity__c, Priority__c, Validation_Status__c, Quantity_Type__c, Direction__c, Baseline_Value__c, Target_Value__c, Unit__c, Deadline_Type__c, Deadline_Date__c, Measurement_Method__c FROM Outcome_Requirement__c WHERE Description__c = 'Fewer repeat visits, added in the browser test'`,
    );
    expect(saved).toMatchObject({
      Initiative__r: { Opportunity__c: opportunityId },
      Priority__c: 'Primary',
      Validation_Status__c: 'Stated by Customer',
      Quantity_Type__c: 'Absolute',
      Direction__c: 'Increase',
      Baseline_Value__c: 12,
      Target_Value__c: 20,
      Unit__c: '%',
      Deadline_Type__c: 'Date',
      Deadline_Date__c: `${nextYear}-06-30`,
      Measurement_Method__c: 'Monthly field service report',
    });
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});

describe('renewal radar in a browser', () => {
  it('renders the renewals of the next 120 days on the Home page, each linking to its initiative page', async () => {
    const { page, errors } = await ready(preview.homeUrl, 'c-renewal-radar li.initiative');
    const rows = page.locator('li.initiative');
    expect(await ids(rows)).toEqual(await renewingInWindow(page));
    expect(await page.locator('.summary').textContent()).toMatch(/^\d+ initiatives? renews?, \d+ at risk with [\d,]+ at stake$/);
    expect(errors).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'home-radar');

    const first = rows.first();
    const initiativeId = (await first.getAttribute('data-id')) as string;
    expect(await first.locator('a.initiative-link').getAttribute('href')).toBe(`/lightning/r/Initiative__c/${initiativeId}/view`);
    await first.locator('a.initiative-link').click();
    await page.waitForURL(`**/lightning/r/Initiative__c/${initiativeId}/view`);
    await page.locator('c-outcome-tracker li.outcome').first().waitFor({ timeout: 20_000 });
    await page.close();
  }, 60_000);

  it("renders the account's own renewals on the Account page, beside its outcomes", async () => {
    const { page: home } = await ready(preview.homeUrl, 'c-renewal-radar li.initiative');
    const accountUrl = (await home.locator('li.initiative a.account-link').first().getAttribute('href')) as string;
    await home.close();
    const accountId = accountUrl.split('/')[4];
    const { page, errors } = await ready(`${preview.url}${accountUrl}`, 'c-renewal-radar li.initiative');
    expect(await ids(page.locator('li.initiative'))).toEqual(await renewingInWindow(page, accountId));
    expect(await page.locator('c-outcome-tracker li.outcome').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'account-radar');
    await page.close();
  }, 60_000);

  it('shows a renewable line on the radar once it is linked, in the tracker, to a primary outcome not on track', async () => {
    const { page, errors } = await ready(preview.homeUrl, 'c-renewal-radar li.initiative');
    // A primary outcome behind a renewal at risk, with no renewable line linked yet.
    const reason = page.locator('li.reason', { has: page.locator('.no-lines') }).first();
    const outcomeId = (await reason.getAttribute('data-id')) as string;
    const initiativeId = (await page.locator('li.initiative', { has: page.locator(`li.reason[data-id="${outcomeId}"]`) }).getAttribute('data-id')) as string;
    const [line] = await query<{ Id: string; Name: string }>(
      preview.url,
      `SELECT Id, Name FROM Solution_Component__c WHERE Initiative__c = '${initiativeId}' AND Lifecycle__c = 'Renewable' ORDER BY Name LIMIT 1`,
    );

    await page.goto(`${preview.url}/lightning/r/Initiative__c/${initiativeId}/view`);
    const outcome = page.locator(`li.outcome[data-id="${outcomeId}"]`);
    await outcome.waitFor({ timeout: 20_000 });
    await outcome.locator('lightning-combobox.component-choice button, lightning-combobox.component-choice input').first().click();
    await outcome.locator(`lightning-base-combobox-item[data-value="${line.Id}"]`).click();
    await outcome.locator('lightning-button.link-button button').click();
    await waitUntil(async () => (await outcome.locator('.component-name').allTextContents()).includes(line.Name), 'the tracker lists the linked line');
    const links = await query(preview.url, `SELECT Id FROM Outcome_Component__c WHERE Outcome_Requirement__c = '${outcomeId}' AND Solution_Component__c = '${line.Id}'`);
    expect(links).toHaveLength(1);

    await page.goto(preview.homeUrl);
    const onRadar = page.locator(`li.reason[data-id="${outcomeId}"]`);
    await onRadar.waitFor({ timeout: 20_000 });
    expect(await onRadar.locator('a.line-link').allTextContents()).toEqual([line.Name]);
    expect(await onRadar.locator('a.line-link').getAttribute('href')).toBe(`/lightning/r/Solution_Component__c/${line.Id}/view`);
    expect(await onRadar.locator('.no-lines').count()).toBe(0);
    expect(errors).toEqual([]);
    await screenshot(page, 'home-radar-after-linking');
    await page.close();
  }, 90_000);
});
