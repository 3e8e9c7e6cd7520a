import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import type { IsoDate } from '../../core/dates.js';
import { buildValueReport, nothingToReport, type ReportScope, type ValueReport } from '../../core/plan/valueReport.js';
import { asOfOrUserToday } from '../../org/userToday.js';
import { ApiUsage, type ApiUsageSnapshot } from '../../org/apiUsage.js';
import { fetchReportSource } from '../../org/queries/report.js';
import { failWith } from '../../org/failWith.js';
import { defaultReportFileName, renderValueReport, REPORT_FORMATS, type ReportFormat } from '../../report/index.js';
import { isoDateFlag, recordIdFlag } from '../../cli/flags.js';
import { OutcomesCommand } from '../../cli/command.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@outcomes/plugin-outcomes', 'outcomes.report');

export type ReportResult = {
  scope: ValueReport['scope'];
  asOf: IsoDate;
  format: ReportFormat;
  /** The file written (absolute path), or null when the report went to standard output. */
  outputFile: string | null;
  /** The rendered report when it went to standard output (md, csv, json without --output); null when written to a file. */
  content: string | null;
  /** The content model of the report, whatever the format. */
  report: ValueReport;
  apiCalls: ApiUsageSnapshot;
};

export default class OutcomesReport extends OutcomesCommand<ReportResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    initiative: recordIdFlag({
      object: 'Initiative__c',
      char: 'i',
      summary: messages.getMessage('flags.initiative.summary'), description: messages.getMessage('flags.initiative.description'),
      exactlyOne: ['initiative', 'account'],
    }),
    account: recordIdFlag({
      object: 'Account',
      startsWith: '001',
      char: 'a',
      summary: messages.getMessage('flags.account.summary'), description: messages.getMessage('flags.account.description'),
      exactlyOne: ['initiative', 'account'],
    }),
    // No short flag: -f is --file wherever a command reads a file.
    format: Flags.option({
      options: REPORT_FORMATS,
      default: 'html',
      summary: messages.getMessage('flags.format.summary'),
      description: messages.getMessage('flags.format.description'),
    })(),
    output: Flags.file({
      char: 'd',
      summary: messages.getMessage('flags.output.summary'),
      description: messages.getMessage('flags.output.description'),
    }),
    'as-of': isoDateFlag({
      summary: messages.getMessage('flags.as-of.summary'),
      description: messages.getMessage('flags.as-of.description'),
    }),
  };

  public async run(): Promise<ReportResult> {
    const { flags } = await this.parse(OutcomesReport);
    const scope: ReportScope = flags.initiative ? { kind: 'initiative', id: flags.initiative } : { kind: 'account', id: flags.account ?? '' };
    const usage = new ApiUsage();

    // Fetch: two queries side by side (initiatives with their lines; outcomes with their measurements).
    const conn = flags['target-org'].getConnection(flags['api-version']);
    const asOf = await asOfOrUserToday(conn, usage, flags['as-of']);
    this.spinner.start(messages.getMessage('spinner.query', [scope.kind, scope.id]));
    const initiatives = await failWith(messages, 'error.QueryFailed', [scope.kind, scope.id])(fetchReportSource(conn, scope, usage));
    this.spinner.stop();

    const empty = nothingToReport(initiatives);
    if (empty) {
      const why =
        empty.reason === 'no-outcomes'
          ? messages.getMessage('reason.NoOutcomes', [empty.names.join(', ')])
          : messages.getMessage(scope.kind === 'initiative' ? 'reason.NoInitiative' : 'reason.NoAccountInitiatives');
      throw messages.createError('error.NothingToReport', [scope.kind, scope.id, why]);
    }

    // Plan: the report's content, attainment and status computed afresh as of the date. The command only reads.
    const report = buildValueReport({ scope, asOf, initiatives });

    // Report: to the file asked for, to ./value-report-<name>.html for html, else to standard output.
    const content = renderValueReport(report, flags.format);
    const target = flags.output ?? (flags.format === 'html' ? defaultReportFileName(report) : null);
    const outputFile = target === null ? null : path.resolve(target);
    if (outputFile === null) {
      this.log(content.replace(/\n$/, ''));
    } else {
      await failWith(messages, 'error.WriteFailed', [outputFile])(writeFile(outputFile, content, 'utf8'));
      this.logSuccess(messages.getMessage('info.Written', [outputFile]));
    }
    // Standard output may carry the report itself: the summary goes to standard error, where a pipe won't take it.
    const s = report.totals.byStatus;
    this.logToStderr(
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
    this.logToStderr(messages.getMessage('info.ApiCalls', [usage.snapshot().total]));

    return {
      scope: report.scope,
      asOf,
      format: flags.format,
      outputFile,
      content: outputFile === null ? content : null,
      report,
      apiCalls: usage.snapshot(),
    };
  }
}
