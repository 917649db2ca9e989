// QA: an ECS server dies and comes back 20 minutes later (2023 wording: Removing/Adding server,
// `Updated ... [default: ...]`). peerBack comes from the survivors only, never from the dead
// node's own restart lines.
import { reportOf } from '../support/scan';
import { journal as j, logrus, url, WS_1006, SERVER_400 } from '../support/lines';

const D = '2023-11-22';
const M2 = '10.0.0.12';
const HOSTS: Array<[string, string]> = [['ecs-m1', '10.0.0.11'], ['ecs-m2', M2], ['ecs-m3', '10.0.0.13'], ['ecs-w1', '10.0.0.21']];
const DIAL = `error="dial tcp ${M2}:9345: connect: no route to host"`;

const w1 = [
  j('ecs-w1', 988, D, '09:00:01', 'info', 'Running load balancer rke2-agent-load-balancer 127.0.0.1:6444 -> [10.0.0.11:9345] [default: 10.0.0.11:9345]'),
  j('ecs-w1', 988, D, '09:00:05', 'info', 'Updated load balancer rke2-agent-load-balancer server addresses -> [10.0.0.11:9345 10.0.0.12:9345 10.0.0.13:9345] [default: 10.0.0.11:9345]'),
  j('ecs-w1', 988, D, '09:00:05', 'info', 'Connecting to proxy', url(M2)),
  j('ecs-w1', 988, D, '17:13:37', 'error', 'Remotedialer proxy error', WS_1006),
  j('ecs-w1', 988, D, '17:13:42', 'info', 'Connecting to proxy', url(M2)),
  j('ecs-w1', 988, D, '17:13:45', 'error', 'Failed to connect to proxy. Empty dialer response', DIAL),
  j('ecs-w1', 988, D, '17:13:54', 'info', `Removing server from load balancer rke2-api-server-agent-load-balancer: ${M2}:6443`),
  j('ecs-w1', 988, D, '17:13:54', 'info', 'Updated load balancer rke2-api-server-agent-load-balancer server addresses -> [10.0.0.11:6443 10.0.0.13:6443] [default: 10.0.0.11:6443]'),
  j('ecs-w1', 988, D, '17:13:54', 'info', `Removing server from load balancer rke2-agent-load-balancer: ${M2}:9345`),
  j('ecs-w1', 988, D, '17:13:54', 'info', 'Updated load balancer rke2-agent-load-balancer server addresses -> [10.0.0.11:9345 10.0.0.13:9345] [default: 10.0.0.11:9345]'),
  j('ecs-w1', 988, D, '17:13:54', 'info', `Stopped tunnel to ${M2}:9345`),
  j('ecs-w1', 988, D, '17:33:40', 'info', `Adding server to load balancer rke2-agent-load-balancer: ${M2}:9345`),
  j('ecs-w1', 988, D, '17:33:40', 'info', 'Updated load balancer rke2-agent-load-balancer server addresses -> [10.0.0.11:9345 10.0.0.13:9345 10.0.0.12:9345] [default: 10.0.0.11:9345]'),
  j('ecs-w1', 988, D, '17:33:40', 'info', 'Connecting to proxy', url(M2)),
];
const m1 = [
  j('ecs-m1', 1532, D, '17:13:37', 'info', SERVER_400),
  j('ecs-m1', 1532, D, '17:13:37', 'error', 'Remotedialer proxy error', WS_1006),
  j('ecs-m1', 1532, D, '17:13:42', 'info', 'Connecting to proxy', url(M2)),
  j('ecs-m1', 1532, D, '17:13:45', 'error', 'Failed to connect to proxy. Empty dialer response', DIAL),
  j('ecs-m1', 1532, D, '17:13:53', 'info', `Stopped tunnel to ${M2}:9345`),
  j('ecs-m1', 1532, D, '17:33:38', 'info', 'Handling backend connection request [ecs-m2]'),
  j('ecs-m1', 1532, D, '17:33:40', 'info', 'Connecting to proxy', url(M2)),
];
const m3 = [
  j('ecs-m3', 1610, D, '17:13:38', 'info', SERVER_400),
  j('ecs-m3', 1610, D, '17:13:39', 'error', 'Remotedialer proxy error', WS_1006),
  j('ecs-m3', 1610, D, '17:13:44', 'info', 'Connecting to proxy', url(M2)),
  j('ecs-m3', 1610, D, '17:13:55', 'info', `Stopped tunnel to ${M2}:9345`),
  j('ecs-m3', 1610, D, '17:33:39', 'info', 'Handling backend connection request [ecs-m2]'),
];
// the dead server's own stderr.log: its restart, its agent tunnelling to its own supervisor
const m2 = [
  logrus(D, '09:00:00', 'info', 'Handling backend connection request [ecs-w1]'),
  logrus(D, '17:32:31', 'info', 'Starting rke2 v1.25.16+rke2r1 (a1b2c3d4)'),
  logrus(D, '17:33:30', 'info', 'Connecting to proxy', url('10.0.0.11')),
  logrus(D, '17:33:30', 'info', 'Connecting to proxy', url(M2)),
  logrus(D, '17:33:31', 'info', 'Handling backend connection request [ecs-m2]'),
  logrus(D, '17:33:35', 'info', 'Handling backend connection request [ecs-m1]'),
  logrus(D, '17:33:41', 'info', 'rke2 is up and running'),
];

