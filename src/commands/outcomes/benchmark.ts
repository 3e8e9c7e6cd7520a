import path from 'node:path';
import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import type { BenchmarkAggregate } from '../../core/benchmark/aggregateFile.js';
import { BENCHMARK_DIMENSIONS, DEFAULT_MIN_GROUP } from '../../core/benchmark/groups.js';
import { BENCHMARK_MEASURES } from '../../core/benchmark/improvement.js';
import { planBenchmark, type BenchmarkPlan, type BenchmarkSubject } from '../../core/plan/benchmark.js';
import { ApiUsage, type ApiUsageSnapshot } from '../../org/apiUsage.js';
import { fetchBenchmarkSource } from '../../org/queries/benchmark.js';
import { failWith } from '../../org/failWith.js';
import { NotAnAggregateFile, writeAggregateFile } from '../../csv/aggregateFile.js';
import { recordIdFlag } from '../../cli/flags.js';
import { readPeerFile } from '../../cli/peerFile.js';
import { OutcomesCommand } from '../../cli/command.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@outcomes/plugin-outcomes', 'outcomes.benchmark');

export type BenchmarkResult = BenchmarkPlan & {
  by: (typeof BENCHMARK_DIMENSIONS)[number];
  measure: (typeof BENCHMARK_MEASURES)[number];
  minGroup: number;
  subject: BenchmarkSubject | null;
  /** Absolute paths of the files written. */
  files: { output: string | null; export: string | null };
  apiCalls: ApiUsageSnapshot;
};

export default class OutcomesBenchmark extends OutcomesCommand<BenchmarkResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    by: Flags.option({ options: BENCHMARK_DIMENSIONS, default: 'all', summary: messages.getMessage('flags.by.summary'), description: messages.getMessage('flags.by.description') })(),
    measure: Flags.option({ options: BENCHMARK_MEASURES, default: 'latest', summary: messages.getMessage('flags.measure.summary'), description: messages.getMessage('flags.measure.description') })(),
    'min-group': Flags.integer({ min: 3, max: 1000, default: DEFAULT_MIN_GROUP, summary: messages.getMessage('flags.min-group.summary'), description: messages.getMessage('flags.min-group.description') }),
    account: recordIdFlag({ object: 'Account', startsWith: '001', char: 'a', exclusive: ['initiative'], summary: messages.getMessage('flags.account.summary') }),
    initiative: recordIdFlag({ object: 'Initiative__c', char: 'i', exclusive: ['account'], summary: messages.getMessage('flags.initiative.summary') }),
    output: Flags.file({ char: 'd', summary: messages.getMessage('flags.output.summary'), description: messages.getMessage('flags.output.description') }),
    export: Flags.file({ summary: messages.getMessage('flags.export.summary'), description: messages.getMessage('flags.export.description') }),
    'peer-file': Flags.file({ exists: true, summary: messages.getMessage('flags.peer-file.summary'), description: messages.getMessage('flags.peer-file.description') }),
  };

  public async run(): Promise<BenchmarkResult> {
    const { flags } = await this.parse(OutcomesBenchmark);
    const minGroup = flags['min-group'];
    const subject: BenchmarkSubject | null = flags.account ? { kind: 'account', id: flags.account } : flags.initiative ? { kind: 'initiative', id: flags.initiative } : null;
    const usage = new ApiUsage();

    // A peer file is read first: a bad one stops the command before any API call.
    const peerRows = flags['peer-file'] ? await readPeerFile(flags['peer-file'], minGroup) : null;

    // Fetch: two queries side by side (outcomes with their KPI, their initiatives' products).
    const conn = flags['target-org'].getConnection(flags['api-version']);
    this.spinner.start(messages.getMessage('spinner.query'));
    const source = await failWith(messages, 'error.QueryFailed')(fetchBenchmarkSource(conn, usage));
    this.spinner.stop();

    // Plan: only aggregates and the subject's own standing come out of the core.
    const plan = planBenchmark({ ...source, measure: flags.measure, dimension: flags.by, minGroup, subject, peerRows });

    const files = {
      output: flags.output ? await this.write(flags.output, plan.rows, flags.measure, minGroup) : null,
      export: flags.export ? await this.write(flags.export, plan.exportRows, flags.measure, minGroup) : null,
    };
    const result: BenchmarkResult = { ...plan, by: flags.by, measure: flags.measure, minGroup, subject, files, apiCalls: usage.snapshot() };
    this.report(result);
    return result;
  }

  private async write(file: string, rows: BenchmarkAggregate[], measure: BenchmarkResult['measure'], minGroup: number): Promise<string> {
    const target = path.resolve(file);
    try {
      await writeAggregateFile(target, rows, { measure, minGroup });
    } catch (error) {
      if (error instanceof NotAnAggregateFile) throw messages.createError('error.WouldOverwrite', [target]);
      throw messages.createError('error.WriteFailed', [target, (error as Error).message]);
    }
    this.logSuccess(messages.getMessage('info.Written', [rows.length, target]));
    return target;
  }

  private report(result: BenchmarkResult): void {
    const pct = (value: number): string => `${value > 0 ? '+' : ''}${value.toFixed(1)}%`;
    if (result.rows.length === 0) {
      this.log(messages.getMessage('info.NoGroups', [result.by, result.minGroup]));
    } else {
      this.table({
        title: messages.getMessage(result.source === 'org' ? 'table.title' : 'table.titlePeers', [result.by, result.measure]),
        data: result.rows.map((r) => ({ kpi: r.kpiName, group: r.group, customers: r.customers, p25: pct(r.p25), median: pct(r.median), p75: pct(r.p75), p90: pct(r.p90) })),
        columns: [
          { key: 'kpi', name: messages.getMessage('table.kpi') },
          { key: 'group', name: messages.getMessage('table.group') },
          { key: 'customers', name: messages.getMessage('table.customers'), horizontalAlignment: 'right' },
          { key: 'p25', name: 'p25', horizontalAlignment: 'right' },
          { key: 'median', name: messages.getMessage('table.median'), horizontalAlignment: 'right' },
          { key: 'p75', name: 'p75', horizontalAlignment: 'right' },
          { key: 'p90', name: messages.getMessage('table.p90'), horizontalAlignment: 'right' },
        ],
      });
    }
    if (result.subject) {
      this.table({
        title: messages.getMessage('table.standingTitle', [result.subject.kind, result.subject.id]),
        data: result.standings.map((s) => ({
          kpi: s.kpiName,
          group: s.group,
          improvement: pct(s.improvement),
          standing: s.band === null ? (s.note ?? '') : messages.getMessage('table.standingOf', [s.band, s.peers ?? 0, s.percentile === null ? '' : messages.getMessage('table.percentile', [s.percentile])]),
        })),
        columns: [
          { key: 'kpi', name: messages.getMessage('table.kpi') },
          { key: 'group', name: messages.getMessage('table.group') },
          { key: 'improvement', name: messages.getMessage('table.improvement'), horizontalAlignment: 'right' },
          { key: 'standing', name: messages.getMessage('table.standing') },
        ],
      });
    }
    const w = result.withheld;
    this.log(messages.getMessage('info.Summary', [result.comparable.outcomes, result.comparable.customers, result.comparable.kpis, w.tooSmall, w.overlapping, result.minGroup]));
    for (const e of result.excluded) this.log(messages.getMessage('info.Excluded', [e.outcomes, e.reason]));
    this.log(messages.getMessage('info.ApiCalls', [result.apiCalls.total]));
  }
}
