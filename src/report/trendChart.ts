/**
 * The trend of one outcome as an inline SVG line chart an executive can trust on paper, on a projector and in
 * greyscale: the measured line solid with dots, the forecast dashed with a hollow marker, the target a long-dashed
 * labelled line, the due date a dotted labelled line, and a legend that names each by its pattern, not its colour.
 * Every label goes through `formatValue`/`formatDate`, the rounding and dates of the tables. Labels sit in padding
 * reserved for them inside the viewBox, so none is clipped. Pure string building with no dependency, so the HTML
 * report stays one self-contained file.
 */
import { daysBetween, fromDayNumber, toDayNumber, type IsoDate } from '../core/dates.js';
import { escapeHtml } from './escape.js';
import { formatDate, formatValue, valueWithUnit } from './format.js';

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

export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 270;
/** Top: the due-date label above the plot; bottom: the date axis and the legend; left: the value ticks. */
const PAD = { left: 76, right: 28, top: 30, bottom: 62 };
const PLOT_W = CHART_WIDTH - PAD.left - PAD.right;
const PLOT_H = CHART_HEIGHT - PAD.top - PAD.bottom;
/** About how wide a character of an 12px label is, to keep a label inside the chart. */
const CHAR_W = 6.6;

/** Coordinates are rounded to a tenth of a pixel: finer adds bytes, not detail. */
const px = (n: number): string => String(Math.round(n * 10) / 10);
const text = (x: number, y: number, anchor: 'start' | 'middle' | 'end', cls: string, content: string): string =>
  `<text x="${px(x)}" y="${px(y)}" text-anchor="${anchor}" class="${cls}">${escapeHtml(content)}</text>`;

/** The anchor and x of a label of `content` near `x`, kept inside [left, right]. */
function clampLabel(x: number, content: string, left: number, right: number): { x: number; anchor: 'start' | 'end' } {
  const width = content.length * CHAR_W;
  if (x + 4 + width <= right) return { x: x + 4, anchor: 'start' };
  if (x - 4 - width >= left) return { x: x - 4, anchor: 'end' };
  return { x: right, anchor: 'end' };
}

