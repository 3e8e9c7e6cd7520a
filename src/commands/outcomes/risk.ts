import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { addDays, type IsoDate } from '../../core/dates.js';
import type { OutcomeStatus } from '../../core/model.js';
import { DEFAULT_RENEWAL_WINDOW_DAYS, renewalRisk, sortRisks } from '../../core/risk.js';
import { asOfOrUserToday } from '../../org/userToday.js';
import { ApiUsage, type ApiUsageSnapshot } from '../../org/apiUsage.js';
import { fetchRiskCandidates, type RiskCandidate } from '../../org/queries/risk.js';
import { formatMoney } from '../../report/format.js';
import { failWith } from '../../org/failWith.js';
import { isoDateFlag } from '../../cli/flags.js';
import { OutcomesCommand } from '../../cli/command.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@outcomes/plugin-outcomes', 'outcomes.risk');

export type RiskOutcomeEntry = { id: string | null; name: string | null; description: string; status: OutcomeStatus };

export type RiskEntry = {
  accountId: string;
  accountName: string | null;
  initiativeId: string | null;
  initiativeName: string | null;
  renewalDate: IsoDate;
  daysLeft: number;
  /** The renewable annual value when it is positive, else the annual contract value, else 0 (core/risk.ts `valueAtStake`). */
  valueAtStake: number;
  outcomesAtRisk: RiskOutcomeEntry[];
};

export type RiskResult = {
  asOf: IsoDate;
  withinDays: number;
  windowEnd: IsoDate;
  /** Soonest renewal first; on the same day, the most value at stake first. */
  renewals: RiskEntry[];
  totals: {
    /** Initiatives renewing inside the window, at risk or not. */
    initiativesRenewing: number;
    renewalsAtRisk: number;
    valueAtStake: number;
    outcomesAtRisk: number;
  };
  apiCalls: ApiUsageSnapshot;
};

export default class OutcomesRisk extends OutcomesCommand<RiskResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    within: Flags.integer({
      min: 0,
      max: 3650,
      default: DEFAULT_RENEWAL_WINDOW_DAYS,
      summary: messages.getMessage('flags.within.summary'),
      description: messages.getMessage('flags.within.description'),
    }),
    'as-of': isoDateFlag({
      summary: messages.getMessage('flags.as-of.summary'),
      description: messages.getMessage('flags.as-of.description'),
    }),
  };

  public async run(): Promise<RiskResult> {
    const { flags } = await this.parse(OutcomesRisk);
    const usage = new ApiUsage();

    // Fetch: one query, the primary outcomes as a child subquery.
    const conn = flags['target-org'].getConnection(flags['api-version']);
    const asOf = await asOfOrUserToday(conn, usage, flags['as-of']);
    const window = { from: asOf, to: addDays(asOf, flags.within) };
    this.spinner.start(messages.getMessage('spinner.query', [window.from, window.to]));
    const candidates = await failWith(messages, 'error.QueryFailed', [window.from, window.to])(fetchRiskCandidates(conn, window, usage));
    this.spinner.stop();

    // Plan: the core's renewal-risk rule, soonest and largest first. The command only reads, so there is no apply.
    const renewals = sortRisks(candidates.flatMap((candidate) => riskEntryOf(candidate, asOf, flags.within)));

    const result: RiskResult = {
      asOf,
      withinDays: flags.within,
      windowEnd: window.to,
      renewals,
      totals: {
        initiativesRenewing: candidates.length,
        renewalsAtRisk: renewals.length,
        valueAtStake: Math.round(renewals.reduce((sum, r) => sum + r.valueAtStake, 0) * 100) / 100,
        outcomesAtRisk: renewals.reduce((sum, r) => sum + r.outcomesAtRisk.length, 0),
      },
      apiCalls: usage.snapshot(),
    };
    this.report(result);
    return result;
  }

  private report(result: RiskResult): void {
    if (result.renewals.length === 0) {
      this.logSuccess(messages.getMessage('info.NoRisk', [result.withinDays, result.asOf]));
    } else {
      this.table({
        title: messages.getMessage('table.title', [result.withinDays, result.asOf]),
        overflow: 'wrap',
        data: result.renewals.map((r) => ({
          account: r.accountName ?? r.accountId,
          initiative: r.initiativeName ?? r.initiativeId ?? '',
          renewalDate: r.renewalDate,
          daysLeft: r.daysLeft,
          valueAtStake: formatMoney(r.valueAtStake),
          outcomesAtRisk: r.outcomesAtRisk.map((o) => `${o.name ? `${o.name} ` : ''}${o.description} (${o.status})`).join('\n'),
        })),
        columns: [
          { key: 'account', name: messages.getMessage('table.account') },
          { key: 'initiative', name: messages.getMessage('table.initiative') },
          { key: 'renewalDate', name: messages.getMessage('table.renewalDate') },
          { key: 'daysLeft', name: messages.getMessage('table.daysLeft'), horizontalAlignment: 'right' },
          { key: 'valueAtStake', name: messages.getMessage('table.valueAtStake'), horizontalAlignment: 'right' },
          { key: 'outcomesAtRisk', name: messages.getMessage('table.outcomesAtRisk') },
        ],
      });
      this.log(messages.getMessage('info.Summary', [result.totals.renewalsAtRisk, formatMoney(result.totals.valueAtStake)]));
    }
    this.log(messages.getMessage('info.ApiCalls', [result.apiCalls.total]));
  }
}

function riskEntryOf(candidate: RiskCandidate, asOf: IsoDate, withinDays: number): RiskEntry[] {
  const risk = renewalRisk({ initiative: candidate.initiative, outcomes: candidate.outcomes, today: asOf, withinDays });
  if (risk === null) return [];
  const names = new Map(candidate.outcomes.map((o) => [o.Id ?? null, o.Name ?? null]));
  return [
    {
      accountId: candidate.initiative.Account__c,
      accountName: candidate.accountName,
      initiativeId: risk.initiativeId,
      initiativeName: risk.initiativeName,
      renewalDate: risk.renewalDate,
      daysLeft: risk.daysToRenewal,
      valueAtStake: risk.valueAtStake,
      outcomesAtRisk: risk.reasons.map((r) => ({ id: r.outcomeId, name: names.get(r.outcomeId) ?? null, description: r.description, status: r.status })),
    },
  ];
}
