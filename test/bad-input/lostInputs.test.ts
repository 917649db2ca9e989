// Class 8 of issue 13: inputs that were lost or misread. A file whose name is not UTF-8, NUL bytes
// at the start of a log (DESIGN §3: they do not make it binary; only a format signature or a
// binary name does), UTF-32 and mark-less UTF-16 text, tar link and sparse members dropped
// without a word. (Year 0001 read as 1901 is in lineValues.test.ts.)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as tar from 'tar-stream';
import { cleanup, outage, run, START, tempDir, ws1Text } from './harness';
import { gatedLines } from '../support/scan';

const REAPER = path.join(__dirname, '..', '..', 'fixtures', 'ecs-agent-down', 'kubectl-logs-pod-reaper-27871940-469b7.txt');
const reaper = readFileSync(REAPER, 'utf8');

let dir: string;
beforeEach(() => { dir = tempDir(); });
afterEach(() => cleanup(dir));

describe('a name that is not UTF-8', () => {
  test('a Latin-1 file name is read, shown with its byte made visible', async () => {
    writeFileSync(Buffer.from(path.join(dir, 'caf\xe9.log'), 'latin1'), ws1Text());
    const r = await run([dir]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    // shown relative to the folder given (its own name kept)
    expect(r.report!.inputs.map((i) => i.path)).toEqual([path.join(path.basename(dir), 'caf\\xe9.log')]);
    expect(outage(r)?.start).toBe(START);
  });

  test('a Latin-1 folder name: the files below it are read too, two such names stay two', async () => {
    const a = Buffer.from(path.join(dir, 'n\xf6de1'), 'latin1');
    const b = Buffer.from(path.join(dir, 'n\xf8de1'), 'latin1');
    for (const d of [a, b]) {
      mkdirSync(d);
      writeFileSync(Buffer.concat([d, Buffer.from('/stderr.log')]), ws1Text());
    }
    const r = await run([dir]);
    expect(r.report!.inputs.map((i) => path.relative(path.basename(dir), i.path))).toEqual(['n\\xf6de1/stderr.log', 'n\\xf8de1/stderr.log']);
    expect(r.report!.findings.filter((f) => f.code === 'input-skipped')).toEqual([]);
  });
});

describe('NUL bytes and signatures', () => {
  test('NUL runs in the first 8 KiB (an unclean stop) do not make a log binary', async () => {
    const f = path.join(dir, 'stderr.log');
    writeFileSync(f, Buffer.concat([Buffer.alloc(5000), Buffer.from('\n'), Buffer.from(ws1Text())]));
    const r = await run([f, '--strict']);
    expect(r.code).toBe(0);
    expect(r.report!.findings.filter((x) => x.code === 'input-skipped')).toEqual([]);
    expect(outage(r)?.start).toBe(START);
  });

  test.each([
    ['an ELF executable', Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01', 'latin1'), Buffer.alloc(4000)])],
    ['a SQLite database', Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4000)])],
    ['gzip data without .gz', Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0]), Buffer.from(ws1Text())])],
    ['a JPEG image', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF log-looking text\n'.repeat(100))])],
  ])('%s named .log is skipped by its signature', async (_what, bytes) => {
    writeFileSync(path.join(dir, 'x.log'), bytes);
    const r = await run([dir]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/x\.log: skipped \(binary content, not a log\)/);
  });
});

describe('UTF-32 and mark-less UTF-16 text', () => {
  const utf32 = (s: string, be: boolean) => {
    const cps = [0xfeff, ...Array.from(s, (c) => c.codePointAt(0)!)];
    const b = Buffer.alloc(cps.length * 4);
    cps.forEach((cp, i) => (be ? b.writeUInt32BE(cp, i * 4) : b.writeUInt32LE(cp, i * 4)));
    return b;
  };
  const want = (reaper + 'ünïcödé 🚀 end\n').split('\n').slice(0, -1);

  test.each([[1], [3], [4096]])('UTF-32 LE and BE, in chunks of %i bytes, give the original lines', async (size) => {
    const text = reaper + 'ünïcödé 🚀 end\n';
    expect(await gatedLines(utf32(text, false), size)).toEqual(want);
    expect(await gatedLines(utf32(text, true), size)).toEqual(want);
  });

  test('UTF-16LE without a byte-order mark is decoded, not read as NUL-riddled text', async () => {
    expect(await gatedLines(Buffer.from(reaper, 'utf16le'), 4096)).toEqual(reaper.split('\n').slice(0, -1));
  });

  test('through the CLI, a UTF-32 reaper log tells the same story as the original', async () => {
    const f = path.join(dir, 'reaper.txt');
    writeFileSync(f, utf32(reaper, false));
    const [orig, got] = [await run([REAPER]), await run([f])];
    expect(got.report!.inputs[0]).toMatchObject({ lines: orig.report!.inputs[0].lines, events: orig.report!.inputs[0].events });
    expect(got.report!.incidents.map((i) => i.start)).toEqual(orig.report!.incidents.map((i) => i.start));
  });
});

/** A tar with one log, a symlink, a hard link and a GNU sparse member (type `S`, patched in). */
async function tarWithLinks(): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (c: unknown) => chunks.push(c as Buffer));
  const ended = new Promise<void>((resolve) => pack.on('end', () => resolve()));
  const add = (h: Partial<tar.Header> & { name: string }, body?: string) => new Promise<void>((res, rej) => (body === undefined ? pack.entry(h, (e) => (e ? rej(e) : res())) : pack.entry(h, body, (e) => (e ? rej(e) : res()))));
  await add({ name: 'b/feng-ws1/stderr.log' }, ws1Text());
  await add({ name: 'b/latest.log', type: 'symlink', linkname: 'feng-ws1/stderr.log' });
  await add({ name: 'b/copy.log', type: 'link', linkname: 'b/feng-ws1/stderr.log' });
  await add({ name: 'b/holes.log' }, 'time="2022-12-29T17:13:40+08:00" level=info msg="sparse"\n');
  pack.finalize();
  await ended;
  const t = Buffer.concat(chunks);
  for (let off = 0; off < t.length; off += 512) {
    if (t.toString('latin1', off, off + 11) !== 'b/holes.log') continue;
    t[off + 156] = 0x53; // 'S': GNU sparse
    t.fill(0x20, off + 148, off + 156);
    let sum = 0;
    for (let i = off; i < off + 512; i++) sum += t[i];
    t.write(sum.toString(8).padStart(6, '0') + '\0 ', off + 148, 'latin1');
  }
  return t;
}

test('tar link, symlink and sparse members are said (one line per archive), the log is read', async () => {
  const f = path.join(dir, 'bundle.tar');
  writeFileSync(f, await tarWithLinks());
  const r = await run([f]);
  expect(r.code).toBe(0);
  // said once, as a note in the report (not a warning: nothing failed to read)
  expect(r.stderr).toBe('');
  expect(r.report!.findings.filter((x) => x.code === 'input-note').map((x) => x.message)).toEqual([
    `bundle.tar: 2 link members not followed (b/latest.log -> feng-ws1/stderr.log, b/copy.log -> b/feng-ws1/stderr.log); 1 sparse member not read (extract the archive with tar and pass the file) (b/holes.log)`,
  ]);
  expect(r.report!.inputs.filter((i) => i.lines > 0).map((i) => i.path)).toEqual(['bundle.tar!b/feng-ws1/stderr.log']);
  expect(outage(r)?.start).toBe(START);
  expect((await run([f, '--strict'])).code).toBe(0); // a note, not a failure to read
});
