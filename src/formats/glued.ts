// Two logrus lines glued into one (a lost line break in a paste or a truncated write):
// `...msg="a"time="2022-12-29T17:13:53+08:00" level=info msg="b"`. Inside a quoted value a
// quote is escaped (`time=\"`), so an unescaped `time="YYYY-MM-DDT` after the start begins a line.
const GLUE = /time="\d{4}-\d\d-\d\dT/g;

/** Splits a line at every glued logrus start; most lines come back as one piece. */
export function splitGlued(line: string): string[] {
  const first = line.indexOf('time="', 1);
  if (first < 0) return [line];
  const cuts: number[] = [];
  GLUE.lastIndex = 1;
  for (let m = GLUE.exec(line); m; m = GLUE.exec(line)) {
    // a journald prefix before the first logrus start is part of the first line
    if (m.index > 0 && line.charCodeAt(m.index - 1) !== 32) cuts.push(m.index);
  }
  if (!cuts.length) return [line];
  const out: string[] = [];
  let from = 0;
  for (const c of cuts) { out.push(line.slice(from, c)); from = c; }
  out.push(line.slice(from));
  return out;
}
