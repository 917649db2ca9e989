// The per-input line stage, pure and synchronous (STYLE §5): clean -> sniff -> needle prefilter ->
// parse -> clock -> classify -> runs. Streams feed it chunks; tests feed it lines. What it learns is
// plain data (`Scanned`), finished with the other inputs' knowledge by finish.ts.
import type { Event, EventKind, LogRecord, Role, SourceInfo } from '../types';
import { cleanLine, parseLastResort, parseLine, sniffAt, sniffLine } from '../formats/registry';
import { splitGlued } from '../formats/glued';
import { splitLag } from '../formats/journald';
import { classify, shorten } from '../rules/classify';
import { RULES } from '../rules/registry';
import { needleRegex } from '../rules/needles';
import { chunkFinder } from '../rules/prefilter';
import { runKeyOf, writtenBy } from '../kinds';
import { learnAnchor, provisional, type Anchor, type LocalAt } from './clock';
import { joinRun, newRunBook, RUN_BUDGET, startRun, type RawRun, type RunBook, type Stamp } from './runs';
import { LineMemo, type Hit } from './memo';
import type { ScanEdge } from './mergeScans';

const NEEDLES = needleRegex(RULES);
const FIND = chunkFinder(RULES);

/** Longest line kept; the rest of a longer line is dropped (counted, never buffered). */
export const MAX_LINE = 64 * 1024;
export const MAX_LAG_SAMPLES = 2000;
/** Recognised lines parsed in full, at most, while a file of year-less lines has shown no full date. */
const ANCHOR_SEARCH = 5000;
/** Distinct journald hosts remembered per input (a paste of several nodes' journals has a few). */
export const MAX_HOSTS = 256;

/** A copy of s[a, b) that does not keep the whole chunk alive (V8 slices point into their parent). */
function copyOut(s: string, a: number, b: number): string {
  return (' ' + s.slice(a, b)).slice(1);
}

/** `Mar 14 17:23:37 HOST ident[pid]: ...` or `2024-03-14T17:23:37+0800 HOST ...`: where the journald host starts, or -1. */
function hostStart(s: string, pos: number, end: number): number {
  if (end - pos > 17 && s.charCodeAt(pos + 3) === 32 && s.charCodeAt(pos + 6) === 32 && s.charCodeAt(pos + 15) === 32) return pos + 16;
  if (end - pos > 20 && s.charCodeAt(pos + 4) === 45 && s.charCodeAt(pos + 10) === 84) {
    const sp = s.indexOf(' ', pos + 19);
    return sp > 0 && sp < end - 1 ? sp + 1 : -1;
  }
  return -1;
}

/** The journald host of a line s[pos, end) ('' when it has no journald prefix). */
function hostAt(s: string, pos: number, end: number): string {
  const h = hostStart(s, pos, end);
  if (h < 0) return '';
  const sp = s.indexOf(' ', h);
  return s.slice(h, sp < 0 || sp > end ? end : sp);
}

/** True when the line s[pos, end) has the journald host `host` ('' : none), without copying it out. */
function sameHostAt(s: string, pos: number, end: number, host: string): boolean {
  const h = hostStart(s, pos, end);
  if (h < 0) return host === '';
  return host !== '' && s.startsWith(host, h) && s.charCodeAt(h + host.length) === 32;
}

export const hostOf = (text: string) => hostAt(text, 0, text.length);

