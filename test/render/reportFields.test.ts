// The report fields assembly is adding (windows, cause, cycles, logsEnd, runs), rendered in every
// format from a hand-made Report: windows first, no OUTAGE MITIGATED inside a control-plane-down
// window, one "Cause:" line with its evidence, cycles said once, where the logs end, runs as ×N.
import { renderHtml } from '../../src/render/html';
import { renderMarkdown } from '../../src/render/markdown';
import { renderJira } from '../../src/render/jira';
import { renderTable } from '../../src/render/table';
import { renderJson } from '../../src/render/json';
import { phasesOf } from '../../src/render/phases';
import { handmadeReport } from './handmade';

const r = handmadeReport();
const o = { tz: 'UTC', color: false };
const FORMATS: Array<[string, string, string, string]> = (() => {
  // the same incidents with the windows an hour earlier: neither overlaps one, both keep their mitigation
  const later = { ...r, windows: r.windows!.map((w) => ({ ...w, start: '2024-10-20T08:00:00.000Z', end: '2024-10-20T08:10:00.000Z' })) };
  // only etcd's quorum lost (one server stayed reachable): both incidents overlap it
  const quorum = { ...r, windows: [{ ...r.windows![1], end: '2024-10-20T09:05:00.000Z' }] };
  return ([['table', renderTable], ['markdown', renderMarkdown], ['html', renderHtml], ['jira', renderJira]] as const).map(([n, f]): [string, string, string, string] => [n, f(r, o), f(later, o), f(quorum, o)]);
})();
/** The section of incident `id`: from its heading to the next incident's, or to the report's findings. */
const section = (text: string, id: number) => {
  const one = text.indexOf('Incident 1:');
  const two = text.indexOf('Incident 2:');
  return id === 1 ? text.slice(one, two) : text.slice(two, text.indexOf('Other findings', two));
};

