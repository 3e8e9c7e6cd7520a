/**
 * The outcome tracker in a real browser (Debian's chromium), compiled with the real lightning-base-components and
 * SLDS, on the local org with the sample book of business (`npm run preview`): what a CSM sees and does on an
 * Initiative and an Account page, checked in the org afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Locator, Page } from 'playwright-core';
import { browserToday, idOf, launchChromium, openPage, query, screenshot, startPreviewProcess, waitUntil, type RunningPreview } from './preview.js';

const STATUSES = ['No Data', 'On Track', 'At Risk', 'Off Track', 'Attained', 'Missed'];

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

async function trackerOn(url: string): Promise<{ page: Page; errors: string[]; outcomes: Locator }> {
  const { page, errors } = await openPage(browser, url);
  const outcomes = page.locator('c-outcome-tracker li.outcome');
  await outcomes.first().waitFor({ timeout: 20_000 });
  return { page, errors, outcomes };
}

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
}

/** An outcome whose target any huge value meets, not attained yet: logging such a value must turn it Attained. */
async function outcomeToAttain(page: Page, initiativeId: string): Promise<string> {
  const candidates = await query<{ Id: string }>(preview.url, `SELECT Id FROM Outcome_Requirement__c WHERE Initiative__c = '${initiativeId}' AND Direction__c IN ('Increase', 'At Least') ORDER BY Name`);
  for (const { Id } of candidates) {
    const status = await page.locator(`li.outcome[data-id="${Id}"] .status`).textContent();
    if (status !== 'Attained') return Id;
  }
  throw new Error('The sample initiative has no increasing outcome left to attain');
}

