/** Every format people read prints picklist labels; the JSON result keeps the API names the org stores. */
import { describe, expect, it } from '@jest/globals';
import { renderCsv } from '../../src/report/csv.js';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { hostileReport } from './fixtures.js';

describe('picklist values in the value report', () => {
  const report = hostileReport();

  it('the fixture holds a value whose label differs from its API name', () => {
    expect(report.initiatives[0].outcomes.map((o) => o.validationStatus)).toContain('Assumed_Needs_Validation');
  });

  it.each([
    ['Markdown (internal)', renderMarkdown(report, { audience: 'internal' })],
    ['HTML (internal)', renderHtml(report, { audience: 'internal' })],
    ['CSV', renderCsv(report)],
  ])('%s prints the label, never the API name', (_format, text) => {
    expect(text).toContain('Assumed – Needs Validation');
    expect(text).not.toContain('Assumed_Needs_Validation');
  });

  it.each([
    ['Markdown', renderMarkdown(report)],
    ['HTML', renderHtml(report)],
  ])('%s for the customer says what the value means to them, never the API name', (_format, text) => {
    expect(text).toContain('To confirm with you');
    expect(text).not.toContain('Assumed_Needs_Validation');
  });
});
