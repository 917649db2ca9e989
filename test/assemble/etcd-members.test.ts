// The not-back finding says "the etcd cluster runs one member short" only when the input shows the
// lost server is an etcd member (DESIGN §6b, claims stay inside the evidence): an etcd line about
// its peer URL, its own etcd lines, its own server logs. A server known only by its supervisor
// address (an agent's tunnel and load balancer) may run no etcd at all (split roles).
import { reportOf } from '../support/scan';
import { journal, url, noRoute } from '../support/lines';
import { etcdMembersOf } from '../../src/assemble/etcdPeers';
import { NameBook } from '../../src/assemble/peers';

const D = '2023-11-22';
const P = '10.0.0.12';
const j = (hms: string, level: string, msg: string, extra = '') => journal('ecs-w1', 988, D, hms, level, msg, extra);
const agent = [
  j('16:00:00', 'info', 'Updated load balancer rke2-agent-load-balancer server addresses -> [10.0.0.11:9345 10.0.0.12:9345 10.0.0.13:9345] [default: 10.0.0.11:9345]'),
  j('17:00:00', 'error', 'Remotedialer proxy error', `error="read tcp 10.0.0.21:44372->${P}:9345: i/o timeout"`),
  j('17:00:05', 'info', 'Connecting to proxy', url(P)),
  j('17:00:05', 'error', 'Failed to connect to proxy. Empty dialer response', noRoute(P)),
  j('17:00:17', 'info', `Removing server from load balancer rke2-agent-load-balancer: ${P}:9345`),
  j('17:00:17', 'info', `Stopped tunnel to ${P}:9345`),
  j('17:20:00', 'info', 'Updated load balancer rke2-agent-load-balancer server addresses -> [10.0.0.11:9345 10.0.0.13:9345] [default: 10.0.0.11:9345]'),
];
const etcdPod = [
  `{"level":"warn","ts":"2023-11-22T09:00:08.9051Z","caller":"rafthttp/peer_status.go:66","msg":"peer became inactive (message send to peer failed)","peer-id":"9ed8c8a5b9b4bd3c","error":"failed to dial 9ed8c8a5b9b4bd3c on stream Message (dial tcp ${P}:2380: connect: connection refused)"}`,
];
const notBack = (r: ReturnType<typeof reportOf>) => r.incidents.flatMap((i) => i.findings).filter((f) => f.code === 'not-back').map((f) => f.message);

describe('not-back: etcd membership only when the input shows it', () => {
  test('a server known only by its supervisor address: not back, no etcd claim', () => {
    const r = reportOf([{ path: 'ecs-w1/journal.log', node: 'ecs-w1', role: 'agent', lines: agent }]);
    expect(r.incidents.map((i) => [i.peer.address, i.peer.role])).toEqual([[P, 'server']]);
    const m = notBack(r);
    expect(m).toHaveLength(1);
    expect(m[0]).toContain('check the host and its rke2-server service');
    expect(m[0]).not.toMatch(/etcd/);
  });

  test('an etcd pod log that dials its peer URL: one member short', () => {
    const r = reportOf([
      { path: 'ecs-w1/journal.log', node: 'ecs-w1', role: 'agent', lines: agent },
      { path: 'ecs-m1/pods/etcd-ecs-m1.log', node: 'ecs-m1', role: 'server', lines: etcdPod },
    ]);
    expect(notBack(r)).toEqual([expect.stringContaining('while it is down the etcd cluster runs one member short')]);
  });

  test('etcdMembersOf: by peer URL, by the node\'s own etcd lines, by its own server logs; never by address alone', () => {
    const names = new NameBook();
    names.add('ecs-m3', '10.0.0.13');
    const none = etcdMembersOf([], [], names);
    expect(none({ address: P, node: null, role: 'server' })).toBe(false);
    const byOwnLogs = etcdMembersOf([], [{ path: 'ecs-m3/rke2.log', node: 'ecs-m3', role: 'server', lines: 10, parsed: 10, events: 2, layout: null, firstTime: null, lastTime: null, warnings: [] }], names);
    expect([byOwnLogs({ address: '10.0.0.13', node: null, role: 'server' }), byOwnLogs({ address: P, node: null, role: 'server' })]).toEqual([true, false]);
  });
});
