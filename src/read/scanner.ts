// The per-source line stage, pure and synchronous (STYLE §5): clean -> sniff -> needle prefilter ->
// parse -> clock -> classify. Streams feed it lines; tests feed it arrays.
import type { Event, InputSummary, LogRecord, SourceInfo, SourceLag } from '../types';
import { shorten } from '../rules/classify';
import { cleanLine, parseLastResort, parseLine, sniffAt, sniffLine } from '../formats/registry';
import { splitGlued } from '../formats/glued';
import { splitLag } from '../formats/journald';
import { classify } from '../rules/classify';
import { writtenBy } from '../kinds';
import { RULES } from '../rules/registry';
import { needleRegex } from '../rules/needles';
import { chunkFinder, regexFinder, type NeedleFinder } from '../rules/prefilter';
import type { Rule } from '../rules/rule';
import { SourceClock, type ClockReference, type LocalAt } from './clock';

const NEEDLES = needleRegex(RULES);
// finders are kept out of the scanner's fields: scanners cross threads by structured clone
const FINDERS = new WeakMap<RegExp, NeedleFinder>([[NEEDLES, chunkFinder(RULES)]]);

/** The chunk search for a needle regex: the rule needles' own finder, else the regex itself. */
function finderFor(needles: RegExp): NeedleFinder {
  let f = FINDERS.get(needles);
  if (!f) FINDERS.set(needles, (f = regexFinder(needles)));
  return f;
}

/** Longest line kept; the rest of a longer line is dropped (counted, never buffered). */
export const MAX_LINE = 64 * 1024;

/** A copy of s[a, b) that does not keep the whole chunk alive (V8 slices point into their parent). */
function copyOut(s: string, a: number, b: number): string {
  return (' ' + s.slice(a, b)).slice(1);
}

const MAX_LAG_SAMPLES = 2000;

/** An event whose time waits for the end of the file: a year-less line's, or inherited from one. */
interface Pending { ev: Event; at: LocalAt }

export class SourceScanner {
  lines = 0;
  parsed = 0;
  readonly events: Event[] = [];
  readonly warnings: string[] = [];
  /** lines longer than `maxLine`, and the first ten of their numbers */
  cut = 0;
  readonly cutLines: number[] = [];
  maxLine = MAX_LINE;
  private clock: SourceClock;
  private pending: Pending[] = [];
  /** the nearest dated line above that was parsed: its time, or its year-less time (resolved at finish) */
  private above: number | LocalAt | null = null;
  /** events of time-inheriting lines (kubectl output) above the first dated line: they take the nearest one below */
  private orphans: Event[] = [];
  /** events that took a dated line's time from above, with the next dated line's time below them */
  private inherited: Array<{ ev: Event; below: number | null }> = [];
  private awaitBelow = 0;
  /** dated lines that go forward / back in time from the one before: a paste in reverse goes back */
  private steps = { fwd: 0, back: 0 };
  private firstTime: number | null = null;
  private maxTime: number | null = null;
  private lastParsedLine: { text: string; no: number } | null = null;
  private firstLocal: LocalAt | null = null;
  /** prefix-vs-payload lags of fully parsed lines (bounded sample) */
  private lags: Array<{ ms: number; no: number; text: string }> = [];
  private roleVotes = { server: 0, agent: 0, reaper: 0 };

  constructor(readonly info: SourceInfo, readonly index: number, private rules: Rule[] = RULES, private needles: RegExp = NEEDLES) {
    this.clock = new SourceClock({ refYear: info.refYear, refMonth: info.refMonth ?? null, mtime: info.mtime });
  }

  /** The bundle's reference clock for year-less lines; call before finish(). */
  reference(ref: ClockReference, keepYear = false): void {
    this.clock.reference(ref, keepYear);
  }

  /** The zone the source's own dated lines carry (teaches a bundle its zone). */
  knownOffset(): number | null {
    return this.clock.knownOffset();
  }

  /** Feeds one raw line (without its line break), as is: no length cap. */
  line(raw: string): void {
    this.take(cleanLine(raw), ++this.lines);
  }

