// Reaper output saved from PowerShell (`kubectl logs ... > reaper.txt` writes UTF-16LE with a BOM
// and CRLF) is read as text, never skipped as binary; UTF-16BE and any chunking read the same.
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { NotText } from '../../../src/read/sources/open';
import { cleanup, run, tempDir } from '../../bad-input/harness';
import { gatedLines } from '../../support/scan';

const REAPER = path.join(__dirname, '..', '..', '..', 'fixtures', 'ecs-agent-down', 'kubectl-logs-pod-reaper-27871940-469b7.txt');
const text = readFileSync(REAPER, 'utf8');
const utf16le = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
const utf16be = (s: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(s, 'utf16le').swap16()]);


describe('UTF-16 text with a byte-order mark', () => {
  let dir: string;
  beforeAll(() => { dir = tempDir(); });
  afterAll(() => cleanup(dir));

  test('PowerShell-saved reaper output tells the same story as the original', async () => {
    const saved = path.join(dir, 'reaper.txt');
    writeFileSync(saved, utf16le(text.replace(/\n/g, '\r\n')));
    const orig = await run([REAPER]);
    const ps = await run([saved]);
    expect(ps.report!.findings.filter((f) => f.code === 'input-skipped')).toEqual([]);
    expect(ps.report!.inputs[0]).toMatchObject({ lines: orig.report!.inputs[0].lines, parsed: orig.report!.inputs[0].parsed, events: orig.report!.inputs[0].events });
    expect(ps.report!.incidents.map((i) => [i.start, i.durations])).toEqual(orig.report!.incidents.map((i) => [i.start, i.durations]));
  });

  test.each([[1], [7], [4096]])('little- and big-endian give the original lines in chunks of %i bytes', async (size) => {
    const want = text.split('\n').slice(0, -1);
    expect(await gatedLines(utf16le(text), size)).toEqual(want);
    expect(await gatedLines(utf16be(text), size)).toEqual(want);
  });

  test('a binary file is still refused', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    await expect(gatedLines(png, 4096)).rejects.toBeInstanceOf(NotText);
  });
});
