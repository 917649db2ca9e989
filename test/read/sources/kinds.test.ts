// A bundle zipped on a Mac carries __MACOSX/._* AppleDouble files and .DS_Store: they are listed as
// not logs (info), never warned about as binary skips, and do not fail --strict.
import * as path from 'node:path';
import { zipBuffer, writeBytes } from '../../support/archives';
import { cleanup, outage, run, START, tempDir, ws1Text } from '../../bad-input/harness';

// the first bytes of an AppleDouble header and of a .DS_Store, as Finder writes them
const APPLE_DOUBLE = Buffer.concat([Buffer.from([0x00, 0x05, 0x16, 0x07, 0x00, 0x02, 0x00, 0x00]), Buffer.from('Mac OS X        '), Buffer.alloc(64)]);
const DS_STORE = Buffer.concat([Buffer.from([0x00, 0x00, 0x00, 0x01]), Buffer.from('Bud1'), Buffer.alloc(64)]);

let dir: string;
beforeEach(() => { dir = tempDir(); });
afterEach(() => cleanup(dir));

test('Finder metadata in a zipped bundle is not a log and not a --strict failure', async () => {
  const zip = path.join(dir, 'case-01234567.zip');
  await writeBytes(zip, await zipBuffer([
    { name: 'feng-ws1/logs/stderr.log', body: ws1Text() },
    { name: '__MACOSX/feng-ws1/logs/._stderr.log', body: APPLE_DOUBLE },
    { name: 'feng-ws1/.DS_Store', body: DS_STORE },
  ], new Date('2022-12-30T10:00:00Z')));
  const r = await run([zip, '--strict']);
  expect(r.code).toBe(0);
  expect(outage(r)?.start).toBe(START);
  expect(r.stderr).toBe('');
  const notLogs = r.report!.findings.filter((f) => f.code === 'input-not-log').map((f) => f.message);
  expect(notLogs).toEqual(expect.arrayContaining([expect.stringMatching(/\._stderr\.log: not read \(macOS metadata/), expect.stringMatching(/\.DS_Store: not read \(macOS metadata/)]));
});