describe.each(FORMATS)('%s', (_name, text, later, quorum) => {
  test('lists the cluster windows first, with their message as the headline', () => {
    const cp = text.indexOf('Control plane down from 2024-10-20 09:00:30 UTC to 2024-10-20 09:05:00 UTC (4m30s)');
    expect(cp).toBeGreaterThan(-1);
    expect(text.indexOf('etcd quorum lost from 2024-10-20 09:00:30 UTC (not over in the logs)')).toBeGreaterThan(cp);
    expect(text.indexOf('Every server was lost: no API')).toBeGreaterThan(cp);
    expect(cp).toBeLessThan(text.indexOf('Incident 1:'));
  });

  test('a failover before the control-plane-down window is told with what became of it: no OUTAGE MITIGATED', () => {
    const one = section(text, 1);
    expect(one).not.toContain('OUTAGE MITIGATED');
    expect(one).not.toContain('no server was left to fail over to');
    // it did fail over (to the server still up), and that server was lost in turn when the window began
    expect(one).toContain('traffic failed over in 5s (at 09:00:05 UTC) to 10.0.0.11, the only server still up, which was lost 25s later: the control plane went down at 09:00:30 UTC (W1)');
    expect(one).toContain('failover phase');
    // outside any window, it is mitigated
    expect(section(later, 1)).toContain('OUTAGE MITIGATED');
  });

  test('an incident whose balancers act inside the control-plane-down window shows no failover anywhere', () => {
    const two = section(text, 2);
    for (const no of ['OUTAGE MITIGATED', 'traffic failed over', 'load balancer failed over', 'failover phase']) expect({ no, has: two.includes(no) }).toEqual({ no, has: false });
    expect(two).toContain('the load balancers marked it failed at 09:00:31 UTC, but no server was left to fail over to: the control plane was down from 09:00:30 UTC (W1)');
    // the line stays, as what it was; the durations say no server was left
    expect(two).toContain('load balancer marked it failed (no server left)');
    expect(two).toContain('none (no server left)');
  });

  test('says the cause in one line with its evidence ref, and where the logs end', () => {
    const one = section(text, 1);
    expect(one.match(/Cause: shutdown: ecs-m2 logged a stop sequence[^\n]*\(.{0,40}E4/g)).toHaveLength(1);
    expect(one).toContain('it did not come back in the logs (logs end 1m10s after the start)');
    expect(one).toContain('ecs-m2/journald/rke2-server:40');
  });

  test('lists each lost/back cycle of the flapping peer once', () => {
    const two = section(text, 2);
    const line = 'Lost 3 times (UTC): lost 09:00:30, back 09:01:00 (30s); lost 09:02:00, back 09:02:40 (40s); lost 09:03:00, back 09:05:00 (2m00s).';
    expect(two.split(line).length - 1).toBe(1);
  });

  test('a summary row per window and per incident', () => {
    const summary = text.slice(text.indexOf('Summary'), text.indexOf('Incident 1:'));
    for (const s of ['W1', 'W2', 'Control plane down (2 servers)', 'etcd quorum lost (2 servers)', 'server 10.0.0.12 (ecs-m2)', 'server 10.0.0.11 (ecs-m1)', 'shutdown']) expect(summary).toContain(s);
  });

  test('inside an etcd-quorum-lost window (no control-plane-down) a failover did not restore service: no OUTAGE MITIGATED', () => {
    const [one, two] = [section(quorum, 1), section(quorum, 2)];
    for (const s of [one, two]) {
      expect(s).not.toContain('OUTAGE MITIGATED');
      expect(s).toContain('the API could not write until quorum returned at 09:05:00 UTC, so the failover did not restore service');
    }
    expect(one).toContain('traffic failed over in 5s (at 09:00:05 UTC), but etcd lost quorum at 09:00:30 UTC (W1)');
    expect(two).toContain('traffic failed over in 1s (at 09:00:31 UTC), but etcd had lost quorum at 09:00:30 UTC (W1)');
    // outside any window it is a real one
    expect(section(later, 2)).toContain('OUTAGE MITIGATED');
  });

  test('phases run from the start to the end of the logs, the load balancer first, never called by a duration name', () => {
    const one = section(text, 1);
    for (const p of ['failover phase', 'detect phase', 'down phase']) expect(one).toContain(p);
    expect(one).not.toMatch(/evict phase|reap phase/);
    expect(one).not.toMatch(/\bfailover 5s\b.*phase|phase\b[^\n]*\bfailover 5s/);
  });
});

test('the observers\' LB failover column says when a balancer marked the server failed with no server left', () => {
  // incident 2 seen by ecs-w1, whose balancer acts inside the control-plane-down window
  const inc = { ...r.incidents[1], observers: [{ node: 'ecs-w1', firstSign: r.incidents[1].start, tunnelStopped: null, loadBalancerFailover: r.incidents[1].milestones.loadBalancerFailover!.time, peerBack: null }] };
  const withObs = { ...r, incidents: [r.incidents[0], inc] };
  for (const [name, f] of [['table', renderTable], ['markdown', renderMarkdown], ['html', renderHtml], ['jira', renderJira]] as const) {
    const two = section(f(withObs, o), 2);
    expect({ name, has: two.includes('(marked failed, no server left)') }).toEqual({ name, has: true });
  }
});

describe('runs of repeated lines', () => {
  test('Markdown, Jira and the table show ×N until the last one', () => {
    for (const [name, text] of FORMATS.filter(([n]) => n !== 'html')) expect({ name, has: text.includes('×120 until 09:00:59') }).toEqual({ name, has: true });
  });

  test('HTML draws a run as one bar from first to last with the count in its hover title', () => {
    const html = FORMATS[2][1];
    const bars = [...html.matchAll(/<rect class="run fam-tunnel" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"[^>]*data-count="120"><title>([^<]*)<\/title>/g)];
    expect(bars.length).toBeGreaterThanOrEqual(1);
    expect(Number(bars[0][2])).toBeGreaterThan(10);
    expect(bars[0][3]).toContain('×120 until 2024-10-20 09:00:59 UTC');
  });

  test('HTML bands the control-plane-down window across the swimlane of incidents inside it', () => {
    const html = FORMATS[2][1];
    const inc2 = html.slice(html.indexOf('id="inc2"'));
    expect(inc2).toMatch(/<g class="window-band" data-window="control-plane-down"><rect x="[\d.]+" y="\d+" width="[\d.]+" height="\d+"><title>Control plane down: Every server was lost/);
  });
});

test('JSON keeps the windows as the contract has them', () => {
  expect(JSON.parse(renderJson(r)).windows.map((w: { kind: string }) => w.kind)).toEqual(['control-plane-down', 'etcd-quorum-lost']);
});

describe('phases', () => {
  test('in time order: a load balancer acting before the tunnel stops keeps its phase; down until the logs end', () => {
    expect(phasesOf(r.incidents[0]).map((p) => [p.name, p.from.slice(11, 19), p.to.slice(11, 19), p.seconds])).toEqual([
      ['failover', '09:00:00', '09:00:05', 5], ['detect', '09:00:05', '09:00:12', 7], ['down', '09:00:12', '09:01:10', 58],
    ]);
  });
  test('a peer that came back ends the down phase at its return; shares add up to one', () => {
    const ps = phasesOf(r.incidents[1]);
    expect(ps[ps.length - 1]).toMatchObject({ name: 'down', to: '2024-10-20T09:05:00.000Z' });
    expect(ps.reduce((a, p) => a + p.share, 0)).toBeCloseTo(1);
  });
});
