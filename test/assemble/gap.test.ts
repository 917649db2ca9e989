// QA: the quiet gap (`--gap`, default 30m) at its boundary, and a 6-hour outage whose only
// evidence after the first minutes is a retry every ~45 minutes.
import { reportOf } from '../support/scan';
import { DEFAULT_TIMING } from '../../src/assemble/timing';
import { logrus, url, WS_1006, noRoute } from '../support/lines';

const D = '2022-12-29';
const P = '10.0.0.12';
const l = (hms: string, level: string, msg: string, extra = '') => logrus(D, hms, level, msg, extra);
const w1 = [
  l('10:00:00', 'info', `Updating load balancer rke2-agent-load-balancer server addresses -> [${P}:9345 10.0.0.11:9345 10.0.0.13:9345]`),
  l('17:00:00', 'error', 'Remotedialer proxy error', WS_1006),
  l('17:00:05', 'info', 'Connecting to proxy', url(P)),
  l('17:00:20', 'info', 'Updating load balancer rke2-agent-load-balancer server addresses -> [10.0.0.11:9345 10.0.0.13:9345]'),
  l('17:00:20', 'info', `Stopped tunnel to ${P}:9345`),
];
/** A second agent that was slow to notice: its tunnel stops `hms`. */
const w2 = (hms: string) => [
  l('10:00:00', 'info', `Updating load balancer rke2-agent-load-balancer server addresses -> [${P}:9345 10.0.0.11:9345]`),
  l(hms, 'info', 'Updating load balancer rke2-agent-load-balancer server addresses -> [10.0.0.11:9345]'),
  l(hms, 'info', `Stopped tunnel to ${P}:9345`),
];
const run = (w2at: string, gap = DEFAULT_TIMING.gap) => reportOf([
  { path: 'w1/stderr.log', node: 'w1', role: 'agent', lines: w1 },
  { path: 'w2/stderr.log', node: 'w2', role: 'agent', lines: w2(w2at) },
], [], { ...DEFAULT_TIMING, gap });

describe('--gap boundary', () => {
  test('loss evidence exactly one gap after the last evidence joins the incident', () => {
    const r = run('17:30:20');
    expect(r.incidents).toHaveLength(1);
    expect(r.incidents[0].observers.map((o) => o.node)).toEqual(['w1', 'w2']);
  });
  test('one second later it is a new outage of the same peer (no recovery seen in between, so not flapping)', () => {
    const r = run('17:30:21');
    expect(r.incidents.map((i) => [i.peer.address, i.start])).toEqual([[P, '2022-12-29T09:00:00.000Z'], [P, '2022-12-29T09:30:21.000Z']]);
    expect(r.incidents.flatMap((i) => i.findings.map((f) => f.code))).not.toContain('flapping');
  });
  test('--gap 10m moves the boundary', () => {
    expect(run('17:10:20', 600).incidents).toHaveLength(1);
    expect(run('17:10:21', 600).incidents).toHaveLength(2);
  });
});

describe('a 6-hour outage with sparse retries', () => {
  // a server whose apiserver endpoints keep the dead peer keeps dialling it; journald rate-limiting
  // left one retry every ~45 minutes in the log
  const m1 = [
    l('10:00:00', 'info', 'Connecting to proxy', url(P)),
    l('17:00:01', 'error', 'Remotedialer proxy error', WS_1006),
    l('17:00:06', 'info', 'Connecting to proxy', url(P)),
    ...['17:00:09', '17:45:11', '18:30:14', '19:15:20', '20:00:02', '20:45:31', '21:30:40', '22:15:05'].flatMap((t) => [
      l(t, 'error', 'Failed to connect to proxy', noRoute(P)),
    ]),
  ];
  const w1back = [...w1, l('23:00:05', 'info', `Updating load balancer rke2-agent-load-balancer server addresses -> [10.0.0.11:9345 10.0.0.13:9345 ${P}:9345]`)];
  const r = reportOf([
    { path: 'w1/stderr.log', node: 'w1', role: 'agent', lines: w1back },
    { path: 'm1/stderr.log', node: 'm1', role: 'server', lines: m1 },
  ]);

  test('one incident from the first sign to the peer back 6 hours later', () => {
    expect(r.incidents).toHaveLength(1);
    const inc = r.incidents[0];
    expect(inc.start).toBe('2022-12-29T09:00:00.000Z');
    expect(inc.milestones.peerBack?.time).toBe('2022-12-29T15:00:05.000Z');
    expect(inc.durations.downtime).toBe(6 * 3600 + 5);
  });
  test('the retries after the gap are not dropped: the timeline runs to the last one', () => {
    const times = r.incidents[0].timeline.map((e) => e.time);
    expect(times).toContain('2022-12-29T14:15:05.000Z');
  });
  test('no peer-unreachable finding for a peer that was seen up', () => {
    expect(r.findings.map((f) => f.code)).not.toContain('peer-unreachable');
  });
});
