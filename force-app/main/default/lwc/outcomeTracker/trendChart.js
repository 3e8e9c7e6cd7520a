// Generated from trendChart.ts by `npm run build:lwc`: edit the source, not this file.
/**
 * Geometry of an outcome's trend chart, drawn by the template as inline SVG: the measurements, the baseline and the
 * target as horizontal lines, the due date as a vertical line, and the forecast from the latest measurement to the
 * due date. Numbers only; the template and its text alternative carry the words.
 */
import { toDayNumber } from 'c/outcomesCore';
export const WIDTH = 320;
export const HEIGHT = 120;
const PAD = 8;
const px = (n) => String(Math.round(n * 10) / 10);
const finite = (n) => n !== null && Number.isFinite(n);
/** Null without measurements: there is no trend to draw yet. */
export function trendChart({ series, baseline, target, dueDate, forecast }) {
    if (series.length === 0)
        return null;
    const sorted = [...series].sort((a, b) => toDayNumber(a.date) - toDayNumber(b.date));
    const days = sorted.map((p) => toDayNumber(p.date));
    if (dueDate)
        days.push(toDayNumber(dueDate));
    let [x0, x1] = [Math.min(...days), Math.max(...days)];
    if (x0 === x1)
        [x0, x1] = [x0 - 15, x1 + 15];
    const values = sorted.map((p) => p.value).concat([baseline, target, forecast].filter(finite));
    let [y0, y1] = [Math.min(...values), Math.max(...values)];
    const margin = y0 === y1 ? Math.max(Math.abs(y0) * 0.1, 1) : (y1 - y0) * 0.08;
    [y0, y1] = [y0 - margin, y1 + margin];
    const x = (day) => PAD + ((day - x0) / (x1 - x0)) * (WIDTH - 2 * PAD);
    const y = (value) => PAD + (1 - (value - y0) / (y1 - y0)) * (HEIGHT - 2 * PAD);
    const latest = sorted[sorted.length - 1];
    const dueDay = dueDate ? toDayNumber(dueDate) : null;
    return {
        viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
        line: sorted.map((p) => `${px(x(toDayNumber(p.date)))},${px(y(p.value))}`).join(' '),
        points: sorted.map((p, index) => ({ key: `${p.date}-${index}`, cx: px(x(toDayNumber(p.date))), cy: px(y(p.value)) })),
        baseline: finite(baseline) ? { y: px(y(baseline)) } : null,
        target: finite(target) ? { y: px(y(target)) } : null,
        due: dueDay !== null ? { x: px(x(dueDay)) } : null,
        forecast: finite(forecast) && dueDay !== null && dueDay > toDayNumber(latest.date)
            ? { x1: px(x(toDayNumber(latest.date))), y1: px(y(latest.value)), x2: px(x(dueDay)), y2: px(y(forecast)) }
            : null,
    };
}
