/** The value report as Markdown (GitHub-flavoured tables): for pasting into a success plan, a wiki or an email. */
import type { InitiativeValue, OutcomeRef, OutcomeValue, ValueReport } from '../core/plan/valueReport.js';
import { escapeMarkdown as md } from './escape.js';
import { formatMoney, formatNumber, formatPercent, orDash, withUnit } from './format.js';
import { LABELS, outcomeLabel, totalsSentence, valueLabel } from './labels.js';

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

function goals(i: InitiativeValue): string[] {
  return [
    `### ${md(LABELS.goals)}`,
    '',
    `- **${md(LABELS.purpose)}:** ${md(orDash(i.purpose ?? LABELS.notRecorded))}`,
    `- **${md(LABELS.strategicAlignment)}:** ${md(orDash(i.strategicAlignment ?? LABELS.notRecorded))}`,
    `- **${md(LABELS.challenges)}:** ${md(orDash(i.challenges ?? LABELS.notRecorded))}`,
    '',
    outcomesTable(
      i,
      [LABELS.outcome, LABELS.priority, LABELS.quantity, LABELS.deadline, LABELS.method, LABELS.validationStatus],
      i.outcomes.map((o) => [outcomeLabel(o), orDash(valueLabel(o.priority)), o.quantity.summary, o.deadline.summary, orDash(o.measurementMethod), orDash(valueLabel(o.validationStatus))]),
    ),
  ];
}

function attained(i: InitiativeValue): string[] {
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

function trend(o: OutcomeValue): string[] {
  const facts = [
    `${LABELS.target}: ${withUnit(o.quantity.targetValue, o.quantity.unit)}`,
    `${LABELS.dueDate}: ${o.deadline.dueDate ?? '—'}`,
    o.forecast ? `${LABELS.forecast}: ${withUnit(o.forecast.value, o.quantity.unit)}` : null,
    o.measurementsAfterAsOf > 0 ? LABELS.laterMeasurements(o.measurementsAfterAsOf) : null,
  ].filter((f): f is string => f !== null);
  const series = o.series.length === 0 ? LABELS.noMeasurements : o.series.map((p) => `${p.date}: ${formatNumber(p.value)}`).join(' · ');
  return [`- **${md(outcomeLabel(o))}** (${md(facts.join('; '))}): ${md(series)}`];
}

function renewal(i: InitiativeValue): string[] {
  const r = i.renewal;
  const lines =
    r.renewableLines.length === 0
      ? [md(LABELS.noRenewableLines)]
      : [
          table(
            [LABELS.line, LABELS.componentType, LABELS.renewsOn, LABELS.annualValue, LABELS.servesNotOnTrack],
            r.renewableLines.map((l) => [l.name, orDash(valueLabel(l.componentType)), orDash(l.renewalDate), formatMoney(l.annualValue), l.servesOutcomesNotOnTrack.join(', ') || '—']),
          ),
          '',
          `${md(LABELS.renewableValue)}: **${md(formatMoney(r.renewableAnnualValue))}**`,
        ];
  const notOnTrack =
    r.primaryOutcomes === 0
      ? [md(LABELS.noPrimary)]
      : r.primaryNotOnTrack.length === 0
      ? [md(LABELS.allPrimaryOnTrack)]
      : [`${md(LABELS.primaryNotOnTrack)}:`, '', ...r.primaryNotOnTrack.map((o) => `- **${md(valueLabel(o.status))}**: ${md(outcomeLabel(o))}. ${md(o.reason)}`)];
  return [`### ${md(LABELS.renewal)}`, '', `${r.atRisk ? `**${md(LABELS.atRiskBadge)}.** ` : ''}${md(r.summary)}`, '', ...lines, '', ...notOnTrack];
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

function initiative(i: InitiativeValue): string[] {
  const facts = [
    `${LABELS.account}: ${orDash(i.accountName)}`,
    `${LABELS.initiativeStatus}: ${orDash(valueLabel(i.status))}`,
    `${LABELS.handover}: ${orDash(i.handoverDate)}`,
    `${LABELS.goLive}: ${orDash(i.goLiveDate)}`,
  ];
  return [
    `## ${md(i.name)}`,
    '',
    md(facts.join(' · ')),
    '',
    ...goals(i),
    '',
    ...attained(i),
    '',
    `### ${md(LABELS.trend)}`,
    '',
    ...(i.outcomes.length === 0 ? [md(LABELS.noOutcomes)] : i.outcomes.flatMap(trend)),
    '',
    ...renewal(i),
    '',
    ...validation(i),
  ];
}

export function renderMarkdown(report: ValueReport): string {
  return [
    `# ${md(`${LABELS.title}: ${report.scope.name}`)}`,
    '',
    md(totalsSentence(report)),
    '',
    `_${md(LABELS.computedAsOf(report.asOf))}_`,
    '',
    ...report.initiatives.flatMap((i) => [...initiative(i), '']),
  ].join('\n');
}
