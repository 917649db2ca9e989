// `events` (NDJSON in time order), `rules`, --since/--until, colours and progress on a terminal only.
import { runCli, CASE1, CASE2 } from '../support/cli';
import { RULES } from '../../src/rules/registry';
import { parseInstant } from '../../src/cli/instants';
import { progressOn } from '../../src/cli/progress';

const lines = (s: string) => s.trim().split('\n').map((l) => JSON.parse(l));

describe('rke2-outage events', () => {
  test('every classified event of Case #1, one JSON object per line, in time order', async () => {
    const run = await runCli(['events', CASE1]);
    expect(run.code).toBe(0);
    const evs = lines(run.stdout);
    const inputs = JSON.parse((await runCli([CASE1, '--format', 'json'])).stdout).inputs;
    expect(evs).toHaveLength(inputs.reduce((a: number, i: { events: number }) => a + i.events, 0));
    const times = evs.map((e) => e.time as string);
    expect([...times].sort()).toEqual(times);
    for (const e of evs) expect(Object.keys(e)).toEqual(['kind', 'rule', 'time', 'node', 'role', 'peer', 'detail', 'evidence']);
    const stopped = evs.find((e) => e.kind === 'tunnel.stopped' && e.peer === '10.113.207.142:9345');
    expect(stopped).toMatchObject({ time: '2022-12-29T09:13:53.000Z', node: 'feng-ws1.sme-feng.athens.cloudera.com', evidence: { line: 312 } });
  });

  test('un-addressed errors carry the peer attributed by assembly', async () => {
    const evs = lines((await runCli(['events', CASE1])).stdout);
    const err = evs.find((e) => e.kind === 'tunnel.error' && e.time === '2022-12-29T09:13:37.000Z');
    expect(err.peer).toBe('10.113.207.142:9345');
    expect(err.detail.attributedFrom).toMatch(/stderr\.log:\d+$/);
  });

  test('--since/--until keep only the window (a zone-less time is read in --tz)', async () => {
    const evs = lines((await runCli(['events', CASE1, CASE2, '--since', '2022-12-29 17:40', '--until', '2022-12-29T12:10:00Z', '--tz', 'Asia/Shanghai'])).stdout);
    expect(evs.length).toBeGreaterThan(0);
    for (const e of evs) expect(e.time >= '2022-12-29T09:40:00.000Z' && e.time < '2022-12-29T12:10:00.000Z').toBe(true);
  });

  test('--since before assembly: the outage seen from 09:14 on starts later', async () => {
    const r = JSON.parse((await runCli([CASE1, '--format', 'json', '--since', '2022-12-29T09:14:00Z'])).stdout);
    expect(r.incidents[0].start >= '2022-12-29T09:14:00.000Z').toBe(true);
  });

  test('a bad --since is a usage error', async () => {
    const run = await runCli(['events', CASE1, '--since', 'yesterday']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--since "yesterday": expected a date/);
  });
});

describe('parseInstant', () => {
  test('reads zones, offsets and --tz', () => {
    expect(parseInstant('since', '2022-12-29T09:13:37Z', 'UTC')).toBe(Date.UTC(2022, 11, 29, 9, 13, 37));
    expect(parseInstant('since', '2022-12-29T17:13:37+0800', 'UTC')).toBe(Date.UTC(2022, 11, 29, 9, 13, 37));
    expect(parseInstant('since', '2022-12-29 17:13', 'Asia/Shanghai')).toBe(Date.UTC(2022, 11, 29, 9, 13));
    expect(parseInstant('since', '2022-12-29', 'UTC')).toBe(Date.UTC(2022, 11, 29));
  });
});

describe('rke2-outage rules', () => {
  test('lists id, kind, versions and one example per rule', async () => {
    const out = (await runCli(['rules'])).stdout;
    for (const r of RULES) {
      expect(out).toMatch(new RegExp(`^${r.id.replace(/\./g, '\\.')} +${r.kind.replace(/\./g, '\\.')} +`, 'm'));
      expect(out).toContain(`e.g. ${r.examples.match[0]}`);
    }
  });

  test('--format json gives every example', async () => {
    const list = JSON.parse((await runCli(['rules', '--format', 'json'])).stdout);
    expect(list.map((r: { id: string }) => r.id)).toEqual(RULES.map((r) => r.id));
    expect(list[0].examples).toEqual(RULES[0].examples.match);
  });
});

describe('terminal comforts', () => {
  test('colours on a terminal only, never with NO_COLOR', async () => {
    expect((await runCli([CASE1], { tty: true })).stdout).toContain('\x1b[');
    expect((await runCli([CASE1], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\x1b[');
    expect((await runCli([CASE1])).stdout).not.toContain('\x1b[');
  });

  test('progress only on a terminal and only after the first second', () => {
    let out = '';
    let now = 0;
    const p = progressOn({ write: (s: string) => (out += s), isTTY: true }, () => now);
    p.onProgress('a.log', 0, 3);
    expect(out).toBe('');
    now = 1500;
    p.onProgress('b.log', 1, 3);
    expect(out).toContain('reading 2/3 b.log');
    p.done();
    expect(out.endsWith('\r\x1b[2K')).toBe(true);
    let off = '';
    const q = progressOn({ write: (s: string) => (off += s), isTTY: false }, () => 5000);
    q.onProgress('c.log', 0, 1);
    q.done();
    expect(off).toBe('');
  });
});