/** What one input yielded, before it is finished: plain data (it crosses worker threads as is). */
export interface Scanned {
  info: SourceInfo;
  lines: number;
  parsed: number;
  cut: number;
  cutLines: number[];
  warnings: string[];
  /** journald hosts in order of first appearance */
  hosts: string[];
  votes: { server: number; agent: number; reaper: number };
  anchors: Anchor[];
  /** year-less times, resolved when the input is finished; stamps point here */
  locals: LocalAt[];
  runs: RawRun[];
  /** the first year-less dated line, and the last one above the end (coverage) */
  firstLocal: number;
  lastLocal: number;
  /** the last recognised line that was not parsed in full (its time bounds the coverage) */
  lastSkipped: { text: string; no: number } | null;
  /**
   * The last unparsed line of each stretch end, per journald host ('' without one): a line a rule
   * wanted (reaper output pasted below the journals, the next host's first line) ends the stretch,
   * and the coverage must still reach the last line read of each host (finish.ts parses these).
   */
  tails: Record<string, { text: string; no: number }>;
  firstTime: number | null;
  maxTime: number | null;
  /** dated lines that go forward / back in time from the one before: a paste in reverse goes back */
  steps: { fwd: number; back: number };
  /** kubectl output that took the dated line above: run index and the next dated line below */
  inherited: Array<{ run: number; below: number | null }>;
  lags: Array<{ ms: number; no: number; text: string }>;
  /** runs kept before repeats join their run across silences (runs.ts) */
  budget: number;
}

/** The one empty list every finished scan shares (frozen: a push after the scan throws). */
const NONE: never[] = Object.freeze([]) as unknown as never[];
const tight = <T>(a: T[]): T[] => (a.length ? a.slice() : NONE);

/**
 * A finished scan as it waits for the other inputs (100,000 inputs wait together): every list cut
 * to its length (a list grown by push keeps room for 16), an empty one shared, nothing of the
 * scanner (memo, run book, chunk) reachable. Plain data as before; it is not scanned further.
 */
export function compact(s: Scanned): Scanned {
  return {
    info: s.info, lines: s.lines, parsed: s.parsed, cut: s.cut, cutLines: tight(s.cutLines), warnings: tight(s.warnings), hosts: tight(s.hosts),
    votes: s.votes, anchors: tight(s.anchors), locals: tight(s.locals), runs: tight(s.runs), firstLocal: s.firstLocal, lastLocal: s.lastLocal,
    lastSkipped: s.lastSkipped, tails: s.tails, firstTime: s.firstTime, maxTime: s.maxTime, steps: s.steps, inherited: tight(s.inherited), lags: tight(s.lags), budget: s.budget,
  };
}

/** Scans one input's lines into runs and what its finish needs. */
export class SourceScanner {
  readonly s: Scanned;
  maxLine = MAX_LINE;
  private book: RunBook;
  /** the nearest dated line above: its time, or its year-less time's index (~i) */
  private above: { time: number } | { local: number } | null = null;
  /** runs of time-inheriting lines (kubectl output) above the first dated line: they take the nearest one below */
  private orphans: number[] = [];
  private awaitBelow = 0;
  private lastAbove: number | null = null;
  /** the journald host of the last line parsed: a line with no host of its own (`-- Reboot --`) in a paste of several journals is its */
  private hostAbove: string | null = null;
  /** recognised lines no rule wants, parsed in full while the clock looks for its first full date */
  private sampled = 0;
  /** the time of line 1 when it was the first thing read and has its own time and zone (a part of a file starts so: mergeScans.ts) */
  private start: number | null | undefined = undefined;
  /** hears every classified line with the run it joined (the events command's spool) */
  onMember: ((run: number, stamp: Stamp) => void) | null = null;
  /** the repeat fast path (memo.ts); null turns it off (the equivalence tests compare both ways) */
  memo: LineMemo<Made> | null = new LineMemo<Made>();
  /** the last line take() parsed in full as one candidate piece, and what it made (for the memo) */
  private parsedRec: LogRecord | null = null;
  private lastAnchor: { time: number; offsetMin: number | null; lag: number | undefined; n: number } | null = null;
  private made: Made[] | null = null;

  /** `budget`: runs kept before repeats join their run across silences (runs.ts) */
  constructor(info: SourceInfo, budget = RUN_BUDGET) {
    this.book = newRunBook(budget);
    this.s = {
      info, lines: 0, parsed: 0, cut: 0, cutLines: [], warnings: [], hosts: [], votes: { server: 0, agent: 0, reaper: 0 },
      anchors: [], locals: [], runs: this.book.runs, firstLocal: -1, lastLocal: -1, lastSkipped: null, tails: {},
      firstTime: null, maxTime: null, steps: { fwd: 0, back: 0 }, inherited: [], lags: [], budget,
    };
  }

