// Fitting the terminal (DESIGN §7): a table (cli-table3) at its natural width when it fits,
// else with its cuttable columns cut (`…`), else folded into key/value lines; prose wrapped.
// Width null is --wide: nothing cut. Every cell goes through termSafe: log text never reaches
// the terminal as control characters.
import Table from 'cli-table3';
import { termSafe } from './escape';
import { maxOf } from '../lists';

export interface Col {
  head: string;
  /** where a too-long cell loses characters: its end (text) or its start (paths) */
  cut?: 'end' | 'start';
  /** narrowest a cut column may get */
  min?: number;
}

export interface Fit {
  width: number | null;
  color: boolean;
}

const ANSI = /\u001b\[[0-9;]*m/g;

/** Columns a string takes (ANSI colours take none). */
export function widthOf(s: string): number {
  return [...s.replace(ANSI, '')].length;
}

/** The text cut to `max` columns with `…` at its end (or its start). */
export function cut(s: string, max: number, where: 'end' | 'start' = 'end'): string {
  const cs = [...s];
  if (cs.length <= max) return s;
  if (max <= 1) return '…';
  return where === 'start' ? '…' + cs.slice(cs.length - max + 1).join('') : cs.slice(0, max - 1).join('') + '…';
}

function draw(head: string[], rows: string[][], color: boolean): string {
  const t = new Table({ head, style: { compact: true, head: color ? ['cyan'] : [], border: [] }, wordWrap: false });
  for (const r of rows) t.push(r);
  return t.toString();
}

const tableWidth = (text: string) => maxOf(text.split('\n').map(widthOf));

/**
 * Rows folded for a narrow terminal: the first `lead` columns on one line (aligned, under a header
 * line), the other columns as `key value · key value` lines under it, packed to the width.
 */
export function fold(cols: Col[], rows: string[][], width: number, lead = 1): string {
  const lw = cols.slice(0, lead).map((c, i) => Math.max(widthOf(c.head), ...rows.map((r) => widthOf(r[i]))));
  const leadLine = (cells: string[]) => cut(cells.slice(0, lead).map((c, i) => (i < lead - 1 ? c.padEnd(lw[i] + (c.length - widthOf(c))) : c)).join('  '), width);
  const out: string[] = lead > 1 ? [leadLine(cols.map((c) => c.head))] : [];
  for (const r of rows) {
    out.push(leadLine(r));
    let line = '';
    for (let i = lead; i < cols.length; i++) {
      if (r[i] === '' || r[i] === '—') continue;
      const pair = cut(`${cols[i].head} ${r[i]}`, width - 2, cols[i].cut ?? 'end');
      if (line && widthOf(line) + 3 + widthOf(pair) > width) { out.push(line); line = ''; }
      line = line ? `${line} · ${pair}` : `  ${pair}`;
    }
    if (line) out.push(line);
  }
  return out.join('\n');
}

/** A table that fits `fit.width`: natural, cut, or folded. */
export function fitTable(cols: Col[], raw: Array<Array<string | number>>, fit: Fit, lead = 1): string {
  const rows = raw.map((r) => r.map((c) => termSafe(String(c))));
  const head = cols.map((c) => c.head);
  const natural = draw(head, rows, fit.color);
  if (fit.width === null || tableWidth(natural) <= fit.width) return natural;
  // shrink the widest cuttable column, one character at a time, down to its minimum
  const widths = cols.map((c, i) => Math.max(widthOf(c.head), ...rows.map((r) => widthOf(r[i]))));
  let over = tableWidth(natural) - fit.width;
  while (over > 0) {
    const i = cols.map((c, k) => (c.cut && widths[k] > Math.max(c.min ?? 8, widthOf(c.head)) ? k : -1)).filter((k) => k >= 0).sort((a, b) => widths[b] - widths[a])[0];
    if (i === undefined) break;
    widths[i]--;
    over--;
  }
  if (over > 0) return fold(cols, rows, fit.width, lead);
  return draw(head, rows.map((r) => r.map((c, i) => (cols[i].cut ? cut(c, widths[i], cols[i].cut) : c))), fit.color);
}

/**
 * A word longer than a line (a path in a sentence) broken into pieces of at most `room` columns,
 * after a `/` when one falls in a piece's second half: nothing of it is lost, as a cut would lose
 * the path's end and the `)` after it.
 */
export function breakWord(word: string, room: number): string[] {
  const cs = [...word];
  const out: string[] = [];
  while (cs.length > room) {
    const slash = cs.slice(0, room).lastIndexOf('/');
    const n = slash >= room / 2 ? slash + 1 : room;
    out.push(cs.splice(0, n).join(''));
  }
  out.push(cs.join(''));
  return out;
}

/** Prose wrapped at the width (words kept whole, a word longer than a line broken over lines), each line indented. */
export function wrap(text: string, fit: Fit, indent = ''): string {
  const safe = termSafe(text);
  if (fit.width === null) return indent + safe;
  const room = Math.max(20, fit.width - indent.length);
  const lines: string[] = [];
  let line = '';
  for (const word of safe.split(' ')) {
    const pieces = widthOf(word) > room ? breakWord(word, room) : [word];
    pieces.forEach((w, i) => {
      if (line && (i > 0 || widthOf(line) + 1 + widthOf(w) > room)) { lines.push(line); line = ''; }
      line = line ? `${line} ${w}` : w;
    });
  }
  lines.push(line);
  return lines.map((l, i) => (i === 0 ? indent : indent.replace(/\S/g, ' ')) + l).join('\n');
}

/** One line cut to the width (nothing cut when --wide); `keep` is a prefix never cut (`  E1 `). */
export function line(text: string, fit: Fit, where: 'end' | 'start' = 'end', keep = ''): string {
  const safe = termSafe(text);
  return keep + (fit.width === null ? safe : cut(safe, Math.max(8, fit.width - widthOf(keep)), where));
}
