/** Renders a value report in one of its formats. */
import type { ValueReport } from '../core/plan/valueReport.js';
import { renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';

export const REPORT_FORMATS = ['html', 'md', 'csv', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function renderValueReport(report: ValueReport, format: ReportFormat): string {
  switch (format) {
    case 'html':
      return renderHtml(report);
    case 'md':
      return renderMarkdown(report);
    case 'csv':
      return renderCsv(report);
    case 'json':
      // Plain data: JSON.stringify escapes what JSON needs, and nothing is embedded in markup.
      return `${JSON.stringify(report, null, 2)}\n`;
  }
}

/** A file name from the report's subject: letters, digits and dashes only, so no name can reach another folder. */
export function defaultReportFileName(report: ValueReport): string {
  const slug = report.scope.name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 60)
    .replace(/^-+|-+$/g, '');
  return `value-report-${slug || report.scope.id}.html`;
}

export { renderCsv, renderHtml, renderMarkdown };
