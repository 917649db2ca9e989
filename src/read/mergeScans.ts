// Parts of one big file scanned apart (worker threads on byte ranges cut at line ends) -> the
// Scanned one sequential scan gives. Every part after the first starts with a line that sets the
// scanner's state by itself (a candidate with its own time and zone, ranges.ts), so what crosses
// a cut is small and settled here: line and year-less time numbers (the offsets are added), the
// run open for each key (a part's first run of a key joins it when the gap allows, as the line
// would have joined it), kubectl output and orphans waiting for the dated line below, the step
// between the dated lines either side, the first anchor, and the caps on hosts, lag samples and
// cut-line numbers. Pure; it consumes its parts.
import { RUN_GAP_MS } from '../kinds';
import { MAX_OPEN, type Stamp } from './runs';
import { hostOf, MAX_HOSTS, MAX_LAG_SAMPLES, type Scanned } from './scanner';

/** The scanner state a part leaves at its ends (SourceScanner.edge). */
export interface ScanEdge {
  /** run key -> index of the run open for it at the end */
  open: Array<[string, number]>;
  /** the run key of each run */
  keys: Array<string | null>;
  /** the part dropped its open keys once (more than MAX_OPEN) */
  cleared: boolean;
  /** runs of kubectl output above the part's first dated line, waiting for one below */
  orphans: number[];
  /** the time of the part's first line when it was read first and has its own time and zone (a clean start), else null */
  start: number | null;
  /** the time of the part's last line that had one */
  lastAbove: number | null;
}

/** One part as a worker scanned it. */
export interface ScanPart { scanned: Scanned; edge: ScanEdge }

/** Cut-line numbers kept (scanner.ts keeps the first ten). */
const MAX_CUT_LINES = 10;

/**
 * The parts (in file order) merged as one sequential scan, or null when they cannot be merged
 * exactly: a part that does not start cleanly (ranges.ts), more open run keys than MAX_OPEN
 * (then the sequential scan would drop them at other points), or as many runs as the scans'
 * budget (then the sequential scan joins repeats across silences from its own point on, runs.ts;
 * every part has the same budget). The caller then scans the file whole.
 */
export function mergeScans(parts: ScanPart[]): Scanned | null {
  const [head, ...rest] = parts;
  if (!head || head.edge.cleared) return null;
  const m = head.scanned;
  const open = new Map(head.edge.open);
  let orphans = head.edge.orphans;
  let lastAbove = head.edge.lastAbove;
  for (const { scanned: p, edge: e } of rest) {
    const t1 = e.start;
    if (e.cleared || t1 === null || e.orphans.length) return null;
    const lineOff = m.lines;
    const localOff = m.locals.length;
    // the part's first line is the first dated line below everything above the cut
    for (const i of orphans) { m.runs[i].first.time = t1; m.runs[i].first.local = -1; }
    orphans = [];
    for (let i = m.inherited.length - 1; i >= 0 && m.inherited[i].below === null; i--) m.inherited[i].below = t1;
    if (lastAbove !== null && t1 !== lastAbove) m.steps[t1 > lastAbove ? 'fwd' : 'back']++;
    if (e.lastAbove !== null) lastAbove = e.lastAbove;
    m.steps.fwd += p.steps.fwd;
    m.steps.back += p.steps.back;
    const shift = (st: Stamp) => { st.line += lineOff; if (st.local >= 0) st.local += localOff; };
    // runs: the part's first opened run of a key would have joined the run open for it above the cut
    const map: number[] = [];
    const met = new Set<string>();
    p.runs.forEach((r, i) => {
      shift(r.first);
      if (r.last) shift(r.last);
      const key = e.keys[i];
      const at = r.first.at;
      if (key !== null && at !== null && !met.has(key)) {
        met.add(key);
        const j = open.get(key);
        const r0 = j === undefined ? null : m.runs[j];
        const prev = r0 ? (r0.last ?? r0.first).at : null;
        if (r0 && prev !== null && at >= prev && at - prev <= RUN_GAP_MS) {
          r0.last = r.last ?? r.first;
          r0.count += r.count;
          map.push(j!);
          return;
        }
      }
      map.push(m.runs.push(r) - 1);
    });
    for (const [key, i] of e.open) open.set(key, map[i]);
    if (open.size > MAX_OPEN) return null;
    for (const x of p.inherited) m.inherited.push({ run: map[x.run], below: x.below });
    // the first anchor repeats the last one above when year, month and zone are the same
    p.anchors.forEach((a, i) => {
      a.line += lineOff;
      const last = m.anchors[m.anchors.length - 1];
      if (i > 0 || !last || last.year !== a.year || last.month !== a.month || last.offsetMin !== a.offsetMin) m.anchors.push(a);
    });
    for (const l of p.locals) { l.line += lineOff; m.locals.push(l); }
    if (m.firstLocal < 0 && p.firstLocal >= 0) m.firstLocal = p.firstLocal + localOff;
    if (p.lastLocal >= 0) m.lastLocal = p.lastLocal + localOff;
    for (const h of p.hosts) if (m.hosts.length < MAX_HOSTS && !m.hosts.includes(h)) m.hosts.push(h);
    for (const l of p.lags) { if (m.lags.length >= MAX_LAG_SAMPLES) break; l.no += lineOff; m.lags.push(l); }
    for (const c of p.cutLines) if (m.cutLines.length < MAX_CUT_LINES) m.cutLines.push(c + lineOff);
    for (const w of p.warnings) m.warnings.push(w);
    m.cut += p.cut;
    m.votes.server += p.votes.server;
    m.votes.agent += p.votes.agent;
    m.votes.reaper += p.votes.reaper;
    if (p.firstTime !== null && (m.firstTime === null || p.firstTime < m.firstTime)) m.firstTime = p.firstTime;
    if (p.maxTime !== null && (m.maxTime === null || p.maxTime > m.maxTime)) m.maxTime = p.maxTime;
    // the part's first line was parsed in full: its own last skipped line is the file's so far; the one above it ends a stretch (a tail)
    if (m.lastSkipped) m.tails[hostOf(m.lastSkipped.text)] = m.lastSkipped;
    for (const [k, t] of Object.entries(p.tails)) m.tails[k] = { text: t.text, no: t.no + lineOff };
    m.lastSkipped = p.lastSkipped && { text: p.lastSkipped.text, no: p.lastSkipped.no + lineOff };
    m.lines += p.lines;
    m.parsed += p.parsed;
  }
  return m.runs.length < m.budget ? m : null;
}
