// Markdown escaping for untrusted log text (GitHub/GitLab/Jira tables): text never becomes markup,
// inline HTML, a link or a cell break.
import { maxOf } from '../lists';

const CONTROL = /[\u0000-\u001f\u007f]+/g;

/** Plain text in a paragraph or a table cell. */
export function mdText(s: string): string {
  return s
    .replace(CONTROL, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|#~!])/g, '\\$1');
}

/** A code span; `inTable` also escapes `|`, which GFM treats as a cell border even in code. */
export function mdCode(s: string, inTable = true): string {
  let body = s.replace(CONTROL, ' ');
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
