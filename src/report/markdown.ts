/** The value report as Markdown (GitHub-flavoured tables): for pasting into a success plan, a wiki or an email. */
import type { InitiativeValue, OutcomeRef, OutcomeValue, ValueReport } from '../core/plan/valueReport.js';
import { escapeMarkdown as md } from './escape.js';
import { formatDate, formatMoney, formatNumber, formatPercent, formatValue, orDash, valueWithUnit, withUnit } from './format.js';
import type { Audience, HtmlOptions } from './html.js';
import { LABELS, outcomeLabel, totalsSentence, valueLabel } from './labels.js';
import { horizon, PLAIN_STATUS, PLAIN_VALIDATION, peerStandingSentence, plainGoal, plainLifecycle, plainReason, plainRenewal, plural, shareSentence } from './plain.js';

/** The audience and currency every section needs: customer words and rounding, or the technical detail. */
type View = { internal: boolean; money: (value: number | null) => string };

type Cell = string | number | null | undefined;

/** A table whose cells are escaped here, so no caller can forget. */
function table(header: readonly string[], rows: ReadonlyArray<readonly Cell[]>): string {
  const line = (cells: readonly Cell[]): string => `| ${cells.map((c) => md(c)).join(' | ')} |`;
  return [line(header), `|${header.map(() => ' --- |').join('')}`, ...rows.map(line)].join('\n');
}

/** The table of an initiative's outcomes, or a sentence when there are none. */
function outcomesTable(i: InitiativeValue, header: readonly string[], rows: ReadonlyArray<readonly Cell[]>): string {
  return i.outcomes.length === 0 ? md(LABELS.noOutcomes) : table(header, rows);
}

function goals(i: InitiativeValue, v: View): string[] {
  const outcomes = v.internal
    ? outcomesTable(
        i,
        [LABELS.outcome, LABELS.priority, LABELS.quantity, LABELS.deadline, LABELS.method, LABELS.validationStatus],
        i.outcomes.map((o) => [outcomeLabel(o), orDash(valueLabel(o.priority)), o.quantity.summary, o.deadline.summary, orDash(o.measurementMethod), orDash(valueLabel(o.validationStatus))]),
      )
    : outcomesTable(
        i,
        [LABELS.outcome, LABELS.priority, 'Goal', LABELS.method, 'Confirmed'],
        i.outcomes.map((o) => [outcomeLabel(o), orDash(valueLabel(o.priority)), plainGoal(o), orDash(o.measurementMethod), orDash(o.validationStatus && PLAIN_VALIDATION[o.validationStatus])]),
      );
  return [
    `### ${md(LABELS.goals)}`,
    '',
    `- **${md(LABELS.purpose)}:** ${md(orDash(i.purpose ?? LABELS.notRecorded))}`,
    `- **${md(LABELS.strategicAlignment)}:** ${md(orDash(i.strategicAlignment ?? LABELS.notRecorded))}`,
    `- **${md(LABELS.challenges)}:** ${md(orDash(i.challenges ?? LABELS.notRecorded))}`,
    '',
    outcomes,
  ];
}

function attained(i: InitiativeValue, v: View): string[] {
  if (!v.internal) {
    return [
      `### ${md(LABELS.attained)}`,
      '',
      outcomesTable(
        i,
        [LABELS.outcome, LABELS.latestValue, LABELS.measuredOn, 'Progress', 'Expected by due date', LABELS.status, LABELS.why],
        i.outcomes.map((o) => [
          outcomeLabel(o),
          o.latest ? valueWithUnit(o.latest.value, o.quantity.unit) : '—',
          o.latest ? formatDate(o.latest.measuredOn) : '—',
          formatPercent(o.attainmentPercent),
          o.forecast ? valueWithUnit(o.forecast.value, o.quantity.unit) : '—',
          PLAIN_STATUS[o.status],
          plainReason(o),
        ]),
      ),
    ];
  }
  return [
    `### ${md(LABELS.attained)}`,
    '',
    outcomesTable(
      i,
      [LABELS.outcome, LABELS.latestValue, LABELS.measuredOn, LABELS.attainment, LABELS.forecast, LABELS.status, LABELS.why],
      i.outcomes.map((o) => [
        outcomeLabel(o),
        o.latest ? withUnit(o.latest.value, o.quantity.unit) : '—',
        o.latest?.measuredOn ?? '—',
        formatPercent(o.attainmentPercent),
        o.forecast ? `${withUnit(o.forecast.value, o.quantity.unit)} (${formatPercent(o.forecast.attainmentPercent)})` : '—',
        valueLabel(o.status),
        [o.reason, o.storedStatus && o.storedStatus !== o.status ? LABELS.storedDiffers(valueLabel(o.storedStatus) as string) : ''].filter(Boolean).join(' '),
      ]),
    ),
  ];
}

