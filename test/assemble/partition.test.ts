// QA: an agent is cut off from the network for 10 minutes (2024 wording). From its own log every
// server looks lost at once; the servers' logs, covering the same time, lose no one. The
// incidents stay (they are what the agent saw) and a finding says the agent was the isolated one.
import { reportOf } from '../support/scan';
import { journal, url } from '../support/lines';

const D = '2024-10-20';
const SERVERS = ['10.0.0.11', '10.0.0.12', '10.0.0.13'];
const w2 = (hms: string, level: string, msg: string, extra = '') => journal('ecs-w2', 990, D, hms, level, msg, extra);
const agent = [
  ...SERVERS.map((ip) => w2('09:00:00', 'info', 'Remotedialer connected to proxy', url(ip))),
  ...SERVERS.map((ip) => w2('17:13:37', 'error', 'Remotedialer proxy error; reconnecting...', `error="read tcp 10.0.0.22:4437->${ip}:9345: i/o timeout" ${url(ip)}`)),
  ...SERVERS.map((ip) => w2('17:13:38', 'info', 'Connecting to proxy', url(ip))),
  ...SERVERS.map((ip) => w2('17:13:48', 'error', 'Failed to connect to proxy. Empty dialer response', `error="dial tcp ${ip}:9345: i/o timeout"`)),
  ...SERVERS.map((ip) => w2('17:23:41', 'info', 'Remotedialer connected to proxy', url(ip))),
];
const server = (node: string, pid: number) => [
  journal(node, pid, D, '09:00:00', 'info', 'Handling backend connection request [ecs-w2]'),
  journal(node, pid, D, '17:13:40', 'info', 'error in remotedialer server [400]: read tcp 10.0.0.11:9345->10.0.0.22:4437: i/o timeout'),
  journal(node, pid, D, '17:23:41', 'info', 'Handling backend connection request [ecs-w2]'),
  journal(node, pid, D, '17:40:00', 'info', 'Tunnel authorizer set Kubelet Port 10250'),
];

describe('an agent cut off for 10 minutes', () => {
  const r = reportOf([
    { path: 'ecs-w2/journal.log', node: 'ecs-w2', role: 'agent', lines: agent },
    { path: 'ecs-m1/journal.log', node: 'ecs-m1', role: 'server', lines: server('ecs-m1', 1532) },
    { path: 'ecs-m3/journal.log', node: 'ecs-m3', role: 'server', lines: server('ecs-m3', 1610) },
  ]);
  test('what the agent saw: every server lost and back, one incident each', () => {
    expect(r.incidents.map((i) => [i.peer.address, i.durations.downtime])).toEqual(SERVERS.map((ip) => [ip, 604]));
  });
  // ecs-m1's address is learnt from its own `read tcp 10.0.0.11:9345->...` line
  test('a finding names the agent as the isolated node', () => {
    const f = r.findings.filter((x) => x.code === 'observer-isolated');
    expect(f).toHaveLength(1);
    expect(f[0].message).toMatch(/^ecs-w2 lost ecs-m1, 10\.0\.0\.12, 10\.0\.0\.13 within 60s \(incidents 1, 2, 3\), and no other node .*\(ecs-m1, ecs-m3\)/);
  });
});

describe('a real server outage seen by one agent only is not called isolation', () => {
  const r = reportOf([{ path: 'ecs-w2/journal.log', node: 'ecs-w2', role: 'agent', lines: agent.filter((l) => l.includes('10.0.0.12')) }, { path: 'ecs-m1/journal.log', node: 'ecs-m1', role: 'server', lines: server('ecs-m1', 1532) }]);
  test('one lost peer: no finding', () => {
    expect(r.incidents).toHaveLength(1);
    expect(r.findings.map((f) => f.code)).not.toContain('observer-isolated');
  });
});

describe('two servers lost at once, seen by the only rke2 log given', () => {
  const kcmOnly = ['I1020 09:00:00.100000       1 node_lifecycle_controller.go:1054] "Controller detected that some Nodes are Ready. Exiting master disruption mode"', 'I1020 09:30:00.100000       1 node_lifecycle_controller.go:1054] "Controller detected that some Nodes are Ready. Exiting master disruption mode"'];
  const r = reportOf([
    { path: 'ecs-w2/journal.log', node: 'ecs-w2', role: 'agent', lines: agent.filter((l) => !l.includes('10.0.0.11')) },
    { path: 'ecs-m1/kcm.log', node: 'ecs-m1', role: 'server', lines: kcmOnly, year: 2024 },
  ]);
  test('a node with no rke2 tunnel lines is no witness: no finding', () => {
    expect(r.incidents).toHaveLength(2);
    expect(r.findings.map((f) => f.code)).not.toContain('observer-isolated');
  });
});