  get cut(): number { return this.s.cut; }
  get cutLines(): number[] { return this.s.cutLines; }

  /** Feeds one raw line (without its line break), as is: no length cap. */
  line(raw: string): void {
    const no = ++this.s.lines;
    if (raw.includes('\0')) this.nulLine(raw, no);
    else this.take(cleanLine(raw), no);
  }

  /**
   * Feeds the whole lines in s[from, to): each ends in \n, except the input's last one may not.
   * The hot path: one needle search over the chunk finds the candidate lines; every other line
   * costs a newline search and an anchored sniff, and is never copied out of the chunk.
   */
  feed(s: string, from = 0, to = s.length): void {
    // the chunk search may find more lines than the needles (never fewer): take() re-tests them
    const found = (at: number) => { const i = FIND(s, at); return i < 0 ? Infinity : i; };
    const st = this.s;
    let cand = -1; // the next needle, searched for when a line needs it (a run of repeats does not)
    let repeats = false; // the last candidate line was a repeat: try the next one as one first
    let nul = s.indexOf('\0', from); // NUL runs are rare: one search per chunk finds the lines that hold them
    let skipAt = -1; // the last sniffed, unparsed line: materialised only when the chunk ends
    let skipEnd = 0;
    let skipNo = 0;
    const flushSkip = () => {
      if (skipAt >= 0) this.setSkipped(cleanLine(copyOut(s, skipAt, skipEnd)), skipNo);
      skipAt = -1;
    };
    let skipHost: string | null = null; // the journald host of the skipped line at skipAt (journald inputs only)
    let pos = from;
    while (pos < to) {
      const nl = s.indexOf('\n', pos);
      const stop = nl < 0 || nl >= to ? to : nl;
      const next = stop === to ? to : stop + 1;
      const no = ++st.lines;
      let end = stop;
      if (stop < to && end > pos && s.charCodeAt(end - 1) === 13) end--; // \r\n ends a line as one break
      const long = stop - pos > this.maxLine;
      if (nul >= 0 && nul < next && nul >= (long ? pos + this.maxLine : end)) nul = s.indexOf('\0', next); // only in the cut-off part
      if (nul >= 0 && nul < next) {
        flushSkip();
        if (long) {
          st.cut++;
          if (st.cutLines.length < 10) st.cutLines.push(no);
        }
        this.nulLine(copyOut(s, pos, long ? pos + this.maxLine : end), no);
        nul = s.indexOf('\0', next);
        repeats = false;
        pos = next;
        continue;
      }
      const hit = repeats && !long ? this.memo!.repeatAt(s, pos, end) : null;
      if (hit) {
        flushSkip();
        this.repeat(hit, s, pos, end, no);
        pos = next;
        continue;
      }
      repeats = false;
      if (cand < pos) cand = found(pos);
      if (long || cand < next) {
        flushSkip();
        if (long) {
          st.cut++;
          if (st.cutLines.length < 10) st.cutLines.push(no);
          end = pos + this.maxLine;
        }
        if (long) this.take(cleanLine(copyOut(s, pos, end)), no);
        else repeats = this.candidate(s, pos, cand, end, no);
      } else if (sniffAt(s, pos, end)) {
        if (!this.anchored()) {
          // until a line with a full date is seen every recognised line is parsed in full (see piece)
          flushSkip();
          this.take(cleanLine(copyOut(s, pos, end)), no);
        } else {
          st.parsed++;
          // a paste of several journals: another host's line keeps the last line of the one before
          if (st.hosts.length) {
            if (skipAt >= 0 && skipHost !== null && !sameHostAt(s, pos, end, skipHost)) flushSkip();
            if (skipAt < 0 || skipHost === null) skipHost = hostAt(s, pos, end);
          }
          skipAt = pos;
          skipEnd = end;
          skipNo = no;
        }
      }
      pos = next;
    }
    flushSkip();
  }

