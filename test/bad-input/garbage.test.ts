// Garbage among logs: random bytes, NUL bytes, invalid UTF-8, a binary file in a folder, an image
// named .log. Binary files are skipped and listed; junk lines are counted unparsed; the outage in
// the good lines is still found.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cleanup, outage, randomBytes, run, START, tempDir, ws1Text } from './harness';

let dir: string;
beforeEach(() => { dir = tempDir(); });
afterEach(() => cleanup(dir));

/** ws1's log with `junk` inserted before line `at` (1-based). */
function withJunk(junk: Buffer, at: number): Buffer {
  const lines = ws1Text().split('\n');
  const head = Buffer.from(lines.slice(0, at - 1).join('\n') + '\n');
  const tail = Buffer.from(lines.slice(at - 1).join('\n'));
  return Buffer.concat([head, junk, Buffer.from('\n'), tail]);
}

test('a file of random bytes is skipped as binary, with a warning naming it', async () => {
  const f = path.join(dir, 'random.log');
  writeFileSync(f, randomBytes(200_000, 7));
  const r = await run([f]);
  expect(r.code).toBe(0);
  expect(r.report!.inputs).toEqual([]);
  expect(r.report!.findings.some((x) => x.code === 'input-skipped' && x.message.includes('random.log'))).toBe(true);
  expect(r.stderr).toMatch(/random\.log: skipped \(binary/);
});

test('random bytes after the first 8 KiB are junk lines: counted, the outage still found', async () => {
  const f = path.join(dir, 'stderr.log');
  writeFileSync(f, withJunk(randomBytes(100_000, 3), 200));
  const r = await run([f]);
  expect(r.code).toBe(0);
  expect(outage(r)?.start).toBe(START);
  const inp = r.report!.inputs[0];
  expect(inp.lines).toBeGreaterThan(ws1Text().split('\n').length);
  expect(inp.parsed).toBeLessThan(inp.lines);
});

test('NUL bytes do not make a log binary (DESIGN §3): a file of NULs is read, NULs inside a log are junk lines', async () => {
  writeFileSync(path.join(dir, 'zeros.log'), Buffer.alloc(50_000));
  const f = path.join(dir, 'stderr.log');
  writeFileSync(f, withJunk(Buffer.from('time="2022-12-29T17:13:40+08:00" \0\0\0 level=info msg="\0Stopped tunnel to\0"\n\0\0\0\0'), 250));
  const r = await run([dir]);
  expect(r.code).toBe(0);
  expect(r.report!.findings.filter((x) => x.code === 'input-skipped')).toEqual([]);
  expect(r.report!.inputs.map((i) => path.basename(i.path))).toEqual(['stderr.log', 'zeros.log']);
  expect(outage(r)?.start).toBe(START);
});

test('invalid UTF-8 inside a log: replaced, counted, the outage still found', async () => {
  const f = path.join(dir, 'stderr.log');
  const bad = Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc, 0xff, 0xfe, 0xed, 0xa0, 0x80]);
  const line = Buffer.concat([Buffer.from('time="2022-12-29T17:13:40+08:00" level=info msg="'), bad, Buffer.from('"')]);
  writeFileSync(f, withJunk(Buffer.concat([line, Buffer.from('\n'), bad]), 300));
  const r = await run([f]);
  expect(r.code).toBe(0);
  expect(outage(r)?.start).toBe(START);
  expect(r.report!.inputs[0].lines).toBe(ws1Text().split('\n').length - 1 + 2); // ws1 ends in a newline
});

test('a binary file inside a folder is skipped and listed; the log beside it is analysed', async () => {
  mkdirSync(path.join(dir, 'node1'));
  writeFileSync(path.join(dir, 'node1', 'stderr.log'), ws1Text());
  writeFileSync(path.join(dir, 'node1', 'rke2'), Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01\0'), randomBytes(30_000, 9)]));
  const r = await run([dir]);
  expect(r.code).toBe(0);
  expect(outage(r)?.start).toBe(START);
  expect(r.report!.findings.filter((x) => x.code === 'input-skipped').map((x) => x.message)).toEqual([expect.stringContaining(path.join('node1', 'rke2'))]);
});

test('a PNG named .log is skipped with a reason, never read as a log', async () => {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.from('IHDR'), randomBytes(5000, 4)]);
  writeFileSync(path.join(dir, 'screenshot.log'), png);
  writeFileSync(path.join(dir, 'stderr.log'), ws1Text());
  const r = await run([dir, '--strict']);
  expect(r.code).toBe(2); // --strict: a skipped input fails the run
  expect(r.stderr).toMatch(/screenshot\.log: skipped \(binary content, not a log\)/);
  expect(outage(r)?.start).toBe(START);
});
