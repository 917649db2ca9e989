// A pipe given as a path — `rke2-outage <(kubectl logs -n pod-reaper ...)`, a named FIFO — is read
// as a stream (gzip recognised by its first bytes), never skipped as "not a regular file".
import { execFileSync } from 'node:child_process';
import { closeSync, constants, createWriteStream, existsSync, openSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { cleanup, outage, run, START, tempDir, ws1Text } from '../../bad-input/harness';

let dir: string;
let pipes: string[] = [];
beforeEach(() => { dir = tempDir(); pipes = []; });
afterEach(() => {
  // a pipe nobody read would keep its writer waiting: open it once so the writer ends
  for (const p of pipes) if (existsSync(p)) closeSync(openSync(p, constants.O_RDONLY | constants.O_NONBLOCK));
  cleanup(dir);
});

/** A FIFO in the temp folder with `body` written into it once a reader opens it. */
function fifo(name: string, body: Buffer | string): string {
  const p = path.join(dir, name);
  execFileSync('mkfifo', [p]);
  pipes.push(p);
  createWriteStream(p).on('error', () => undefined).end(body);
  return p;
}

test('a named pipe carrying a server log is analysed like the file', async () => {
  const r = await run([fifo('from-kubectl', ws1Text()), '--strict']);
  expect(r.code).toBe(0);
  expect(outage(r)?.start).toBe(START);
  expect(r.report!.findings.filter((f) => f.code === 'input-skipped')).toEqual([]);
});

test('a pipe carrying gzip (zcat-less `<(cat stderr.log.1.gz)`) is unpacked by its first bytes', async () => {
  const r = await run([fifo('63', gzipSync(ws1Text()))]);
  expect(outage(r)?.start).toBe(START);
  expect(r.report!.inputs.map((i) => i.lines)[0]).toBe(ws1Text().split('\n').length - 1);
});

test('a pipe has no modification time to take a year from', async () => {
  const klog = 'I1229 09:14:17.413202       1 event.go:294] "Event occurred" object="feng-ws2" kind="Node" apiVersion="v1" type="Normal" reason="NodeNotReady" message="Node feng-ws2 status is now: NodeNotReady"\n';
  const r = await run([fifo('kcm', klog)]);
  expect(r.report!.inputs[0].warnings).toContain('year-less timestamps could not be placed: pass --year');
});
