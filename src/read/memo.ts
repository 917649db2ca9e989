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
import { timingOf, type Read, type Timing } from './retime';

/** A remembered line: what comes before its first needle, as a sticky test, and what it made. */
export interface Shape<M> {
  /** the line up to its first needle, time digits as \d (sticky: tried at a line start) */
  head: RegExp;
  /** where the first needle starts */
  needleAt: number;
  timing: Timing;
  rec: LogRecord;
  /** what its events contribute to runs (scanner.ts `Made`) */
  made: M[];
}

/** Shapes kept per needle-to-end text and in all (a hostile input of ever-new shapes stays bounded). */
const PER_KEY = 8;
const MAX_SHAPES = 1024;

/** A line recognised as a known shape: the shape and the line's own time fields. */
export interface Hit<M> { shape: Shape<M>; read: Read }

/** The shapes of one input (their events carry its node), by the text from the first needle on. */
export class LineMemo<M> {
  private byTail = new Map<string, Array<Shape<M>>>();
  private size = 0;
  private last: { kind: string; texts: string[]; read: Read } | null = null;

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
    if (this.size >= MAX_SHAPES) { this.byTail.clear(); this.size = 0; }
    const tail = (' ' + text.slice(needleAt)).slice(1); // a copy: the key must not keep the chunk alive
    const list = this.byTail.get(tail) ?? [];
    if (list.length >= PER_KEY) list.pop(); else this.size++;
    list.unshift({ head: new RegExp(head, 'y'), needleAt, timing, rec, made });
    this.byTail.set(tail, list);
  }

  /** Reads the line's time texts; lines of one second share the reading when it is absolute. */
  private readTimes(timing: Timing, s: string, a: number): Read {
    const sp = timing.spans;
    const last = this.last;
    if (last && last.kind === timing.kind && last.texts.length * 2 === sp.length) {
      let same = true;
      for (let k = 0; k < sp.length && same; k += 2) same = sp[k + 1] - sp[k] === last.texts[k >> 1].length && s.startsWith(last.texts[k >> 1], a + sp[k]);
      if (same) return last.read;
    }
    const texts: string[] = [];
    for (let k = 0; k < sp.length; k += 2) texts.push(s.slice(a + sp[k], a + sp[k + 1]));
    const read = timing.read(texts);
    // a year-less reading is not shared: each line keeps its own wall-clock object
    this.last = read.fields.local === null ? { kind: timing.kind, texts: texts.map((t) => (' ' + t).slice(1)), read } : null;
    return read;
  }
}
