/**
 * The value report as one self-contained HTML page: inline CSS with a Lightning (SLDS) look, an inline SVG
 * trend chart per outcome, no script and no external asset, so it can be mailed or archived as one file.
 * Every piece of data goes through `escapeHtml`; the page also forbids scripts by its Content-Security-Policy,
 * so even a mistake in escaping could not run code.
 */
import type { OutcomeStatus } from '../core/model.js';
import type { InitiativeValue, OutcomeRef, OutcomeValue, ValueReport } from '../core/plan/valueReport.js';
import { escapeHtml as h, escapeHtmlLines } from './escape.js';
import { formatMoney, formatNumber, formatPercent, orDash, withUnit } from './format.js';
import { LABELS, outcomeLabel, totalsSentence, valueLabel } from './labels.js';
import { renderTrendChart } from './trendChart.js';

const STYLE = `
:root { --border: #dddbda; --text: #181818; --weak: #706e6b; --brand: #0176d3; --bg: #f3f3f3; }
* { box-sizing: border-box; }
body { margin: 0; padding: 1.5rem; background: var(--bg); color: var(--text);
  font: 14px/1.5 "Salesforce Sans", -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
header.page { background: #fff; border: 1px solid var(--border); border-radius: .25rem; padding: 1rem 1.25rem; margin-bottom: 1rem;
  box-shadow: 0 2px 2px rgba(0,0,0,.1); }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; font-weight: 700; }
h2 { font-size: 1.25rem; margin: 0; }
h3 { font-size: 1rem; margin: 1.25rem 0 .5rem; color: #032d60; }
h4 { font-size: .875rem; margin: 1rem 0 .25rem; }
.weak { color: var(--weak); }
section.card { background: #fff; border: 1px solid var(--border); border-radius: .25rem; padding: 1rem 1.25rem; margin-bottom: 1rem;
  box-shadow: 0 2px 2px rgba(0,0,0,.1); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: .5rem 0; }
dl.facts dt { color: var(--weak); }
dl.facts dd { margin: 0; }
table { width: 100%; border-collapse: collapse; margin: .5rem 0; }
th { text-align: left; background: #fafaf9; color: var(--weak); font-weight: 600; text-transform: uppercase; font-size: .75rem;
  letter-spacing: .0625rem; }
th, td { border-bottom: 1px solid var(--border); padding: .375rem .5rem; vertical-align: top; overflow-wrap: break-word; }
.scroll-x { overflow-x: auto; }
td.num { text-align: right; white-space: nowrap; }
.badge { display: inline-block; padding: 0 .5rem; border-radius: 1rem; font-size: .75rem; font-weight: 600; white-space: nowrap;
  background: #ecebea; color: #3e3e3c; }
.status-attained, .status-on-track { background: #2e844a; color: #fff; }
.status-at-risk { background: #fe9339; color: #181818; }
.status-off-track, .status-missed, .renewal-at-risk { background: #ba0517; color: #fff; }
.status-no-data { background: #c9c7c5; color: #181818; }
.notice { border-left: 4px solid #fe9339; background: #fef1ee; padding: .5rem .75rem; margin: .5rem 0; }
.trend-block { margin: .75rem 0 1.25rem; }
svg.trend { max-width: 100%; height: auto; background: #fff; }
svg .plot { fill: #fafaf9; stroke: var(--border); }
svg .grid { stroke: #ecebea; }
svg .tick, svg .target-label, svg .due-label { font-size: 11px; fill: var(--weak); }
svg .target { stroke: #2e844a; stroke-width: 1.5; stroke-dasharray: 6 4; }
svg .target-label { fill: #2e844a; }
svg .due-label { fill: #ba0517; }
svg .due { stroke: #ba0517; stroke-width: 1.5; stroke-dasharray: 3 3; }
svg .series { fill: none; stroke: var(--brand); stroke-width: 2; }
svg .point { fill: var(--brand); }
svg .forecast { stroke: var(--brand); stroke-width: 1.5; stroke-dasharray: 2 4; }
ul.plain { margin: .25rem 0; padding-left: 1.25rem; }
`;

