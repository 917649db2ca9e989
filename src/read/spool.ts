// Every classified line, for `rke2-outage events`, with memory bounded however many there are: the
// scanner hands each line (a run member) to a spool, which keeps up to LIMIT in memory and appends
// the rest to temp files. Once the inputs are finished, the members are sorted by time the
// external-sort way (sorted chunks on disk, merged), so ten million lines stream out in order.
import { createReadStream, mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import type { Stamp } from './runs';

/** Members held in memory before they go to disk (each is a few hundred bytes). */
export const SPOOL_LIMIT = 100_000;

/** One classified line: which input and run it belongs to, and its own stamp. */
export interface Member { input: number; run: number; stamp: Stamp }

/** One line ready for output: its resolved time, and where its run's event is in the read result. */
export interface Placed { time: number | null; input: number; run: number; line: number; text: string }

type Resolver = (input: number, run: number, s: Stamp) => number | null;

/** Collects members while inputs are read; sorts them once the inputs are finished. */
export class Spool {
  private dir: string | null = null;
  private raw: Member[] = [];
  private rawFiles = 0;
  private held = 0;
  private ids = 0;
  /** scan id -> finished input index */
  private renumber = new Map<number, number>();

  /** A number for an input about to be scanned (its members carry it until it is placed). */
  nextId(): number {
    return this.ids++;
  }

  /** A member as its line is classified (inputs are numbered in the order they are finished). */
  add(m: Member): void {
    this.raw.push(m);
    if (++this.held >= SPOOL_LIMIT) this.flushRaw();
  }

  /** Renumbers the members of scan `from` to its finished input index (inputs finish in another order than they are scanned). */
  place(from: number, to: number): void {
    this.renumber.set(from, to);
  }

  private tmp(): string {
    this.dir ??= mkdtempSync(path.join(tmpdir(), 'rke2-outage-events-'));
    return this.dir;
  }

  private flushRaw(): void {
    if (!this.raw.length) return;
    writeFileSync(path.join(this.tmp(), `raw-${this.rawFiles++}.ndjson`), this.raw.map((m) => JSON.stringify(m)).join('\n') + '\n');
    this.raw = [];
    this.held = 0;
  }

  /** Every member in time order (untimed last, each in input and line order); temp files are removed at the end. */
  async *sorted(resolve: Resolver): AsyncGenerator<Placed> {
    try {
      const chunks: string[] = [];
      let buf: Placed[] = [];
      const flush = () => {
        buf.sort(order);
        const file = path.join(this.tmp(), `sorted-${chunks.length}.ndjson`);
        writeFileSync(file, '');
        for (let i = 0; i < buf.length; i += 10_000) appendFileSync(file, buf.slice(i, i + 10_000).map((p) => JSON.stringify(p)).join('\n') + '\n');
        chunks.push(file);
        buf = [];
      };
      const take = (m: Member) => {
        const input = this.renumber.get(m.input) ?? m.input;
        buf.push({ time: resolve(input, m.run, m.stamp), input, run: m.run, line: m.stamp.line, text: m.stamp.text });
        if (buf.length >= SPOOL_LIMIT) flush();
      };
      for (let i = 0; i < this.rawFiles; i++) for await (const m of lines<Member>(path.join(this.tmp(), `raw-${i}.ndjson`))) take(m);
      for (const m of this.raw) take(m);
      this.raw = [];
      if (!chunks.length) { yield* buf.sort(order); return; }
      if (buf.length) flush();
      yield* merge(chunks.map((f) => lines<Placed>(f)));
    } finally {
      if (this.dir) rmSync(this.dir, { recursive: true, force: true });
      this.dir = null;
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

async function* lines<T>(file: string): AsyncGenerator<T> {
  const rl = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const l of rl) if (l) yield JSON.parse(l) as T;
}

/** K-way merge of sorted streams (a linear scan of the heads: there are few chunks). */
async function* merge(streams: Array<AsyncGenerator<Placed>>): AsyncGenerator<Placed> {
  const heads: Array<Placed | null> = [];
  for (const s of streams) heads.push((await s.next()).value ?? null);
  for (;;) {
    let best = -1;
    for (let i = 0; i < heads.length; i++) if (heads[i] && (best < 0 || order(heads[i]!, heads[best]!) < 0)) best = i;
    if (best < 0) return;
    yield heads[best]!;
    heads[best] = (await streams[best].next()).value ?? null;
  }
}
