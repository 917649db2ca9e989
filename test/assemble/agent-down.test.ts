// QA: an ECS agent dies. Servers log only the server-side `error in remotedialer server [400]`,
// which names no peer; it must not be pinned on an unrelated server the observer happens to
// reconnect to, nor open an incident. Reaper output gives an estimated incident; a
// controller-manager NodeNotReady event names it.
import { prepareEvents } from '../../src/assemble/prepare';
import { reportOf } from '../support/scan';
import { logrus, url, SERVER_400, reaperRun } from '../support/lines';

const D = '2022-12-29';
const l = (hms: string, level: string, msg: string, extra = '') => logrus(D, hms, level, msg, extra);

// ecs-w2 dies at 17:13:37 (+08:00); by chance ecs-m1's tunnel to ecs-m2 is re-dialled 20 s later
// (ecs-m2's supervisor restarted for a config change) and succeeds at once
const m1 = [
  l('09:00:00', 'info', 'Handling backend connection request [ecs-w2]'),
  l('09:00:01', 'info', 'Connecting to proxy', url('10.0.0.12')),
  l('17:13:37', 'info', SERVER_400),
  l('17:13:57', 'info', 'Connecting to proxy', url('10.0.0.12')),
  l('17:14:30', 'info', 'Handling backend connection request [ecs-m2]'),
];
const m3 = [
  l('17:13:38', 'info', SERVER_400),
];
const reaper = reaperRun('Thu Dec 29 09:30:01 UTC 2022', [['impala-impala01', 'impala-executor-001-0', '2022-12-29T09:19:48Z']]);
const kcm = ['I1229 09:14:19.413202       1 event.go:291] "Event occurred" object="ecs-w2" kind="Node" apiVersion="v1" type="Normal" reason="NodeNotReady" message="Node ecs-w2 status is now: NodeNotReady"'];

const servers = [
  { path: 'ecs-m1/stderr.log', node: 'ecs-m1', role: 'server' as const, lines: m1 },
  { path: 'ecs-m3/stderr.log', node: 'ecs-m3', role: 'server' as const, lines: m3 },
];

describe('agent down, servers only', () => {
  const r = reportOf(servers);
  test('the server-side close is not pinned on ecs-m2 and opens no incident', () => {
    const closes = prepareEvents(r.events).filter((e) => e.rule === 'tunnel.server-error');
    expect(closes.map((e) => e.peer)).toEqual([null, null]);
    expect(r.incidents).toEqual([]);
  });
});

describe('agent down, servers and reaper output', () => {
  const r = reportOf([...servers, { path: 'reaper.log', lines: reaper }]);
  test('one reaper-only incident with an estimated start', () => {
    expect(r.incidents).toHaveLength(1);
    const inc = r.incidents[0];
    expect(inc.peer.address).toBeNull();
    expect(inc.estimatedStart).toBe(true);
    expect(inc.start).toBe('2022-12-29T09:13:38.000Z');
    expect(inc.findings.map((f) => f.code)).toContain('estimated-start');
  });
});

describe('agent down, with the controller-manager NotReady event', () => {
  const r = reportOf([...servers, { path: 'reaper.log', lines: reaper }, { path: 'kcm/0.log', node: 'ecs-m1', role: 'server', lines: kcm, year: 2022 }]);
  test('the incident is named after the NotReady node and keeps its estimated start', () => {
    expect(r.incidents).toHaveLength(1);
    const inc = r.incidents[0];
    expect(inc.peer.node).toBe('ecs-w2');
    expect(inc.peer.role).not.toBe('server');
    expect(inc.milestones.nodeNotReady?.time).toBe('2022-12-29T09:14:19.413Z');
    expect(inc.estimatedStart).toBe(true);
  });
});

describe('agent down, NotReady event and the node inventory', () => {
  // the agent comes back at 17:40: both servers take its tunnel again
  const back = [
    { ...servers[0], lines: [...m1, l('17:40:02', 'info', 'Handling backend connection request [ecs-w2]')] },
    { ...servers[1], lines: [...m3, l('17:40:03', 'info', 'Handling backend connection request [ecs-w2]')] },
  ];
  const r = reportOf([...back, { path: 'reaper.log', lines: reaper }, { path: 'kcm/0.log', node: 'ecs-m1', role: 'server', lines: kcm, year: 2022 }], [['ecs-w2', '10.0.0.22'], ['ecs-m2', '10.0.0.12']]);
  const inc = r.incidents[0];
  test('the named node gives the address too', () => {
    expect(r.incidents.map((i) => [i.peer.address, i.peer.node, i.estimatedStart])).toEqual([['10.0.0.22', 'ecs-w2', true]]);
  });
  test('its return is the servers taking its tunnel again, not the connection before the outage', () => {
    expect(inc.milestones.peerBack).toMatchObject({ time: '2022-12-29T09:40:02.000Z', node: 'ecs-m1' });
    expect(inc.observers.map((o) => [o.node, o.peerBack])).toEqual([['ecs-m1', '2022-12-29T09:40:02.000Z'], ['ecs-m3', '2022-12-29T09:40:03.000Z']]);
  });
});

describe('an agent dies, then a server 30 s later', () => {
  // ecs-m1 sees the agent's session close, then both directions of ecs-m2's tunnels break
  const m1b = [
    l('09:00:01', 'info', 'Connecting to proxy', url('10.0.0.12')),
    l('17:13:37', 'info', SERVER_400),
    l('17:14:07', 'info', SERVER_400),
    l('17:14:07', 'error', 'Remotedialer proxy error', 'error="websocket: close 1006 (abnormal closure): unexpected EOF"'),
    l('17:14:12', 'info', 'Connecting to proxy', url('10.0.0.12')),
    l('17:14:15', 'error', 'Failed to connect to proxy', 'error="dial tcp 10.0.0.12:9345: connect: no route to host"'),
  ];
  const r = reportOf([{ path: 'ecs-m1/stderr.log', node: 'ecs-m1', role: 'server', lines: m1b }]);
  test('the agent\'s close stays unattributed; the server outage starts with its own closes', () => {
    expect(prepareEvents(r.events).filter((e) => e.rule === 'tunnel.server-error').map((e) => e.peer)).toEqual([null, '10.0.0.12:9345']);
    expect(r.incidents.map((i) => [i.peer.address, i.start])).toEqual([['10.0.0.12', '2022-12-29T09:14:07.000Z']]);
  });
});
