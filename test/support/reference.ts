// The plain reference the chunk scan must equal: split the decoded text on \n (a \r before it goes
// too, as readline did), cap each line at `max` characters, feed lines one by one.
import { Readable } from 'node:stream';
import { SourceScanner } from '../../src/read/scanner';
import { scanStream } from '../../src/read/lines';
import { finishAlone } from '../../src/read/finish';
import type { InputSummary, SourceInfo } from '../../src/types';

export const INFO: SourceInfo = { path: 'stderr.log', node: null, role: 'unknown', nodeFrom: null, refYear: 2022, mtime: null };

/** What two scans must agree on: counts, coverage, warnings, and each event's kind and line. */
export interface Outcome { summary: InputSummary; events: string[]; cut: number; cutLines: number[] }

function outcome(sc: SourceScanner): Outcome {
  const { summary, events } = finishAlone(sc.result());
  return { summary, events: events.map((e) => `${e.evidence.line} ${e.kind} ${e.peer} ${e.time} ${e.count} ${e.until}`), cut: sc.cut, cutLines: sc.cutLines };
}

/** The reference: whole text, String.split, one `line()` call per line. */
export function referenceScan(text: string, max: number): Outcome {
  const sc = new SourceScanner({ ...INFO });
  const st = sc.result();
  const parts = text.split('\n');
  if (parts[parts.length - 1] === '') parts.pop();
  parts.forEach((raw, i) => {
    let line = raw;
    if (line.length > max) {
      st.cut++;
      if (st.cutLines.length < 10) st.cutLines.push(i + 1);
      line = line.slice(0, max);
    } else if (i < parts.length - 1 || text.endsWith('\n')) {
      if (line.endsWith('\r')) line = line.slice(0, -1);
    }
    sc.line(line);
  });
  return outcome(sc);
}

/** The real path: bytes cut into `chunkSizes` (cycled) through scanStream. */
export async function fastScan(bytes: Buffer, max: number, chunkSizes: number[]): Promise<Outcome> {
  const sc = new SourceScanner({ ...INFO });
  sc.maxLine = max;
  const chunks: Buffer[] = [];
  for (let at = 0, k = 0; at < bytes.length; k++) {
    const n = Math.max(1, chunkSizes[k % chunkSizes.length]);
    chunks.push(bytes.subarray(at, at + n));
    at += n;
  }
  await scanStream(Readable.from(chunks), sc);
  return outcome(sc);
}

/** messages.md §4.2: an agent's view of a 2023 server loss (error, reconnect, LB removal, tunnel stopped). */
export const AGENT_2023 = [
  'time="2023-11-22T17:13:37+08:00" level=error msg="Remotedialer proxy error" error="websocket: close 1006 (abnormal closure): unexpected EOF"',
  'time="2023-11-22T17:13:42+08:00" level=info msg="Connecting to proxy" url="wss://10.0.0.12:9345/v1-rke2/connect"',
  'time="2023-11-22T17:13:45+08:00" level=error msg="Failed to connect to proxy. Empty dialer response" error="dial tcp 10.0.0.12:9345: connect: no route to host"',
  'time="2023-11-22T17:13:54+08:00" level=info msg="Removing server from load balancer rke2-agent-load-balancer: 10.0.0.12:9345"',
  'time="2023-11-22T17:13:54+08:00" level=info msg="Stopped tunnel to 10.0.0.12:9345"',
].join('\n') + '\n';