describe('server down 20 minutes and back (2023 wording)', () => {
  const r = reportOf([
    { path: 'ecs-w1/journal.log', node: 'ecs-w1', role: 'agent', lines: w1 },
    { path: 'ecs-m1/journal.log', node: 'ecs-m1', role: 'server', lines: m1 },
    { path: 'ecs-m3/journal.log', node: 'ecs-m3', role: 'server', lines: m3 },
    { path: 'ecs-m2/stderr.log', node: 'ecs-m2', role: 'server', lines: m2 },
  ], HOSTS);
  const inc = r.incidents[0];

  test('one incident for ecs-m2, ended by the first survivor that saw it back', () => {
    expect(r.incidents).toHaveLength(1);
    expect(inc.peer).toEqual({ address: M2, node: 'ecs-m2', role: 'server' });
    expect(inc.milestones.peerBack).toMatchObject({ time: '2023-11-22T09:33:38.000Z', node: 'ecs-m1' });
    expect(inc.end).toBe('2023-11-22T09:33:38.000Z');
    expect(inc.durations).toMatchObject({ detect: 16, failover: 17, downtime: 20 * 60 + 1 });
  });

  test('the dead node\'s own restart lines are not peerBack and it is no observer', () => {
    expect(inc.milestones.peerBack?.evidence.path).not.toBe('ecs-m2/stderr.log');
    expect(inc.observers.map((o) => o.node)).not.toContain('ecs-m2');
  });

  test('each survivor with its own loss and recovery times', () => {
    expect(inc.observers.map((o) => [o.node, o.tunnelStopped, o.loadBalancerFailover, o.peerBack])).toEqual([
      ['ecs-m1', '2023-11-22T09:13:53.000Z', null, '2023-11-22T09:33:38.000Z'],
      ['ecs-w1', '2023-11-22T09:13:54.000Z', '2023-11-22T09:13:54.000Z', '2023-11-22T09:33:40.000Z'],
      ['ecs-m3', '2023-11-22T09:13:55.000Z', null, '2023-11-22T09:33:39.000Z'],
    ]);
  });

  test('no second incident from the restart, no flapping', () => {
    expect(r.findings.map((f) => f.code)).not.toContain('peer-unreachable');
    expect(inc.findings.map((f) => f.code)).not.toContain('flapping');
  });
});

describe('server down and back, no address-to-name map (2022 wording, servers only)', () => {
  const l = (hms: string, level: string, msg: string, extra = '') => logrus('2022-12-29', hms, level, msg, extra);
  const m1b = [
    l('09:00:00', 'info', 'Connecting to proxy', url(M2)),
    l('17:13:37', 'info', SERVER_400),
    l('17:13:37', 'error', 'Remotedialer proxy error', WS_1006),
    l('17:13:42', 'info', 'Connecting to proxy', url(M2)),
    l('17:13:45', 'error', 'Failed to connect to proxy', DIAL),
    l('17:13:53', 'info', `Stopped tunnel to ${M2}:9345`),
    l('17:33:40', 'info', 'Connecting to proxy', url(M2)),
    l('17:50:00', 'info', 'Tunnel authorizer set Kubelet Port 10250'),
  ];
  // the dead server's own log: at restart its agent dials every server, itself included
  const m2b = [
    l('09:00:00', 'info', 'Connecting to proxy', url('10.0.0.11')),
    l('17:32:31', 'info', 'Starting rke2 v1.21.14+rke2r1 (a1b2c3d4)'),
    l('17:33:30', 'info', 'Connecting to proxy', url('10.0.0.11')),
    l('17:33:30', 'info', 'Connecting to proxy', url(M2)),
    l('17:50:00', 'info', 'rke2 is up and running'),
  ];
  const r = reportOf([
    { path: 'ecs-m1/stderr.log', node: 'ecs-m1', role: 'server', lines: m1b },
    { path: 'ecs-m2/stderr.log', node: 'ecs-m2', role: 'server', lines: m2b },
  ]);
  test('back when a survivor\'s reconnect stays quiet, not at the dead node\'s own start-up dial', () => {
    expect(r.incidents).toHaveLength(1);
    expect(r.incidents[0].milestones.peerBack).toMatchObject({ time: '2022-12-29T09:33:40.000Z', node: 'ecs-m1' });
    expect(r.incidents[0].observers.map((o) => o.node)).toEqual(['ecs-m1']);
  });
});
