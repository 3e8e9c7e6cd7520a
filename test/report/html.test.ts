import { describe, expect, it } from '@jest/globals';
import { XMLValidator } from 'fast-xml-parser';
import { buildValueReport } from '../../src/core/plan/valueReport.js';
import { renderHtml } from '../../src/report/html.js';
import { FORMULA, HOSTILE, hostileInitiative, hostileReport, sparseReport } from './fixtures.js';

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
    expect(html).toContain('<span class="badge status-off-track">Behind plan</span>');
    expect(html).toContain('<span class="badge status-no-data">Not measured yet</span>');
    expect(html).toContain('<span class="badge renewal-at-risk">Renewal at risk</span>');
    expect(html).toContain('1,234,567.89');
    expect(html).toContain('as of 1 May 2026');
  });

  it('opens with the summary: goals, shares attained or on course, renewals at risk, what needs the customer', () => {
    const summary = html.slice(html.indexOf('<section class="summary"'), html.indexOf('</section>'));
    expect(html.indexOf('<section class="summary"')).toBeLessThan(html.indexOf('<section class="card"'));
    const text = decode(summary).replace(/\s+/g, ' ');
    expect(text).toContain('What you set out to achieve');
    expect(text).toContain('0 of 2 outcomes achieved or on course');
    expect(text).toContain('0 of 1 primary outcomes achieved or on course');
    expect(text).toContain('1 renewal at risk before the next renewal');
    expect(text).toMatch(/renews on 1 Aug 2026, in 92 days, 1,234,567\.89 a year\. Not on course: OR-0001/);
    expect(text).toContain('To confirm: assumed in the sales cycle OR-0002');
    expect(text).toContain('Not measured yet: a first measurement is needed OR-0002');
  });

  it('speaks plainly to the customer; the technical reason is only in the internal variant', () => {
    const text = decode(html);
    expect(text).toContain('At the current pace 14 kg <b> by 30 Jun 2026, well short of the target of 10 kg <b>.');
    expect(text).not.toMatch(/threshold|of the way from the baseline|Quantity_Type__c|Deadline_Type__c/);
    const internal = decode(renderHtml(hostileReport(), { audience: 'internal' }));
    expect(internal).toMatch(/Off Track: the forecast 14 at the due date 2026-06-30 is 60% of the way/);
    expect(internal).toContain('Stored status: Adopting');
  });

  it('names the currency of every amount', () => {
    const report = { ...hostileReport(), currency: 'EUR' };
    const text = decode(renderHtml(report));
    expect(text).toContain('EUR 1,234,567.89');
    expect(text).not.toMatch(/(?<!EUR )1,234,567\.89/);
  });

  it('shows the lifecycle from the dates, and a handover after the report date as ahead', () => {
    const base = hostileInitiative();
    const stale = { ...base, record: { ...base.record, Status__c: 'Onboarding' as const, Handover_Date__c: '2026-05-08' } };
    const report = buildValueReport({ scope: { kind: 'initiative', id: 'a00000000000001AAA' }, asOf: '2026-05-01', initiatives: [stale] });
    expect(report.initiatives[0].lifecycle).toMatchObject({ phase: 'live', handoverAfterAsOf: true, storedStatusStale: true, firstMeasuredOn: '2026-01-01' });
    const text = decode(renderHtml(report));
    expect(text).toContain('Live since 15 Jan 2025 · measured since 1 Jan 2026 · handover recorded for 8 May 2026, after this report');
    expect(text).not.toContain('Onboarding');
    expect(decode(renderHtml(report, { audience: 'internal' }))).toContain('Stored status: Onboarding (stale: the go-live date has passed)');
  });

  it('counts a renewal at risk within --within days only, as `sf outcomes risk` does', () => {
    const within = (days: number | null) => buildValueReport({ scope: { kind: 'initiative', id: 'a00000000000001AAA' }, asOf: '2026-05-01', initiatives: [hostileInitiative()], renewalWindowDays: days });
    expect(within(null).summary.renewalsAtRisk).toHaveLength(1);
    expect(within(120).summary.renewalsAtRisk).toHaveLength(1);
    expect(within(30).summary.renewalsAtRisk).toHaveLength(0);
    expect(decode(renderHtml(within(30)))).toContain('0 renewals at risk within 30 days');
  });
});

describe('renderHtml with sparse initiatives', () => {
  const html = renderHtml(sparseReport());
  const start = html.indexOf('<section class="card" id="initiative-a00000000000002AAA">');
  const bare = html.slice(start, html.indexOf('</section>', start));

  it('says an initiative has no outcome yet instead of drawing empty tables', () => {
    expect(bare.match(/<p>No outcome requirement is recorded yet\.<\/p>/g)).toHaveLength(3);
    expect(bare).not.toContain('<th scope="col">Outcome</th>');
    expect(html).toContain('<p>No primary outcome is recorded: mark the outcomes that matter most to the customer as Primary.</p>');
  });
});
