// Every classified line, for `rke2-outage events`, with memory bounded however many there are: the
// scanner hands each line (a run member) to a spool, which keeps up to `limit` in memory and past
// that appends each to a temp file as it comes (nothing is held: memory stays flat). Once the
// inputs are finished, the members are sorted by time the external-sort way (sorted chunks on disk,
// merged through a heap; spoolSort.ts), so ten million lines stream out in order.
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Stamp } from './runs';
import { fileLines, putNum, sortRaw } from './spoolSort';

const TAB = 9;
const NL = 10;

/** Members held in memory before they go to disk (a small input never touches the disk). */
export const SPOOL_LIMIT = 20_000;
/** Members per sorted chunk on disk (10 million lines: 100 chunks merged); sorted off the JavaScript heap. */
const CHUNK_MEMBERS = 100_000;
/** Bytes of member lines written to the raw file at once. */
const OUT_BYTES = 1 << 18;

/** One classified line: which input and run it belongs to, and its own stamp. */
export interface Member { input: number; run: number; stamp: Stamp }

/** One line ready for output: its resolved time, and where its run's event is in the read result. */
export interface Placed { time: number | null; input: number; run: number; line: number; text: string }

type Resolver = (input: number, run: number, s: Stamp) => number | null;

/** Collects members while inputs are read; sorts them once the inputs are finished. */
export class Spool {
  private dir: string | null = null;
  private held: Member[] = [];
  /** the temp file members go to once there are more than `limit` */
  private raw: number | null = null;
  private out: Buffer | null = null;
  private pos = 0;
  private ids = 0;
  /** scan id -> finished input index */
  private renumber = new Map<number, number>();

  /** `limit` and the chunk size: the defaults, smaller in tests */
  constructor(private limit = SPOOL_LIMIT, private chunk = CHUNK_MEMBERS) {}

  /** A number for an input about to be scanned (its members carry it until it is placed). */
  nextId(): number {
    return this.ids++;
  }

  /** A member as its line is classified (inputs are numbered in the order they are finished). */
  add(m: Member): void {
    if (this.raw !== null) return this.write(m);
    this.held.push(m);
    if (this.held.length >= this.limit) this.spill();
  }

  /** Renumbers the members of scan `from` to its finished input index (inputs finish in another order than they are scanned). */
  place(from: number, to: number): void {
    this.renumber.set(from, to);
  }

  private file(name: string): string {
    this.dir ??= mkdtempSync(path.join(tmpdir(), 'rke2-outage-events-'));
    return path.join(this.dir, name);
  }

  /** Past the limit: the held members go to the raw file, and every later one as it comes. */
  private spill(): void {
    this.raw ??= openSync(this.file('raw.tsv'), 'w');
    this.out ??= Buffer.allocUnsafe(OUT_BYTES);
    for (const m of this.held) this.write(m);
    this.held = [];
  }

  /** Appends a member to the raw file through a byte buffer: nothing is held, so it dies young. */
  private write(m: Member): void {
    const text = textField(m.stamp.text);
    // a stamp's text is at most 400 characters (JSON-quoted, at most 2,400): a line always fits an emptied buffer
    if (this.pos + 5 * 24 + text.length * 3 + 1 > OUT_BYTES) this.flushOut();
    // numbers as digits straight into the buffer (putNum: no string per number)
    const b = this.out!;
    let pos = putNum(b, this.pos, m.input);
    b[pos++] = TAB;
    pos = putNum(b, pos, m.run);
    b[pos++] = TAB;
    if (typeof m.stamp.time === 'number') pos = putNum(b, pos, m.stamp.time);
    b[pos++] = TAB;
    pos = putNum(b, pos, m.stamp.local);
    b[pos++] = TAB;
    pos = putNum(b, pos, m.stamp.line);
    b[pos++] = TAB;
    pos += b.write(text, pos);
    b[pos++] = NL;
    this.pos = pos;
  }

  private flushOut(): void {
    writeSync(this.raw!, this.out!, 0, this.pos);
    this.pos = 0;
  }

