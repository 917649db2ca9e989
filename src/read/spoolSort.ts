// The spool's external sort (spool.ts): raw member lines (`input run time local line text`) are
// read in blocks, their keys kept in typed arrays and their texts as bytes in one buffer, so a
// chunk of a hundred thousand members is sorted without a JavaScript object per member (nothing
// survives into V8's old generation, where garbage would grow the heap). Each chunk is written
// sorted (`time input run line text`), ready for the merge.
import { closeSync, openSync, readSync, writeSync } from 'node:fs';

/** The time of a member from its (finished) input, run and stamp (null: untimed). */
export type TimeOf = (input: number, run: number, time: number | null, local: number, line: number) => number | null;

const TAB = 9;
const NL = 10;

/** Reads the integer at `at` (optionally negative, empty = NaN) up to the next tab. */
function intAt(b: Buffer, at: number): [number, number] {
  let i = at;
  let neg = false;
  if (b[i] === 45) { neg = true; i++; }
  let v = 0;
  const start = i;
  for (; b[i] !== TAB; i++) v = v * 10 + (b[i] - 48);
  return [i === start ? NaN : neg ? -v : v, i + 1];
}

/**
 * Writes a number's decimal digits into `b` at `pos` (as String(v) would); returns the position
 * after them. Integers are written digit by digit: a template or String() of a number goes through
 * V8's number-string cache, which keeps each string alive past a young-generation collection, so
 * ten million distinct times and line numbers would be promoted to the old generation as garbage
 * (it grew to 85 MB during the sort).
 */
export function putNum(b: Buffer, pos: number, v: number): number {
  if (!Number.isSafeInteger(v)) return pos + b.write(String(v), pos, 'latin1');
  let at = pos;
  if (v < 0) { b[at++] = 45; v = -v; }
  let n = 1;
  for (let x = v; x >= 10; x = Math.floor(x / 10)) n++;
  for (let i = at + n - 1; i >= at; i--) { b[i] = 48 + (v % 10); v = Math.floor(v / 10); }
  return at + n;
}

/** Sorts the raw member file into chunk files of at most `per` members; returns their paths in order. `inputOf` renumbers scans to finished inputs. */
export function sortRaw(raw: string, chunkPath: (k: number) => string, inputOf: (scan: number) => number, timeOf: TimeOf, per: number): string[] {
  const files: string[] = [];
  const times = new Float64Array(per);
  const inputs = new Int32Array(per);
  const runs = new Int32Array(per);
  const lines = new Int32Array(per);
  const starts = new Uint32Array(per);
  const ends = new Uint32Array(per);
  // every buffer is allocated once and reused: big buffers freed and allocated again fragment the C heap
  let text = Buffer.allocUnsafe(per * 160);
  const out = Buffer.allocUnsafe(1 << 18);
  const order = new Uint32Array(per);
  let used = 0;
  let n = 0;
  // untimed members are +Infinity: last; then input and line; then arrival (a stable sort)
  const before = (i: number, j: number) => (times[i] !== times[j] ? times[i] < times[j] : (inputs[i] - inputs[j] || lines[i] - lines[j] || i - j) < 0);
  const spare = new Uint32Array(per);
  const flush = () => {
    const idx = sortIndex(order, spare, n, before);
    const file = chunkPath(files.length);
    const fd = openSync(file, 'w');
    try {
      let pos = 0;
      for (const i of idx) {
        // a line is at most 64 bytes of keys and 1,200 of text (400 characters): it fits an emptied buffer
        if (pos + 64 + (ends[i] - starts[i]) + 1 > out.length) { writeSync(fd, out, 0, pos); pos = 0; }
        if (times[i] !== Infinity) pos = putNum(out, pos, times[i]);
        out[pos++] = TAB;
        pos = putNum(out, pos, inputs[i]);
        out[pos++] = TAB;
        pos = putNum(out, pos, runs[i]);
        out[pos++] = TAB;
        pos = putNum(out, pos, lines[i]);
        out[pos++] = TAB;
        pos += text.copy(out, pos, starts[i], ends[i]);
        out[pos++] = NL;
      }
      writeSync(fd, out, 0, pos);
    } finally {
      closeSync(fd);
    }
    files.push(file);
    n = 0;
    used = 0;
  };
  const take = (b: Buffer, a: number, nl: number) => {
    let at = a;
    let input: number, run: number, time: number, local: number, line: number;
    [input, at] = intAt(b, at);
    input = inputOf(input);
    [run, at] = intAt(b, at);
    [time, at] = intAt(b, at);
    [local, at] = intAt(b, at);
    [line, at] = intAt(b, at);
    const t = timeOf(input, run, Number.isNaN(time) ? null : time, local, line);
    if (used + (nl - at) > text.length) {
      const bigger = Buffer.allocUnsafe(Math.max(text.length * 2, used + (nl - at)));
      text.copy(bigger, 0, 0, used);
      text = bigger;
    }
    times[n] = t === null ? Infinity : t;
    inputs[n] = input;
    runs[n] = run;
    lines[n] = line;
    starts[n] = used;
    used += b.copy(text, used, at, nl);
    ends[n] = used;
    if (++n >= per) flush();
  };
  for (const at of fileLines(raw, 1 << 20)) take(at.b, at.from, at.nl);
  if (n) flush();
  return files;
}

/**
 * The indices 0..n-1 in the order `before` gives: a bottom-up merge sort between two reused arrays
 * (TypedArray.prototype.sort with a comparator copies into the JavaScript heap). Returns the
 * sorted view, in `a` or `b`.
 */
export function sortIndex(a: Uint32Array, b: Uint32Array, n: number, before: (i: number, j: number) => boolean): Uint32Array {
  let src = a;
  let dst = b;
  for (let i = 0; i < n; i++) src[i] = i;
  for (let w = 1; w < n; w *= 2) {
    for (let lo = 0; lo < n; lo += 2 * w) {
      const mid = Math.min(lo + w, n);
      const hi = Math.min(lo + 2 * w, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) dst[k++] = before(src[j], src[i]) ? src[j++] : src[i++];
      while (i < mid) dst[k++] = src[i++];
      while (j < hi) dst[k++] = src[j++];
    }
    const t = src;
    src = dst;
    dst = t;
  }
  return src.subarray(0, n);
}

/** Where the current line of fileLines is: bytes [from, nl) of b. */
export interface LineAt { b: Buffer; from: number; nl: number }

/**
 * The lines of a file, read in blocks into one reused buffer that starts at `first` bytes and
 * doubles only for a longer line. Yields one cursor object, moved line by line (no allocation per
 * line): read it before pulling the next line.
 */
export function* fileLines(file: string, first: number): Generator<LineAt> {
  const fd = openSync(file, 'r');
  try {
    const at: LineAt = { b: Buffer.allocUnsafe(first), from: 0, nl: 0 };
    let have = 0; // bytes of an unfinished line at the start of the buffer
    for (;;) {
      if (have === at.b.length) { const bigger = Buffer.allocUnsafe(at.b.length * 2); at.b.copy(bigger); at.b = bigger; }
      const b = at.b;
      const got = readSync(fd, b, have, b.length - have, null);
      const end = have + got;
      let from = 0;
      for (let nl = b.indexOf(NL, from); nl >= 0 && nl < end; nl = b.indexOf(NL, from)) {
        at.from = from;
        at.nl = nl;
        yield at;
        from = nl + 1;
      }
      have = b.copy(b, 0, from, end);
      if (!got) return;
    }
  } finally {
    closeSync(fd);
  }
}
