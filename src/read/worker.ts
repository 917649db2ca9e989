// Worker-thread entry for parallel.ts: scans the log files, or parts of one, it is sent, one at a
// time, with scanLog / scanPart.
import { createReadStream } from 'node:fs';
import { gunzip } from './sources/archive';
import { CHUNK } from './sources/open';
import { parentPort } from 'node:worker_threads';
import { scanLog } from './scanLog';
import { scanPart } from './scanPart';
import { toWire, type WireScan, type WorkerJob } from './parallel';

async function handle(m: WorkerJob): Promise<WireScan | null> {
  if (m.part) {
    const r = await scanPart(m.ref, m.part, m.opts);
    return r.part ? { scanned: r.part.scanned, failure: r.failure, part: r.part } : null;
  }
  const raw = createReadStream(m.ref.fsPath, { highWaterMark: CHUNK });
  const body = m.ref.kind === 'gzip' ? gunzip(raw) : raw;
  return toWire(await scanLog(m.ref.path, body, m.ref.mtime, m.opts));
}

parentPort?.on('message', (m: WorkerJob) => {
  handle(m).then((r) => parentPort?.postMessage(r));
});
