// Assembly on small, realistic line sets: incidents, attribution, LB diffs, reaper joins, findings.
import { reportOf, at } from '../support/scan';
import { prepareEvents } from '../../src/assemble/prepare';

const PEER = '10.113.207.142';
const serverObserver = [
  at('13:02:40', 'info', 'Connecting to proxy', `url="wss://${PEER}:9345/v1-rke2/connect"`),
  at('13:02:41', 'info', 'Handling backend connection request [feng-ws2]'),
  at('17:13:37', 'info', 'error in remotedialer server [400]: websocket: close 1006 (abnormal closure): unexpected EOF'),
  at('17:13:37', 'error', 'Remotedialer proxy error', 'error="websocket: close 1006 (abnormal closure): unexpected EOF"'),
  at('17:13:42', 'info', 'Connecting to proxy', `url="wss://${PEER}:9345/v1-rke2/connect"`),
  at('17:13:53', 'info', `Stopped tunnel to ${PEER}:9345`),
  at('17:14:47', 'error', 'Failed to connect to proxy', `error="dial tcp ${PEER}:9345: connect: no route to host"`),
];
const agentObserver = [
  at('13:04:03', 'info', 'Running load balancer rke2-agent-load-balancer 127.0.0.1:6444 -> [10.113.207.141:9345]'),
  at('13:04:09', 'info', `Updating load balancer rke2-agent-load-balancer server addresses -> [${PEER}:9345 10.113.207.141:9345 10.113.207.143:9345]`),
  at('13:04:09', 'info', 'Stopped tunnel to 127.0.0.1:9345'),
  at('17:13:37', 'error', 'Remotedialer proxy error', 'error="websocket: close 1006 (abnormal closure): unexpected EOF"'),
  at('17:13:42', 'info', 'Connecting to proxy', `url="wss://${PEER}:9345/v1-rke2/connect"`),
  at('17:14:13', 'info', `Updating load balancer rke2-api-server-agent-load-balancer server addresses -> [10.113.207.141:6443 10.113.207.143:6443 ${PEER}:6443]`),
  at('17:14:13', 'info', 'Updating load balancer rke2-agent-load-balancer server addresses -> [10.113.207.141:9345 10.113.207.143:9345]'),
  at('17:14:13', 'info', `Stopped tunnel to ${PEER}:9345`),
];
const reaper = (ts: string, run: string, pods: Array<[string, string]>) => [
  `Thu Dec 29 ${run} UTC 2022 Starting pod-reaper [Reap older than: 10 minute(s)][Namespace regex: *UNKNOWN*]`,
  ...pods.flatMap(([ns, p]) => [
    `Thu Dec 29 ${run} UTC 2022 Force delete pod ${p} in namespace ${ns} with deletion timestamp: ${ts}`,
    'warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.',
    `pod "${p}" force deleted`,
  ]),
];

describe('server outage (seed Case #1 shape)', () => {
  const r = reportOf([
    { path: 'ws1/stderr.log', node: 'ws1', role: 'server', lines: serverObserver },
    { path: 'ws4/stderr.log', node: 'ws4', role: 'agent', lines: agentObserver },
    { path: 'reaper.log', lines: reaper('2022-12-29T09:20:25Z', '09:40:02', [['compute-hive01', 'hiveserver2-0'], ['vault-system', 'vault-0']]) },
  ], [['feng-ws2', PEER]]);
  const inc = r.incidents[0];

  test('one incident for the dead server, named from --host', () => {
    expect(r.incidents).toHaveLength(1);
    expect(inc.peer).toEqual({ address: PEER, node: 'feng-ws2', role: 'server' });
  });
  test('milestones and durations as the seed engineer computed them', () => {
    expect(inc.start).toBe('2022-12-29T09:13:37.000Z');
    expect(inc.durations).toEqual({ detect: 16, failover: 36, evict: 408, reap: 1177, interruption: 1585, downtime: null });
    expect(inc.milestones.loadBalancerFailover?.evidence.text).toContain('rke2-agent-load-balancer');
  });
  test('the un-addressed websocket close is attributed to the next tunnel event', () => {
    const first = prepareEvents(r.events).find((e) => e.rule === 'tunnel.server-error')!;
    expect(first.peer).toBe(`${PEER}:9345`);
    expect((first.detail as Record<string, unknown>).attributedFrom).toBe('ws1/stderr.log:5');
  });
  test('the dead default server kept at the end of the 2022 api LB list is not a failover', () => {
    const api = r.events.find((e) => e.kind === 'lb.servers' && String(e.detail.lb).includes('api-server'))!;
    expect(inc.milestones.loadBalancerFailover?.evidence.line).not.toBe(api.evidence.line);
  });
  test('observers: each survivor with its own times', () => {
    expect(inc.observers.map((o) => [o.node, o.tunnelStopped])).toEqual([
      ['ws1', '2022-12-29T09:13:53.000Z'],
      ['ws4', '2022-12-29T09:14:13.000Z'],
    ]);
  });
  test('pods with outcomes and the vault finding', () => {
    expect(inc.pods.map((p) => [p.namespace, p.name, p.outcome])).toEqual([['compute-hive01', 'hiveserver2-0', 'deleted'], ['vault-system', 'vault-0', 'deleted']]);
    expect(inc.findings.map((f) => f.code)).toContain('vault-needs-unseal');
  });
  test('loopback start-up tunnel is not an incident', () => {
    expect(r.incidents.every((i) => i.peer.address !== '127.0.0.1')).toBe(true);
  });
});

