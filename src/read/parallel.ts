// Several big log files are scanned on all cores: a small pool of worker threads, each running
// the same scanLog as the main thread, one file at a time. The scanners come back unfinished
// (plain data, structured clone) and are finished with the others, so a bundle's date and node
// table still apply. Small inputs, stdin, archives and inventory stay on the main thread.
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ReadOptions, ScannedLog } from './scanLog';
import { SourceScanner } from './scanner';
import { SourceClock } from './clock';
import { RULES } from '../rules/registry';
import { fileKind } from './sources/kinds';
import type { SourceRef } from './sources/walk';

/** Below this many bytes in total, starting workers (about 50 ms each) costs more than it saves. */
export const PARALLEL_MIN_BYTES = 32 << 20;
const WORKER = path.join(__dirname, 'worker.js'); // absent when running from TypeScript sources

/** What a worker sends back: the scanner's fields without its rule functions, or null to read here. */
export interface WireScan { state: Record<string, unknown>; failure: string | null }

/** Strips what cannot cross threads (rule functions); null when the main thread must read the file. */
export function toWire(r: ScannedLog): WireScan | null {
  if (r.table || r.notText) return null;
  const state: Record<string, unknown> = { ...r.scanner };
  delete state.rules;
  return { state, failure: r.failure };
}

/** Gives a cloned scanner back its classes and rule table. */
export function fromWire(w: WireScan): ScannedLog {
  const scanner = Object.setPrototypeOf(w.state, SourceScanner.prototype) as SourceScanner;
  const raw = scanner as unknown as { rules: unknown; clock: object };
  raw.rules = RULES;
  Object.setPrototypeOf(raw.clock, SourceClock.prototype);
  return { scanner, table: null, failure: w.failure, notText: null };
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
  const size = (r: SourceRef) => { try { return statSync(r.fsPath).size; } catch { return 0; } };
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
        if (wire) out.set(job, fromWire(wire));
      }
    }));
  } catch {
    // a worker that failed leaves its files to the main thread (collect reads what is not here)
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return out;
}
