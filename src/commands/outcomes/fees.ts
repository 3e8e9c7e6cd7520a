import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { addDays, type IsoDate } from '../../core/dates.js';
import { picklistLabel } from '../../core/model.js';
import { buildFeeListing, type FeeListing } from '../../core/plan/feeListing.js';
import { DEFAULT_RENEWAL_WINDOW_DAYS } from '../../core/risk.js';
import { asOfOrUserToday } from '../../org/userToday.js';
import { ApiUsage, type ApiUsageSnapshot } from '../../org/apiUsage.js';
import { fetchFeeCurrency, fetchFeeLines, type FeeScope } from '../../org/queries/fees.js';
import { failWith } from '../../org/failWith.js';
import { allSettledOrThrow } from '../../org/settled.js';
import { formatMoney } from '../../report/format.js';
import { feeListingCsv } from '../../report/feeCsv.js';
import { isoDateFlag, recordIdFlag } from '../../cli/flags.js';
import { OutcomesCommand } from '../../cli/command.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@outcomes/plugin-outcomes', 'outcomes.fees');

export const FEE_FORMATS = ['table', 'csv'] as const;

export type FeesResult = FeeListing & {
  scope: FeeScope;
  asOf: IsoDate;
  withinDays: number;
  windowEnd: IsoDate;
  /** ISO code of the amounts' currency, or null when the org did not say (or the fees mix currencies). */
  currency: string | null;
  apiCalls: ApiUsageSnapshot;
};

