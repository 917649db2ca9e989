// Worker-thread entry for parallel.ts: scans the log files it is sent, one at a time, with scanLog.
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { parentPort } from 'node:worker_threads';
import { scanLog, type ReadOptions } from '../reader';
import { toWire } from './parallel';
import type { SourceRef } from './walk';

parentPort?.on('message', (m: { ref: SourceRef; opts: ReadOptions }) => {
  const raw = createReadStream(m.ref.fsPath, { highWaterMark: 1 << 16 });
  const body = m.ref.kind === 'gzip' ? raw.pipe(createGunzip()) : raw;
  if (body !== raw) raw.on('error', (e) => body.destroy(e));
  scanLog(m.ref.path, body, m.ref.mtime, m.opts).then((r) => parentPort?.postMessage(toWire(r)));
});