describe('outcome tracker in a browser', () => {
  it('renders the sample initiative: every outcome with its words, status and trend', async () => {
    const initiativeId = idOf(preview.initiativeUrl);
    const { page, errors, outcomes } = await trackerOn(preview.initiativeUrl);
    const inOrg = await query<{ Description__c: string; Priority__c: string }>(preview.url, `SELECT Description__c, Priority__c FROM Outcome_Requirement__c WHERE Initiative__c = '${initiativeId}'`);

    expect(await outcomes.count()).toBe(inOrg.length);
    expect((await page.locator('li.outcome .description').allTextContents()).sort()).toEqual(inOrg.map((o) => o.Description__c).sort());
    for (const status of await page.locator('li.outcome .status').allTextContents()) expect(STATUSES).toContain(status);
    // Primary outcomes lead.
    const priorities = await page.locator('li.outcome .priority').allTextContents();
    expect(priorities).toEqual([...priorities].sort((a, b) => Number(b === 'Primary') - Number(a === 'Primary')));
    const first = outcomes.first();
    expect(await first.locator('.quantity').textContent()).toMatch(/^(Increase|Decrease|At Most|At Least|Not quantified)/);
    expect(await first.locator('.reason').textContent()).toMatch(/^(No Data|On Track|At Risk|Off Track|Attained|Missed|No measurements)/);
    expect(await page.locator('li.outcome svg.trend circle.point').count()).toBeGreaterThan(0);
    // Rendered by the real base components, styled by SLDS.
    expect(await page.locator('lightning-card article.slds-card').count()).toBe(1);
    expect(errors).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'initiative-tracker');
    await page.close();
  }, 60_000);

  it('renders every initiative of the account on the Account page', async () => {
    const accountId = idOf(preview.accountUrl);
    const { page, errors, outcomes } = await trackerOn(preview.accountUrl);
    const inOrg = await query(preview.url, `SELECT Id FROM Outcome_Requirement__c WHERE Initiative__r.Account__c = '${accountId}'`);
    expect(await outcomes.count()).toBe(inOrg.length);
    expect(errors).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'account-tracker');
    await page.close();
  }, 60_000);

  it('logs a measurement: the status changes on the page, the measurement and the new status are in the org', async () => {
    const initiativeId = idOf(preview.initiativeUrl);
    const { page, errors } = await trackerOn(preview.initiativeUrl);
    const outcomeId = await outcomeToAttain(page, initiativeId);
    const outcome = page.locator(`li.outcome[data-id="${outcomeId}"]`);
    const today = await browserToday(page);

    await outcome.locator('lightning-button.log button').click();
    const form = outcome.locator('c-log-measurement');
    await form.locator('lightning-input.value input').fill('999999');
    await form.locator('lightning-textarea.notes textarea').fill('Logged in the browser test');
    await screenshot(page, 'log-measurement-form');
    expect(await seriousViolations(page)).toEqual([]);
    await form.locator('lightning-button.save button').click();

    await waitUntil(async () => (await outcome.locator('.status').textContent()) === 'Attained', 'the outcome shows Attained');
    expect(await outcome.locator('.latest').textContent()).toContain(`999999`);
    expect(await page.locator('#toasts').textContent()).toContain('Measurement logged');

    const [measurement] = await query<{ Value__c: number; Measured_On__c: string; Source__c: string; Notes__c: string }>(
      preview.url,
      `SELECT Value__c, Measured_On__c, Source__c, Notes__c FROM Measurement__c WHERE Outcome_Requirement__c = '${outcomeId}' AND Value__c = 999999`,
    );
    expect(measurement).toMatchObject({ Value__c: 999999, Measured_On__c: today, Source__c: 'Manual', Notes__c: 'Logged in the browser test' });
    const [stored] = await query<{ Status__c: string; Latest_Value__c: number; Latest_Measured_On__c: string }>(
      preview.url,
      `SELECT Status__c, Latest_Value__c, Latest_Measured_On__c FROM Outcome_Requirement__c WHERE Id = '${outcomeId}'`,
    );
    expect(stored).toMatchObject({ Status__c: 'Attained', Latest_Value__c: 999999, Latest_Measured_On__c: today });
    expect(errors).toEqual([]);
    await screenshot(page, 'after-logging');
    await page.close();
  }, 60_000);

  it('refuses a measurement dated in the future before anything reaches the org', async () => {
    const initiativeId = idOf(preview.initiativeUrl);
    const { page } = await trackerOn(preview.initiativeUrl);
    const outcome = page.locator('li.outcome').first();
    const outcomeId = (await outcome.getAttribute('data-id')) as string;
    const before = await query(preview.url, `SELECT Id FROM Measurement__c WHERE Outcome_Requirement__c = '${outcomeId}'`);

    await outcome.locator('lightning-button.log button').click();
    const form = outcome.locator('c-log-measurement');
    // The date field takes the user's locale format (en-US here): a year from now is in the future anywhere.
    const nextYear = new Date().getUTCFullYear() + 1;
    await form.locator('lightning-input.measured-on input').fill(`Jan 15, ${nextYear}`);
    await form.locator('lightning-input.value input').fill('12');
    await form.locator('lightning-button.save button').click();

    await expect(form.locator('.problems').textContent()).resolves.toContain(`The date ${nextYear}-01-15 is in the future`);
    expect(await query(preview.url, `SELECT Id FROM Measurement__c WHERE Outcome_Requirement__c = '${outcomeId}'`)).toHaveLength(before.length);
    expect(initiativeId).toBeTruthy();
    await screenshot(page, 'future-date-refused');
    await page.close();
  }, 60_000);

  it('validates an assumed outcome with one click and writes Validation_Status__c', async () => {
    const { page, errors } = await trackerOn(preview.initiativeUrl);
    const button = page.locator('lightning-button.validate').first();
    const outcomeId = (await button.getAttribute('data-id')) as string;
    const outcome = page.locator(`li.outcome[data-id="${outcomeId}"]`);
    expect(await outcome.locator('.validation').textContent()).toContain('Assumed: validate with the customer');

    await button.locator('button').click();
    await waitUntil(async () => ((await outcome.locator('.validation').textContent()) ?? '').includes('Validated with the customer'), 'the outcome shows Validated');
    expect(await outcome.locator('lightning-button.validate').count()).toBe(0);
    const [stored] = await query<{ Validation_Status__c: string }>(preview.url, `SELECT Validation_Status__c FROM Outcome_Requirement__c WHERE Id = '${outcomeId}'`);
    expect(stored.Validation_Status__c).toBe('Validated');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('can be used with the keyboard alone: open the log form, fill it, save, and land back on its button', async () => {
    const initiativeId = idOf(preview.initiativeUrl);
    const { page, errors } = await trackerOn(preview.initiativeUrl);
    const outcomeId = await outcomeToAttain(page, initiativeId).catch(async () => (await page.locator('li.outcome').first().getAttribute('data-id')) as string);
    const outcome = page.locator(`li.outcome[data-id="${outcomeId}"]`);
    const focused = (locator: Locator) => locator.evaluate((element) => (element as unknown as { matches(selector: string): boolean }).matches(':focus-within'));

    await outcome.locator('lightning-button.log button').focus();
    await page.keyboard.press('Enter');
    const form = outcome.locator('c-log-measurement');
    await form.waitFor();
    await waitUntil(() => focused(form.locator('lightning-input.measured-on')), 'the date field has focus', 5_000);

    const tabTo = async (target: Locator) => {
      for (let presses = 0; presses < 8 && !(await focused(target)); presses += 1) await page.keyboard.press('Tab');
      expect(await focused(target)).toBe(true);
    };
    await tabTo(form.locator('lightning-input.value'));
    await page.keyboard.type('123456');
    await tabTo(form.locator('lightning-textarea.notes'));
    await page.keyboard.type('Typed without a mouse');
    await tabTo(form.locator('lightning-button.save'));
    await page.keyboard.press('Enter');

    await outcome.locator('lightning-button.log').waitFor({ timeout: 15_000 });
    await waitUntil(() => focused(outcome.locator('lightning-button.log')), 'focus is back on Log measurement', 5_000);
    const saved = await query(preview.url, `SELECT Id FROM Measurement__c WHERE Outcome_Requirement__c = '${outcomeId}' AND Notes__c = 'Typed without a mouse'`);
    expect(saved).toHaveLength(1);
    expect(errors).toEqual([]);
    await screenshot(page, 'keyboard-logged');
    await page.close();
  }, 60_000);
});
