/**
 * The value report as one self-contained HTML page: inline CSS with a Lightning (SLDS) look, an inline SVG
 * trend chart per outcome, no script and no external asset, so it can be mailed, archived or printed to PDF as
 * one file. A one-screen summary comes first (what the customer set out to achieve, how much is achieved or on
 * course, what is at risk before the renewal, what needs the customer's input), then one section per initiative.
 *
 * Two audiences: `customer` (default) speaks plainly ("On course to reach 10.8 minutes by 31 Dec 2026");
 * `internal` adds the precise technical reason, the stored status and the raw numbers for the account team.
 * Every piece of data goes through `escapeHtml`; the page also forbids scripts by its Content-Security-Policy.
 */
import type { OutcomeStatus } from '../core/model.js';
import type { InitiativeValue, OutcomeRef, OutcomeValue, ValueReport } from '../core/plan/valueReport.js';
import { escapeHtml as h, escapeHtmlLines } from './escape.js';
import { formatDate, formatMoney, formatPercent, orDash, valueWithUnit, withUnit } from './format.js';
import { LABELS, outcomeLabel, valueLabel } from './labels.js';
import { horizon, PLAIN_STATUS, PLAIN_VALIDATION, peerStandingSentence, plainGoal, plainLifecycle, plainReason, plainRenewal, plural } from './plain.js';
import { renderTrendChart } from './trendChart.js';

export const AUDIENCES = ['customer', 'internal'] as const;
export type Audience = (typeof AUDIENCES)[number];
export type HtmlOptions = { audience?: Audience };

const STYLE = `
:root { --border: #dddbda; --text: #181818; --weak: #54514e; --brand: #0b5cab; --bg: #f3f3f3; }
* { box-sizing: border-box; }
body { margin: 0; padding: 1.5rem; background: var(--bg); color: var(--text);
  font: 15px/1.5 "Salesforce Sans", -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
header.page, section.card { background: #fff; border: 1px solid var(--border); border-radius: .25rem; padding: 1rem 1.25rem;
  margin-bottom: 1rem; box-shadow: 0 2px 2px rgba(0,0,0,.1); }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; font-weight: 700; }
h2 { font-size: 1.3rem; margin: 0; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; color: #032d60; }
h4 { font-size: .95rem; margin: 1rem 0 .25rem; }
.weak { color: var(--weak); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: .5rem 0; }
dl.facts dt { color: var(--weak); }
dl.facts dd { margin: 0; }
table { width: 100%; border-collapse: collapse; margin: .5rem 0; }
th { text-align: left; background: #fafaf9; color: var(--weak); font-weight: 600; font-size: .8rem; }
th, td { border-bottom: 1px solid var(--border); padding: .375rem .5rem; vertical-align: top; overflow-wrap: break-word; }
tr { break-inside: avoid; }
td.num, th.num { text-align: right; }
.badge { display: inline-block; padding: 0 .5rem; border-radius: 1rem; font-size: .8rem; font-weight: 600; white-space: nowrap;
  border: 1px solid #3e3e3c; background: #fff; color: #181818; }
.status-attained, .status-on-track { background: #2e844a; border-color: #2e844a; color: #fff; }
.status-at-risk { background: #fcc003; border-color: #8c4b02; color: #181818; }
.status-off-track, .status-missed, .renewal-at-risk { background: #ba0517; border-color: #ba0517; color: #fff; }
.status-no-data { background: #fff; border-style: dashed; color: #181818; }
.notice { border-left: 4px solid #ba0517; background: #fef1ee; padding: .5rem .75rem; margin: .5rem 0; }
.tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: .75rem; margin: .75rem 0; }
.tile { border: 1px solid var(--border); border-radius: .25rem; padding: .5rem .75rem; }
.tile .figure { display: block; font-size: 1.6rem; font-weight: 700; }
.trend-block { margin: .75rem 0 1.25rem; break-inside: avoid; }
svg.trend { display: block; max-width: 100%; height: auto; background: #fff; }
svg .plot { fill: #fafaf9; stroke: var(--border); }
svg .grid { stroke: #e5e5e5; }
svg .tick, svg .legend { font-size: 12px; fill: #3e3e3c; }
svg .target-label, svg .due-label, svg .forecast-label { font-size: 12px; font-weight: 600; }
/* A white halo keeps a label readable where a line crosses it, on paper and on a projector. */
svg .target-label, svg .forecast-label { paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
svg .target { stroke: #2e844a; stroke-width: 2; stroke-dasharray: 10 5; }
svg .target-label { fill: #1c5b30; }
svg .due { stroke: #8e030f; stroke-width: 1.5; stroke-dasharray: 2 3; }
svg .due-label { fill: #8e030f; }
svg .series { fill: none; stroke: var(--brand); stroke-width: 2.5; }
svg .point { fill: var(--brand); }
svg .forecast { stroke: #3e3e3c; stroke-width: 2; stroke-dasharray: 6 4; fill: none; }
svg .forecast-point { fill: #fff; stroke: #3e3e3c; stroke-width: 2; }
svg .forecast-label { fill: #3e3e3c; }
ul.plain { margin: .25rem 0; padding-left: 1.25rem; }
@media print {
  body { background: #fff; padding: 0; font-size: 12px; }
  header.page, section.card { box-shadow: none; border: 0; padding: 0; margin: 0 0 .5rem; }
  section.card { break-before: page; }
  .tiles { grid-template-columns: repeat(4, 1fr); }
  h3, h4 { break-after: avoid; }
}
`;