  /**
   * A line holding NUL bytes (DESIGN §3): the NULs are dropped like a blank line and reported as a
   * `nul-block` at this line, timed by the dated line above (the last good write); what is left
   * of the line (the next boot's first line, often) is read as usual.
   */
  private nulLine(raw: string, no: number): void {
    const rest = raw.replace(/\0+/g, '');
    const bytes = raw.length - rest.length;
    const st = this.s;
    this.learnSkipped(); // the last good write is the last recognised line above (it was parsed: no tail needed)
    const stamp: Stamp = { time: null, local: -1, at: null, line: no, text: shorten(`[${bytes} NUL bytes]${rest ? ` ${rest}` : ''}`) };
    const a = this.above;
    if (a && 'time' in a) { stamp.time = a.time; stamp.at = a.time; }
    else if (a) { stamp.local = a.local; stamp.at = provisional(st.locals[a.local].local); }
    const run = startRun(this.book, null, { kind: 'node.nul-block', rule: 'scan.nul-block', peer: null, detail: { bytes }, host: null, by: null, first: stamp, last: null, count: 1 }, st.info.node ?? this.hostAbove ?? '');
    this.onMember?.(run, stamp);
    if (!a) this.orphans.push(run); // none above: the nearest dated line below
    if (rest.trim()) this.take(cleanLine(rest), no);
  }

  /** The hot path did not parse the last recognised line: a line that takes its time from the line above (a NUL block, `-- Reboot --`, kubectl output) parses it now, so "above" is the line above, not the last candidate (these lines are rare). */
  private learnSkipped(): void {
    const last = this.s.lastSkipped;
    if (!last) return;
    this.s.lastSkipped = null;
    const rec = parseLine(last.text);
    if (rec) this.learn(rec, last.no);
  }

  /** A parsed line ends the skipped stretch above it; one that takes its time from the line above learns that line first. */
  private passSkipped(rec: LogRecord): void {
    if (rec.inheritsTime) this.learnSkipped();
    else this.endStretch();
  }

  /** The stretch of unparsed lines ends: its last line is kept as its host's tail (coverage), not dropped. */
  private endStretch(): void {
    const last = this.s.lastSkipped;
    if (!last) return;
    this.s.tails[hostOf(last.text)] = last;
    this.s.lastSkipped = null;
  }

  /** A new last unparsed line; one of another journald host ends the stretch of the one before. */
  private setSkipped(text: string, no: number): void {
    const last = this.s.lastSkipped;
    if (last && this.s.hosts.length && hostOf(last.text) !== hostOf(text)) this.endStretch();
    this.s.lastSkipped = { text, no };
  }

  /**
   * True once a line with a full date (year and zone) anchored the clock: from then on lines no rule
   * wants are not parsed. A file of year-less lines stops looking after ANCHOR_SEARCH of them.
   */
  private anchored(): boolean {
    return this.s.firstTime !== null || this.sampled >= ANCHOR_SEARCH;
  }

  /** A candidate line s[pos, end) with its first needle at `needle`: a repeat of a known shape takes the fast path, else the full parse. True for a repeat. */
  private candidate(s: string, pos: number, needle: number, end: number, no: number): boolean {
    const hit = this.memo?.match(s, pos, needle, end);
    if (hit) { this.repeat(hit, s, pos, end, no); return true; }
    const text = cleanLine(copyOut(s, pos, end));
    this.take(text, no);
    // a clean one-piece line that was parsed and classified teaches the memo its shape
    if (this.memo && this.made && this.parsedRec && text.length === end - pos) this.memo.remember(text, needle - pos, this.parsedRec, this.made);
    return false;
  }

