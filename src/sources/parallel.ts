// Several big sources are read on all cores: a small pool of worker threads, each running the
// same readOne as the main thread, one source at a time. Small inputs, stdin and archives stay on
// the main thread (a worker costs about 50 ms to start). Results are plain data (structured clone).
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Event, InputSummary, Role } from '../types';
import type { SourceRef } from './walk';

export interface ReadResult { summary: InputSummary; events: Event[] }
/** What readOne needs besides the source: cloneable options only. */
export interface ReadOptions { node?: string; role?: Role; year?: number }

/** Below this many bytes in total, starting workers costs more than it saves. */
export const PARALLEL_MIN_BYTES = 32 << 20;
const WORKER = path.join(__dirname, 'readWorker.js'); // absent when running from TypeScript sources

/** Reads the plain and gzip sources of `refs` in worker threads when that pays; else an empty map. */
export async function readInParallel(refs: SourceRef[], opts: ReadOptions): Promise<Map<SourceRef, ReadResult>> {
  const out = new Map<SourceRef, ReadResult>();
  const todo = refs.filter((r) => r.kind !== 'archive' && r.path !== '-');
  const cores = availableParallelism();
  if (todo.length < 2 || cores < 2 || !existsSync(WORKER)) return out;
  const size = (r: SourceRef) => { try { return statSync(r.fsPath).size; } catch { return 0; } };
  if (todo.reduce((n, r) => n + size(r), 0) < PARALLEL_MIN_BYTES) return out;
  // biggest first, so the last one to finish is short
  const queue = [...todo].sort((a, b) => size(b) - size(a));
  // a crash during a job rejects that job; the no-op keeps a crash between jobs from being unhandled
  const workers = Array.from({ length: Math.min(cores, todo.length) }, () => new Worker(WORKER).on('error', () => undefined));
  try {
    await Promise.all(workers.map(async (w) => {
      for (let ref = queue.shift(); ref; ref = queue.shift()) {
        const job = ref;
        out.set(job, await new Promise<ReadResult>((resolve, reject) => {
          const off = () => { w.off('message', done).off('error', fail).off('exit', fail); };
          const fail = (e: unknown) => { off(); reject(e instanceof Error ? e : new Error(`worker exited (${String(e)})`)); };
          const done = (r: ReadResult) => { off(); resolve(r); };
          w.once('message', done).once('error', fail).once('exit', fail);
          w.postMessage({ ref: job, opts });
        }));
      }
    }));
  } catch {
    // a worker that failed leaves its sources to the main thread (analyze reads what is not here)
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return out;
}
