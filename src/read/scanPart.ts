// One part of a big plain file (a byte range cut at a line start, ranges.ts), scanned where it is
// (a worker thread): the first part as a whole file would be (binary gate, nodes-table check), the
// others as lines only. What comes back is merged with the other parts by mergeScans.ts.
import type { FsPath } from './sources/walk';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { identify } from './identity';
import { READ_BYTES, scanStream } from './lines';
import type { ScanPart } from './mergeScans';
import { scanLog, type ReadOptions } from './scanLog';
import { SourceScanner } from './scanner';
import { RUN_BUDGET } from './runs';
import type { SourceRef } from './sources/walk';

/** A part of a file: its byte range [start, end) (end null: to the end) and its place. */
export interface PartJob { start: number; end: number | null; index: number }

/** What scanning a part gave: the part, or why the file must be read whole on the main thread. */
export interface PartResult { part: ScanPart | null; failure: string | null }

/**
 * The bytes of [start, end) (end null: to the end of the file) in pieces read into two buffers
 * in turn: the next read runs while the consumer decodes the last piece, and no read touches
 * fresh memory (page faults cost as much as the copy). The consumer must be done with a piece
 * when it asks for the next one (scanStream decodes each at once).
 */
export async function* readRange(file: FsPath, start: number, end: number | null): AsyncGenerator<Buffer> {
  const fh = await open(file, 'r');
  try {
    const bufs = [Buffer.allocUnsafe(READ_BYTES), Buffer.allocUnsafe(READ_BYTES)];
    const read = (k: number, at: number) => (end !== null && at >= end ? Promise.resolve(0) : fh.read(bufs[k], 0, end === null ? READ_BYTES : Math.min(READ_BYTES, end - at), at).then((r) => r.bytesRead));
    let at = start;
    let k = 0;
    let pending = read(0, at);
    for (;;) {
      const n = await pending;
      if (!n) return;
      at += n;
      pending = read(k ^ 1, at);
      yield bufs[k].subarray(0, n);
      k ^= 1;
    }
  } finally {
    await fh.close();
  }
}

/** Scans the bytes of one part of `ref`. */
export async function scanPart(ref: SourceRef, job: PartJob, opts: ReadOptions): Promise<PartResult> {
  if (job.index === 0) {
    // the first part passes the binary gate, which buffers pieces: a stream of its own buffers
    const body = createReadStream(ref.fsPath, { highWaterMark: READ_BYTES, start: job.start, ...(job.end === null ? {} : { end: job.end - 1 }) });
    const r = await scanLog(ref.path, body, ref.mtime, opts, true);
    // a nodes table or a binary file is read whole by the main thread, which says what it is
    if (!r.scanned || !r.edge || r.table || r.notText) return { part: null, failure: 'not a plain log' };
    return { part: { scanned: r.scanned, edge: r.edge }, failure: r.failure };
  }
  const scanner = new SourceScanner(identify(ref.path, ref.mtime), opts.runBudget);
  // half the run budget in one part: the parts would not merge (mergeScans.ts), so stop here and
  // leave the file to one sequential read instead of holding every part's runs
  const most = (opts.runBudget ?? RUN_BUDGET) / 2;
  let over = false;
  async function* untilOver(): AsyncGenerator<Buffer> {
    for await (const b of readRange(ref.fsPath, job.start, job.end)) {
      if (scanner.s.runs.length >= most) { over = true; return; }
      yield b;
    }
  }
  try {
    await scanStream(untilOver(), scanner);
  } catch (e) {
    return { part: null, failure: (e as Error).message };
  }
  if (over) return { part: null, failure: 'run budget reached' };
  return { part: { scanned: scanner.result(), edge: scanner.edge() }, failure: null };
}