  /** A repeat: the full parse of its shape with its own times, then the same steps as piece(). */
  private repeat(hit: Hit<Made>, s: string, pos: number, end: number, no: number): void {
    const st = this.s;
    const f = hit.read.fields;
    // the shape's own record takes this line's times (only the fast path reads it, always after this)
    const rec = hit.shape.rec;
    rec.time = f.time;
    rec.local = f.local;
    rec.offsetMin = f.offsetMin;
    rec.prefixLagMs = f.prefixLagMs;
    const made = hit.shape.made;
    const text = made.length || (rec.prefixLagMs !== undefined && st.lags.length < MAX_LAG_SAMPLES) ? copyOut(s, pos, end) : '';
    st.parsed++;
    if (rec.prefixLagMs !== undefined && st.lags.length < MAX_LAG_SAMPLES) st.lags.push({ ms: splitLag(rec.prefixLagMs).residualMs, no, text });
    this.passSkipped(rec);
    this.learn(rec, no);
    if (made.length) {
      const evidence = shorten(text);
      for (const m of made) this.place(m, rec, evidence, no);
    }
  }

  /** The plain result; the scanner is not used after this. */
  result(): Scanned {
    return this.s;
  }

  /** What crosses a cut between two parts of one file (mergeScans.ts): open runs, waiting kubectl output, the dated lines at both ends. */
  edge(): ScanEdge {
    const b = this.book;
    return { open: [...b.open], keys: b.keys, cleared: b.cleared, orphans: this.orphans, start: this.start ?? null, lastAbove: this.lastAbove };
  }

  /** One cleaned line: glued lines split, then each piece sniffed, prefiltered, parsed, classified. */
  private take(text: string, no: number): void {
    this.made = null;
    this.parsedRec = null;
    // only lines a rule could want are split: the chunk path never looks inside the others
    const candidate = NEEDLES.test(text);
    const pieces = candidate ? splitGlued(text) : [text];
    if (pieces.length === 1) { this.piece(text, no, candidate); return; }
    const before = this.s.parsed;
    for (const p of pieces) this.piece(p, no, NEEDLES.test(p));
    this.parsedRec = null;
    // a glued line is still one line of the input for the parsed/unparsed counts
    this.s.parsed = Math.min(this.s.parsed, before + 1);
  }

  /** One logical line (a glued line yields several, all with the same line number). */
  private piece(text: string, no: number, candidate: boolean): void {
    const st = this.s;
    if (!sniffLine(text)) {
      // message-only pastes: the last-resort format, only for lines a rule could want
      if (!candidate) return;
      const bare = parseLastResort(text);
      // a message-only line counts as recognised only when a rule took it
      if (bare && this.classify(bare, text, no)) st.parsed++;
      return;
    }
    st.parsed++;
    if (!candidate && this.anchored()) {
      this.setSkipped(text, no);
      return;
    }
    if (!candidate) this.sampled++;
    const rec = parseLine(text);
    if (!rec) { st.parsed--; return; }
    if (rec.prefixLagMs !== undefined && st.lags.length < MAX_LAG_SAMPLES) st.lags.push({ ms: splitLag(rec.prefixLagMs).residualMs, no, text });
    this.passSkipped(rec);
    this.learn(rec, no);
    if (candidate) {
      this.classify(rec, text, no);
      this.parsedRec = rec;
    }
  }

  /** What a parsed line teaches: its journald host, the clock, the dated line above the next ones. */
  private learn(rec: LogRecord, no: number): void {
    const st = this.s;
    this.start ??= no === 1 && !st.runs.length && rec.time !== null && rec.offsetMin !== null ? rec.time : null;
    if (rec.host) this.hostAbove = rec.host;
    if (rec.host && st.hosts.length < MAX_HOSTS && !st.hosts.includes(rec.host)) st.hosts.push(rec.host);
    if (rec.time !== null) {
      this.anchor(rec, no);
      this.seen(rec.time);
      if (this.lastAbove !== null && rec.time !== this.lastAbove) st.steps[rec.time > this.lastAbove ? 'fwd' : 'back']++;
      this.lastAbove = rec.time;
      this.above = { time: rec.time };
      if (this.orphans.length) {
        for (const i of this.orphans) this.setTime(i, rec.time, -1);
        this.orphans = [];
      }
      for (; this.awaitBelow < st.inherited.length; this.awaitBelow++) st.inherited[this.awaitBelow].below = rec.time;
    } else if (rec.local) {
      const local = st.locals.push({ local: rec.local, line: no }) - 1;
      this.above = { local };
      if (st.firstLocal < 0) st.firstLocal = local;
      st.lastLocal = local;
      for (const i of this.orphans) this.setTime(i, null, local);
      this.orphans = [];
    }
  }

