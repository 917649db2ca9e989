// Progress by bytes on a terminal: one big input is followed as it is read (percentage of a plain
// file, amount read of a compressed one), only after the first second, throttled, cleared at the end.
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { runCli } from '../support/cli';
import { fmtBytes, progressOn } from '../../src/cli/progress';
import { cleanup, tempDir, ws1Text } from '../bad-input/harness';

const CLEAR = '\r\x1b[2K';
const MiB = 1 << 20;

describe('progressOn by bytes', () => {
  test('quiet for a second, then a percentage, redrawn at most every 250 ms, cleared at the end', () => {
    let out = '';
    let now = 0;
    const p = progressOn({ write: (s: string) => (out += s), isTTY: true }, () => now);
    p.onProgress('ds02/journald/rke2-server', 0, 1, 1024 * MiB);
    for (let i = 0; i < 64 * 16; i++) p.onBytes(64 * 1024); // 64 MiB within the first second
    expect(out).toBe('');
    now = 1200;
    for (let i = 0; i < 64 * 16; i++) p.onBytes(64 * 1024); // to 128 MiB at the same instant: one draw
    expect(out.split(CLEAR).filter(Boolean)).toEqual(['reading 1/1 ds02/journald/rke2-server 6% of 1.0 GB']);
    now = 1300;
    for (let i = 0; i < 64 * 16; i++) p.onBytes(64 * 1024); // 100 ms later: throttled
    expect(out.split(CLEAR).filter(Boolean)).toHaveLength(1);
    now = 1500;
    for (let i = 0; i < 64 * 16; i++) p.onBytes(64 * 1024); // drawn at the first look past 192 MiB
    expect(out.split(CLEAR).filter(Boolean).pop()).toBe('reading 1/1 ds02/journald/rke2-server 19% of 1.0 GB');
    p.done();
    expect(out.endsWith(CLEAR)).toBe(true);
  });

  test('an input of unknown size shows the amount read; a new input starts from zero', () => {
    let out = '';
    let now = 2000;
    const p = progressOn({ write: (s: string) => (out += s), isTTY: true }, () => now);
    now = 3500;
    p.onProgress('stderr.log.1.gz', 0, 2, null);
    for (let i = 0; i < 3; i++) p.onBytes(MiB);
    now = 3800;
    for (let i = 0; i < 80; i++) p.onBytes(MiB);
    p.onProgress('stderr.log', 1, 2, 3 * MiB);
    const lines = out.split(CLEAR).filter(Boolean);
    expect(lines).toEqual(['reading 1/2 stderr.log.1.gz', 'reading 1/2 stderr.log.1.gz 4.0 MB read', 'reading 2/2 stderr.log']);
  });

  test('a long bundle path is cut at the front so the line fits an 80-column terminal', () => {
    let out = '';
    let now = 0;
    const p = progressOn({ write: (s: string) => (out += s), isTTY: true }, () => now);
    now = 5000;
    const member = 'ds02-2023-11-22_17_48_44.tar.gz!ds02-2023-11-22_17_48_44/rke2/agent-logs/kubelet-2023-11-22T09-48-44.000.log';
    p.onProgress(member, 11, 40, 900 * MiB);
    now = 6000;
    for (let i = 0; i < 8; i++) p.onBytes(MiB);
    const lines = out.split(CLEAR).filter(Boolean);
    expect(lines.pop()).toMatch(/^reading 12\/40 …\S+kubelet-2023-11-22T09-48-44\.000\.log 0% of 900\.0 MB$/);
    for (const l of out.split(CLEAR).filter(Boolean)) expect(l.length).toBeLessThanOrEqual(79);
  });

  test('off a terminal nothing is written', () => {
    let out = '';
    const p = progressOn({ write: (s: string) => (out += s), isTTY: false }, () => 10_000);
    p.onProgress('big.log', 0, 1, 100 * MiB);
    for (let i = 0; i < 200; i++) p.onBytes(MiB);
    p.done();
    expect(out).toBe('');
  });

  test('byte counts read as people say them', () => {
    expect([fmtBytes(812 * 1024), fmtBytes(45.3 * MiB), fmtBytes(1.25 * 1024 * MiB)]).toEqual(['812 KB', '45.3 MB', '1.3 GB']);
  });
});

describe('a single big file through the CLI with a fake terminal', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
    // the seed server log followed by 12 MB of the TLS noise a busy server logs after the outage
    const noise = 'time="2022-12-29T17:50:00+08:00" level=info msg="Cluster-Http-Server 2022/12/29 17:50:00 http: TLS handshake error from 10.113.207.145:41234: remote error: tls: bad certificate"\n';
    const body = ws1Text() + noise.repeat(Math.ceil((12 * MiB) / noise.length));
    writeFileSync(path.join(dir, 'stderr.log'), body);
    writeFileSync(path.join(dir, 'stderr.log.1.gz'), gzipSync(body));
  });
  afterAll(() => cleanup(dir));

  async function runTty(file: string): Promise<{ code: number; out: string; err: string }> {
    let t = 0;
    // stderr is a terminal, stdout is not; every look at the clock is 400 ms later
    const r = await runCli(['--format', 'json', path.join(dir, file)], { stdin: null, ttyErr: true, now: () => (t += 400) });
    return { code: r.code, out: r.stdout, err: r.stderr };
  }

  test('a plain file: percentages while it is read, the line cleared before the report is used', async () => {
    const r = await runTty('stderr.log');
    expect(r.code).toBe(0);
    const shown = r.err.split(CLEAR).filter(Boolean);
    expect(shown.length).toBeGreaterThanOrEqual(2);
    for (const s of shown) expect(s).toMatch(/^reading 1\/1 \S*stderr\.log(?: \d{1,3}% of 1\d\.\d MB)?$/);
    const pcts = shown.map((s) => Number(/(\d+)%/.exec(s)?.[1] ?? -1)).filter((n) => n >= 0);
    expect(pcts.length).toBeGreaterThanOrEqual(1);
    expect([...pcts].sort((a, b) => a - b)).toEqual(pcts);
    expect(r.err.endsWith(CLEAR)).toBe(true);
    expect(JSON.parse(r.out).incidents).toHaveLength(1);
  });

  test('a .gz file: the amount of log read', async () => {
    const r = await runTty('stderr.log.1.gz');
    expect(r.err.split(CLEAR).filter(Boolean).some((s) => /^reading 1\/1 \S*stderr\.log\.1\.gz \d+\.\d MB read$/.test(s))).toBe(true);
    expect(r.err.endsWith(CLEAR)).toBe(true);
  });
});
