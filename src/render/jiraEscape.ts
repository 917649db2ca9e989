// Jira wiki markup escaping for untrusted log text: text never becomes markup, a link, a macro or
// a cell break. Evidence goes in {noformat} blocks, where only the closing macro must be broken.
import { termSafe } from './escape';

const CONTROL = /[\u0000-\u001f\u007f]+/g;

/** Plain text in a paragraph or a table cell (one line; never empty, which would read as `||`). */
export function jiraText(s: string): string {
  const t = termSafe(s.replace(CONTROL, ' ')) // C1 and bidi controls made visible, as on a terminal
    .replace(/\\/g, '\u0000') // a backslash is an entity, set after the escapes (which add backslashes)
    .replace(/([*_^~{}[\]|!#?])/g, '\\$1')
    .replace(/\+(?!\d)/g, '\\+')
    .replace(/(^|\s)-/g, '$1\\-')
    .replace(/\u0000/g, '&#92;')
    .replace(/`/g, '&#96;'); // not markup in Jira, but a pasted report must not read as Markdown
  return t.trim() === '' ? ' ' : t;
}

/** Text inside a {noformat} block: literal, except control characters made visible and the block's end marker broken. */
export function jiraNoformat(s: string): string {
  return s.replace(/[^\n\t]+/g, termSafe).replace(/\{noformat\}/gi, '{ noformat}');
}

/** A table: `||head||head||` then `|cell|cell|` (cells already escaped). */
export function jiraTable(head: string[], rows: string[][]): string {
  const cell = (c: string) => (c.trim() === '' ? ' ' : c);
  return [`||${head.map(cell).join('||')}||`, ...rows.map((r) => `|${r.map(cell).join('|')}|`)].join('\n');
}
