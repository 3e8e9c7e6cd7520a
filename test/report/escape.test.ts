import { describe, expect, it } from '@jest/globals';
import { escapeHtml, escapeHtmlLines, escapeMarkdown } from '../../src/report/escape.js';

describe('escapeHtml', () => {
  it('turns every character that can open a tag, an entity or leave an attribute into an entity', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;');
  });

  it('escapes an existing entity again, so text shows as typed', () => {
    expect(escapeHtml('&lt;')).toBe('&amp;lt;');
  });

  it('drops control characters that would make an inline SVG invalid XML, and keeps tabs and newlines', () => {
    expect(escapeHtml('a\u0000b\u0007c\td\ne')).toBe('abc\td\ne');
  });

  it('renders blanks as nothing and numbers as text', () => {
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(undefined)).toBe('');
    expect(escapeHtml(12.5)).toBe('12.5');
  });

  it('keeps line breaks as <br> in multi-line text, after escaping', () => {
    expect(escapeHtmlLines('a<b\r\nc')).toBe('a&lt;b<br>c');
  });
});

describe('escapeMarkdown', () => {
  it('keeps a table cell in its cell: pipes escaped, line breaks folded', () => {
    expect(escapeMarkdown('a | b\nc')).toBe('a \\| b c');
  });

  it('turns link, emphasis and code syntax into plain text', () => {
    expect(escapeMarkdown('[x](javascript:alert(1)) **b** _i_ `c`')).toBe('\\[x\\](javascript:alert(1)) \\*\\*b\\*\\* \\_i\\_ \\`c\\`');
  });

  it('turns HTML into entities so renderers that pass HTML through show it as text', () => {
    expect(escapeMarkdown('<script>&')).toBe('&lt;script&gt;&amp;');
  });

  it('escapes what opens a heading, a list or a rule only at the start of text', () => {
    expect(escapeMarkdown('# Title')).toBe('\\# Title');
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('12. item')).toBe('12\\. item');
    expect(escapeMarkdown('---')).toBe('\\---');
    expect(escapeMarkdown('-5 days, 12.5% and #1')).toBe('-5 days, 12.5% and #1');
  });
});