const statusClass = (status: OutcomeStatus): string => `status-${status.toLowerCase().replace(/\s+/g, '-')}`;
const badge = (status: OutcomeStatus): string => `<span class="badge ${statusClass(status)}">${h(valueLabel(status))}</span>`;

function row(cells: string[], numeric: ReadonlySet<number> = new Set()): string {
  return `<tr>${cells.map((c, k) => `<td${numeric.has(k) ? ' class="num"' : ''}>${c}</td>`).join('')}</tr>`;
}

/** The table of an initiative's outcomes, or a sentence when there are none. */
function outcomesTable(i: InitiativeValue, header: string[], rows: string[], numeric: ReadonlySet<number> = new Set()): string {
  return i.outcomes.length === 0 ? `<p>${h(LABELS.noOutcomes)}</p>` : tableOf(header, rows, numeric);
}

function tableOf(header: string[], rows: string[], numeric: ReadonlySet<number> = new Set()): string {
  const head = header.map((c, k) => `<th scope="col"${numeric.has(k) ? ' class="num"' : ''}>${h(c)}</th>`).join('');
  return `<div class="scroll-x"><table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function goals(i: InitiativeValue): string {
  const fact = (label: string, text: string | null): string => `<dt>${h(label)}</dt><dd>${escapeHtmlLines(orDash(text ?? LABELS.notRecorded))}</dd>`;
  return (
    `<h3>${h(LABELS.goals)}</h3>` +
    `<dl class="facts">${fact(LABELS.purpose, i.purpose)}${fact(LABELS.strategicAlignment, i.strategicAlignment)}${fact(LABELS.challenges, i.challenges)}</dl>` +
    outcomesTable(
      i,
      [LABELS.outcome, LABELS.priority, LABELS.quantity, LABELS.deadline, LABELS.method, LABELS.validationStatus],
      i.outcomes.map((o) =>
        row([h(outcomeLabel(o)), h(orDash(valueLabel(o.priority))), h(o.quantity.summary), h(o.deadline.summary), escapeHtmlLines(orDash(o.measurementMethod)), h(orDash(valueLabel(o.validationStatus)))]),
      ),
    )
  );
}

function attained(i: InitiativeValue): string {
  const numeric = new Set([1, 3, 4]);
  return (
    `<h3>${h(LABELS.attained)}</h3>` +
    outcomesTable(
      i,
      [LABELS.outcome, LABELS.latestValue, LABELS.measuredOn, LABELS.attainment, LABELS.forecast, LABELS.status, LABELS.why],
      i.outcomes.map((o) =>
        row(
          [
            h(outcomeLabel(o)),
            h(o.latest ? withUnit(o.latest.value, o.quantity.unit) : '—'),
            h(o.latest?.measuredOn ?? '—'),
            h(formatPercent(o.attainmentPercent)),
            h(o.forecast ? `${withUnit(o.forecast.value, o.quantity.unit)} (${formatPercent(o.forecast.attainmentPercent)})` : '—'),
            badge(o.status),
            h(o.reason) + (o.storedStatus && o.storedStatus !== o.status ? `<div class="weak">${h(LABELS.storedDiffers(valueLabel(o.storedStatus) as string))}</div>` : ''),
          ],
          numeric,
        ),
      ),
      numeric,
    )
  );
}

function trend(o: OutcomeValue): string {
  const chart = renderTrendChart({
    title: outcomeLabel(o),
    series: o.series,
    target: o.quantity.targetValue,
    baseline: o.quantity.baseline,
    dueDate: o.deadline.dueDate,
    forecast: o.forecast?.value ?? null,
    unit: o.quantity.unit,
  });
  const later = o.measurementsAfterAsOf > 0 ? `<p class="weak">${h(LABELS.laterMeasurements(o.measurementsAfterAsOf))}</p>` : '';
  return `<div class="trend-block"><h4>${h(outcomeLabel(o))} ${badge(o.status)}</h4>${chart}${later}</div>`;
}

function renewal(i: InitiativeValue): string {
  const r = i.renewal;
  const numeric = new Set([3]);
  const lines =
    r.renewableLines.length === 0
      ? `<p>${h(LABELS.noRenewableLines)}</p>`
      : tableOf(
          [LABELS.line, LABELS.componentType, LABELS.renewsOn, LABELS.annualValue, LABELS.servesNotOnTrack],
          r.renewableLines.map((l) =>
            row([h(l.name), h(orDash(valueLabel(l.componentType))), h(orDash(l.renewalDate)), h(formatMoney(l.annualValue)), h(l.servesOutcomesNotOnTrack.join(', ') || '—')], numeric),
          ),
          numeric,
        ) + `<p>${h(LABELS.renewableValue)}: <strong>${h(formatMoney(r.renewableAnnualValue))}</strong></p>`;
  const notOnTrack =
    r.primaryOutcomes === 0
      ? `<p>${h(LABELS.noPrimary)}</p>`
      : r.primaryNotOnTrack.length === 0
      ? `<p>${h(LABELS.allPrimaryOnTrack)}</p>`
      : `<h4>${h(LABELS.primaryNotOnTrack)}</h4><ul class="plain">${r.primaryNotOnTrack
          .map((o) => `<li>${badge(o.status)} ${h(outcomeLabel(o))}<div class="weak">${h(o.reason)}</div></li>`)
          .join('')}</ul>`;
  const summary = `<p${r.atRisk ? ' class="notice"' : ''}>${r.atRisk ? `<span class="badge renewal-at-risk">${h(LABELS.atRiskBadge)}</span> ` : ''}${h(r.summary)}</p>`;
  return `<h3>${h(LABELS.renewal)}</h3>${summary}${lines}${notOnTrack}`;
}

function validation(i: InitiativeValue): string {
  const group = (label: string, refs: OutcomeRef[]): string =>
    `<dt>${h(label)}</dt><dd>${refs.length === 0 ? h(LABELS.none) : `<ul class="plain">${refs.map((o) => `<li>${h(outcomeLabel(o))}</li>`).join('')}</ul>`}</dd>`;
  const groups = [
    group(LABELS.stated, i.validation.stated),
    group(LABELS.validated, i.validation.validated),
    group(LABELS.toValidate, i.validation.toValidate),
  ];
  if (i.validation.unclassified.length > 0) groups.push(group(LABELS.unclassified, i.validation.unclassified));
  return `<h3>${h(LABELS.validation)}</h3><dl class="facts">${groups.join('')}</dl>`;
}

function initiative(i: InitiativeValue): string {
  const facts = [
    [LABELS.account, i.accountName],
    [LABELS.initiativeStatus, valueLabel(i.status)],
    [LABELS.handover, i.handoverDate],
    [LABELS.goLive, i.goLiveDate],
  ]
    .map(([label, value]) => `${h(label)}: ${h(orDash(value))}`)
    .join(' · ');
  return (
    `<section class="card" id="initiative-${h(i.id)}">` +
    `<h2>${h(i.name)}</h2><p class="weak">${facts}</p>` +
    goals(i) +
    attained(i) +
    `<h3>${h(LABELS.trend)}</h3>${i.outcomes.length === 0 ? `<p>${h(LABELS.noOutcomes)}</p>` : i.outcomes.map(trend).join('')}` +
    renewal(i) +
    validation(i) +
    `</section>`
  );
}

export function renderHtml(report: ValueReport): string {
  const title = `${LABELS.title}: ${report.scope.name}`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<header class="page"><h1>${h(title)}</h1><p>${h(totalsSentence(report))}</p><p class="weak">${h(LABELS.computedAsOf(report.asOf))}</p></header>`,
    '<main>',
    ...report.initiatives.map(initiative),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
