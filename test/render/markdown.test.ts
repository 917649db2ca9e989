// Markdown report: markers, phase breakdown, display zone beside UTC, escaping of log text.
import { promises as fs } from 'node:fs';
import { renderMarkdown } from '../../src/render/markdown';
import { mdCode, mdText } from '../../src/render/mdEscape';
import { dominantPhase, phasesOf } from '../../src/render/phases';
import { runCli, CASE1 } from '../support/cli';
import { hostileCase1, hostileReport, HOSTILE_POD } from '../support/hostile';

describe('Markdown report of seed Case #1', () => {
  let md: string;
  beforeAll(async () => { md = (await runCli([CASE1, '--format', 'markdown', '--tz', 'Asia/Shanghai'])).stdout; });

  test('puts the SRE markers on the milestone rows', () => {
    expect(md).toMatch(/^\| 09:13:37 \(17:13:37\) \| \+0s \| \*\*OUTAGE BEGINS\*\* first sign of failure \|/m);
    expect(md).toMatch(/^\| 09:14:13 \(17:14:13\) \| \+36s \| \*\*OUTAGE MITIGATED\*\* load balancer failed over \|/m);
    // the node is not back when the logs end: force-deleting its pods is not the outage's end, no OUTAGE ENDS
    expect(md).toMatch(/^\| 09:40:02 \(17:40:02\) \| \+26m25s \| last pod force-deleted \|/m);
    expect(md).not.toContain('OUTAGE ENDS**');
  });

  test('says the reaper wait dominated, with the phase table', () => {
    expect(md).toContain('Most of it (66%, 19m37s) was the **reap phase**');
    expect(md).toMatch(/^\| \*\*evict phase\*\* \| 09:14:13 \(17:14:13\) \| 09:20:25 \(17:20:25\) \| 6m12s \| 21% \|/m);
    // after the last force-delete the node is still down until the logs end (09:43:11): said, not cut off
    expect(md).toMatch(/^\| \*\*down phase\*\* \| 09:40:02 \(17:40:02\) \| 09:43:11 \(17:43:11\) \| 3m09s \| 11% \|/m);
  });

  test('cites path:line and the shortened line for each milestone', () => {
    expect(md).toContain('| E2 | `ecs-server-down/feng-ws1.sme-feng.athens.cloudera.com/process/1546338947-ecs-ECS_SERVER/logs/stderr.log:312` | `time="2022-12-29T17:13:53+08:00" level=info msg="Stopped tunnel to 10.113.207.142:9345"` |');
  });

  test('every table row has as many cells as its header', () => {
    const blocks = md.split('\n\n').filter((b) => b.startsWith('| '));
    expect(blocks.length).toBeGreaterThan(5);
    for (const b of blocks) {
      const widths = b.trim().split('\n').map((l) => l.replace(/\\\|/g, '').split('|').length);
      expect(new Set(widths).size).toBe(1);
    }
  });
});

describe('phases', () => {
  test('Case #1 phases follow each other from the start to where the logs end', async () => {
    const r = JSON.parse((await runCli([CASE1, '--format', 'json'])).stdout);
    const phases = phasesOf(r.incidents[0]);
    expect(phases.map((p) => [p.name, p.seconds])).toEqual([['detect', 16], ['failover', 20], ['evict', 372], ['reap', 1177], ['down', 189.194]]);
    expect(phases.slice(0, 4).reduce((a, p) => a + p.seconds, 0)).toBe(r.incidents[0].durations.interruption);
    expect(phases.reduce((a, p) => a + p.seconds, 0)).toBeCloseTo((Date.parse(r.incidents[0].logsEnd) - Date.parse(r.incidents[0].start)) / 1000, 3);
    expect(dominantPhase(phases)?.name).toBe('reap');
  });
});

describe('Markdown escaping', () => {
  test('text cannot become markup, HTML or a cell break', () => {
    expect(mdText('<img src=x> | *a* [l](u)')).toBe('&lt;img src=x&gt; \\| \\*a\\* \\[l\\](u)');
    expect(mdCode('a `b` | c')).toBe('`` a `b` \\| c ``');
    expect(mdCode('x|y', false)).toBe('`x|y`');
  });

  test('a hostile pod name stays text in the whole report', async () => {
    const dir = await hostileCase1();
    try {
      const md = renderMarkdown(await hostileReport(dir), { tz: 'UTC', color: false });
      expect(md).toContain('&lt;img src=x onerror=alert(1)&gt;');
      // Outside code spans (where Markdown shows text literally) no markup may remain.
      const prose = md.replace(/(`+)[^`].*?\1/g, '');
      expect(prose).not.toContain(HOSTILE_POD);
      expect(prose).not.toMatch(/<img|<script|<b>ns/i);
      expect(md).toContain('`Thu Dec 29 09:40:02 UTC 2022 Force delete pod <img src=x onerror=alert(1)> in namespace <b>ns</b>');
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