describe('reaper-only outage (seed Case #2 shape)', () => {
  const r = reportOf([{ path: 'reaper.txt', lines: reaper('2022-12-29T12:08:11Z', '12:20:01', [['impala-impala01', 'impala-executor-000-0'], ['cdp', 'echoserver-9dfbcd89b-h6z4n']]) }]);
  test('start estimated from the deletion timestamp', () => {
    expect(r.incidents).toHaveLength(1);
    const inc = r.incidents[0];
    expect(inc.peer.address).toBeNull();
    expect(inc.estimatedStart).toBe(true);
    expect(inc.start).toBe('2022-12-29T12:02:01.000Z');
    expect(inc.durations.interruption).toBe(1080);
  });
  test('local-storage pods get the manual-step finding', () => {
    const f = r.incidents[0].findings.find((x) => x.code === 'pod-stuck-terminating' || x.code === 'local-volume')!;
    expect(f.message).toContain('impala-executor-000-0');
    expect(f.message).toContain('kubectl delete pvc');
  });
});

describe('no outage', () => {
  test('start-up lines only: no incident', () => {
    const r = reportOf([{ path: 'a', node: 'ws4', lines: agentObserver.slice(0, 3) }]);
    expect(r.incidents).toEqual([]);
  });
  test('dials to a peer never seen up are a finding, not an outage', () => {
    const lines = [0, 1, 2].map((i) => at(`10:0${i}:00`, 'error', 'Failed to connect to proxy', 'error="dial tcp 10.0.0.99:9345: connect: connection refused"'));
    const r = reportOf([{ path: 'a', node: 'ws4', lines }]);
    expect(r.incidents).toEqual([]);
    expect(r.findings.map((f) => f.code)).toEqual(['peer-unreachable']);
    expect(r.findings[0].message).toContain('10.0.0.99');
  });
});

describe('recovery and the quiet gap', () => {
  const up = (hms: string) => at(hms, 'info', 'Adding server to load balancer rke2-agent-load-balancer: 10.0.0.12:9345');
  const down = (hms: string) => at(hms, 'info', 'Removing server from load balancer rke2-agent-load-balancer: 10.0.0.12:9345');
  test('peer back closes the incident and gives the downtime', () => {
    const r = reportOf([{ path: 'a', node: 'w1', lines: [up('10:00:00'), down('10:10:00'), up('10:29:00')] }]);
    expect(r.incidents).toHaveLength(1);
    expect(r.incidents[0].durations.downtime).toBe(1140);
    expect(r.incidents[0].end).toBe('2022-12-29T02:29:00.000Z');
  });
  test('lost again within the gap of its recovery: one incident, two cycles, flapping', () => {
    const r = reportOf([{ path: 'a', node: 'w1', lines: [up('10:00:00'), down('10:10:00'), up('10:11:00'), down('10:20:00'), up('10:21:00')] }]);
    expect(r.incidents).toHaveLength(1);
    expect(r.incidents[0].cycles).toHaveLength(2);
    expect(r.incidents[0].findings.map((f) => f.code)).toContain('flapping');
  });
  test('lost again after the quiet gap: a new incident', () => {
    const r = reportOf([{ path: 'a', node: 'w1', lines: [up('10:00:00'), down('10:10:00'), up('10:11:00'), down('10:50:00'), up('10:51:00')] }]);
    expect(r.incidents.map((i) => [i.start, i.cycles?.length])).toEqual([['2022-12-29T02:10:00.000Z', 1], ['2022-12-29T02:50:00.000Z', 1]]);
  });
  test('evidence within the gap joins one incident', () => {
    const r = reportOf([{ path: 'a', node: 'w1', lines: [up('10:00:00'), down('10:10:00'), at('10:20:00', 'info', 'Stopped tunnel to 10.0.0.12:9345')] }]);
    expect(r.incidents).toHaveLength(1);
    expect(r.incidents[0].durations.detect).toBe(600);
  });
});

