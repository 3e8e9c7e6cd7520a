/**
 * The trend of one outcome as an inline SVG line chart: the measurements over time, the target as a horizontal
 * line, the due date as a vertical line, and the forecast as a dotted line to the due date when there is one.
 * Pure string building with no dependency, so the HTML report stays one self-contained file.
 */
import { daysBetween, toDayNumber, fromDayNumber, type IsoDate } from '../core/dates.js';
import { escapeHtml } from './escape.js';
import { formatNumber } from './format.js';

export type TrendChartInput = {
  /** Accessible name of the chart, e.g. the outcome's description. */
  title: string;
  series: ReadonlyArray<{ date: IsoDate; value: number }>;
  target: number | null;
  baseline: number | null;
  dueDate: IsoDate | null;
  /** The value projected at the due date, drawn from the latest measurement. */
  forecast: number | null;
  unit: string | null;
};

const WIDTH = 560;
const HEIGHT = 220;
const PAD = { left: 64, right: 16, top: 16, bottom: 28 };
const PLOT_W = WIDTH - PAD.left - PAD.right;
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;

/** Coordinates are rounded to a tenth of a pixel: finer adds bytes, not detail. */
const px = (n: number): string => String(Math.round(n * 10) / 10);

export function renderTrendChart(input: TrendChartInput): string {
  const { series, target, baseline, dueDate, forecast, unit } = input;
  const label = escapeHtml(`Trend of ${input.title}`);
  if (series.length === 0) {
    return `<p class="empty-chart">No measurements yet: the trend starts with the first one.</p>`;
  }

  const dates = series.map((p) => toDayNumber(p.date));
  if (dueDate) dates.push(toDayNumber(dueDate));
  let [x0, x1] = [Math.min(...dates), Math.max(...dates)];
  if (x0 === x1) [x0, x1] = [x0 - 15, x1 + 15];

  const values = series.map((p) => p.value);
  for (const v of [target, baseline, forecast]) if (v !== null && Number.isFinite(v)) values.push(v);
  let [y0, y1] = [Math.min(...values), Math.max(...values)];
  const margin = y0 === y1 ? Math.max(Math.abs(y0) * 0.1, 1) : (y1 - y0) * 0.08;
  [y0, y1] = [y0 - margin, y1 + margin];

  const x = (day: number): number => PAD.left + ((day - x0) / (x1 - x0)) * PLOT_W;
  const y = (value: number): number => PAD.top + (1 - (value - y0) / (y1 - y0)) * PLOT_H;
  const suffix = unit ? ` ${unit}` : '';

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="trend" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${label}">`,
    `<title>${label}</title>`,
    `<rect x="${PAD.left}" y="${PAD.top}" width="${PLOT_W}" height="${PLOT_H}" class="plot"/>`,
  );

  // Y axis: low, middle and high values; X axis: first and last date of the range.
  for (const value of [y0 + margin, (y0 + y1) / 2, y1 - margin]) {
    parts.push(
      `<line x1="${PAD.left}" x2="${PAD.left + PLOT_W}" y1="${px(y(value))}" y2="${px(y(value))}" class="grid"/>`,
      `<text x="${PAD.left - 6}" y="${px(y(value) + 4)}" text-anchor="end" class="tick">${escapeHtml(formatNumber(value))}</text>`,
    );
  }
  const axisY = PAD.top + PLOT_H + 16;
  parts.push(
    `<text x="${PAD.left}" y="${axisY}" text-anchor="start" class="tick">${escapeHtml(fromDayNumber(Math.min(...dates)))}</text>`,
    `<text x="${PAD.left + PLOT_W}" y="${axisY}" text-anchor="end" class="tick">${escapeHtml(fromDayNumber(Math.max(...dates)))}</text>`,
  );

  if (target !== null && Number.isFinite(target)) {
    parts.push(
      `<line x1="${PAD.left}" x2="${PAD.left + PLOT_W}" y1="${px(y(target))}" y2="${px(y(target))}" class="target"/>`,
      `<text x="${PAD.left + 4}" y="${px(y(target) - 4)}" class="target-label">${escapeHtml(`Target ${formatNumber(target)}${suffix}`)}</text>`,
    );
  }
  if (dueDate) {
    const dueX = x(toDayNumber(dueDate));
    // The label sits inside the plot on the side with room: left of a due date at the right edge, right of one at the left.
    const onRight = dueX > PAD.left + PLOT_W / 2;
    parts.push(
      `<line x1="${px(dueX)}" x2="${px(dueX)}" y1="${PAD.top}" y2="${PAD.top + PLOT_H}" class="due"/>`,
      `<text x="${px(onRight ? dueX - 4 : dueX + 4)}" y="${PAD.top + 12}" text-anchor="${onRight ? 'end' : 'start'}" class="due-label">${escapeHtml(`Due ${dueDate}`)}</text>`,
    );
  }

  const sorted = [...series].sort((a, b) => daysBetween(b.date, a.date));
  const latest = sorted[sorted.length - 1];
  if (forecast !== null && dueDate && Number.isFinite(forecast) && toDayNumber(dueDate) > toDayNumber(latest.date)) {
    parts.push(
      `<line x1="${px(x(toDayNumber(latest.date)))}" y1="${px(y(latest.value))}" x2="${px(x(toDayNumber(dueDate)))}" y2="${px(y(forecast))}" class="forecast"><title>${escapeHtml(`Forecast at ${dueDate}: ${formatNumber(forecast)}${suffix}`)}</title></line>`,
    );
  }
  const points = sorted.map((p) => `${px(x(toDayNumber(p.date)))},${px(y(p.value))}`).join(' ');
  if (sorted.length > 1) parts.push(`<polyline points="${points}" class="series"/>`);
  for (const p of sorted) {
    parts.push(
      `<circle cx="${px(x(toDayNumber(p.date)))}" cy="${px(y(p.value))}" r="3.5" class="point"><title>${escapeHtml(`${p.date}: ${formatNumber(p.value)}${suffix}`)}</title></circle>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}
