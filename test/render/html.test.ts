// HTML report: self-contained, one swimlane lane per node, every log-derived string escaped.
import { promises as fs } from 'node:fs';
import { renderHtml } from '../../src/render/html';
import { esc } from '../../src/render/escape';
import { lanesOf } from '../../src/render/swimlane';
import { runCli, CASE1, CASE2 } from '../support/cli';
import { hostileCase1, hostileReport, HOSTILE_POD, HOSTILE_POD_NOSPACE } from '../support/hostile';

describe('esc', () => {
  test('replaces the five markup characters and controls', () => {
    expect(esc(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(esc('a\u0000b\u001bc\td')).toBe('a b c\td');
    expect(esc(null)).toBe('');
  });
});

describe('HTML report of seed Case #1', () => {
  let html: string;
  beforeAll(async () => {
    const run = await runCli([CASE1, '--format', 'html']);
    expect(run.code).toBe(0);
    html = run.stdout;
  });

  test('is one self-contained document: no script, no external URL, a CSP that forbids both', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<iframe|<object|@import|url\(/i);
    expect(html).not.toMatch(/(?:src|href)="(?!#)/i);
    expect(html).toMatch(/Content-Security-Policy" content="default-src 'none'/);
  });

  test('has one swimlane lane per observer node plus the pod-reaper', () => {
    const full = html.slice(html.indexOf('<svg class="swimlane"'), html.indexOf('</svg>'));
    const lanes = [...full.matchAll(/<g class="lane" data-node="([^"]*)"/g)].map((m) => m[1]);
    expect(lanes).toEqual([1, 3, 4, 5, 6].map((n) => `feng-ws${n}.sme-feng.athens.cloudera.com`).concat('pod-reaper'));
  });

  test('has a mark with a hover time for every timeline event, and the four phase bars', async () => {
    const json = JSON.parse((await runCli([CASE1, '--format', 'json'])).stdout);
    const events = json.incidents[0].timeline.length;
    const full = html.slice(html.indexOf('<svg class="swimlane"'), html.indexOf('</svg>'));
    expect(full.match(/<circle class="mark /g)).toHaveLength(events);
    expect(html).toContain('<title>2022-12-29 09:13:53 UTC\ntunnel.stopped → 10.113.207.142:9345');
    expect([...full.matchAll(/data-phase="(\w+)"/g)].map((m) => m[1])).toEqual(['detect', 'failover', 'evict', 'reap', 'down']);
  });

  test('zooms into the crowded first minutes: all loss events from 09:13:37 to 09:14:47', () => {
    const detail = html.slice(html.indexOf('<svg class="swimlane detail"'));
    expect(html).toContain('<h3>The first 1m14s in detail</h3>');
    const times = [...detail.slice(0, detail.indexOf('</svg>')).matchAll(/data-time="([^"]+)"/g)].map((m) => m[1]);
    expect(times.length).toBeGreaterThan(20);
    expect(times.every((t) => t >= '2022-12-29T09:13:37.000Z' && t <= '2022-12-29T09:14:47.000Z')).toBe(true);
  });

  test('shows the markers, the numbers and the evidence lines', () => {
    for (const s of ['OUTAGE BEGINS', 'OUTAGE MITIGATED', 'OUTAGE ENDS', '26m25s', '19m37s', 'stderr.log:312']) expect(html).toContain(s);
    expect(html).toContain('msg=&quot;Stopped tunnel to 10.113.207.142:9345&quot;');
  });
});

describe('HTML report of seed Case #2', () => {
  test('has only the pod-reaper lane and an estimated start line', async () => {
    const html = (await runCli([CASE2, '--format', 'html'])).stdout;
    expect([...html.matchAll(/<g class="lane" data-node="([^"]*)"/g)].map((m) => m[1])).toEqual(['pod-reaper']);
    expect(html).toContain('OUTAGE BEGINS (estimated)');
  });
});

describe('hostile log text', () => {
  let dir: string;
  beforeAll(async () => { dir = await hostileCase1(); });
  afterAll(async () => { await fs.rm(dir, { recursive: true, force: true }); });

  test('a markup pod name from a real reaper line renders as text', async () => {
    const html = (await runCli([dir, '--format', 'html'])).stdout;
    expect(html).toContain(esc(HOSTILE_POD_NOSPACE));
    expect(html).not.toContain(HOSTILE_POD_NOSPACE);
    expect(html).not.toMatch(/<img/i);
  });

  test('markup injected anywhere in the report stays text', async () => {
    const r = await hostileReport(dir);
    expect(lanesOf(r.incidents[0])).toHaveLength(6);
    const html = renderHtml(r, { tz: 'Asia/Shanghai', color: false });
    expect(html).toContain(esc(HOSTILE_POD));
    expect(html).not.toMatch(/<img|<script|<b>ns/i);
  });
});
