// Two logrus lines glued into one (a lost line break in a paste or a truncated write):
// `...msg="a"time="2022-12-29T17:13:53+08:00" level=info msg="b"`. Inside a quoted value a
// quote is escaped (`time=\"`), so an unescaped `time="YYYY-MM-DDT` after the start begins a line.
const DATE_AT = /\d{4}-\d\d-\d\dT/y;

/** Positions of glued logrus starts in s[from, to) (not at `from`, not after a space). */
function gluedStarts(s: string, from: number, to: number): number[] | null {
  let cuts: number[] | null = null;
  for (let i = s.indexOf('time="', from + 1); i > from && i < to; i = s.indexOf('time="', i + 6)) {
    // after a space it is the first logrus start (behind a journald prefix), not a glued one
    if (s.charCodeAt(i - 1) === 32) continue;
    DATE_AT.lastIndex = i + 6;
    if (DATE_AT.test(s)) {
      (cuts ??= []).push(i - from);
    }
  }
  return cuts;
}

/** Splits a line at every glued logrus start; most lines come back as one piece (one indexOf). */
export function splitGlued(line: string): string[] {
  const cuts = gluedStarts(line, 0, line.length);
  if (!cuts) return [line];
  const out: string[] = [];
  let from = 0;
  for (const c of cuts) { out.push(line.slice(from, c)); from = c; }
  out.push(line.slice(from));
  return out;
}
