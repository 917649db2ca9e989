// The repeat fast path (DESIGN §9): a reconnect loop logs the same few lines every few seconds,
// each differing from its previous copy in time digits only. A candidate line fully parsed and
// classified is remembered as a shape; a later line that equals it from its first rule needle to
// its end, and before it equals it outside the time spans and has digits where it has digits
// inside them, gets the same record and events with its own times (retime.ts) without a parse.
// Only digits change, and every format sniff and pattern reads a digit as any digit, so the full
// parse would take the same way (test/read/memo-equivalence.test.ts compares both paths); a line
// whose times read another way takes the full parse.
import type { LogRecord } from '../types';
import { escapeRegex } from '../rules/needles';
import { readTime, type TimeReading } from '../formats/timestamps';
import { timingOf, withSeconds, type Read, type Timing } from './retime';

/** A remembered line: what comes before its first needle, as a sticky test, and what it made. */
export interface Shape<M> {
  /** the line up to its first needle, time digits as \d (sticky: tried at a line start) */
  head: RegExp;
  /** where the first needle starts, and the text from there to the end */
  needleAt: number;
  tail: string;
  timing: Timing;
  rec: LogRecord;
  /** what its events contribute to runs (scanner.ts `Made`) */
  made: M[];
}

/** Shapes kept per needle-to-end text and per length, and in all (a hostile input of ever-new shapes stays bounded). */
const PER_KEY = 8;
const MAX_SHAPES = 1024;

/** A line recognised as a known shape: the shape and the line's own time fields. */
export interface Hit<M> { shape: Shape<M>; read: Read }

/** The shapes of one input (their events carry its node), by the text from the first needle on. */
export class LineMemo<M> {
  private byTail = new Map<string, Array<Shape<M>>>();
  private byLength = new Map<number, Array<Shape<M>>>();
  private size = 0;
  private last: { kind: string; texts: string[]; readings: TimeReading[]; read: Read } | null = null;

  /** The shape of line s[a, b) whose first needle is at `needle`, with its times read; else null. */
  match(s: string, a: number, needle: number, b: number): Hit<M> | null {
    const list = this.byTail.get(s.slice(needle, b));
    if (!list) return null;
    for (const shape of list) {
      if (shape.needleAt !== needle - a) continue;
      shape.head.lastIndex = a;
      if (!shape.head.test(s)) continue;
      const read = this.readTimes(shape.timing, s, a);
      return read.shape === shape.timing.own ? { shape, read } : null;
    }
    return null;
  }

  /**
   * The shape line s[a, b) repeats, found by its length alone, before any needle search: for a
   * run of repeats (the line before was one). Any hit is the full parse's result, as with match().
   */
  repeatAt(s: string, a: number, b: number): Hit<M> | null {
    const list = this.byLength.get(b - a);
    if (!list) return null;
    for (const shape of list) {
      shape.head.lastIndex = a;
      if (!shape.head.test(s) || s.slice(a + shape.needleAt, b) !== shape.tail) continue;
      const read = this.readTimes(shape.timing, s, a);
      return read.shape === shape.timing.own ? { shape, read } : null;
    }
    return null;
  }

  /** Remembers a fully parsed candidate line (clean, one piece) when its format allows and its times come before the needle. */
  remember(text: string, needleAt: number, rec: LogRecord, made: M[]): void {
    const timing = timingOf(text, rec);
    if (!timing || timing.spans[timing.spans.length - 1] > needleAt) return;
    let head = '';
    let from = 0;
    for (let i = 0; i < timing.spans.length; i += 2) {
      head += escapeRegex(text.slice(from, timing.spans[i])) + text.slice(timing.spans[i], timing.spans[i + 1]).replace(/[^0-9]+/g, escapeRegex).replace(/[0-9]/g, '\\d');
      from = timing.spans[i + 1];
    }
    head += escapeRegex(text.slice(from, needleAt));
    if (this.size >= MAX_SHAPES) { this.byTail.clear(); this.byLength.clear(); this.size = 0; }
    const tail = (' ' + text.slice(needleAt)).slice(1); // a copy: the key must not keep the chunk alive
    const shape: Shape<M> = { head: new RegExp(head, 'y'), needleAt, tail, timing, rec, made };
    this.size++;
    add(this.byTail, tail, shape);
    add(this.byLength, text.length, shape);
  }

  /**
   * Reads the line's time texts. Lines of one second share the reading when it is absolute; a
   * text that differs from the last one in its seconds digits only is read by moving its reading.
   */
  private readTimes(timing: Timing, s: string, a: number): Read {
    const sp = timing.spans;
    const n = sp.length >> 1;
    const last = this.last && this.last.kind === timing.kind ? this.last : null;
    const texts: string[] = [];
    const readings: TimeReading[] = [];
    let same = !!last;
    for (let k = 0; k < n; k++) {
      const t = s.slice(a + sp[2 * k], a + sp[2 * k + 1]);
      texts.push(t);
      const t0 = last?.texts[k];
      const sec = timing.secs[k];
      if (t0 === t) { readings.push(last!.readings[k]); continue; }
      same = false;
      const r0 = last?.readings[k];
      // only a reading that holds a time can be moved (a text read as no time is read again)
      if (t0 !== undefined && sec >= 0 && (r0!.time !== null || r0!.local) && onlySeconds(t0, t, sec)) readings.push(withSeconds(r0!, +t0.substr(sec, 2), +t.substr(sec, 2)));
      else readings.push(readTime(timing.kinds[k], t));
    }
    if (same) return last!.read;
    const read = timing.combine(readings);
    // a year-less reading is not shared: each line keeps its own wall-clock object
    this.last = read.fields.local === null ? { kind: timing.kind, texts: texts.map((t) => (' ' + t).slice(1)), readings, read } : null;
    return read;
  }
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/** Puts a shape first in its list, the oldest dropped past PER_KEY. */
function add<K, M>(map: Map<K, Array<Shape<M>>>, key: K, shape: Shape<M>): void {
  const list = map.get(key) ?? [];
  if (list.length >= PER_KEY) list.pop();
  list.unshift(shape);
  map.set(key, list);
}

/** True when `b` equals `a` but for the two characters at `sec`, digits in both (the seconds). */
function onlySeconds(a: string, b: string, sec: number): boolean {
  if (a.length !== b.length || !isDigit(a.charCodeAt(sec)) || !isDigit(a.charCodeAt(sec + 1)) || !isDigit(b.charCodeAt(sec)) || !isDigit(b.charCodeAt(sec + 1))) return false;
  for (let i = 0; i < a.length; i++) if (i !== sec && i !== sec + 1 && a.charCodeAt(i) !== b.charCodeAt(i)) return false;
  return true;
}