describe('controller-manager NotReady', () => {
  const kcm = 'I1229 12:02:45.413202       1 event.go:291] "Event occurred" object="feng-ws4.sme-feng.athens.cloudera.com" kind="Node" apiVersion="v1" type="Normal" reason="NodeNotReady" message="Node feng-ws4.sme-feng.athens.cloudera.com status is now: NodeNotReady"';
  test('names the node of a reaper-only outage and gives the nodeNotReady milestone', () => {
    const r = reportOf([
      { path: 'kcm.log', year: 2022, lines: [kcm] },
      { path: 'reaper.txt', lines: reaper('2022-12-29T12:08:11Z', '12:20:01', [['cdp', 'echoserver-9dfbcd89b-h6z4n']]) },
    ]);
    expect(r.incidents).toHaveLength(1);
    expect(r.incidents[0].peer.node).toBe('feng-ws4.sme-feng.athens.cloudera.com');
    expect(r.incidents[0].milestones.nodeNotReady?.time).toBe('2022-12-29T12:02:45.413Z');
  });
});

describe('controller-manager only (a dead agent in a Rancher bundle set)', () => {
  const ev = (hms: string, obj: string, kind: string, reason: string, msg: string) =>
    `I1229 ${hms}.413202       1 event.go:291] "Event occurred" object="${obj}" kind="${kind}" apiVersion="v1" type="Normal" reason="${reason}" message="${msg}"`;
  const kcm = [
    ev('12:02:45', 'ds04', 'Node', 'NodeNotReady', 'Node ds04 status is now: NodeNotReady'),
    'I1229 12:07:45.002311       1 taint_manager.go:106] "NoExecuteTaintManager is deleting pod" pod="cdp/echoserver-9dfbcd89b-h6z4n"',
    ev('12:31:02', 'ds04', 'Node', 'NodeReady', 'Node ds04 status is now: NodeReady'),
  ];
  test('NotReady opens an estimated incident one grace period earlier, named after the node', () => {
    const r = reportOf([{ path: 'ds01-2022-12-29_12_40_00/rke2/podlogs/kube-system-kube-controller-manager-ds01', year: 2022, lines: kcm }]);
    expect(r.incidents).toHaveLength(1);
    const inc = r.incidents[0];
    expect([inc.peer.node, inc.start, inc.estimatedStart]).toEqual(['ds04', '2022-12-29T12:02:05.413Z', true]);
    expect(inc.milestones.podsTerminating?.time).toBe('2022-12-29T12:07:45.002Z');
    expect(inc.milestones.peerBack?.evidence.text).toContain('NodeReady');
    expect(inc.findings.find((f) => f.code === 'estimated-start')?.message).toContain('NotReady time minus the node-monitor grace period');
  });
  test('a NotReady explained by an rke2 outage of the same node opens nothing more', () => {
    const r = reportOf([
      { path: 'kcm.log', year: 2022, lines: [ev('09:14:19', 'feng-ws2', 'Node', 'NodeNotReady', 'Node feng-ws2 status is now: NodeNotReady')] },
      { path: 'ws1/stderr.log', node: 'ws1', role: 'server', lines: serverObserver },
    ], [['feng-ws2', PEER]]);
    expect(r.incidents).toHaveLength(1);
    expect(r.incidents[0].milestones.nodeNotReady).not.toBeNull();
  });
});
