// One job of the parallel scan (parallel.ts), run the same way in a worker thread or on the main
// thread: a whole log file (plain or .gz) or one part of a big plain file.
import { createReadStream } from 'node:fs';
import { gunzip } from './sources/archive';
import { READ_BYTES } from './lines';
import { scanLog, type ReadOptions, type ScannedLog } from './scanLog';
import type { Scanned } from './scanner';
import type { ScanPart } from './mergeScans';
import { scanPart, type PartJob } from './scanPart';
import type { SourceRef } from './sources/walk';

/** A job: a whole file, or one part of a file. */
export interface WorkerJob { ref: SourceRef; opts: ReadOptions; part?: PartJob }

/** What a job gives back: the scanned input or part, or null when the main thread must read the file whole (a nodes table, binary). */
export interface WireScan { scanned: Scanned; failure: string | null; part?: ScanPart }

/** The part of a scan that crosses threads; null when the main thread must read the file. */
export function toWire(r: ScannedLog): WireScan | null {
  return r.scanned && !r.table && !r.notText ? { scanned: r.scanned, failure: r.failure } : null;
}

/** Runs one job. */
export async function runJob(m: WorkerJob): Promise<WireScan | null> {
  if (m.part) {
    const r = await scanPart(m.ref, m.part, m.opts);
    return r.part ? { scanned: r.part.scanned, failure: r.failure, part: r.part } : null;
  }
  const raw = createReadStream(m.ref.fsPath, { highWaterMark: READ_BYTES });
  const body = m.ref.kind === 'gzip' ? gunzip(raw) : raw;
  return toWire(await scanLog(m.ref.path, body, m.ref.mtime, m.opts));
}
