import { describe, expect, it } from '@jest/globals';
import { XMLValidator } from 'fast-xml-parser';
import { renderHtml } from '../../src/report/html.js';
import { FORMULA, HOSTILE, hostileReport, sparseReport } from './fixtures.js';

const decode = (html: string): string =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

describe('renderHtml', () => {
  const html = renderHtml(hostileReport());

  it('is one self-contained page: inline CSS, no script, no external asset', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link|<img|<iframe|\ssrc=|\shref=|url\(|@import/i);
    // The only URL in markup is the SVG namespace, which browsers never fetch (a URL typed in a field is text).
    expect(html.match(/="https?:[^"]*"/g)).toEqual(['="http://www.w3.org/2000/svg"']);
  });

  it('forbids scripts by its Content-Security-Policy, as a second line of defence', () => {
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
  });

  it('escapes hostile names, purposes and units so they show exactly as typed', () => {
    expect(html).not.toContain(HOSTILE);
    expect(html).not.toContain('<b>');
    expect(html).toContain('Rollout &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &quot;quoted&quot; &amp; &#39;single&#39; | pipe');
    const text = decode(html);
    expect(text).toContain(`Rollout ${HOSTILE}`);
    expect(text).toContain(`Acme ${HOSTILE}`);
    expect(text).toContain(`Licence ${HOSTILE}`);
    expect(text).toContain(FORMULA);
  });

  it('keeps the line breaks a person typed in long text', () => {
    expect(html).toContain('&#39;single&#39; | pipe<br>Line two # not a heading');
  });

  it('draws a well-formed inline SVG chart for the outcome with measurements, and says so for the one without', () => {
    const charts = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(charts).toHaveLength(1);
    expect(XMLValidator.validate(charts[0] as string)).toBe(true);
    expect(charts[0]).toContain('class="target"');
    expect(charts[0]).toContain('class="due"');
    expect(html).toContain('<p class="empty-chart">');
  });

  it('has every section of the report, with statuses as badges', () => {
    const order = ['What the customer set out to achieve', 'What is attained', 'Trend of each outcome', 'What is at risk before the renewal', 'Stated and assumed outcomes'];
    const positions = order.map((heading) => html.indexOf(`<h3>${heading}</h3>`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(html).toContain('<span class="badge status-off-track">Off Track</span>');
    expect(html).toContain('<span class="badge status-no-data">No Data</span>');
    expect(html).toContain('<span class="badge renewal-at-risk">Renewal at risk</span>');
    expect(html).toContain('1,234,567.89');
    expect(html).toContain('as of 2026-05-01');
  });
});

describe('renderHtml with sparse initiatives', () => {
  const html = renderHtml(sparseReport());
  const bare = html.slice(html.indexOf('<section class="card" id="initiative-a00000000000002AAA">'), html.indexOf('</section>'));

  it('says an initiative has no outcome yet instead of drawing empty tables', () => {
    expect(bare.match(/<p>No outcome requirement is recorded yet\.<\/p>/g)).toHaveLength(3);
    expect(bare).not.toContain('<th scope="col">Outcome</th>');
    expect(html).toContain('<p>No primary outcome is recorded: mark the outcomes that matter most to the customer as Primary.</p>');
  });
});
