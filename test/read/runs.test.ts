// Runs past the budget (runs.ts, DESIGN §9): an input with more runs than it keeps joins a repeat
// to its key's run across a silence over a minute, as long as its observer logged nothing else
// about that peer, and nothing peer-less, in between. Below the budget nothing changes.
import { Readable } from 'node:stream';
import { SourceScanner } from '../../src/read/scanner';
import { scanStream } from '../../src/read/lines';
import { finishAlone } from '../../src/read/finish';
import { joinRun, newRunBook, startRun, type RawRun, type Stamp } from '../../src/read/runs';
import { info } from '../support/scanOne';

const T0 = Date.parse('2026-11-01T00:00:00Z');
const ts = (s: number) => new Date(T0 + s * 1000).toISOString().replace('.000', '');
const connecting = (s: number, ip: string) => `time="${ts(s)}" level=info msg="Connecting to proxy" url="wss://${ip}:9345/v1-rke2/connect"`;
const failed = (s: number, ip: string) => `time="${ts(s)}" level=error msg="Failed to connect to proxy. Empty dialer response" error="dial tcp ${ip}:9345: connect: connection refused"`;
const starting = (s: number) => `time="${ts(s)}" level=info msg="Starting rke2 agent v1.28.9+rke2r1 (07bf87f9)"`;

/** 200 peers in rotation, one line a second: each peer every 200 s, never a run at the minute scale. */
const rotation = (n: number, from = 0) => Array.from({ length: n }, (_, i) => connecting(from + i, `10.0.0.${((from + i) % 200) + 1}`));

async function scan(lines: string[], budget: number, chunked: boolean) {
  const s = new SourceScanner(info(), budget);
  if (chunked) await scanStream(Readable.from([Buffer.from(lines.join('\n') + '\n')]), s);
  else for (const l of lines) s.line(l);
  return finishAlone(s.result());
}

describe.each([['per line', false], ['chunked', true]] as const)('%s', (_n, chunked) => {
  test('below the budget a repeat 200 s later starts its own run, as it always did', async () => {
    const r = await scan(rotation(1000), 10_000, chunked);
    expect(r.events).toHaveLength(1000);
    expect(r.events.every((e) => e.count === 1 && e.gaps === undefined)).toBe(true);
    expect(r.summary.warnings.join('\n')).not.toMatch(/runs kept/);
  });

  test('past the budget each peer is one run across its silences: every line counted, first and last kept, the warning says so', async () => {
    const r = await scan(rotation(2000), 300, chunked);
    expect(r.events.reduce((n, e) => n + e.count, 0)).toBe(2000);
    expect(r.summary.events).toBe(2000);
    // 300 single-line runs, then one run per peer that joins the rest
    expect(r.events).toHaveLength(500);
    const p7 = r.events.filter((e) => e.peer === '10.0.0.7:9345');
    expect(p7.map((e) => e.count)).toEqual([1, 1, 8]);
    const folded = p7[2];
    expect(folded.evidence.line).toBe(407);
    expect(folded.lastEvidence!.line).toBe(1807);
    expect([folded.gaps, folded.gapMs]).toEqual([7, 200_000]);
    expect(new Date(folded.until!).toISOString()).toBe(`${ts(1806)}.000Z`.replace('Z.000Z', '.000Z'));
    expect(r.summary.warnings.join('\n')).toMatch(/500 runs kept: past 300, .*1,500 silence\(s\) in 200 run\(s\)/);
  });

  test('another line about the same peer, or a peer-less one of the observer, breaks the join; a line about another peer does not', async () => {
    const pad = rotation(10, 0); // the budget: 10 runs
    const lines = [
      ...pad,
      connecting(100, '10.0.0.50'), connecting(300, '10.0.0.50'), // joins across 200 s
      failed(350, '10.0.0.50'), connecting(500, '10.0.0.50'), // same peer, another line between: a new run
      connecting(550, '10.0.0.60'), connecting(700, '10.0.0.50'), // another peer between: joins
      starting(800), connecting(900, '10.0.0.50'), // the observer's own start between: a new run
    ];
    const r = await scan(lines, 10, chunked);
    const p50 = r.events.filter((e) => e.peer === '10.0.0.50:9345' && e.kind === 'tunnel.connecting');
    expect(p50.map((e) => [e.evidence.line, e.count, e.gaps ?? 0])).toEqual([[11, 2, 1], [14, 2, 1], [18, 1, 0]]);
  });
});

test('a NUL block (the observer crashed) breaks the join too', async () => {
  const lines = [...rotation(10, 0), connecting(100, '10.0.0.50'), connecting(300, '10.0.0.50'), `${'\0'.repeat(64)}`, connecting(500, '10.0.0.50')];
  const r = await scan(lines, 10, false);
  expect(r.events.filter((e) => e.kind === 'tunnel.connecting' && e.peer === '10.0.0.50:9345').map((e) => e.count)).toEqual([2, 1]);
});