/** Each outcome's standing among other customers of its KPI; nothing at all when no outcome has one. */
function peers(i: InitiativeValue): string[] {
  const standing = i.outcomes.flatMap((o) => (o.peerStanding ? [{ o, s: o.peerStanding }] : []));
  if (standing.length === 0) return [];
  return [`### ${md(LABELS.peers)}`, '', ...standing.map(({ o, s }) => `- **${md(outcomeLabel(o))}**: ${md(peerStandingSentence(s))}`), '', md(LABELS.peersNote), ''];
}

function trend(o: OutcomeValue, v: View): string[] {
  if (!v.internal) {
    const facts = [
      `${LABELS.target}: ${valueWithUnit(o.quantity.targetValue, o.quantity.unit)}`,
      `${LABELS.dueDate}: ${formatDate(o.deadline.dueDate)}`,
      o.forecast ? `Expected by due date: ${valueWithUnit(o.forecast.value, o.quantity.unit)}` : null,
    ].filter((f): f is string => f !== null);
    const series = o.series.length === 0 ? LABELS.noMeasurements : o.series.map((p) => `${formatDate(p.date)}: ${formatValue(p.value, o.quantity.unit)}`).join(' · ');
    return [`- **${md(outcomeLabel(o))}** (${md(facts.join('; '))}): ${md(series)}`];
  }
  const facts = [
    `${LABELS.target}: ${withUnit(o.quantity.targetValue, o.quantity.unit)}`,
    `${LABELS.dueDate}: ${o.deadline.dueDate ?? '—'}`,
    o.forecast ? `${LABELS.forecast}: ${withUnit(o.forecast.value, o.quantity.unit)}` : null,
    o.measurementsAfterAsOf > 0 ? LABELS.laterMeasurements(o.measurementsAfterAsOf) : null,
  ].filter((f): f is string => f !== null);
  const series = o.series.length === 0 ? LABELS.noMeasurements : o.series.map((p) => `${p.date}: ${formatNumber(p.value)}`).join(' · ');
  return [`- **${md(outcomeLabel(o))}** (${md(facts.join('; '))}): ${md(series)}`];
}

function renewal(i: InitiativeValue, v: View): string[] {
  const r = i.renewal;
  const lines =
    r.renewableLines.length === 0
      ? [md(LABELS.noRenewableLines)]
      : [
          table(
            [LABELS.line, LABELS.componentType, LABELS.renewsOn, LABELS.annualValue, LABELS.servesNotOnTrack],
            r.renewableLines.map((l) => [l.name, orDash(valueLabel(l.componentType)), v.internal ? orDash(l.renewalDate) : formatDate(l.renewalDate), v.money(l.annualValue), l.servesOutcomesNotOnTrack.join(', ') || '—']),
          ),
          '',
          `${md(LABELS.renewableValue)}: **${md(v.money(r.renewableAnnualValue))}**`,
        ];
  const notOnTrack =
    r.primaryOutcomes === 0
      ? [md(LABELS.noPrimary)]
      : r.primaryNotOnTrack.length === 0
      ? [md(LABELS.allPrimaryOnTrack)]
      : [`${md(LABELS.primaryNotOnTrack)}:`, '', ...r.primaryNotOnTrack.map((o) =>
          v.internal ? `- **${md(valueLabel(o.status))}**: ${md(outcomeLabel(o))}. ${md(o.reason)}` : `- **${md(PLAIN_STATUS[o.status])}**: ${md(outcomeLabel(o))}`,
        )];
  const said = v.internal ? r.summary : plainRenewal(r, (n) => v.money(n));
  return [`### ${md(LABELS.renewal)}`, '', `${r.atRisk ? `**${md(LABELS.atRiskBadge)}.** ` : ''}${md(said)}`, '', ...lines, '', ...notOnTrack];
}

/** The initiative's fees at risk, judged as of the report's date; nothing when the report leaves fees out. */
function fees(i: InitiativeValue, v: View): string[] {
  if (!i.fees) return [];
  const rows = i.outcomes.flatMap((o) =>
    (o.fees ?? []).map((f) => [
      outcomeLabel(o),
      f.name ?? f.id,
      valueLabel(f.payoutRule),
      v.money(f.amountAtRisk),
      v.money(f.earnedToDate),
      f.forecastToEarn === null ? '—' : v.money(f.forecastToEarn),
      v.money(f.forfeited),
      f.status,
      ...(v.internal ? [f.reason] : []),
    ]),
  );
  const header = [LABELS.outcome, LABELS.fee, LABELS.payoutRule, LABELS.atRisk, LABELS.earned, LABELS.forecastToEarn, LABELS.forfeited, LABELS.status, ...(v.internal ? [LABELS.why] : [])];
  return [`### ${md(LABELS.fees)}`, '', rows.length === 0 ? md(LABELS.noFees) : [table(header, rows), '', md(feeSumsSentence(i.fees, v))].join('\n'), ''];
}

