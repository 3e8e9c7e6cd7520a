/**
 * The value report as an executive sees it: the HTML and the PDF of the sample scenario (the local org with the
 * sample book of business and its measurements, as of the sample's "today"), rendered by Debian's chromium.
 * Checks what a reader would notice: nothing overflows its page or its chart, every chart label sits inside its
 * SVG, axe-core finds no serious accessibility fault, the summary fits the first printed page, and the PDF has a
 * page per initiative after the summary. Screenshots go to out/screenshots (pdftoppm is not assumed: the PDF is
 * checked through its page count and page size, and the print layout through chromium's print emulation).
 */
import { mkdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AxeBuilder } from '@axe-core/playwright';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import HandoverSync from '../../src/commands/outcomes/handover/sync.js';
import Recompute from '../../src/commands/outcomes/recompute.js';
import RenewalsSync from '../../src/commands/outcomes/renewals/sync.js';
import OutcomesReport, { type ReportResult } from '../../src/commands/outcomes/report.js';
import OutcomesRisk from '../../src/commands/outcomes/risk.js';
import { measurementSchemaAsOf } from '../../src/core/schemas.js';
import { lastErrorOutput, lastExitCode, lastOutput, projectRoot, runCommand, sampleDataDir, startTestOrg, type TestOrg } from '../commands/harness.js';
import { launchChromium, SCREENSHOTS } from './preview.js';

const SAMPLE_TODAY = '2026-11-23';
/** A4 in PDF points. */
const A4 = { width: 595.92, height: 842.88 };

let env: TestOrg;
let tmp: string;
let browser: Browser;
let accountId: string;
let htmlFile: string;
let pdfFile: string;
let result: ReportResult;

async function loadSampleMeasurements(): Promise<void> {
  const outcomes = (await env.conn.query<{ Id: string; External_Id__c: string }>('SELECT Id, External_Id__c FROM Outcome_Requirement__c')).records;
  const idByKey = new Map(outcomes.map((o) => [o.External_Id__c, o.Id]));
  const rows = parse<Record<string, string>>(await readFile(path.join(sampleDataDir, 'measurements.csv'), 'utf8'), { columns: true });
  const schema = measurementSchemaAsOf(SAMPLE_TODAY);
  const records = rows.flatMap((row) => {
    const parsed = schema.safeParse({
      Outcome_Requirement__c: idByKey.get(row.outcome),
      Measured_On__c: row.measured_on,
      Value__c: row.value === '' ? null : Number(row.value),
      External_Id__c: row.external_id,
    });
    return parsed.success && parsed.data.Outcome_Requirement__c && Number.isFinite(parsed.data.Value__c) ? [parsed.data] : [];
  });
  for (let i = 0; i < records.length; i += 200) {
    await env.conn.sobject('Measurement__c').create(records.slice(i, i + 200), { allOrNone: true });
  }
}

/** Pages of a PDF and their sizes, read from its page objects (no PDF renderer needed). */
function pdfPages(bytes: Buffer): Array<{ width: number; height: number }> {
  const text = bytes.toString('latin1');
  const pages = text.match(/\/Type\s*\/Page(?!s)[\s\S]*?\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g) ?? [];
  return pages.map((p) => {
    const box = /\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)/.exec(p) as RegExpExecArray;
    return { width: Number(box[3]) - Number(box[1]), height: Number(box[4]) - Number(box[2]) };
  });
}

async function open(file: string, media: 'screen' | 'print' = 'screen'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('close', () => void context.close().catch(() => undefined)); // the browser may already be closing
  await page.emulateMedia({ media });
  await page.goto(pathToFileURL(file).href);
  return page;
}