type View = { audience: Audience; money: (value: number | null) => string };

const statusClass = (status: OutcomeStatus): string => `status-${status.toLowerCase().replace(/\s+/g, '-')}`;
const statusText = (status: OutcomeStatus, v: View): string => (v.audience === 'customer' ? PLAIN_STATUS[status] : (valueLabel(status) as string));
const badge = (status: OutcomeStatus, v: View): string => `<span class="badge ${statusClass(status)}">${h(statusText(status, v))}</span>`;

function row(cells: string[], numeric: ReadonlySet<number> = new Set()): string {
  return `<tr>${cells.map((c, k) => `<td${numeric.has(k) ? ' class="num"' : ''}>${c}</td>`).join('')}</tr>`;
}

function tableOf(header: string[], rows: string[], numeric: ReadonlySet<number> = new Set()): string {
  const head = header.map((c, k) => `<th scope="col"${numeric.has(k) ? ' class="num"' : ''}>${h(c)}</th>`).join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The table of an initiative's outcomes, or a sentence when there are none. */
function outcomesTable(i: InitiativeValue, header: string[], rows: string[], numeric: ReadonlySet<number> = new Set()): string {
  return i.outcomes.length === 0 ? `<p>${h(LABELS.noOutcomes)}</p>` : tableOf(header, rows, numeric);
}

const refList = (refs: OutcomeRef[]): string => `<ul class="plain">${refs.map((o) => `<li>${h(outcomeLabel(o))}</li>`).join('')}</ul>`;

function summary(report: ValueReport, v: View): string {
  const s = report.summary;
  const goalItems = s.goals
    .map((g) => `<li><strong>${h(g.initiativeName)}</strong>: ${escapeHtmlLines(orDash(g.purpose ?? LABELS.notRecorded))}</li>`)
    .join('');
  const atRiskValue = s.renewalsAtRisk.reduce((total, r) => total + r.renewableAnnualValue, 0);
  const tile = (figure: string, caption: string): string => `<div class="tile"><span class="figure">${h(figure)}</span>${h(caption)}</div>`;
  const tiles = [
    tile(`${s.outcomes.attainedOrOnCourse} of ${s.outcomes.total}`, 'outcomes achieved or on course'),
    tile(`${s.primary.attainedOrOnCourse} of ${s.primary.total}`, 'primary outcomes achieved or on course'),
    tile(String(s.renewalsAtRisk.length), `${s.renewalsAtRisk.length === 1 ? 'renewal' : 'renewals'} at risk ${horizon(report)}`),
    tile(String(s.toValidate.length + s.noMeasurement.length), 'outcomes need your input'),
  ].join('');
  const risks =
    s.renewalsAtRisk.length === 0
      ? `<p>No renewal is at risk ${h(horizon(report))}: every primary outcome is achieved or on course, or no renewal falls due.</p>`
      : `<ul class="plain">${s.renewalsAtRisk
          .map(
            (r) =>
              `<li class="notice"><strong>${h(r.initiativeName)}</strong> renews on ${h(formatDate(r.renewalDate))}, in ${h(plural(r.daysLeft, 'day', 'days'))}` +
              `${r.renewableAnnualValue > 0 ? `, ${h(v.money(r.renewableAnnualValue))} a year` : ''}. Not on course: ` +
              r.outcomes.map((o) => `${h(outcomeLabel(o))} ${badge(o.status, v)}`).join('; ') +
              `</li>`,
          )
          .join('')}</ul>` + (atRiskValue > 0 ? `<p>Renewable annual value at risk: <strong>${h(v.money(atRiskValue))}</strong></p>` : '');
  const input = [
    s.toValidate.length > 0 ? `<h4>To confirm: assumed in the sales cycle</h4>${refList(s.toValidate)}` : '',
    s.noMeasurement.length > 0 ? `<h4>Not measured yet: a first measurement is needed</h4>${refList(s.noMeasurement)}` : '',
  ].join('');
  return (
    `<section class="summary" id="summary" aria-labelledby="summary-title"><h2 id="summary-title">Summary</h2>` +
    `<h3>What you set out to achieve</h3><ul class="plain">${goalItems}</ul>` +
    `<div class="tiles">${tiles}</div>` +
    `<h3>At risk ${h(horizon(report))}</h3>${risks}` +
    `<h3>What needs your input</h3>${input || '<p>Nothing: every outcome is confirmed and measured.</p>'}` +
    (report.fees ? `<h3>${h(LABELS.fees)}</h3><p>${h(feeSumsSentence(report.fees, v))}</p>` : '') +
    `</section>`
  );
}

function goals(i: InitiativeValue, v: View): string {
  const fact = (label: string, text: string | null): string => `<dt>${h(label)}</dt><dd>${escapeHtmlLines(orDash(text ?? LABELS.notRecorded))}</dd>`;
  const internal = v.audience === 'internal';
  return (
    `<h3>${h(LABELS.goals)}</h3>` +
    `<dl class="facts">${fact(LABELS.purpose, i.purpose)}${fact(LABELS.strategicAlignment, i.strategicAlignment)}${fact(LABELS.challenges, i.challenges)}</dl>` +
    outcomesTable(
      i,
      [LABELS.outcome, LABELS.priority, internal ? LABELS.quantity : 'Goal', ...(internal ? [LABELS.deadline] : []), LABELS.method, internal ? LABELS.validationStatus : 'Confirmed'],
      i.outcomes.map((o) =>
        row([
          h(outcomeLabel(o)),
          h(orDash(valueLabel(o.priority))),
          h(internal ? o.quantity.summary : plainGoal(o)),
          ...(internal ? [h(o.deadline.summary)] : []),
          escapeHtmlLines(orDash(o.measurementMethod)),
          h(orDash(internal ? valueLabel(o.validationStatus) : o.validationStatus && PLAIN_VALIDATION[o.validationStatus])),
        ]),
      ),
    )
  );
}

function attained(i: InitiativeValue, v: View): string {
  const numeric = new Set([1, 3, 4]);
  const internal = v.audience === 'internal';
  const value = (n: number, unit: string | null): string => (internal ? withUnit(n, unit) : valueWithUnit(n, unit));
  return (
    `<h3>${h(LABELS.attained)}</h3>` +
    outcomesTable(
      i,
      [LABELS.outcome, LABELS.latestValue, LABELS.measuredOn, internal ? LABELS.attainment : 'Progress', internal ? LABELS.forecast : 'Expected by due date', LABELS.status, LABELS.why],
      i.outcomes.map((o) =>
        row(
          [
            h(outcomeLabel(o)),
            h(o.latest ? value(o.latest.value, o.quantity.unit) : '—'),
            h(o.latest ? formatDate(o.latest.measuredOn) : '—'),
            h(formatPercent(o.attainmentPercent)),
            h(o.forecast ? `${value(o.forecast.value, o.quantity.unit)}${internal ? ` (${formatPercent(o.forecast.attainmentPercent)})` : ''}` : '—'),
            badge(o.status, v),
            h(internal ? o.reason : plainReason(o)) +
              (internal && o.storedStatus && o.storedStatus !== o.status ? `<div class="weak">${h(LABELS.storedDiffers(valueLabel(o.storedStatus) as string))}</div>` : ''),
          ],
          numeric,
        ),
      ),
      numeric,
    )
  );
}

/** Each outcome's standing among other customers of its KPI; nothing at all when no outcome has one. */
function peers(i: InitiativeValue): string {
  const standing = i.outcomes.flatMap((o) => (o.peerStanding ? [{ o, s: o.peerStanding }] : []));
  if (standing.length === 0) return '';
  return (
    `<h3>${h(LABELS.peers)}</h3><ul class="peers">` +
    standing.map(({ o, s }) => `<li><strong>${h(outcomeLabel(o))}</strong>: ${h(peerStandingSentence(s))}</li>`).join('') +
    `</ul><p class="weak">${h(LABELS.peersNote)}</p>`
  );
}

function trend(o: OutcomeValue, v: View): string {
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
  return `<div class="trend-block"><h4>${h(outcomeLabel(o))} ${badge(o.status, v)}</h4>${chart}${later}</div>`;
}

function renewal(i: InitiativeValue, v: View): string {
  const r = i.renewal;
  const numeric = new Set([3]);
  const lines =
    r.renewableLines.length === 0
      ? `<p>${h(LABELS.noRenewableLines)}</p>`
      : tableOf(
          [LABELS.line, LABELS.componentType, LABELS.renewsOn, LABELS.annualValue, LABELS.servesNotOnTrack],
          r.renewableLines.map((l) =>
            row([h(l.name), h(orDash(valueLabel(l.componentType))), h(formatDate(l.renewalDate)), h(v.money(l.annualValue)), h(l.servesOutcomesNotOnTrack.join(', ') || '—')], numeric),
          ),
          numeric,
        ) + `<p>${h(LABELS.renewableValue)}: <strong>${h(v.money(r.renewableAnnualValue))}</strong></p>`;
  const notOnTrack =
    r.primaryOutcomes === 0
      ? `<p>${h(LABELS.noPrimary)}</p>`
      : r.primaryNotOnTrack.length === 0
        ? `<p>${h(LABELS.allPrimaryOnTrack)}</p>`
        : `<h4>${h(LABELS.primaryNotOnTrack)}</h4><ul class="plain">${r.primaryNotOnTrack
            .map((o) => `<li>${badge(o.status, v)} ${h(outcomeLabel(o))}${v.audience === 'internal' ? `<div class="weak">${h(o.reason)}</div>` : ''}</li>`)
            .join('')}</ul>`;
  const text = v.audience === 'internal' ? r.summary : plainRenewal(r, (n) => v.money(n));
  const said = `<p${r.atRisk ? ' class="notice"' : ''}>${r.atRisk ? `<span class="badge renewal-at-risk">${h(LABELS.atRiskBadge)}</span> ` : ''}${h(text)}</p>`;
  return `<h3>${h(LABELS.renewal)}</h3>${said}${lines}${notOnTrack}`;
}

/** The initiative's fees at risk, judged as of the report's date; nothing when the report leaves fees out. */
function fees(i: InitiativeValue, v: View): string {
  if (!i.fees) return '';
  const internal = v.audience === 'internal';
  const numeric = new Set([3, 4, 5, 6]);
  const rows = i.outcomes.flatMap((o) =>
    (o.fees ?? []).map((f) =>
      row(
        [
          h(outcomeLabel(o)),
          h(f.name ?? f.id),
          h(orDash(valueLabel(f.payoutRule))),
          h(v.money(f.amountAtRisk)),
          h(v.money(f.earnedToDate)),
          h(f.forecastToEarn === null ? '—' : v.money(f.forecastToEarn)),
          h(v.money(f.forfeited)),
          h(f.status),
          ...(internal ? [h(f.reason)] : []),
        ],
        numeric,
      ),
    ),
  );
  const header = [LABELS.outcome, LABELS.fee, LABELS.payoutRule, LABELS.atRisk, LABELS.earned, LABELS.forecastToEarn, LABELS.forfeited, LABELS.status, ...(internal ? [LABELS.why] : [])];
  const body = rows.length === 0 ? `<p>${h(LABELS.noFees)}</p>` : tableOf(header, rows, numeric) + `<p>${h(feeSumsSentence(i.fees, v))}</p>`;
  return `<h3>${h(LABELS.fees)}</h3>${body}`;
}

function feeSumsSentence(s: NonNullable<ValueReport['fees']>, v: View): string {
  return LABELS.feeSums({ fees: s.fees, atRisk: v.money(s.atRisk), earned: v.money(s.earned), forecastToEarn: v.money(s.forecastToEarn), forfeited: v.money(s.forfeited) });
}

function validation(i: InitiativeValue): string {
  const group = (label: string, refs: OutcomeRef[]): string => `<dt>${h(label)}</dt><dd>${refs.length === 0 ? h(LABELS.none) : refList(refs)}</dd>`;
  const groups = [group(LABELS.stated, i.validation.stated), group(LABELS.validated, i.validation.validated), group(LABELS.toValidate, i.validation.toValidate)];
  if (i.validation.unclassified.length > 0) groups.push(group(LABELS.unclassified, i.validation.unclassified));
  return `<h3>${h(LABELS.validation)}</h3><dl class="facts">${groups.join('')}</dl>`;
}

function initiative(i: InitiativeValue, asOf: string, v: View): string {
  const facts = [`${LABELS.account}: ${orDash(i.accountName)}`, plainLifecycle(i, asOf)];
  if (v.audience === 'internal') {
    facts.push(`Stored status: ${orDash(valueLabel(i.status))}${i.lifecycle.storedStatusStale ? ' (stale: the go-live date has passed)' : ''}`);
  }
  return (
    `<section class="card" id="initiative-${h(i.id)}">` +
    `<h2>${h(i.name)}</h2><p class="weak">${facts.map((f) => h(f)).join(' · ')}</p>` +
    goals(i, v) +
    attained(i, v) +
    peers(i) +
    `<h3>${h(LABELS.trend)}</h3>${i.outcomes.length === 0 ? `<p>${h(LABELS.noOutcomes)}</p>` : i.outcomes.map((o) => trend(o, v)).join('')}` +
    renewal(i, v) +
    fees(i, v) +
    validation(i) +
    `</section>`
  );
}

export function renderHtml(report: ValueReport, options: HtmlOptions = {}): string {
  const v: View = { audience: options.audience ?? 'customer', money: (n) => formatMoney(n, report.currency) };
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
    '<main>',
    `<header class="page"><h1>${h(title)}</h1><p class="weak">${h(LABELS.computedAsOf(formatDate(report.asOf)))}${v.audience === 'internal' ? ' Internal variant: technical reasons and stored statuses included.' : ''}</p>`,
    summary(report, v),
    '</header>',
    ...report.initiatives.map((i) => initiative(i, report.asOf, v)),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
