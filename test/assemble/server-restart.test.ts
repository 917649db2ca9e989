// A server's own restart (a rolling upgrade, a service restart): the agents lose it for seconds and
// take it back before the node-monitor grace period, and its own log shows the new process start in
// between. A restart, not an outage: no incident, one `server-restart` note. Without its own log
// the same blip stays an incident (`transient-loss`): from the agents a network blip looks the same.
import { reportOf } from '../support/scan';
import { journal, url } from '../support/lines';

const D = '2026-08-20';
const P = '10.0.0.12';
const j = (hms: string, level: string, msg: string, extra = '') => journal('ecs-w1', 988, D, hms, level, msg, extra);
const m2 = (hms: string, level: string, msg: string, extra = '') => journal('ecs-m2', 2537, D, hms, level, msg, extra);
const agent = [
  j('09:00:00', 'info', `Started tunnel to ${P}:9345`),
  j('17:13:37', 'error', 'Remotedialer proxy error; reconnecting...', `error="read tcp 10.0.0.21:44372->${P}:9345: i/o timeout" ${url(P)}`),
  j('17:13:38', 'info', `Server ${P}:9345@ACTIVE->FAILED from failed health check`),
  j('17:13:38', 'info', `Closing 5 connections to load balancer server ${P}:6443@FAILED`),
  j('17:13:50', 'info', 'Connecting to proxy', url(P)),
  j('17:13:51', 'info', 'Remotedialer connected to proxy', url(P)),
  j('17:13:52', 'info', `Server ${P}:9345@FAILED->RECOVERING from successful health check`),
  j('17:13:53', 'info', `Server ${P}:9345@RECOVERING->ACTIVE from successful health check`),
];
const own = [
  m2('09:00:00', 'info', `Running kubelet --node-ip=${P} --hostname-override=ecs-m2`),
  m2('17:13:36', 'info', 'Shutting down rke2-server'),
  m2('17:13:40', 'info', 'Starting rke2 v1.31.4+rke2r1 (a1b2c3d4e5f60718293a4b5c6d7e8f9012345678)'),
  m2('17:13:45', 'info', `Running kubelet --node-ip=${P} --hostname-override=ecs-m2`),
];

describe('a server restarted in 15 s, its own log in the input', () => {
  const r = reportOf([
    { path: 'ecs-w1/journal.log', node: 'ecs-w1', role: 'agent', lines: agent },
    { path: 'ecs-m2/journal.log', node: 'ecs-m2', role: 'server', lines: own },
  ]);
  test('no incident', () => {
    expect(r.incidents).toEqual([]);
  });
  test('one server-restart note citing its start-up', () => {
    const f = r.findings.filter((x) => x.code === 'server-restart');
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('info');
    expect(f[0].message).toMatch(/^ecs-m2 \(10\.0\.0\.12\) restarted at 09:13:37 UTC/);
    expect(f[0].evidence?.map((e) => e.text).join('\n')).toContain('Starting rke2 v1.31.4');
  });
});

describe('the same blip without the server\'s own log', () => {
  const r = reportOf([{ path: 'ecs-w1/journal.log', node: 'ecs-w1', role: 'agent', lines: agent }]);
  test('stays an incident, flagged transient-loss, no restart note', () => {
    expect(r.incidents.map((i) => [i.peer.address, i.findings.map((f) => f.code).includes('transient-loss')])).toEqual([[P, true]]);
    expect(r.findings.map((f) => f.code)).not.toContain('server-restart');
  });
});

describe('a restart longer than the grace period is an outage', () => {
  const slow = agent.map((l) => l.replace(/17:13:5(\d)/g, '17:15:5$1'));
  const r = reportOf([
    { path: 'ecs-w1/journal.log', node: 'ecs-w1', role: 'agent', lines: slow },
    { path: 'ecs-m2/journal.log', node: 'ecs-m2', role: 'server', lines: own },
  ]);
  test('an incident, no restart note', () => {
    expect(r.incidents).toHaveLength(1);
    expect(r.findings.map((f) => f.code)).not.toContain('server-restart');
  });
});
