// Worker-thread entry for parallel.ts: scans the log files it is sent, one at a time, with scanLog.
import { createReadStream } from 'node:fs';
import { gunzip } from './sources/archive';
import { CHUNK } from './sources/open';
import { parentPort } from 'node:worker_threads';
import { scanLog, type ReadOptions } from './scanLog';
import { toWire } from './parallel';
import type { SourceRef } from './sources/walk';

parentPort?.on('message', (m: { ref: SourceRef; opts: ReadOptions }) => {
  const raw = createReadStream(m.ref.fsPath, { highWaterMark: CHUNK });
  const body = m.ref.kind === 'gzip' ? gunzip(raw) : raw;
  scanLog(m.ref.path, body, m.ref.mtime, m.opts).then((r) => parentPort?.postMessage(toWire(r)));
});