beforeAll(async () => {
  env = await startTestOrg();
  tmp = await mkdtemp(path.join(projectRoot, '.tmp', 'report-browser-'));
  await loadSampleMeasurements();
  // The CS-ops day of `npm start`: handover (dated today, which may be after the sample's as-of date: the report
  // must not show it as past), renewals, recompute; then the account with the most renewals at risk within a year.
  const csm = (await env.conn.query<{ Username: string }>("SELECT Username FROM User WHERE Title = 'Customer Success Manager' LIMIT 1")).records[0];
  await runCommand(HandoverSync, ['--target-org', env.alias, ...(csm ? ['--default-csm', csm.Username] : [])]);
  await runCommand(RenewalsSync, ['--target-org', env.alias]);
  await runCommand(Recompute, ['--target-org', env.alias, '--as-of', SAMPLE_TODAY]);
  const risk = (await runCommand(OutcomesRisk, ['--target-org', env.alias, '--within', '365', '--as-of', SAMPLE_TODAY])) as { renewals: Array<{ accountId: string }> };
  const count = (id: string): number => risk.renewals.filter((r) => r.accountId === id).length;
  accountId = [...risk.renewals].sort((a, b) => count(b.accountId) - count(a.accountId))[0].accountId;
  htmlFile = path.join(tmp, 'report.html');
  pdfFile = path.join(tmp, 'report.pdf');
  result = (await runCommand(OutcomesReport, ['--target-org', env.alias, '--account', accountId, '--as-of', SAMPLE_TODAY, '--output', htmlFile])) as ReportResult;
  await runCommand(OutcomesReport, ['--target-org', env.alias, '--account', accountId, '--as-of', SAMPLE_TODAY, '--format', 'pdf', '--output', pdfFile]);
  browser = await launchChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await env?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('the value report in a browser', () => {
  it('opens with the summary, in the org currency and plain words', async () => {
    const page = await open(htmlFile);
    const summary = page.locator('#summary');
    expect(await summary.isVisible()).toBe(true);
    const text = (await summary.textContent()) ?? '';
    expect(text).toMatch(/\d+ of \d+outcomes achieved or on course/);
    expect(text).toContain('before the next renewal');
    expect(await page.locator('main').textContent()).toContain('USD ');
    expect(result.report.currency).toBe('USD');
    // No technical reason leaks into the customer's page.
    expect(await page.locator('main').textContent()).not.toMatch(/threshold|of the way from the baseline/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'report-summary.png') });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'report-full.png'), fullPage: true });
    const charts = page.locator('.trend-block:has(svg .forecast)');
    await charts.first().screenshot({ path: path.join(SCREENSHOTS, 'report-chart.png') });
    await page.close();
  }, 60_000);

  it('lets nothing overflow the page, and keeps every chart label inside its chart', async () => {
    const page = await open(htmlFile);
    // In the page (a string: the test's TypeScript has no DOM types): elements outside the page's width, and chart
    // elements outside their SVG's box.
    const problems = await page.evaluate<string[]>(`(() => {
      const found = [];
      const width = document.documentElement.clientWidth;
      for (const el of document.querySelectorAll('main *')) {
        const box = el.getBoundingClientRect();
        if (box.width > 0 && (box.right > width + 0.5 || box.left < -0.5)) found.push(el.tagName + '.' + (el.getAttribute('class') || '') + ' outside the page');
      }
      for (const svg of document.querySelectorAll('svg.trend')) {
        const frame = svg.getBoundingClientRect();
        for (const t of svg.querySelectorAll('text, line, circle, rect, polyline')) {
          const b = t.getBoundingClientRect();
          if (b.left < frame.left - 0.5 || b.right > frame.right + 0.5 || b.top < frame.top - 0.5 || b.bottom > frame.bottom + 0.5) {
            found.push(t.tagName + ' "' + (t.textContent || '') + '" clipped by its chart');
          }
        }
      }
      return found;
    })()`);
    expect(problems).toEqual([]);
    expect(await page.locator('svg.trend').count()).toBeGreaterThan(0);
    await page.close();
  }, 60_000);

  it('has no serious or critical accessibility violation (axe-core)', async () => {
    const page = await open(htmlFile);
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await page.close();
  }, 60_000);

  it('prints the summary on one page and each initiative from a new page', async () => {
    const page = await open(htmlFile, 'print');
    // A4 at 96 dpi less the PDF's margins (18 + 16 mm): what one printed page holds, with the print width.
    await page.setViewportSize({ width: Math.round(((210 - 24) / 25.4) * 96), height: 900 });
    const summaryHeight = await page.evaluate<number>(`document.querySelector('header.page').getBoundingClientRect().height`);
    expect(summaryHeight).toBeLessThanOrEqual(((297 - 34) / 25.4) * 96);
    const breaks = await page.evaluate<string[]>(`[...document.querySelectorAll('section.card')].map((el) => getComputedStyle(el).breakBefore)`);
    expect(breaks.every((b) => b === 'page')).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'report-print.png'), fullPage: true });
    await page.close();
  }, 60_000);

  it('writes an A4 PDF: the summary, then at least a page per initiative', async () => {
    const pages = pdfPages(await readFile(pdfFile));
    expect(pages.length).toBeGreaterThanOrEqual(1 + result.report.initiatives.length);
    for (const p of pages) {
      expect(p.width).toBeCloseTo(A4.width, -1);
      expect(p.height).toBeCloseTo(A4.height, -1);
    }
  });

  it('says to install chromium when there is none, and exits 2', async () => {
    const before = process.env.OUTCOMES_CHROMIUM;
    process.env.OUTCOMES_CHROMIUM = path.join(tmp, 'no-chromium-here');
    try {
      await expect(runCommand(OutcomesReport, ['--target-org', env.alias, '--account', accountId, '--as-of', SAMPLE_TODAY, '--format', 'pdf', '--output', path.join(tmp, 'x.pdf')])).rejects.toThrow(/chromium/);
      expect(lastExitCode).toBe(2);
      expect(lastOutput + lastErrorOutput).toContain('apt-get install');
    } finally {
      if (before === undefined) delete process.env.OUTCOMES_CHROMIUM;
      else process.env.OUTCOMES_CHROMIUM = before;
    }
  }, 60_000);
});