  /** Every member in time order (untimed last, each in input and line order); temp files are removed at the end. */
  async *sorted(resolve: Resolver): AsyncGenerator<Placed> {
    try {
      const place = (m: Member): Placed => {
        const input = this.renumber.get(m.input) ?? m.input;
        return { time: resolve(input, m.run, m.stamp), input, run: m.run, line: m.stamp.line, text: m.stamp.text };
      };
      if (this.raw === null) {
        const all = this.held.map(place).sort(order);
        this.held = [];
        yield* all;
        return;
      }
      this.flushOut();
      closeSync(this.raw);
      const chunks = sortRaw(
        this.file('raw.tsv'), (k) => this.file(`sorted-${k}.tsv`), (scan) => this.renumber.get(scan) ?? scan,
        (input, run, time, local, line) => resolve(input, run, { time, local, at: null, line, text: '' }), this.chunk,
      );
      yield* merge(chunks.map((f) => lines(f)));
    } finally {
      if (this.raw !== null) { try { closeSync(this.raw); } catch { /* closed above */ } }
      if (this.dir) rmSync(this.dir, { recursive: true, force: true });
      this.dir = null;
      this.raw = null;
    }
  }
}

/** Time order; untimed lines last; then input and line (file order within an instant). */
function order(a: Placed, b: Placed): number {
  if (a.time !== b.time) {
    if (a.time === null) return 1;
    if (b.time === null) return -1;
    return a.time - b.time;
  }
  return a.input - b.input || a.line - b.line;
}

/** A line's text as the last field: as is, or JSON-quoted when it holds a line break or starts with a quote. */
const textField = (t: string) => (t.charCodeAt(0) === 34 || t.includes('\n') ? JSON.stringify(t) : t);

/** `a\tb\tc...\ttext` -> the first `n` fields and the text. */
function fields(l: string, n: number): { f: string[]; text: string } {
  const f: string[] = [];
  let at = 0;
  for (let k = 0; k < n; k++) { const t = l.indexOf('\t', at); f.push(l.slice(at, t)); at = t + 1; }
  return { f, text: l.charCodeAt(at) === 34 ? (JSON.parse(l.slice(at)) as string) : l.slice(at) };
}

/** A sorted chunk line (`time input run line text`) -> the member ready for output. */
function placedOf(l: string): Placed {
  const { f, text } = fields(l, 4);
  return { time: f[0] === '' ? null : Number(f[0]), input: Number(f[1]), run: Number(f[2]), line: Number(f[3]), text };
}

/**
 * The lines of a file, read in 16 KiB pieces into one reused buffer, each decoded alone (the merge
 * pulls one line at a time from each chunk: a big decoded string per chunk would live long enough
 * to reach V8's old generation).
 */
function* lines(file: string): Generator<string> {
  for (const at of fileLines(file, 1 << 14)) yield at.b.toString('utf8', at.from, at.nl);
}

/** K-way merge of sorted chunk files through a binary heap of their heads; ties go to the earlier chunk (a stable sort). */
function* merge(sources: Array<Generator<string>>): Generator<Placed> {
  const heap: Array<{ p: Placed; src: Generator<string>; k: number }> = [];
  const less = (i: number, j: number) => (order(heap[i].p, heap[j].p) || heap[i].k - heap[j].k) < 0;
  const swap = (i: number, j: number) => { const t = heap[i]; heap[i] = heap[j]; heap[j] = t; };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(l, m)) m = l;
      if (r < heap.length && less(r, m)) m = r;
      if (m === i) return;
      swap(i, m);
      i = m;
    }
  };
  for (const [k, src] of sources.entries()) {
    const n = src.next();
    if (!n.done) heap.push({ p: placedOf(n.value), src, k });
  }
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) down(i);
  while (heap.length) {
    const top = heap[0];
    yield top.p;
    const n = top.src.next();
    if (n.done) { const last = heap.pop()!; if (heap.length) { heap[0] = last; down(0); } }
    else { top.p = placedOf(n.value); down(0); }
  }
}
