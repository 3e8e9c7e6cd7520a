/**
 * The value report as PDF: the HTML report printed by Debian's chromium through playwright-core, so the PDF is
 * exactly the page a browser shows (same charts, same words), with a header naming the customer and the as-of
 * date on every page and a page break before each initiative (the print CSS of html.ts). The summary fits the
 * first page. playwright-core is loaded only when a PDF is asked for; every other format needs no browser.
 */
import { existsSync } from 'node:fs';
import { escapeHtml } from './escape.js';

/** Debian's chromium (`apt-get install chromium`); OUTCOMES_CHROMIUM points elsewhere (another distribution, a test). */
export function chromiumPath(): string {
  return process.env.OUTCOMES_CHROMIUM ?? '/usr/bin/chromium';
}

const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** No browser to print with: the command turns it into an error naming the package to install. */
export class ChromiumMissingError extends Error {
  public constructor(public readonly path: string) {
    super(`No chromium at ${path}`);
    this.name = 'ChromiumMissingError';
  }
}

export type PdfHeader = { customer: string; asOf: string };

/** Chromium's header template: its own tiny document, where a font size must be set or the text is invisible. */
function headerTemplate(header: PdfHeader): string {
  return (
    `<div style="font-size:9px;width:100%;padding:0 12mm;display:flex;justify-content:space-between;color:#3e3e3c;">` +
    `<span>${escapeHtml(header.customer)}</span><span>Value report as of ${escapeHtml(header.asOf)}</span></div>`
  );
}

const FOOTER =
  '<div style="font-size:9px;width:100%;padding:0 12mm;text-align:right;color:#3e3e3c;">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>';

/** Prints a self-contained HTML page to A4 PDF bytes. */
export async function printPdf(html: string, header: PdfHeader, executablePath: string = chromiumPath()): Promise<Buffer> {
  if (!existsSync(executablePath)) throw new ChromiumMissingError(executablePath);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_FLAGS });
  try {
    const page = await browser.newPage();
    // The page has no external asset and forbids scripts: setContent needs no network and runs nothing.
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: headerTemplate(header),
      footerTemplate: FOOTER,
      margin: { top: '18mm', bottom: '16mm', left: '12mm', right: '12mm' },
    });
  } finally {
    await browser.close();
  }
}