  /**
   * Feeds the whole lines in s[from, to): each ends in \n, except the input's last one may not.
   * The hot path: one needle search over the chunk finds the candidate lines; every other line
   * costs a newline search and an anchored sniff, and is never copied out of the chunk.
   */
  feed(s: string, from = 0, to = s.length): void {
    // the chunk search may find more lines than the needles (never fewer): take() re-tests them
    const find = finderFor(this.needles);
    const found = (at: number) => { const i = find(s, at); return i < 0 ? Infinity : i; };
    let cand = found(from);
    let skipAt = -1; // the last sniffed, unparsed line: materialised only when the chunk ends
    let skipEnd = 0;
    let skipNo = 0;
    const flushSkip = () => {
      if (skipAt >= 0) this.lastParsedLine = { text: cleanLine(copyOut(s, skipAt, skipEnd)), no: skipNo };
      skipAt = -1;
    };
    let pos = from;
    while (pos < to) {
      const nl = s.indexOf('\n', pos);
      const stop = nl < 0 || nl >= to ? to : nl;
      const next = stop === to ? to : stop + 1;
      const no = ++this.lines;
      let end = stop;
      if (stop < to && end > pos && s.charCodeAt(end - 1) === 13) end--; // \r\n ends a line as one break
      const long = stop - pos > this.maxLine;
      if (long || cand < next) {
        flushSkip();
        if (long) {
          this.cut++;
          if (this.cutLines.length < 10) this.cutLines.push(no);
          end = pos + this.maxLine;
        }
        this.take(cleanLine(copyOut(s, pos, end)), no);
        if (cand < next) cand = found(next);
      } else if (sniffAt(s, pos, end)) {
        if (this.firstTime === null) {
          // until a dated line is seen every recognised line is parsed in full (see take)
          flushSkip();
          this.take(cleanLine(copyOut(s, pos, end)), no);
        } else {
          this.parsed++;
          skipAt = pos;
          skipEnd = end;
          skipNo = no;
        }
      }
      pos = next;
    }
    flushSkip();
  }

  /** One cleaned line: glued lines split, then each piece sniffed, prefiltered, parsed, classified. */
  private take(text: string, no: number): void {
    // only lines a rule could want are split: the chunk path never looks inside the others
    const candidate = this.needles.test(text);
    const pieces = candidate ? splitGlued(text) : [text];
    if (pieces.length === 1) { this.piece(text, no, candidate); return; }
    const before = this.parsed;
    for (const p of pieces) this.piece(p, no);
    // a glued line is still one line of the input for the parsed/unparsed counts
    this.parsed = Math.min(this.parsed, before + 1);
  }

  /** One logical line (a glued line yields several, all with the same line number); `candidate`: it holds a needle. */
  private piece(text: string, no: number, candidate = this.needles.test(text)): void {
    if (!sniffLine(text)) {
      // message-only pastes: the last-resort format, only for lines a rule could want
      if (!candidate) return;
      const bare = parseLastResort(text);
      if (!bare) return;
      const before = this.events.length;
      this.classify(bare, text, no);
      // a message-only line counts as recognised only when a rule took it
      if (this.events.length > before) this.parsed++;
      return;
    }
    this.parsed++;
    if (!candidate && this.firstTime !== null) {
      this.lastParsedLine = { text, no };
      return;
    }
    const rec = parseLine(text);
    if (!rec) { this.parsed--; return; }
    if (rec.prefixLagMs !== undefined && this.lags.length < MAX_LAG_SAMPLES) this.lags.push({ ms: splitLag(rec.prefixLagMs).residualMs, no, text });
    this.lastParsedLine = null;
    this.learn(rec, no);
    if (candidate) this.classify(rec, text, no);
  }

  private learn(rec: LogRecord, no: number): void {
    if (!this.info.node && rec.host) {
      this.info.node = rec.host;
      this.info.nodeFrom = 'journald prefix';
    }
    if (rec.time !== null) {
      this.clock.learn(rec, no);
      this.seen(rec.time);
      if (typeof this.above === 'number' && rec.time !== this.above) this.steps[rec.time > this.above ? 'fwd' : 'back']++;
      this.above = rec.time;
      if (this.orphans.length) {
        for (const ev of this.orphans) ev.time = rec.time;
        this.orphans = [];
      }
      for (; this.awaitBelow < this.inherited.length; this.awaitBelow++) this.inherited[this.awaitBelow].below = rec.time;
    } else if (rec.local) {
      const at: LocalAt = { local: rec.local, line: no };
      this.above = at;
      if (this.firstTime === null) {
        this.firstTime = -1; // marks "a dated line exists", resolved at finish
        this.firstLocal = at;
      }
      if (this.orphans.length) {
        for (const ev of this.orphans) this.pending.push({ ev, at });
        this.orphans = [];
      }
    }
  }

