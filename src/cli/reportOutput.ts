/**
 * What `sf outcomes report` says besides the report: the PDF printed with a spinner (and what to do without
 * chromium), and the summary on standard error, since standard output may carry the report itself.
 */
import { Messages } from '@salesforce/core';
import type { SfCommand } from '@salesforce/sf-plugins-core';
import type { IsoDate } from '../core/dates.js';
import type { ValueReport } from '../core/plan/valueReport.js';
import { renderPdf, type Audience } from '../report/index.js';
import { ChromiumMissingError } from '../report/pdf.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@outcomes/plugin-outcomes', 'outcomes.report');

/** The HTML report printed by chromium; without chromium, an error naming the package to install (exit 2). */
export async function reportPdf(
  out: Pick<SfCommand<unknown>, 'spinner'>,
  report: ValueReport,
  options: { audience: Audience },
): Promise<Buffer> {
  out.spinner.start(messages.getMessage('spinner.pdf'));
  try {
    return await renderPdf(report, options);
  } catch (error) {
    if (error instanceof ChromiumMissingError) throw messages.createError('error.ChromiumMissing', [error.path]);
    throw messages.createError('error.PdfFailed', [error instanceof Error ? error.message : String(error)], [], error instanceof Error ? error : undefined);
  } finally {
    out.spinner.stop();
  }
}

/** Outcomes by status as of the date, and the API calls made, on standard error, where a pipe won't take them. */
export function printReportSummary(out: Pick<SfCommand<unknown>, 'logToStderr'>, report: ValueReport, asOf: IsoDate, apiCalls: number): void {
  const s = report.totals.byStatus;
  out.logToStderr(
    messages.getMessage('info.Summary', [
      report.totals.initiatives,
      report.totals.outcomes,
      s.Attained,
      s['On Track'],
      s['At Risk'] + s['Off Track'] + s.Missed,
      s['No Data'],
      asOf,
    ]),
  );
  out.logToStderr(messages.getMessage('info.ApiCalls', [apiCalls]));
}