  /** learnAnchor, skipped when the line's time, zone and lag are the last line's (it would add nothing). */
  private anchor(rec: LogRecord, no: number): void {
    const k = this.lastAnchor;
    const n = this.s.anchors.length;
    if (k && k.time === rec.time && k.offsetMin === rec.offsetMin && k.lag === rec.prefixLagMs && k.n === n) return;
    learnAnchor(this.s.anchors, rec, no);
    this.lastAnchor = { time: rec.time!, offsetMin: rec.offsetMin, lag: rec.prefixLagMs, n: this.s.anchors.length };
  }

  private setTime(run: number, time: number | null, local: number): void {
    const first = this.s.runs[run].first;
    first.time = time;
    first.local = local;
  }

  private seen(t: number): void {
    const st = this.s;
    if (st.firstTime === null || t < st.firstTime) st.firstTime = t;
    if (st.maxTime === null || t > st.maxTime) st.maxTime = t;
  }

  /** Classifies a record into runs; true when a rule took it. */
  private classify(rec: LogRecord, text: string, no: number): boolean {
    const st = this.s;
    const evs = classify(rec, { path: st.info.path, line: no, raw: text, node: st.info.node ?? rec.host, role: st.info.role, source: 0, time: rec.time }, RULES);
    const made = evs.map(madeOf);
    for (const m of made) this.place(m, rec, evs[0].evidence.text, no);
    this.made = made;
    return evs.length > 0;
  }

  /** Adds one classified line to the runs: its stamp (the time it has or takes), votes, spool. */
  place(m: Made, rec: LogRecord, text: string, no: number): void {
    const st = this.s;
    const by = m.by;
    if (by === 'reaper' || by === 'server' || by === 'agent') st.votes[by]++;
    const stamp: Stamp = { time: rec.time, local: -1, at: rec.time, line: no, text };
    let inherits = false;
    let orphan = false;
    if (rec.time === null && (rec.local || rec.inheritsTime)) {
      // a year-less line is `above` itself (learn ran first); kubectl output takes the dated line above
      const a = this.above;
      if (a && 'time' in a) { stamp.time = a.time; stamp.at = a.time; inherits = !!rec.inheritsTime; }
      else if (a) { stamp.local = a.local; stamp.at = provisional(st.locals[a.local].local); }
      else if (rec.inheritsTime) orphan = true; // DESIGN §4: none above, so the nearest below
    }
    // who the line is about, as its run key reads it (classify's node): past the budget, runs join across silences per group
    const observer = st.info.node ?? rec.host ?? '';
    let run = joinRun(this.book, m.key, stamp, observer);
    // a journal's own marker line is the host's above it; the reaper's output pasted below is no host's
    const host = rec.host ?? (rec.inheritsTime && by !== 'reaper' ? this.hostAbove : null);
    if (run < 0) run = startRun(this.book, m.key, { kind: m.kind, rule: m.rule, peer: m.peer, detail: m.detail, host, by, first: stamp, last: null, count: 1 }, observer);
    this.onMember?.(run, stamp);
    if (inherits) st.inherited.push({ run, below: null });
    if (orphan) this.orphans.push(run);
  }
}

/** What a classified event contributes to a run, apart from its line's time and text. */
export interface Made { kind: EventKind; rule: string; peer: string | null; detail: RawRun['detail']; by: Role | null; key: string | null }

function madeOf(ev: Event): Made {
  return { kind: ev.kind, rule: ev.rule, peer: ev.peer, detail: ev.detail, by: writtenBy(ev), key: runKeyOf(ev) };
}