  private seen(t: number): void {
    if (this.firstTime === null || this.firstTime === -1 || t < this.firstTime) this.firstTime = t;
    if (this.maxTime === null || t > this.maxTime) this.maxTime = t;
  }

  private classify(rec: LogRecord, text: string, no: number): void {
    const evs = classify(rec, { path: this.info.path, line: no, raw: text, node: this.info.node, role: this.info.role, source: this.index, time: rec.time }, this.rules);
    for (const ev of evs) {
      const by = writtenBy(ev);
      if (by === 'reaper' || by === 'server' || by === 'agent') this.roleVotes[by]++;
      if (ev.time === null && (rec.local || rec.inheritsTime)) {
        // a year-less line is `above` itself (learn ran first); kubectl output takes the dated line above
        const a = this.above;
        if (typeof a === 'number') {
          ev.time = a;
          if (rec.inheritsTime) this.inherited.push({ ev, below: null });
        }
        else if (a) this.pending.push({ ev, at: a });
        else if (rec.inheritsTime) this.orphans.push(ev); // DESIGN §4: none above, so the nearest below
      }
      this.events.push(ev);
    }
  }

  /** The median journald-prefix lag of this source, or null when no line had both times. */
  prefixLag(): SourceLag | null {
    if (!this.lags.length) return null;
    const sorted = [...this.lags].sort((a, b) => a.ms - b.ms);
    const mid = sorted[Math.floor(sorted.length / 2)];
    return {
      source: this.index, path: this.info.path, node: this.info.node, medianMs: mid.ms, samples: sorted.length,
      evidence: { path: this.info.path, line: mid.no, text: shorten(mid.text) },
    };
  }

  /** Resolves deferred times and returns the source's coverage line. */
  finish(): InputSummary {
    // year-less times are resolved together, in file order, so a Dec -> Jan step moves the year
    const items: LocalAt[] = [];
    const add = (at: LocalAt) => { if (items[items.length - 1] !== at) items.push(at); };
    if (this.firstLocal) add(this.firstLocal);
    for (const p of this.pending) add(p.at);
    // the last fully parsed year-less line and the last skipped one bound the coverage
    if (this.above !== null && typeof this.above !== 'number') add(this.above);
    if (this.lastParsedLine) {
      const rec = parseLine(this.lastParsedLine.text);
      if (rec?.time != null) this.seen(rec.time);
      else if (rec?.local) add({ local: rec.local, line: this.lastParsedLine.no });
    }
    const times = this.clock.resolveAll(items);
    const at = new Map(items.map((it, i) => [it, times[i]]));
    // coverage is the earliest and latest resolved time, wherever they sit in the file
    for (const t of times) if (t !== null) this.seen(t);
    for (const p of this.pending) p.ev.time = at.get(p.at) ?? null;
    // a reaper log pasted in reverse: kubectl's answers belong to the dated line below them
    if (this.steps.back > this.steps.fwd) for (const i of this.inherited) if (i.below !== null) i.ev.time = i.below;
    for (const ev of this.events) if (ev.time !== null) this.seen(ev.time);
    if (this.info.role === 'unknown') {
      const v = this.roleVotes;
      if (v.reaper > 0 && v.reaper >= v.server + v.agent) this.info.role = 'reaper';
      else if (v.server > 0) this.info.role = 'server';
      else if (v.agent > 0) this.info.role = 'agent';
      if (this.info.role !== 'unknown') for (const ev of this.events) ev.role = this.info.role;
    }
    for (const ev of this.events) if (ev.node === null) ev.node = this.info.node;
    const iso = (t: number | null) => (t === null || t < 0 ? null : new Date(t).toISOString());
    return {
      path: this.info.path,
      node: this.info.node,
      role: this.info.role,
      lines: this.lines,
      parsed: this.parsed,
      events: this.events.length,
      firstTime: iso(this.firstTime),
      lastTime: iso(this.maxTime),
      warnings: [...this.warnings, ...this.clock.warnings],
    };
  }
}
