// Several big log files are scanned on all cores: a small pool of worker threads, each running
// the same scanLog as the main thread, one file at a time. What comes back is plain data
// (structured clone), finished with the other inputs, so a bundle's date and node table still
// apply. Small inputs, stdin, archives and inventory stay on the main thread.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ReadOptions, ScannedLog } from './scanLog';
import type { Scanned } from './scanner';
import { fileKind } from './sources/kinds';
import type { SourceRef } from './sources/walk';

/** Below this many bytes in total, starting workers (about 50 ms each) costs more than it saves. */
export const PARALLEL_MIN_BYTES = 32 << 20;
const WORKER = path.join(__dirname, 'worker.js'); // absent when running from TypeScript sources

/** What a worker sends back: the scanned input, or null when the main thread must read the file (a nodes table, binary). */
export interface WireScan { scanned: Scanned; failure: string | null }

/** The part of a scan that crosses threads; null when the main thread must read the file. */
export function toWire(r: ScannedLog): WireScan | null {
  return r.scanned && !r.table && !r.notText ? { scanned: r.scanned, failure: r.failure } : null;
}

/**
 * Scans the plain and .gz log files of `refs` in worker threads when that pays; else an empty map.
 * `onStart` hears each file as a worker takes it (progress).
 */
export async function scanInParallel(refs: SourceRef[], opts: ReadOptions, onStart?: (ref: SourceRef, started: number, total: number) => void): Promise<Map<SourceRef, ScannedLog>> {
  const out = new Map<SourceRef, ScannedLog>();
  const todo = refs.filter((r) => r.kind !== 'archive' && !r.stream && fileKind(r.path).kind === 'log');
  const cores = availableParallelism();
  if (todo.length < 2 || cores < 2 || !existsSync(WORKER)) return out;
  // the walk measured every file it found
  const size = (r: SourceRef) => r.size ?? 0;
  if (todo.reduce((n, r) => n + size(r), 0) < PARALLEL_MIN_BYTES) return out;
  const queue = [...todo].sort((a, b) => size(b) - size(a)); // biggest first: the last to finish is short
  // a crash during a job rejects that job; the no-op keeps a crash between jobs from being unhandled
  let started = 0;
  const workers = Array.from({ length: Math.min(cores, todo.length) }, () => new Worker(WORKER).on('error', () => undefined));
  try {
    await Promise.all(workers.map(async (w) => {
      for (let ref = queue.shift(); ref; ref = queue.shift()) {
        const job = ref;
        onStart?.(job, started++, todo.length);
        const wire = await new Promise<WireScan | null>((resolve, reject) => {
          const off = () => { w.off('message', done).off('error', fail).off('exit', fail); };
          const fail = (e: unknown) => { off(); reject(e instanceof Error ? e : new Error(`worker exited (${String(e)})`)); };
          const done = (r: WireScan | null) => { off(); resolve(r); };
          w.once('message', done).once('error', fail).once('exit', fail);
          w.postMessage({ ref: job, opts });
        });
        if (wire) out.set(job, { scanned: wire.scanned, table: null, failure: wire.failure, notText: null });
      }
    }));
  } catch {
    // a worker that failed leaves its files to the main thread (collect reads what is not here)
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return out;
}