describe('the run book itself', () => {
  const stamp = (at: number, line: number): Stamp => ({ time: at, local: -1, at, line, text: `line ${line}` });
  const run = (st: Stamp): RawRun => ({ kind: 'tunnel.connecting', rule: 'r', peer: 'p', detail: {}, host: null, by: null, first: st, last: null, count: 1 });
  const g = 'w1';

  test('within a minute a line joins whatever the budget; a line going back in time never joins', () => {
    const b = newRunBook(0);
    startRun(b, 'k', run(stamp(0, 1)), g);
    expect(joinRun(b, 'k', stamp(60_000, 2), g)).toBe(0);
    expect(joinRun(b, 'k', stamp(59_000, 3), g)).toBe(-1);
    expect(b.runs[0].gaps).toBeUndefined();
  });

  test('without a group (no observer known) a line never joins across a silence', () => {
    const b = newRunBook(0);
    startRun(b, 'k', run(stamp(0, 1)), g);
    expect(joinRun(b, 'k', stamp(61_000, 2))).toBe(-1);
    expect(joinRun(b, 'k', stamp(61_000, 2), g)).toBe(0);
    expect([b.runs[0].count, b.runs[0].gaps, b.runs[0].gapMs]).toEqual([2, 1, 61_000]);
  });

  test('a run started below the budget never joins across a silence, one started past it does', () => {
    const b = newRunBook(2);
    startRun(b, 'k', run(stamp(0, 1)), g);
    expect(joinRun(b, 'k', stamp(100_000, 2), g)).toBe(-1);
    startRun(b, 'k', run(stamp(100_000, 2)), g); // the book's 2nd run: the budget is reached only after it
    expect(joinRun(b, 'k', stamp(200_000, 3), g)).toBe(-1);
    startRun(b, 'k', run(stamp(200_000, 3)), g); // past the budget
    expect(joinRun(b, 'k', stamp(300_000, 4), g)).toBe(2);
  });
});

describe('joining across silences leaves the story as it was', () => {
  // the seed's server outage, with a day of another cluster's 200 peers in rotation in one agent's log
  // (before the outage, or after its end): what the budget joins must not change an incident or a finding
  const { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync } = require('node:fs') as typeof import('node:fs');
  const { tmpdir } = require('node:os') as typeof import('node:os');
  const { analyze } = require('../../src/analyze') as typeof import('../../src/analyze');
  const { DEFAULT_TIMING } = require('../../src/assemble/timing') as typeof import('../../src/assemble/timing');
  const AGENT = 'feng-ws4.sme-feng.athens.cloudera.com/process/1546338951-ecs-ECS_AGENT/logs/stderr.log';
  const at = (base: string, s: number) => new Date(Date.parse(base) + s * 2000 + 8 * 3_600_000).toISOString().slice(0, 19) + '+08:00';
  const background = (base: string) => Array.from({ length: 3000 }, (_, i) => `time="${at(base, i)}" level=info msg="Connecting to proxy" url="wss://10.9.0.${i % 200}:9345/v1-rke2/connect"`);

  test.each([
    ['before the outage', (l: string[]) => [...l.slice(0, 2), ...background('2022-12-28T00:00:00Z'), ...l.slice(2)]],
    ['after the log ends', (l: string[]) => [...l, ...background('2022-12-29T10:00:00Z')]],
  ])('rotation %s', async (_n, insert) => {
    const dir = mkdtempSync(`${tmpdir()}/runs-story-`);
    try {
      cpSync(`${__dirname}/../../fixtures/ecs-server-down`, dir, { recursive: true });
      const lines = readFileSync(`${dir}/${AGENT}`, 'utf8').split('\n');
      writeFileSync(`${dir}/${AGENT}`, insert(lines).join('\n'));
      const opts = { timing: DEFAULT_TIMING, hosts: [] };
      const whole = await analyze([dir], { ...opts, runBudget: Infinity });
      const joined = await analyze([dir], { ...opts, runBudget: 500 });
      const agent = joined.inputs.find((i) => i.path.endsWith(AGENT))!;
      expect(agent.warnings.join('\n')).toMatch(/runs kept: past 500, repeats more than a minute apart joined/);
      expect(joined.incidents.length).toBeGreaterThan(0);
      expect(joined.incidents).toEqual(whole.incidents);
      expect(joined.findings).toEqual(whole.findings);
      expect(agent.events).toBe(whole.inputs.find((i) => i.path.endsWith(AGENT))!.events);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
