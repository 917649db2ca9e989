// Broken compressed inputs: a truncated .gz, a .gz with a corrupt body, text named .gz, and
// archives (.tar.gz, .zip: read by the archive stage, here only: reported, never a crash).
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { cleanup, outage, randomBytes, run, START, tempDir, ws1Text } from './harness';

let dir: string;
beforeEach(() => { dir = tempDir(); });
afterEach(() => cleanup(dir));

const ws1Lines = () => ws1Text().split('\n').length - 1;

test('a truncated .gz: the lines before the cut are analysed, a read-error warning says so', async () => {
  const gz = gzipSync(Buffer.from(ws1Text().repeat(20)));
  const f = path.join(dir, 'stderr.log.1.gz');
  writeFileSync(f, gz.subarray(0, Math.floor(gz.length * 0.6)));
  const r = await run([f]);
  expect(r.code).toBe(0);
  const inp = r.report!.inputs[0];
  expect(inp.lines).toBeGreaterThan(ws1Lines());
  expect(inp.lines).toBeLessThan(ws1Lines() * 20);
  expect(inp.warnings.join(' ')).toMatch(/read error after line \d+: .*the lines before it are analysed/);
  expect(r.stderr).toMatch(/stderr\.log\.1\.gz: read error/);
  expect((await run([f, '--strict'])).code).toBe(2);
});

test('a .gz with a corrupt body next to a good log: warned, the good log still tells the outage', async () => {
  const gz = gzipSync(Buffer.from(ws1Text()));
  const bad = Buffer.concat([gz.subarray(0, 10), randomBytes(4000, 5)]);
  writeFileSync(path.join(dir, 'stderr.log.2.gz'), bad);
  writeFileSync(path.join(dir, 'stderr.log'), ws1Text());
  const r = await run([dir]);
  expect(r.code).toBe(0);
  expect(outage(r)?.start).toBe(START);
  expect(r.stderr).toMatch(/stderr\.log\.2\.gz: (read error|skipped)/);
});

test('plain text named .gz is reported, not thrown', async () => {
  const f = path.join(dir, 'notes.gz');
  writeFileSync(f, 'this is not gzip\n');
  const r = await run([f]);
  expect(r.code).toBe(0);
  expect(r.stderr).toMatch(/notes\.gz: (read error|skipped)/);
});

test.each(['bundle.tar.gz', 'bundle.tgz', 'bundle.zip'])('a corrupt archive %s is reported, the rest analysed', async (name) => {
  writeFileSync(path.join(dir, name), Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), randomBytes(3000, 11)]));
  writeFileSync(path.join(dir, 'stderr.log'), ws1Text());
  const r = await run([dir]);
  expect(r.code).toBe(0);
  expect(outage(r)?.start).toBe(START);
  expect(r.stderr).toContain(name);
});
