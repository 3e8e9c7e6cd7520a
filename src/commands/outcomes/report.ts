import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import type { IsoDate } from '../../core/dates.js';
import { buildValueReport, type ReportScope, type ValueReport } from '../../core/plan/valueReport.js';
import { DEFAULT_MIN_GROUP } from '../../core/benchmark/groups.js';
import { asOfOrUserToday } from '../../org/userToday.js';
import { ApiUsage, type ApiUsageSnapshot } from '../../org/apiUsage.js';
import { fetchReportCurrency, fetchReportSource } from '../../org/queries/report.js';
import { fetchFeeTerms } from '../../org/queries/fees.js';
import { reportPeers } from '../../org/reportPeers.js';
import { failWith } from '../../org/failWith.js';
import { allSettledOrThrow } from '../../org/settled.js';
import { AUDIENCES, defaultReportFileName, renderValueReport, REPORT_FORMATS, type ReportFormat } from '../../report/index.js';
import { isoDateFlag, recordIdFlag } from '../../cli/flags.js';
import { readPeerFile } from '../../cli/peerFile.js';
import { printReportSummary, reportPdf } from '../../cli/reportOutput.js';
import { assertSomethingToReport } from '../../cli/reportScope.js';
import { OutcomesCommand } from '../../cli/command.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@outcomes/plugin-outcomes', 'outcomes.report');

export type ReportResult = {
  scope: ValueReport['scope'];
  asOf: IsoDate;
  format: ReportFormat;
  /** The file written (absolute path), or null when the report went to standard output. */
  outputFile: string | null;
  /** Who the words are for: `customer` (plain language) or `internal` (technical reasons, stored statuses). */
  audience: (typeof AUDIENCES)[number];
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
    // As in `sf outcomes risk`; without it, the next renewal whenever it falls.
    within: Flags.integer({
      min: 0,
      max: 3650,
      summary: messages.getMessage('flags.within.summary'),
      description: messages.getMessage('flags.within.description'),
    }),
    audience: Flags.option({
      options: AUDIENCES,
      default: 'customer',
      summary: messages.getMessage('flags.audience.summary'),
      description: messages.getMessage('flags.audience.description'),
    })(),
    // As in `sf outcomes benchmark`: the standing of outcomes with a KPI among other customers, or a pooled file's.
    'min-group': Flags.integer({
      min: 3,
      max: 1000,
      default: DEFAULT_MIN_GROUP,
      summary: messages.getMessage('flags.min-group.summary'),
      description: messages.getMessage('flags.min-group.description'),
    }),
    'peer-file': Flags.file({
      exists: true,
      summary: messages.getMessage('flags.peer-file.summary'),
      description: messages.getMessage('flags.peer-file.description'),
    }),
    'include-fees': Flags.boolean({
      default: false,
      summary: messages.getMessage('flags.include-fees.summary'),
      description: messages.getMessage('flags.include-fees.description'),
    }),
  };

  public async run(): Promise<ReportResult> {
    const { flags } = await this.parse(OutcomesReport);
    const scope: ReportScope = flags.initiative ? { kind: 'initiative', id: flags.initiative } : { kind: 'account', id: flags.account ?? '' };
    const usage = new ApiUsage();
    // A bad peer file stops the report before any API call.
    const peerRows = flags['peer-file'] ? await readPeerFile(flags['peer-file'], flags['min-group']) : null;

    // Fetch: the queries side by side (initiatives with their lines; outcomes with their measurements; the currency).
    const conn = flags['target-org'].getConnection(flags['api-version']);
    const asOf = await asOfOrUserToday(conn, usage, flags['as-of']);
    this.spinner.start(messages.getMessage('spinner.query', [scope.kind, scope.id]));
    // Settled together: a failed read must not leave the currency queries retrying after the command has stopped.
    // The fee position is the vendor's commercial detail: read only for the internal report or when asked for.
    const includeFees = flags.audience === 'internal' || flags['include-fees'];
    const [initiatives, currency, fees] = await allSettledOrThrow([
      failWith(messages, 'error.QueryFailed', [scope.kind, scope.id])(fetchReportSource(conn, scope, usage)),
      fetchReportCurrency(conn, scope, usage),
      includeFees ? failWith(messages, 'error.QueryFailed', [scope.kind, scope.id])(fetchFeeTerms(conn, scope, usage)) : Promise.resolve(null),
    ] as const);
    this.spinner.stop();

    // Nothing to report (no such initiative, no initiatives, no outcomes) stops here, saying why.
    assertSomethingToReport(scope, initiatives);

    // Peers: one more query, only when an outcome in scope points to a KPI.
    const peers = await reportPeers(conn, usage, initiatives, flags['min-group'], peerRows);

    // Plan: the report's content, attainment and status computed afresh as of the date. The command only reads.
    const report = buildValueReport({ scope, asOf, initiatives, currency, renewalWindowDays: flags.within ?? null, fees, peers });
    const options = { audience: flags.audience };

    // Report: to the file asked for, to ./value-report-<name>.html|pdf for html and pdf, else to standard output.
    const format = flags.format;
    const target = flags.output ?? (format === 'html' || format === 'pdf' ? defaultReportFileName(report, format) : null);
    const outputFile = target === null ? null : path.resolve(target);
    const content = format === 'pdf' ? await reportPdf(this, report, options) : renderValueReport(report, format, options);
    if (outputFile === null) {
      this.log(String(content).replace(/\n$/, ''));
    } else {
      await failWith(messages, 'error.WriteFailed', [outputFile])(typeof content === 'string' ? writeFile(outputFile, content, 'utf8') : writeFile(outputFile, content));
      this.logSuccess(messages.getMessage('info.Written', [outputFile]));
    }
    // Standard output may carry the report itself: the summary goes to standard error, where a pipe won't take it.
    printReportSummary(this, report, asOf, usage.snapshot().total);

    return {
      scope: report.scope,
      asOf,
      format: flags.format,
      audience: flags.audience,
      outputFile,
      content: outputFile === null && typeof content === 'string' ? content : null,
      report,
      apiCalls: usage.snapshot(),
    };
  }
}
