// Bad paths: a symbolic link loop inside a folder, an unreadable file, a missing path (one clear
// stderr line, exit 2, nothing written to --output).
import { chmodSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cleanup, outage, run, START, tempDir, ws1Text } from './harness';

let dir: string;
beforeEach(() => { dir = tempDir(); });
afterEach(() => cleanup(dir));

test('a symbolic link loop in a folder: the walk ends, the loop is listed, the log is read', async () => {
  mkdirSync(path.join(dir, 'node1', 'logs'), { recursive: true });
  writeFileSync(path.join(dir, 'node1', 'logs', 'stderr.log'), ws1Text());
  symlinkSync(path.join(dir, 'node1'), path.join(dir, 'node1', 'logs', 'up')); // points back at an ancestor
  symlinkSync(path.join(dir, 'self'), path.join(dir, 'self')); // ELOOP
  const r = await run([dir]);
  expect(r.code).toBe(0);
  expect(outage(r)?.start).toBe(START);
  expect(r.report!.inputs).toHaveLength(1);
  const skipped = r.report!.findings.filter((f) => f.code === 'input-skipped').map((f) => f.message).join('\n');
  expect(skipped).toMatch(/up: .*(loop|already read)/);
  expect(skipped).toMatch(/self: .*loop/);
});

// Tests run as root in CI containers, where chmod 000 does not deny reads: skip the check there.
const asRoot = process.getuid?.() === 0;
(asRoot ? test.skip : test)('an unreadable file in a folder is listed as skipped, the rest analysed', async () => {
  writeFileSync(path.join(dir, 'stderr.log'), ws1Text());
  const locked = path.join(dir, 'locked.log');
  writeFileSync(locked, 'x\n');
  chmodSync(locked, 0);
  const r = await run([dir]);
  expect(r.code).toBe(0);
  expect(outage(r)?.start).toBe(START);
  expect(r.stderr).toMatch(/locked\.log: .*permission denied/);
});

test('a missing path: one stderr line naming it, exit 2, no output file', async () => {
  const missing = path.join(dir, 'no-such-bundle');
  const out = path.join(dir, 'report.json');
  const r = await run([missing, '--output', out]);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe(`rke2-outage: cannot read ${missing}: no such file or directory\n`);
  expect(existsSync(out)).toBe(false);
});
