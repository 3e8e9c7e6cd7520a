import { describe, expect, it } from '@jest/globals';
import { renderMarkdown } from '../../src/report/markdown.js';
import { hostileReport, sparseReport } from './fixtures.js';

/** Cells of a table row, split on pipes that are not escaped. */
const cells = (line: string): string[] => line.split(/(?<!\\)\|/).slice(1, -1);

describe('renderMarkdown', () => {
  const md = renderMarkdown(hostileReport());
  const lines = md.split('\n');

  it('never lets a name inject HTML', () => {
    expect(md).not.toMatch(/<script|<b>/);
    expect(md).toContain('&lt;script&gt;');
  });

  it('keeps every table row as wide as its header, whatever pipes and line breaks the data holds', () => {
    const tables: string[][] = [];
    for (const line of lines) {
      if (!line.startsWith('|')) continue;
      if (line.startsWith('| ') && !lines[lines.indexOf(line) - 1]?.startsWith('|')) tables.push([]);
      tables[tables.length - 1]?.push(line);
    }
    expect(tables.length).toBeGreaterThanOrEqual(3);
    for (const table of tables) {
      const width = cells(table[0]).length;
      for (const row of table) expect(cells(row)).toHaveLength(width);
    }
  });

  it('lets no data start a heading or a list of its own', () => {
    const headings = lines.filter((l) => l.startsWith('#'));
    expect(headings).toEqual([
      expect.stringMatching(/^# Value report: Rollout /),
      '## Summary',
      expect.stringMatching(/^## Rollout /),
      '### What the customer set out to achieve',
      '### What is attained',
      '### Trend of each outcome',
      '### What is at risk before the renewal',
      '### Stated and assumed outcomes',
    ]);
    expect(md).toContain('Line two # not a heading');
    expect(md).toContain('\\[click\\](javascript:alert(1))');
    expect(md).not.toMatch(/(?<!\\)\]\(javascript/);
  });

  it('states what is attained and why in plain words, and the trend of each outcome', () => {
    const attained = lines.find((l) => l.startsWith('| OR-0001: Wastage') && l.includes('Behind plan')) as string;
    expect(cells(attained).map((c) => c.trim()).slice(1, 7)).toEqual([
      '16 kg &lt;b&gt;',
      '1 Apr 2026',
      '40%',
      '14 kg &lt;b&gt;',
      'Behind plan',
      'At the current pace 14 kg &lt;b&gt; by 30 Jun 2026, well short of the target of 10 kg &lt;b&gt;.',
    ]);
    expect(md).toContain('1 Jan 2026: 18 · 1 Apr 2026: 16');
    expect(md).toMatch(/OR-0002: -5 days to close the books\*\* \(Target: —; Due date: —\): No measurements yet\./);
  });

  it('keeps the technical reason and raw numbers for the internal variant', () => {
    const internal = renderMarkdown(hostileReport(), { audience: 'internal' }).split('\n');
    const attained = internal.find((l) => l.startsWith('| OR-0001: Wastage') && l.includes('Off Track')) as string;
    expect(cells(attained).map((c) => c.trim()).slice(1, 6)).toEqual(['16 kg &lt;b&gt;', '2026-04-01', '40%', '14 kg &lt;b&gt; (60%)', 'Off Track']);
    expect(attained).toContain('of the way from the baseline');
  });

  it('opens with the summary an executive reads first', () => {
    const summary = md.slice(md.indexOf('## Summary'), md.indexOf('## Rollout'));
    expect(summary).toContain('Achieved or on course: 0 of 2 outcomes, 0 of 1 primary outcome.');
    expect(summary).toContain('**At risk before the next renewal**');
    expect(summary).toContain('- To confirm: OR-0002: -5 days to close the books');
    expect(summary).toContain('- Not measured yet: OR-0002: -5 days to close the books');
  });

  it('lists assumed outcomes still to validate', () => {
    expect(md).toContain('- **Assumed: still to validate with the customer:** OR-0002: -5 days to close the books');
    expect(md).toContain('| To confirm with you |');
  });
});

describe('renderMarkdown with sparse initiatives', () => {
  const md = renderMarkdown(sparseReport());
  const bare = md.slice(md.indexOf('## Bare'), md.indexOf('## Secondary only'));

  it('says an initiative has no outcome yet instead of printing empty tables', () => {
    expect(bare.match(/No outcome requirement is recorded yet\./g)).toHaveLength(3);
    expect(bare).not.toContain('| Outcome |');
  });

  it('says there is no primary outcome rather than that all are on track', () => {
    expect(md).toContain('No primary outcome is recorded: mark the outcomes that matter most to the customer as Primary.');
    expect(md).not.toContain('Every primary outcome is attained or on track.');
  });
});
