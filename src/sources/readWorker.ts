// Worker-thread entry for parallel.ts: reads the sources it is sent, one at a time, with readOne.
import { parentPort } from 'node:worker_threads';
import { readOne } from '../analyze';
import type { SourceRef } from './walk';
import type { ReadOptions } from './parallel';

parentPort?.on('message', (m: { ref: SourceRef; opts: ReadOptions }) => {
  readOne(m.ref, 0, m.opts).then((r) => parentPort?.postMessage(r));
});
