/** Renders a value report in one of its formats. */
import type { ValueReport } from '../core/plan/valueReport.js';
import { renderCsv } from './csv.js';
import { formatDate } from './format.js';
import { AUDIENCES, renderHtml, type Audience, type HtmlOptions } from './html.js';
import { renderMarkdown } from './markdown.js';
import { printPdf } from './pdf.js';

export const REPORT_FORMATS = ['html', 'md', 'csv', 'json', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
/** The formats rendered as text; pdf is the HTML printed by a browser. */
export type TextFormat = Exclude<ReportFormat, 'pdf'>;

export function renderValueReport(report: ValueReport, format: TextFormat, options: HtmlOptions = {}): string {
  switch (format) {
    case 'html':
      return renderHtml(report, options);
    case 'md':
      return renderMarkdown(report, options);
    case 'csv':
      return renderCsv(report);
    case 'json':
      // Plain data: JSON.stringify escapes what JSON needs, and nothing is embedded in markup.
      return `${JSON.stringify(report, null, 2)}\n`;
  }
}

/** The HTML report printed to PDF, with the customer and the as-of date in every page's header. */
export function renderPdf(report: ValueReport, options: HtmlOptions = {}, executablePath?: string): Promise<Buffer> {
  const customer = report.initiatives.find((i) => i.accountName)?.accountName ?? report.scope.name;
  return printPdf(renderHtml(report, options), { customer, asOf: formatDate(report.asOf) }, executablePath);
}

/** A file name from the report's subject: letters, digits and dashes only, so no name can reach another folder. */
export function defaultReportFileName(report: ValueReport, extension: 'html' | 'pdf' = 'html'): string {
  const slug = report.scope.name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 60)
    .replace(/^-+|-+$/g, '');
  return `value-report-${slug || report.scope.id}.${extension}`;
}

export { AUDIENCES, renderCsv, renderHtml, renderMarkdown, type Audience };
