// Worker-thread entry for parallel.ts: runs the jobs it is sent (job.ts), one at a time.
import { parentPort } from 'node:worker_threads';
import { runJob, type WorkerJob } from './job';

parentPort?.on('message', (m: WorkerJob) => {
  runJob(m).then((r) => parentPort?.postMessage(r));
});
