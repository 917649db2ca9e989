// Class 4 of issue 13: memory. A small .tar.gz holding zip > zip > zip buffered every level in
// memory (1.6 GB peak for 1.1 MB). Nested zips now share one memory budget across levels and go to
// a private temp file past it; the archive's expansion is capped. Peak RSS is measured by hand on
// the built CLI (see the report); here: the runs end, say what they skipped, read what fits, and
// leave no temp file behind.
import { readdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cleanup, run, tempDir } from './harness';
import { nestedZipTgz } from './bombs';
import * as spill from '../../src/read/sources/spill';
import { AGENT_2023 } from '../support/reference';

jest.setTimeout(120_000);


const spills = () => readdirSync(os.tmpdir()).filter((n) => n.startsWith('rke2-outage-spill-')).sort();

let dir: string;
let before: string[];
beforeEach(() => { dir = tempDir(); before = spills(); });
afterEach(() => cleanup(dir));

test('zip > zip > zip of 250 MiB each in a .tar.gz of 250 KB: stopped at the expansion budget with one warning, no temp file left', async () => {
  const f = path.join(dir, 'bundle.tgz');
  await nestedZipTgz(f, 3, 250 << 20, '\n' + AGENT_2023);
  const r = await run([f]);
  expect(r.code).toBe(0);
  expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^rke2-outage: warning: \S*bundle\.tgz: expands to more than 256 MiB from \d+ KiB \(over 200 times its size: a zip bomb\?\): stopped reading it; the members before are analysed$/)]);
  expect(spills()).toEqual(before);
});

test('zip > zip > zip of 20 MiB each: the outer one is held in memory, the two inside it (past 32 MiB for all levels) go to temp files; the log inside is read, the files removed', async () => {
  const f = path.join(dir, 'bundle.tgz');
  await nestedZipTgz(f, 3, 20 << 20, '\n' + AGENT_2023);
  const spilled = jest.spyOn(spill, 'spill');
  const r = await run([f]);
  expect(spilled).toHaveBeenCalledTimes(2);
  spilled.mockRestore();
  expect(r.code).toBe(0);
  const inner = r.report!.inputs.find((i) => i.path.endsWith('!logs/stderr.log'))!;
  expect(inner.path).toBe(`${path.basename(f)}!bundle/outer.zip!level2.zip!level1.zip!logs/stderr.log`);
  // the 20 MiB of zeros before the log are one NUL block (a nul-block event), then the five lines are read
  expect(inner.events).toBe(6);
  expect(r.report!.incidents[0].peer.address).toBe('10.0.0.12');
  expect(spills()).toEqual(before);
});