export default class OutcomesFees extends OutcomesCommand<FeesResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    initiative: recordIdFlag({
      object: 'Initiative__c',
      char: 'i',
      summary: messages.getMessage('flags.initiative.summary'),
      exclusive: ['account'],
    }),
    account: recordIdFlag({
      object: 'Account',
      startsWith: '001',
      char: 'a',
      summary: messages.getMessage('flags.account.summary'),
      exclusive: ['initiative'],
    }),
    within: Flags.integer({
      min: 0,
      max: 3650,
      default: DEFAULT_RENEWAL_WINDOW_DAYS,
      summary: messages.getMessage('flags.within.summary'),
    }),
    'as-of': isoDateFlag({ summary: messages.getMessage('flags.as-of.summary') }),
    format: Flags.option({ options: FEE_FORMATS, default: 'table', summary: messages.getMessage('flags.format.summary') })(),
  };

  public async run(): Promise<FeesResult> {
    const { flags } = await this.parse(OutcomesFees);
    const usage = new ApiUsage();
    const scope: FeeScope = flags.initiative ? { kind: 'initiative', id: flags.initiative } : flags.account ? { kind: 'account', id: flags.account } : null;

    // Fetch: the fees with what recompute stored, and the currency of their amounts, side by side.
    const conn = flags['target-org'].getConnection(flags['api-version']);
    const asOf = await asOfOrUserToday(conn, usage, flags['as-of']);
    this.spinner.start(messages.getMessage('spinner.query'));
    const [fees, currency] = await failWith(messages, 'error.QueryFailed')(allSettledOrThrow([fetchFeeLines(conn, scope, usage), fetchFeeCurrency(conn, scope, usage)]));
    this.spinner.stop();

    // Plan: sums by initiative and account, and the renewals whose fees fall short. The command only reads.
    const listing = buildFeeListing(fees, { asOf, withinDays: flags.within });
    const result: FeesResult = { scope, asOf, withinDays: flags.within, windowEnd: addDays(asOf, flags.within), currency, ...listing, apiCalls: usage.snapshot() };

    if (flags.format === 'csv') this.log(feeListingCsv(result.fees).trimEnd());
    else this.report(result);
    return result;
  }

  private report(result: FeesResult): void {
    const money = (n: number | null): string => (n === null ? '—' : formatMoney(n, result.currency));
    if (result.fees.length === 0) {
      this.logSuccess(messages.getMessage('info.NoFees'));
      return;
    }
    this.table({
      title: messages.getMessage('table.fees.title', [result.asOf]),
      overflow: 'wrap',
      data: result.fees.map((f) => ({
        account: f.accountName ?? f.accountId,
        initiative: f.initiativeName ?? f.initiativeId,
        outcome: [f.outcomeName, f.outcomeDescription].filter(Boolean).join(' '),
        rule: picklistLabel(f.payoutRule),
        atRisk: money(f.amountAtRisk),
        earned: money(f.earnedToDate),
        forecast: money(f.forecastToEarn),
        forfeited: money(f.forfeited),
        status: f.status ?? messages.getMessage('table.notRecomputed'),
      })),
      columns: [
        { key: 'account', name: messages.getMessage('table.account') },
        { key: 'initiative', name: messages.getMessage('table.initiative') },
        { key: 'outcome', name: messages.getMessage('table.outcome') },
        { key: 'rule', name: messages.getMessage('table.rule') },
        { key: 'atRisk', name: messages.getMessage('table.atRisk'), horizontalAlignment: 'right' },
        { key: 'earned', name: messages.getMessage('table.earned'), horizontalAlignment: 'right' },
        { key: 'forecast', name: messages.getMessage('table.forecast'), horizontalAlignment: 'right' },
        { key: 'forfeited', name: messages.getMessage('table.forfeited'), horizontalAlignment: 'right' },
        { key: 'status', name: messages.getMessage('table.status') },
      ],
    });
    this.table({
      title: messages.getMessage('table.initiatives.title'),
      data: result.initiatives.map((i) => ({
        account: i.accountName ?? i.accountId,
        initiative: i.initiativeName ?? i.initiativeId,
        renewal: i.nextRenewalDate ?? '—',
        atRisk: money(i.atRisk),
        earned: money(i.earned),
        forecast: money(i.forecastToEarn),
        forfeited: money(i.forfeited),
      })),
      columns: [
        { key: 'account', name: messages.getMessage('table.account') },
        { key: 'initiative', name: messages.getMessage('table.initiative') },
        { key: 'renewal', name: messages.getMessage('table.renewal') },
        { key: 'atRisk', name: messages.getMessage('table.atRisk'), horizontalAlignment: 'right' },
        { key: 'earned', name: messages.getMessage('table.earned'), horizontalAlignment: 'right' },
        { key: 'forecast', name: messages.getMessage('table.forecast'), horizontalAlignment: 'right' },
        { key: 'forfeited', name: messages.getMessage('table.forfeited'), horizontalAlignment: 'right' },
      ],
    });
    if (result.renewalsFallingShort.length > 0) {
      this.table({
        title: messages.getMessage('table.short.title', [result.withinDays, result.asOf]),
        data: result.renewalsFallingShort.map((r) => ({
          initiative: r.initiativeName ?? r.initiativeId,
          renewal: r.nextRenewalDate,
          daysLeft: r.daysToRenewal,
          atRisk: money(r.atRisk),
          forecast: money(r.forecastToEarn),
          shortfall: money(r.shortfall),
        })),
        columns: [
          { key: 'initiative', name: messages.getMessage('table.initiative') },
          { key: 'renewal', name: messages.getMessage('table.renewal') },
          { key: 'daysLeft', name: messages.getMessage('table.daysLeft'), horizontalAlignment: 'right' },
          { key: 'atRisk', name: messages.getMessage('table.atRisk'), horizontalAlignment: 'right' },
          { key: 'forecast', name: messages.getMessage('table.forecast'), horizontalAlignment: 'right' },
          { key: 'shortfall', name: messages.getMessage('table.shortfall'), horizontalAlignment: 'right' },
        ],
      });
    }
    const t = result.totals;
    this.log(messages.getMessage('info.Totals', [t.fees, money(t.atRisk), money(t.earned), money(t.forecastToEarn), money(t.forfeited)]));
    if (t.notRecomputed > 0) this.warn(messages.getMessage('warn.NotRecomputed', [t.notRecomputed]));
    this.log(messages.getMessage('info.ApiCalls', [result.apiCalls.total]));
  }
}
