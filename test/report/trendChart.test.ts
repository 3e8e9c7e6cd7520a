import { describe, expect, it } from '@jest/globals';
import { XMLValidator, XMLParser } from 'fast-xml-parser';
import { renderTrendChart, type TrendChartInput } from '../../src/report/trendChart.js';

const base: TrendChartInput = {
  title: 'Wastage',
  series: [
    { date: '2026-04-01', value: 16 },
    { date: '2026-01-01', value: 18 },
  ],
  target: 10,
  baseline: 20,
  dueDate: '2026-06-30',
  forecast: 14,
  unit: 'kg',
};

type Node = Record<string, unknown>;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });
const svgOf = (input: TrendChartInput): Node => (parser.parse(renderTrendChart(input)) as { svg: Node }).svg;
const asList = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

describe('renderTrendChart', () => {
  it('is well-formed SVG with an accessible name', () => {
    const svg = renderTrendChart(base);
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-label="Trend of Wastage"');
  });

  it('draws one point per measurement in date order, the target line, the due-date line and the forecast', () => {
    const svg = svgOf(base);
    const points = asList(svg.circle as Node[]);
    expect(points.map((p) => (p.title as string))).toEqual(['1 Jan 2026: 18 kg', '1 Apr 2026: 16 kg']);
    const lines = asList(svg.line as Node[]);
    expect(lines.filter((l) => l.class === 'target')).toHaveLength(1);
    expect(lines.filter((l) => l.class === 'due')).toHaveLength(1);
    expect(lines.find((l) => l.class === 'forecast')?.title).toBe('Forecast at 30 Jun 2026: 14 kg');
    const texts = asList(svg.text as Array<Node | string>).map((t) => (typeof t === 'string' ? t : String(t['#text'])));
    expect(texts).toEqual(expect.arrayContaining(['Target 10 kg', 'Due 30 Jun 2026', '1 Jan 2026', 'Forecast 14 kg']));
  });

  it('places later dates further right and higher values higher up', () => {
    const [first, second] = asList(svgOf(base).circle as Node[]);
    expect(Number(second.cx)).toBeGreaterThan(Number(first.cx));
    // 16 is below 18: a larger y in SVG coordinates.
    expect(Number(second.cy)).toBeGreaterThan(Number(first.cy));
  });

  it('puts the due date at the right edge when it is the last date and the first measurement at the left edge', () => {
    const svg = svgOf(base);
    const due = asList(svg.line as Node[]).find((l) => l.class === 'due') as Node;
    const [first] = asList(svg.circle as Node[]);
    const plot = asList(svg.rect as Node[]).find((r) => r.class === 'plot') as Node;
    expect(Number(due.x1)).toBeCloseTo(Number(plot.x) + Number(plot.width), 1);
    expect(Number(first.cx)).toBeCloseTo(Number(plot.x), 1);
  });

  it('puts the due-date label on the side of its line where there is room', () => {
    const label = (input: TrendChartInput): Node =>
      asList(svgOf(input).text as Node[]).find((t) => String(t['#text']).startsWith('Due ')) as Node;
    expect(label(base)['text-anchor']).toBe('end');
    // Due before every measurement: the line is at the left edge, so the label goes to its right.
    expect(label({ ...base, dueDate: '2025-12-01' })['text-anchor']).toBe('start');
  });

  it('draws a single measurement without a due date or target, and no forecast', () => {
    const svg = renderTrendChart({ ...base, series: [{ date: '2026-01-01', value: 5 }], dueDate: null, target: null, forecast: null });
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).not.toContain('class="target"');
    expect(svg).not.toContain('class="due"');
    expect(svg).not.toContain('class="forecast"');
    expect(svg).not.toContain('NaN');
  });

  it('labels ticks, target and forecast with the rounding of the tables (78.775 reads 78.8 everywhere)', () => {
    const svg = renderTrendChart({ ...base, series: [{ date: '2026-01-01', value: 70.1 }, { date: '2026-04-01', value: 74.2 }], target: 78.775, forecast: 79.44444, baseline: 70 });
    expect(svg).toContain('>Target 78.8 kg<');
    expect(svg).toContain('>Forecast 79.4 kg<');
    expect(svg).not.toMatch(/78\.78|79\.44/);
  });

  it('draws the forecast dashed with its own marker, and a legend naming every line by its pattern', () => {
    const svg = svgOf(base);
    expect(asList(svg.rect as Node[]).filter((r) => r.class === 'forecast-point')).toHaveLength(1);
    const legend = svg.g as Node;
    const names = asList(legend.text as Node[]).map((t) => String(t['#text']));
    expect(names).toEqual(['Measured', 'Forecast', 'Target', 'Due date']);
    const samples = asList(legend.line as Node[]).map((l) => String(l.class));
    expect(samples).toEqual(['series legend-line', 'forecast legend-line', 'target legend-line', 'due legend-line']);
  });

  it('keeps every label inside the viewBox, the due date above the plot', () => {
    const svg = svgOf({ ...base, dueDate: '2026-04-02' });
    const [, , width, height] = String(svg.viewBox).split(' ').map(Number);
    for (const t of asList(svg.text as Node[])) {
      const x = Number(t.x);
      const yy = Number(t.y);
      const chars = String(t['#text']).length * 6.6;
      const [left, right] = t['text-anchor'] === 'end' ? [x - chars, x] : t['text-anchor'] === 'middle' ? [x - chars / 2, x + chars / 2] : [x, x + chars];
      expect(left).toBeGreaterThanOrEqual(0);
      expect(right).toBeLessThanOrEqual(width);
      expect(yy - 12).toBeGreaterThanOrEqual(0);
      expect(yy).toBeLessThanOrEqual(height);
    }
    const plot = asList(svg.rect as Node[]).find((r) => r.class === 'plot') as Node;
    const due = asList(svg.text as Node[]).find((t) => String(t['#text']).startsWith('Due ')) as Node;
    expect(Number(due.y)).toBeLessThan(Number(plot.y));
  });

  it('says there is no trend yet instead of drawing an empty chart', () => {
    expect(renderTrendChart({ ...base, series: [] })).toMatch(/^<p class="empty-chart">No measurements yet/);
  });

  it('escapes the title and the unit', () => {
    const svg = renderTrendChart({ ...base, title: '<script>"x"</script>', unit: '<b>&' });
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('aria-label="Trend of &lt;script&gt;&quot;x&quot;&lt;/script&gt;"');
  });
});
