/**
 * Every escape the value report needs, in one place. Names, purposes and notes come from people and other
 * systems, so any of them may hold `<script>`, quotes, pipes or a leading `=`: each renderer passes every
 * piece of text through exactly one of these functions and never builds markup from raw text itself.
 */
const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Text for HTML or SVG, safe in element content and in double- or single-quoted attribute values.
 * Characters XML forbids (control characters other than tab and newlines) are dropped, since a single one
 * makes an inline SVG fail to parse.
 */
export function escapeHtml(text: string | number | null | undefined): string {
  if (text === null || text === undefined) return '';
  return String(text)
    // eslint-disable-next-line no-control-regex -- matching control characters is the point: HTML cannot carry them
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
    .replace(/[&<>"']/g, (ch) => HTML_ENTITIES[ch]);
}

/** Multi-line text for HTML: escaped, with line breaks kept as `<br>`. */
export function escapeHtmlLines(text: string | null | undefined): string {
  return escapeHtml(text).replace(/\r?\n/g, '<br>');
}

/**
 * Text for Markdown, inline or in a table cell: Markdown's punctuation is backslash-escaped so a name cannot
 * turn into a link, code, a heading, a list or emphasis; `<` `>` `&` become entities so Markdown renderers that pass HTML
 * through cannot run a tag; `|` is escaped and line breaks folded so a cell cannot break its table.
 */
export function escapeMarkdown(text: string | number | null | undefined): string {
  if (text === null || text === undefined) return '';
  return (
    String(text)
      .replace(/\r?\n/g, ' ')
      .replace(/[\\`*_[\]|~]/g, (ch) => `\\${ch}`)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      // Only at the start of text do `#`, `-`, `+`, `1.` and `===` open a heading, a list or a rule.
      .replace(/^(\s*)(#{1,6}|[-+]|\d{1,9}[.)]|-{2,}|={2,})(?=\s|$)/, (_, space: string, mark: string) =>
        /^\d/.test(mark) ? `${space}${mark.slice(0, -1)}\\${mark.slice(-1)}` : `${space}\\${mark}`,
      )
  );
}
