// Big log files are scanned on all cores: the main thread and a small pool of worker threads each
// run the same jobs (job.ts), one at a time. A job is a whole file (several files, or .gz) or
// a part of one big plain file (ranges.ts cuts it at line starts; mergeScans.ts joins the parts as
// one sequential scan would). What comes back is plain data (structured clone), finished with the
// other inputs, so a bundle's date and node table still apply. Small inputs, stdin, archives and
// inventory stay on the main thread, and so does any file whose parts cannot be merged exactly.
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ReadOptions, ScannedLog } from './scanLog';
import { mergeScans, type ScanPart } from './mergeScans';
import { cutsOf } from './ranges';
import { runJob, type WireScan, type WorkerJob } from './job';
import { fileKind } from './sources/kinds';
import type { SourceRef } from './sources/walk';

/** Below this many bytes in total, starting workers (about 50 ms each) costs more than it saves. */
export const PARALLEL_MIN_BYTES = 32 << 20;
/** A plain file is cut into parts of about this size (at least two) when it is twice as big. */
export const PART_BYTES = 128 << 20;
const WORKER = path.join(__dirname, 'worker.js'); // absent when running from TypeScript sources

/** The jobs for `refs`: big plain files in parts, the others whole; biggest first. */
async function jobsOf(refs: SourceRef[], sizeOf: (r: SourceRef) => number, opts: ReadOptions, partBytes: number): Promise<Array<WorkerJob & { bytes: number }>> {
  const jobs: Array<WorkerJob & { bytes: number }> = [];
  for (const ref of refs) {
    const size = sizeOf(ref);
    const cuts = ref.kind === 'file' && size >= 2 * partBytes ? await cutsOf(ref.fsPath, size, partBytes).catch(() => [0]) : [0];
    if (cuts.length < 2) { jobs.push({ ref, opts, bytes: size }); continue; }
    cuts.forEach((start, index) => {
      const end = index + 1 < cuts.length ? cuts[index + 1] : null; // the last part reads to the end, as a whole-file read would
      jobs.push({ ref, opts, part: { start, end, index }, bytes: (end ?? size) - start });
    });
  }
  return jobs.sort((a, b) => b.bytes - a.bytes); // the last to finish is short
}

/**
 * Scans the plain and .gz log files of `refs` in worker threads when that pays; else an empty map.
 * `onStart` hears each file as a worker takes it (or its first part) (progress).
 */
export async function scanInParallel(refs: SourceRef[], opts: ReadOptions, onStart?: (ref: SourceRef, started: number, total: number) => void, partBytes = PART_BYTES): Promise<Map<SourceRef, ScannedLog>> {
  const out = new Map<SourceRef, ScannedLog>();
  const todo = refs.filter((r) => r.kind !== 'archive' && !r.stream && fileKind(r.path).kind === 'log');
  const cores = availableParallelism();
  if (!todo.length || cores < 2 || !existsSync(WORKER)) return out;
  // the walk measured every file it found; a ref made elsewhere is measured here
  const size = (r: SourceRef) => { if (r.size !== undefined) return r.size; try { return statSync(r.fsPath).size; } catch { return 0; } };
  if (todo.reduce((n, r) => n + size(r), 0) < PARALLEL_MIN_BYTES) return out;
  const queue = await jobsOf(todo, size, opts, partBytes);
  if (queue.length < 2) return out;
  const parts = new Map<SourceRef, Array<ScanPart | null>>();
  for (const j of queue) if (j.part) { const l = parts.get(j.ref); if (l) l.push(null); else parts.set(j.ref, [null]); }
  let started = 0;
  const whole = new Set<SourceRef>(); // files a part of which failed: read whole by the main thread
  // the main thread takes jobs too (its modules are loaded): one worker fewer to start and to hold
  // in memory; a crash during a job rejects that job; the no-op keeps a crash between jobs from being unhandled
  const workers = Array.from({ length: Math.min(cores, queue.length) - 1 }, () => new Worker(WORKER).on('error', () => undefined));
  const runners: Array<(job: WorkerJob) => Promise<WireScan | null>> = [runJob, ...workers.map((w) => (job: WorkerJob) => run(w, job))];
  try {
    await Promise.all(runners.map(async (runner) => {
      for (let job = queue.shift(); job; job = queue.shift()) {
        if (job.part && whole.has(job.ref)) continue; // a part failed: the file is read whole anyway
        if (!job.part?.index) onStart?.(job.ref, started++, todo.length);
        const wire = await runner({ ref: job.ref, opts: job.opts, part: job.part });
        if (!job.part) {
          if (wire) out.set(job.ref, { scanned: wire.scanned, table: null, failure: wire.failure, notText: null });
          continue;
        }
        const part = wire?.part && wire.failure === null ? wire.part : null;
        if (whole.has(job.ref)) continue;
        if (part) parts.get(job.ref)![job.part.index] = part;
        else { whole.add(job.ref); parts.set(job.ref, []); } // let the parts scanned so far go
      }
    }));
  } catch {
    // a job that failed leaves its file to the main thread's sequential read (collect reads what is not here)
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  for (const [ref, list] of parts) {
    // a part that failed, or parts that cannot be merged exactly: the main thread reads the file whole
    const merged = !whole.has(ref) && list.every((p) => p) ? mergeScans(list as ScanPart[]) : null;
    if (merged) out.set(ref, { scanned: merged, table: null, failure: null, notText: null });
  }
  return out;
}

/** Sends one job to a worker and waits for its answer. */
function run(w: Worker, job: WorkerJob): Promise<WireScan | null> {
  return new Promise<WireScan | null>((resolve, reject) => {
    const off = () => { w.off('message', done).off('error', fail).off('exit', fail); };
    const fail = (e: unknown) => { off(); reject(e instanceof Error ? e : new Error(`worker exited (${String(e)})`)); };
    const done = (r: WireScan | null) => { off(); resolve(r); };
    w.once('message', done).once('error', fail).once('exit', fail);
    w.postMessage(job);
  });
}
