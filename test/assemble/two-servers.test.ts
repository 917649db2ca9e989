// QA: two servers of a five-server cluster die 3 minutes apart (2022 wording, RKE2 1.21): two
// incidents, each un-addressed websocket close given to the right peer, each force-deleted pod
// joined to the incident its deletion timestamp belongs to.
import { prepareEvents } from '../../src/assemble/prepare';
import { reportOf } from '../support/scan';
import { logrus, url, WS_1006, SERVER_400, noRoute, reaperRun } from '../support/lines';

const D = '2022-12-29';
const A = '10.0.0.12'; // ecs-m2, dies 17:13:37
const B = '10.0.0.14'; // ecs-m4, dies 17:16:40
const l = (hms: string, level: string, msg: string, extra = '') => logrus(D, hms, level, msg, extra);

const m1 = [
  l('09:00:00', 'info', 'Handling backend connection request [ecs-w1]'),
  l('17:13:37', 'info', SERVER_400),
  l('17:13:37', 'error', 'Remotedialer proxy error', WS_1006),
  l('17:13:42', 'info', 'Connecting to proxy', url(A)),
  l('17:13:45', 'error', 'Failed to connect to proxy', noRoute(A)),
  l('17:13:53', 'info', `Stopped tunnel to ${A}:9345`),
  l('17:16:40', 'info', SERVER_400),
  l('17:16:40', 'error', 'Remotedialer proxy error', WS_1006),
  l('17:16:45', 'info', 'Connecting to proxy', url(B)),
  l('17:16:48', 'error', 'Failed to connect to proxy', noRoute(B)),
  l('17:16:58', 'info', `Stopped tunnel to ${B}:9345`),
];
const w1 = [
  l('09:00:01', 'info', 'Updating load balancer rke2-agent-load-balancer server addresses -> [10.0.0.11:9345 10.0.0.12:9345 10.0.0.13:9345 10.0.0.14:9345 10.0.0.15:9345]'),
  l('17:13:45', 'error', 'Remotedialer proxy error', `error="read tcp 10.0.0.21:44372->${A}:9345: i/o timeout"`),
  l('17:13:50', 'info', 'Connecting to proxy', url(A)),
  l('17:14:13', 'info', 'Updating load balancer rke2-agent-load-balancer server addresses -> [10.0.0.11:9345 10.0.0.13:9345 10.0.0.14:9345 10.0.0.15:9345]'),
  l('17:14:13', 'info', `Stopped tunnel to ${A}:9345`),
  l('17:16:41', 'error', 'Remotedialer proxy error', WS_1006),
  l('17:16:46', 'info', 'Connecting to proxy', url(B)),
  l('17:17:10', 'info', 'Updating load balancer rke2-agent-load-balancer server addresses -> [10.0.0.13:9345 10.0.0.11:9345 10.0.0.15:9345]'),
  l('17:17:10', 'info', `Stopped tunnel to ${B}:9345`),
];
const kcm = [
  'I1229 09:14:19.413202       1 event.go:291] "Event occurred" object="ecs-m2" kind="Node" apiVersion="v1" type="Normal" reason="NodeNotReady" message="Node ecs-m2 status is now: NodeNotReady"',
  'I1229 09:17:22.100311       1 event.go:291] "Event occurred" object="ecs-m4" kind="Node" apiVersion="v1" type="Normal" reason="NodeNotReady" message="Node ecs-m4 status is now: NodeNotReady"',
];
const reaper = [
  ...reaperRun('Thu Dec 29 09:30:01 UTC 2022', [['compute-hive01', 'hiveserver2-0', '2022-12-29T09:19:47Z']]),
  ...reaperRun('Thu Dec 29 09:40:01 UTC 2022', [['impala-impala01', 'impala-executor-000-0', '2022-12-29T09:22:51Z'], ['vault-system', 'vault-0', '2022-12-29T09:22:50Z']]),
];

describe('two servers down 3 minutes apart', () => {
  const r = reportOf([
    { path: 'ecs-m1/stderr.log', node: 'ecs-m1', role: 'server', lines: m1 },
    { path: 'ecs-w1/stderr.log', node: 'ecs-w1', role: 'agent', lines: w1 },
    { path: 'kcm/0.log', node: 'ecs-m1', role: 'server', lines: kcm, year: 2022 },
    { path: 'reaper.log', lines: reaper },
  ], [['ecs-m2', A], ['ecs-m4', B]]);
  const [a, b] = r.incidents;

  test('two incidents, one per dead server, in time order', () => {
    expect(r.incidents.map((i) => [i.peer.address, i.peer.node, i.start])).toEqual([
      [A, 'ecs-m2', '2022-12-29T09:13:37.000Z'],
      [B, 'ecs-m4', '2022-12-29T09:16:40.000Z'],
    ]);
  });

  test('each websocket close on ecs-m1 goes to the peer its observer reconnected to next', () => {
    const closes = prepareEvents(r.events).filter((e) => e.rule === 'tunnel.server-error').map((e) => e.peer);
    expect(closes).toEqual([`${A}:9345`, `${B}:9345`]);
    expect(b.timeline.some((e) => e.peer !== null && e.peer.startsWith(A))).toBe(false);
  });

  test('milestones per incident from their own evidence', () => {
    expect(a.durations).toMatchObject({ detect: 16, failover: 36 });
    expect(b.durations).toMatchObject({ detect: 18, failover: 30 });
    expect(a.milestones.nodeNotReady?.time).toBe('2022-12-29T09:14:19.413Z');
    expect(b.milestones.nodeNotReady?.time).toBe('2022-12-29T09:17:22.100Z');
  });

  test('pods joined by deletion timestamp, not by reaper run', () => {
    expect(a.pods.map((p) => p.name)).toEqual(['hiveserver2-0']);
    expect(b.pods.map((p) => p.name).sort()).toEqual(['impala-executor-000-0', 'vault-0']);
    expect(a.findings.map((f) => f.code)).not.toContain('vault-needs-unseal');
    expect(b.findings.map((f) => f.code)).toContain('vault-needs-unseal');
    expect(b.milestones.podsTerminating?.time).toBe('2022-12-29T09:22:50.000Z');
  });

  test('no reaper-only incident is left over', () => {
    expect(r.incidents.every((i) => !i.estimatedStart)).toBe(true);
  });
});

describe('two servers down 3 minutes apart, no address-to-name map', () => {
  const r = reportOf([
    { path: 'ecs-m1/stderr.log', node: 'ecs-m1', role: 'server', lines: m1 },
    { path: 'kcm/0.log', node: 'ecs-m1', role: 'server', lines: kcm, year: 2022 },
  ]);
  test('each NotReady event names the node of the incident it falls into', () => {
    expect(r.incidents.map((i) => [i.peer.address, i.peer.node])).toEqual([[A, 'ecs-m2'], [B, 'ecs-m4']]);
  });
});
