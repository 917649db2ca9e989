// Class 3 of issue 13: inputs that made the run hang. A device that never ends (/dev/zero,
// /dev/urandom, or piped in), a zip of 1,000 entries sharing one local header (a terabyte of
// output), 70,000 non-log members in a zip, `--redact` over 30,000 distinct host names. Each ends
// with a clear line and loses nothing else (their seconds are measured by hand, see the report).
import { mkdirSync, writeFileSync, createReadStream } from 'node:fs';
import * as path from 'node:path';
import { cleanup, outage, run, START, tempDir, ws1Text } from './harness';
import { manyMembersZip, overlapZip } from './bombs';

jest.setTimeout(120_000);

let dir: string;
let log: string;
beforeEach(() => {
  dir = tempDir();
  mkdirSync(path.join(dir, 'feng-ws1'));
  log = path.join(dir, 'feng-ws1', 'stderr.log');
  writeFileSync(log, ws1Text());
});
afterEach(() => cleanup(dir));

const warnings = (r: Awaited<ReturnType<typeof run>>) => r.stderr.trim().split('\n').filter(Boolean);

describe('a device given as a path', () => {
  test('/dev/zero: refused after 16 MiB of NUL bytes, the log beside it analysed', async () => {
    const r = await run(['/dev/zero', log]);
    expect(r.code).toBe(0);
    expect(warnings(r)).toEqual(['rke2-outage: warning: /dev/zero: skipped (only NUL bytes in the first 16 MiB of a stream (a device such as /dev/zero?), not a log)']);
    expect(outage(r)?.start).toBe(START);
  });

  test('/dev/urandom: binary at the first chunk, the device closed (never drained)', async () => {
    const r = await run(['/dev/urandom', log]);
    expect(r.code).toBe(0);
    expect(warnings(r)).toEqual(['rke2-outage: warning: /dev/urandom: skipped (binary content, not a log)']);
    expect(outage(r)?.start).toBe(START);
  });

  test('/dev/zero piped to stdin: refused the same way', async () => {
    const stdin = createReadStream('/dev/zero');
    const { code, stdout, stderr } = await run(['-'], stdin);
    stdin.destroy();
    expect(code).toBe(0);
    expect(stderr).toMatch(/^rke2-outage: warning: <stdin>: skipped \(only NUL bytes/);
    expect(JSON.parse(stdout).inputs).toEqual([]);
  });
});

describe('zip bombs', () => {
  test('1,000 entries sharing one local header of 1 GiB: stopped at the budget with one warning naming the member it stopped in, the log beside it analysed', async () => {
    const bomb = path.join(dir, 'support.zip');
    await overlapZip(bomb, 1000, 1 << 30);
    const r = await run([bomb, log]);
    expect(r.code).toBe(0);
    // one cause, one warning: the member cut by the budget is named in it, not warned about again
    expect(warnings(r)).toEqual([expect.stringMatching(/^rke2-outage: warning: \S*support\.zip: expands to more than 256 MiB from 1 MiB \(over 200 times its size: a zip bomb\?\): stopped reading it in bomb\/0\.log \(its lines before are analysed\); the members before are analysed$/)]);
    const member = r.report!.inputs.find((i) => i.path.endsWith('support.zip!bomb/0.log'));
    expect(member?.warnings ?? []).toEqual([]);
    expect(outage(r)?.start).toBe(START);
    expect((await run([bomb, log, '--strict'])).code).toBe(2);
  });

  test('entries that overlap a previous entry are not read: said once, the first entry read', async () => {
    const bomb = path.join(dir, 'support.zip');
    await overlapZip(bomb, 1000, Buffer.from(ws1Text()));
    const r = await run([bomb]);
    expect(r.code).toBe(0);
    expect(warnings(r)).toEqual([expect.stringMatching(/support\.zip: 999 entries overlap another entry's bytes \(a zip bomb\?\): not read$/)]);
    expect(r.report!.inputs.filter((i) => i.lines > 0).map((i) => path.basename(i.path))).toEqual(['bomb/0.log'].map((n) => path.basename(n)));
    expect(outage(r)?.start).toBe(START);
  });
});

test('70,000 non-log members in a zip: one grouped line, the log among them analysed', async () => {
  const zip = path.join(dir, 'diag.zip');
  await manyMembersZip(zip, 70_001, (i) => (i === 35_000 ? { name: 'feng-ws1/stderr.log', body: ws1Text() } : { name: `bundle/networking/if-${i}`, body: `${i}\n` }));
  const r = await run([zip]);
  expect(r.code).toBe(0);
  expect(r.stderr).toBe('');
  expect(r.report!.findings.filter((f) => f.code === 'input-not-log').map((f) => f.message)).toEqual([expect.stringMatching(/diag\.zip!bundle\/networking\/\* \(70000 files\): not read \(system or network information, not a log\)$/)]);
  expect(outage(r)?.start).toBe(START);
});

test('--redact over 30,000 distinct host names and domains: every one replaced', async () => {
  const lines = Array.from({ length: 30_000 }, (_, i) => {
    const t = new Date(Date.UTC(2022, 11, 29, 9, 0, 0) + i * 1000).toISOString().replace('.000Z', 'Z');
    return `time="${t}" level=info msg="Connecting to proxy" url="wss://node-${i}.dc-${i}.acme.com:9345/v1-rke2/connect"`;
  });
  writeFileSync(log, lines.join('\n') + '\n');
  const r = await run(['events', log, '--redact']);
  expect(r.code).toBe(0);
  const out = r.stdout.trim().split('\n');
  expect(out).toHaveLength(30_000);
  expect(r.stdout).not.toMatch(/acme|node-\d|dc-\d/);
  expect(new Set(out.map((l) => (JSON.parse(l) as { peer: string }).peer)).size).toBe(30_000);
});
