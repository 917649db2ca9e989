// Markdown escaping for untrusted log text (GitHub/GitLab/Jira tables): text never becomes markup,
// inline HTML, a link or a cell break.
import { maxOf } from '../lists';
import { termSafe } from './escape';

const CONTROL = /[\u0000-\u001f\u007f]+/g;

/** C0 and DEL as one space (a cell stays one line); what a terminal still acts on (C1, bidi) made visible. */
const plain = (s: string) => termSafe(s.replace(CONTROL, ' '));

/** Plain text in a paragraph or a table cell. */
export function mdText(s: string): string {
  return plain(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|#~!])/g, '\\$1');
}

/** A code span; `inTable` also escapes `|`, which GFM treats as a cell border even in code. */
export function mdCode(s: string, inTable = true): string {
  let body = plain(s);
  if (inTable) body = body.replace(/\|/g, '\\|');
  const runs = body.match(/`+/g) ?? [];
  const fence = '`'.repeat(maxOf([0, ...runs.map((r) => r.length)]) + 1);
  const pad = body.startsWith('`') || body.endsWith('`') || fence.length > 1 ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** One table row. */
export function mdRow(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** A table: header, alignment line, rows (cells already escaped). */
export function mdTable(head: string[], rows: string[][]): string {
  return [mdRow(head), mdRow(head.map(() => '---')), ...rows.map(mdRow)].join('\n');
}