function feeSumsSentence(s: NonNullable<ValueReport['fees']>, v: View): string {
  return LABELS.feeSums({ fees: s.fees, atRisk: v.money(s.atRisk), earned: v.money(s.earned), forecastToEarn: v.money(s.forecastToEarn), forfeited: v.money(s.forfeited) });
}

function validation(i: InitiativeValue): string[] {
  const group = (label: string, refs: OutcomeRef[]): string =>
    `- **${md(label)}:** ${refs.length === 0 ? md(LABELS.none) : refs.map((o) => md(outcomeLabel(o))).join('; ')}`;
  const groups = [
    group(LABELS.stated, i.validation.stated),
    group(LABELS.validated, i.validation.validated),
    group(LABELS.toValidate, i.validation.toValidate),
  ];
  if (i.validation.unclassified.length > 0) groups.push(group(LABELS.unclassified, i.validation.unclassified));
  return [`### ${md(LABELS.validation)}`, '', ...groups];
}

function initiative(i: InitiativeValue, asOf: string, v: View): string[] {
  const facts = v.internal
    ? [
        `${LABELS.account}: ${orDash(i.accountName)}`,
        `${LABELS.initiativeStatus}: ${orDash(valueLabel(i.status))}${i.lifecycle.storedStatusStale ? ' (stale: the go-live date has passed)' : ''}`,
        `${LABELS.handover}: ${orDash(i.handoverDate)}`,
        `${LABELS.goLive}: ${orDash(i.goLiveDate)}`,
      ]
    : [`${LABELS.account}: ${orDash(i.accountName)}`, plainLifecycle(i, asOf)];
  return [
    `## ${md(i.name)}`,
    '',
    md(facts.join(' · ')),
    '',
    ...goals(i, v),
    '',
    ...attained(i, v),
    '',
    ...peers(i),
    `### ${md(LABELS.trend)}`,
    '',
    ...(i.outcomes.length === 0 ? [md(LABELS.noOutcomes)] : i.outcomes.flatMap((o) => trend(o, v))),
    '',
    ...renewal(i, v),
    '',
    ...fees(i, v),
    ...validation(i),
  ];
}

/** The summary an executive reads first: goals, what is achieved or on course, what is at risk, what needs them. */
function summary(report: ValueReport, v: View): string[] {
  const s = report.summary;
  const risks =
    s.renewalsAtRisk.length === 0
      ? [md(`No renewal is at risk ${horizon(report)}.`)]
      : s.renewalsAtRisk.map(
          (r) =>
            `- ${md(`${r.initiativeName} renews on ${formatDate(r.renewalDate)}, in ${plural(r.daysLeft, 'day', 'days')}${r.renewableAnnualValue > 0 ? `, ${v.money(r.renewableAnnualValue)} a year` : ''}. Not on course: ${r.outcomes.map((o) => `${outcomeLabel(o)} (${PLAIN_STATUS[o.status]})`).join('; ')}`)}`,
        );
  const needs = [
    ...s.toValidate.map((o) => `- ${md(`To confirm: ${outcomeLabel(o)}`)}`),
    ...s.noMeasurement.map((o) => `- ${md(`Not measured yet: ${outcomeLabel(o)}`)}`),
  ];
  return [
    '## Summary',
    '',
    ...s.goals.map((g) => `- **${md(g.initiativeName)}:** ${md(orDash(g.purpose ?? LABELS.notRecorded))}`),
    '',
    md(shareSentence(s.outcomes, s.primary)),
    '',
    `**${md(`At risk ${horizon(report)}`)}**`,
    '',
    ...risks,
    '',
    '**What needs your input**',
    '',
    ...(needs.length === 0 ? [md('Nothing: every outcome is confirmed and measured.')] : needs),
    ...(report.fees ? ['', `**${md(LABELS.fees)}**`, '', md(feeSumsSentence(report.fees, v))] : []),
  ];
}

export function renderMarkdown(report: ValueReport, options: HtmlOptions = {}): string {
  const audience: Audience = options.audience ?? 'customer';
  const v: View = { internal: audience === 'internal', money: (n) => formatMoney(n, report.currency) };
  return [
    `# ${md(`${LABELS.title}: ${report.scope.name}`)}`,
    '',
    md(totalsSentence(report)),
    '',
    `_${md(LABELS.computedAsOf(v.internal ? report.asOf : formatDate(report.asOf)))}_`,
    '',
    ...summary(report, v),
    '',
    ...report.initiatives.flatMap((i) => [...initiative(i, report.asOf, v), '']),
  ].join('\n');
}