// eslint-disable-next-line complexity -- each optional layer of the chart (target, baseline, due date, forecast) is one branch
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
  const margin = y0 === y1 ? Math.max(Math.abs(y0) * 0.1, 1) : (y1 - y0) * 0.1;
  [y0, y1] = [y0 - margin, y1 + margin];

  const x = (day: number): number => PAD.left + ((day - x0) / (x1 - x0)) * PLOT_W;
  const y = (value: number): number => PAD.top + (1 - (value - y0) / (y1 - y0)) * PLOT_H;
  const right = PAD.left + PLOT_W;
  const bottom = PAD.top + PLOT_H;

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="trend" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" role="img" aria-label="${label}">`,
    `<title>${label}</title>`,
    `<rect x="${PAD.left}" y="${PAD.top}" width="${PLOT_W}" height="${PLOT_H}" class="plot"/>`,
  );

  // Y axis: low, middle and high values, rounded as the tables round them.
  for (const value of [y0 + margin, (y0 + y1) / 2, y1 - margin]) {
    parts.push(
      `<line x1="${PAD.left}" x2="${right}" y1="${px(y(value))}" y2="${px(y(value))}" class="grid"/>`,
      text(PAD.left - 8, y(value) + 4, 'end', 'tick', formatValue(value, unit)),
    );
  }
  // X axis: the first and last date of the range.
  const axisY = bottom + 18;
  parts.push(text(PAD.left, axisY, 'start', 'tick', formatDate(fromDayNumber(Math.min(...dates)))), text(right, axisY, 'end', 'tick', formatDate(fromDayNumber(Math.max(...dates)))));

  if (target !== null && Number.isFinite(target)) {
    const ty = y(target);
    const content = `Target ${valueWithUnit(target, unit)}`;
    // Above the line, unless the line runs along the top of the plot.
    const labelY = ty - 6 < PAD.top + 12 ? ty + 15 : ty - 6;
    parts.push(`<line x1="${PAD.left}" x2="${right}" y1="${px(ty)}" y2="${px(ty)}" class="target"/>`, text(PAD.left + 6, labelY, 'start', 'target-label', content));
  }
  if (dueDate) {
    const dueX = x(toDayNumber(dueDate));
    const content = `Due ${formatDate(dueDate)}`;
    // Above the plot, in the top padding, on the side of the line where there is room.
    const placed = clampLabel(dueX, content, 0, CHART_WIDTH - 2);
    parts.push(`<line x1="${px(dueX)}" x2="${px(dueX)}" y1="${PAD.top - 4}" y2="${bottom}" class="due"/>`, text(placed.x, PAD.top - 10, placed.anchor, 'due-label', content));
  }

  const sorted = [...series].sort((a, b) => daysBetween(b.date, a.date));
  const latest = sorted[sorted.length - 1];
  if (forecast !== null && dueDate && Number.isFinite(forecast) && toDayNumber(dueDate) > toDayNumber(latest.date)) {
    const fx = x(toDayNumber(dueDate));
    const fy = y(forecast);
    const content = `Forecast ${valueWithUnit(forecast, unit)}`;
    parts.push(
      `<line x1="${px(x(toDayNumber(latest.date)))}" y1="${px(y(latest.value))}" x2="${px(fx)}" y2="${px(fy)}" class="forecast"><title>${escapeHtml(`Forecast at ${formatDate(dueDate)}: ${valueWithUnit(forecast, unit)}`)}</title></line>`,
      `<rect x="${px(fx - 4)}" y="${px(fy - 4)}" width="8" height="8" class="forecast-point"/>`,
      // Left of the marker, inside the plot, clear of the target line and its label.
      text(fx - 8, forecastLabelY(fy, target === null || !Number.isFinite(target) ? null : y(target), bottom), 'end', 'forecast-label', content),
    );
  }
  const points = sorted.map((p) => `${px(x(toDayNumber(p.date)))},${px(y(p.value))}`).join(' ');
  if (sorted.length > 1) parts.push(`<polyline points="${points}" class="series"/>`);
  for (const p of sorted) {
    parts.push(
      `<circle cx="${px(x(toDayNumber(p.date)))}" cy="${px(y(p.value))}" r="4" class="point"><title>${escapeHtml(`${formatDate(p.date)}: ${valueWithUnit(p.value, unit)}`)}</title></circle>`,
    );
  }
  parts.push(legend(target !== null, dueDate !== null, parts.some((p) => p.includes('class="forecast"'))));
  parts.push('</svg>');
  return parts.join('');
}

/** The baseline of the forecast's label: above its marker, below it at the top, and never on the target line. */
function forecastLabelY(fy: number, targetY: number | null, bottom: number): number {
  let labelY = fy - 8 < PAD.top + 12 ? fy + 18 : fy - 8;
  // A label's text spans about 12px above its baseline: move it off the target line to the side with room.
  if (targetY !== null && labelY + 3 >= targetY - 2 && labelY - 12 <= targetY + 2) labelY = targetY + 18 <= bottom - 4 ? targetY + 18 : targetY - 8;
  return labelY;
}

/** The legend names each line by its pattern (solid, dashed, long-dashed, dotted), readable without colour. */
function legend(hasTarget: boolean, hasDue: boolean, hasForecast: boolean): string {
  const entries: Array<[string, string]> = [['series', 'Measured']];
  if (hasForecast) entries.push(['forecast', 'Forecast']);
  if (hasTarget) entries.push(['target', 'Target']);
  if (hasDue) entries.push(['due', 'Due date']);
  const ly = CHART_HEIGHT - 12;
  let lx = PAD.left;
  const items = entries.map(([cls, name]) => {
    const item =
      `<line x1="${lx}" x2="${lx + 26}" y1="${ly - 4}" y2="${ly - 4}" class="${cls} legend-line"/>` +
      (cls === 'series' ? `<circle cx="${lx + 13}" cy="${ly - 4}" r="3" class="point"/>` : '') +
      text(lx + 32, ly, 'start', 'legend', name);
    lx += 32 + name.length * CHAR_W + 22;
    return item;
  });
  return `<g class="legend">${items.join('')}</g>`;
}
