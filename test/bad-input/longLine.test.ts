// A single 64 MB line without a newline in the middle of a log: cut at 64 KiB (counted, named in
// a warning, never buffered whole), every other line read, the outage around it still found.
import { closeSync, openSync, writeSync } from 'node:fs';
import * as path from 'node:path';
import { cleanup, outage, run, START, tempDir, ws1Text } from './harness';

let dir: string;
beforeAll(() => { dir = tempDir(); });
afterAll(() => cleanup(dir));

test('a 64 MB line between the lines of an outage', async () => {
  const lines = ws1Text().split('\n');
  const at = 310; // inside the outage: after "Connecting to proxy", before "Stopped tunnel to"
  const f = path.join(dir, 'stderr.log');
  const fd = openSync(f, 'w');
  writeSync(fd, lines.slice(0, at - 1).join('\n') + '\n');
  const block = Buffer.alloc(1 << 20, 'time="2022-12-29T17:13:40+08:00" level=info msg="Stopped tunnel to 10.1.1.1:9345 \\"\\\\ ');
  for (let i = 0; i < 64; i++) writeSync(fd, block); // 64 MB, no newline
  writeSync(fd, '\n' + lines.slice(at - 1).join('\n'));
  closeSync(fd);

  const r = await run([f]);
  expect(r.code).toBe(0);
  const inc = outage(r);
  expect(inc?.start).toBe(START);
  const inp = r.report!.inputs[0];
  expect(inp.lines).toBe(lines.length - 1 + 1); // ws1 ends in a newline; one line added
  expect(inp.warnings).toEqual([`1 overlong line(s) cut at 64 KiB (line ${at})`]);
  expect(r.stderr).toContain(`overlong line(s) cut at 64 KiB (line ${at})`);
  expect(r.ms).toBeLessThan(20_000);
}, 60_000);
