// QA: Dec-2024+ wording, the health check fails (`@ACTIVE->FAILED`) and the peer recovers 5 s later.
import { reportOf } from '../support/scan';
import { journal, url } from '../support/lines';
import { summaryOf } from '../../src/render/words';

const D = '2026-08-20';
const P = '10.0.0.12';
const j = (hms: string, level: string, msg: string, extra = '') => journal('ecs-w1', 988, D, hms, level, msg, extra);
const blip = [
  j('09:00:00', 'info', `Started tunnel to ${P}:9345`),
  j('17:13:37', 'error', 'Remotedialer proxy error; reconnecting...', `error="read tcp 10.0.0.21:44372->${P}:9345: i/o timeout" ${url(P)}`),
  j('17:13:38', 'info', `Server ${P}:9345@ACTIVE->FAILED from failed health check`),
  j('17:13:38', 'info', `Server ${P}:6443@ACTIVE->FAILED from failed health check`),
  j('17:13:38', 'info', `Closing 5 connections to load balancer server ${P}:6443@FAILED`),
  j('17:13:38', 'info', 'Server 10.0.0.13:6443@PREFERRED->ACTIVE from successful dial'),
  j('17:13:40', 'info', 'Connecting to proxy', url(P)),
  j('17:13:41', 'info', 'Remotedialer connected to proxy', url(P)),
  j('17:13:42', 'info', `Server ${P}:9345@FAILED->RECOVERING from successful health check`),
  j('17:13:43', 'info', `Server ${P}:9345@RECOVERING->ACTIVE from successful health check`),
  j('17:13:43', 'info', `Server ${P}:6443@FAILED->RECOVERING from successful health check`),
  j('17:13:44', 'info', `Server ${P}:6443@RECOVERING->ACTIVE from successful health check`),
];

describe('a 5-second health-check blip (29e+ wording)', () => {
  const r = reportOf([{ path: 'ecs-w1/journal.log', node: 'ecs-w1', role: 'agent', lines: blip }]);
  const inc = r.incidents[0];
  // DESIGN §6: a health state going to FAILED is a loss transition, so it is an incident (the
  // agent did fail over for those seconds); it is short and flagged so, never a node outage
  test('one short incident, ended by the tunnel coming back 4 s later', () => {
    expect(r.incidents).toHaveLength(1);
    expect(inc.start).toBe('2026-08-20T09:13:37.000Z');
    expect(inc.durations).toMatchObject({ failover: 1, downtime: 4, detect: null });
    expect(inc.milestones.peerBack?.evidence.text).toContain('Remotedialer connected to proxy');
  });
  test('flagged as a transient loss below the node-monitor grace period, no reaper warning', () => {
    const codes = inc.findings.map((f) => f.code);
    expect(codes).toContain('transient-loss');
    expect(codes).not.toContain('no-reaper-logs');
    expect(inc.findings.find((f) => f.code === 'transient-loss')!.message).toContain('40s');
  });
});

// 2022-2023 wordings log no "connected" line: the tunnel is back when a reconnect attempt is
// followed by no error, retry or loss for a minute (messages.md §2.1 `Connecting to proxy`)
describe('a tunnel blip in the 2023 wording', () => {
  const D23 = '2023-11-22';
  const k = (hms: string, level: string, msg: string, extra = '') => journal('ecs-w1', 988, D23, hms, level, msg, extra);
  const head = [
    k('09:00:00', 'info', 'Connecting to proxy', url(P)),
    k('17:13:37', 'error', 'Remotedialer proxy error', 'error="websocket: close 1006 (abnormal closure): unexpected EOF"'),
    k('17:13:42', 'info', 'Connecting to proxy', url(P)),
  ];
  const later = k('17:40:00', 'info', 'Tunnel authorizer set Kubelet Port 10250');
  const run = (lines: string[]) => reportOf([{ path: 'ecs-w1/journal.log', node: 'ecs-w1', role: 'agent', lines }]);

  test('a reconnect no error follows ends the incident: 5 s, transient', () => {
    const r = run([...head, later]);
    expect(r.incidents.map((i) => [i.start, i.durations.downtime, i.findings.map((f) => f.code)])).toEqual([
      ['2023-11-22T09:13:37.000Z', 5, ['transient-loss']],
    ]);
    expect(r.incidents[0].milestones.peerBack?.evidence.line).toBe(3);
  });
  test('a reconnect answered by a failed dial is not a recovery', () => {
    const r = run([...head, k('17:13:45', 'error', 'Failed to connect to proxy. Empty dialer response', `error="dial tcp ${P}:9345: connect: no route to host"`), later]);
    expect(r.incidents[0].end).toBeNull();
  });
  test('when the log ends within the minute nothing is claimed', () => {
    const r = run(head);
    expect(r.incidents[0].end).toBeNull();
  });
  test('the start-up connection shows the peer up, not back', () => {
    const r = run([head[0], later]);
    expect(r.incidents).toEqual([]);
  });
});

describe('the summary sentence of a blip', () => {
  test('says briefly unreachable, not went down', () => {
    const inc = reportOf([{ path: 'ecs-w1/journal.log', node: 'ecs-w1', role: 'agent', lines: blip }]).incidents[0];
    expect(summaryOf(inc)).toBe('Server 10.0.0.12 was briefly unreachable at 09:13:37 UTC; traffic failed over in 1s; it came back after 4s.');
  });
});
