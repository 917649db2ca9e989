// The same real file or folder reached twice (given twice, or through a symbolic link) is read
// once and said plainly; a real loop keeps its loop reason; copies under other real paths are
// still caught by content (repeated-input from assembly).
import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { walk } from '../../../src/read/sources/walk';
import { cleanup, outage, run, START, tempDir, ws1Text } from '../../bad-input/harness';

let dir: string;
beforeEach(() => {
  dir = tempDir();
  mkdirSync(path.join(dir, 'feng-ws1', 'logs'), { recursive: true });
  writeFileSync(path.join(dir, 'feng-ws1', 'logs', 'stderr.log'), ws1Text());
});
afterEach(() => cleanup(dir));

const findings = (r: Awaited<ReturnType<typeof run>>, code: string) => r.report!.findings.filter((f) => f.code === code).map((f) => f.message);

describe('walk reads each real path once', () => {
  test('a folder given twice: read once, listed once as already read (not a loop, not a skip)', async () => {
    const ws1 = path.join(dir, 'feng-ws1');
    const w = await walk([ws1, ws1]);
    expect(w.sources.map((s) => s.path)).toEqual([path.join(ws1, 'logs', 'stderr.log')]);
    expect(w.repeated).toEqual([{ path: ws1, reason: `already read as ${ws1}` }]);
    expect(w.skipped).toEqual([]);
  });

  test('a file given twice is read once; --strict does not fail for it', async () => {
    const log = path.join(dir, 'feng-ws1', 'logs', 'stderr.log');
    const once = await run([log]);
    const twice = await run([log, log, '--strict']);
    expect(twice.code).toBe(0);
    expect(twice.report!.inputs).toHaveLength(1);
    expect(outage(twice)?.start).toBe(START);
    expect(twice.report!.incidents[0].timeline).toEqual(once.report!.incidents[0].timeline);
    // paths are shown relative to the argument (here the file itself)
    expect(findings(twice, 'repeated-input')).toEqual(['stderr.log: not read again (already read as stderr.log)']);
    expect(findings(twice, 'input-skipped')).toEqual([]);
  });

  test('a folder reached again through a symbolic link (no loop) names the path it was read as', async () => {
    symlinkSync(path.join(dir, 'feng-ws1'), path.join(dir, 'latest')); // sorts after feng-ws1
    const r = await run([dir]);
    expect(r.report!.inputs).toHaveLength(1);
    const top = path.basename(dir);
    expect(findings(r, 'repeated-input')).toEqual([`${path.join(top, 'latest')}: not read again (already read as ${path.join(top, 'feng-ws1')})`]);
    expect(findings(r, 'input-skipped').join('\n')).not.toMatch(/loop/);
  });

  test('a folder that links back to its ancestor is still a symbolic link loop', async () => {
    symlinkSync(path.join(dir, 'feng-ws1'), path.join(dir, 'feng-ws1', 'logs', 'up'));
    const r = await run([dir]);
    expect(r.code).toBe(0);
    expect(r.report!.inputs).toHaveLength(1);
    expect(findings(r, 'input-skipped')).toEqual([`${path.join(path.basename(dir), 'feng-ws1', 'logs', 'up')}: skipped (symbolic link loop: links back to a folder above it)`]);
  });

  test('a copy of the same log under another real path is read, and its events counted once', async () => {
    // the bundle copied into a second folder (the node comes from the host folder in both)
    mkdirSync(path.join(dir, 'copy', 'feng-ws1', 'logs'), { recursive: true });
    copyFileSync(path.join(dir, 'feng-ws1', 'logs', 'stderr.log'), path.join(dir, 'copy', 'feng-ws1', 'logs', 'stderr.log'));
    const r = await run([path.join(dir, 'feng-ws1'), path.join(dir, 'copy')]);
    expect(r.report!.inputs).toHaveLength(2);
    expect(outage(r)?.start).toBe(START);
    expect(findings(r, 'repeated-input')).toEqual([expect.stringMatching(/^\S*copy\/feng-ws1\/logs\/stderr\.log repeats \d+ event\(s\) already read from \S*feng-ws1\/logs\/stderr\.log/)]);
  });
});
