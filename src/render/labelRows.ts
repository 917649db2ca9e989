// Rows for the swimlane's marker labels (OUTAGE BEGINS / MITIGATED / ENDS): labels whose text would
// touch share no row, so two markers seconds apart get stacked labels instead of overprinted ones.

/** Width of a bold 11px sans-serif capital, generous (Arial Bold caps average about 7.3px). */
const CHAR_W = 7.6;
/** Width of a 10px italic lower-case character (a cluster window's name), generous (Arial averages about 5px). */
export const WINDOW_CHAR_W = 6;
/** Room kept between two labels of one row. */
const GAP = 8;

/** A label placed at a marker line: its anchor and the horizontal span its text covers. */
export interface LabelSpan { anchor: 'start' | 'end'; textX: number; left: number; right: number }

/** Where the label of a marker at `x` goes: right of the line, or left of it near the right edge. */
export function labelSpan(x: number, text: string, width: number, charW = CHAR_W): LabelSpan {
  const w = text.length * charW;
  if (x + 4 + w > width - 4) return { anchor: 'end', textX: x - 4, left: x - 4 - w, right: x - 4 };
  return { anchor: 'start', textX: x + 4, left: x + 4, right: x + 4 + w };
}

type Placed = { x: number; left: number; right: number; row: number };

const apart = (a: { left: number; right: number }, b: { left: number; right: number }) => a.right + GAP <= b.left || b.right + GAP <= a.left;
const crosses = (x: number, s: { left: number; right: number }) => x > s.left - 2 && x < s.right + 2;

/**
 * The row of each label (0 = top), in marker order: the first row where its text overlaps no other
 * label and no other marker's line (a line runs down from its own label's row) crosses it or is
 * crossed by it; when no row avoids the lines, the first row free of other labels.
 */
export function labelRows(spans: Array<{ x: number; left: number; right: number }>): number[] {
  const placed: Placed[] = [];
  return spans.map((s) => {
    const textFree = (r: number) => placed.every((o) => o.row !== r || apart(s, o));
    const linesFree = (r: number) => placed.every((o) => (o.row > r || !crosses(o.x, s)) && (o.row < r || !crosses(s.x, o)));
    const n = placed.reduce((m, o) => Math.max(m, o.row + 1), 0);
    const rows = Array.from({ length: n + 1 }, (_, r) => r);
    const row = rows.find((r) => textFree(r) && linesFree(r)) ?? rows.find(textFree)!;
    placed.push({ ...s, row });
    return row;
  });
}

/**
 * The row of each label (0 = top) when only the texts matter (cluster window names, written inside
 * their bands): the first row where the text overlaps no label already placed.
 */
export function textRows(spans: Array<{ left: number; right: number }>): number[] {
  const placed: Array<{ left: number; right: number; row: number }> = [];
  return spans.map((s) => {
    let row = 0;
    while (placed.some((o) => o.row === row && !apart(s, o))) row++;
    placed.push({ ...s, row });
    return row;
  });
}
