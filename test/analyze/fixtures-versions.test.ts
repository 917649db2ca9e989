// The hand-made version fixtures (fixtures/README.md): 2024 (k3s 28*) and Dec-2024+ (29e+) wording
// with etcd and controller-manager logs, and an outage across New Year with year-less klog files.
// `--host ecs-m2=10.0.0.12` stands for the inventory a bundle's `rke2/kubectl/nodes` gives.
import { analyze } from '../../src/analyze';
import { DEFAULT_TIMING } from '../../src/assemble/timing';
import type { Incident, Report } from '../../src/types';

const run = (dir: string, hosts: Array<[string, string]> = [['ecs-m2', '10.0.0.12']]): Promise<Report> =>
  analyze([`fixtures/${dir}`], { timing: DEFAULT_TIMING, hosts });

/** Milestone times, and the file each one cites (the last path segments). */
function shape(inc: Incident): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [k, m] of Object.entries(inc.milestones)) out[k] = m ? m.time : null;
  return out;
}
const cites = (inc: Incident, name: keyof Incident['milestones']): string => inc.milestones[name]!.evidence.path.split('/').slice(-2).join('/');

describe('rke2-2024-server-down (RKE2 v1.28.15, k3s 28* wording)', () => {
  let r: Report;
  beforeAll(async () => { r = await run('rke2-2024-server-down'); });
  it('finds one incident for ecs-m2 with every phase', () => {
    expect(r.incidents).toHaveLength(1);
    const inc = r.incidents[0];
    expect(inc.peer).toEqual({ address: '10.0.0.12', node: 'ecs-m2', role: 'server' });
    expect(shape(inc)).toEqual({
      firstSign: '2024-10-20T09:13:37.000Z',
      tunnelStopped: '2024-10-20T09:13:53.000Z',
      loadBalancerFailover: '2024-10-20T09:13:38.000Z',
      nodeNotReady: '2024-10-20T09:14:19.413Z',
      podsTerminating: '2024-10-20T09:19:19.602Z',
      firstForceDelete: null,
      lastForceDelete: null,
      peerBack: '2024-10-20T09:32:38.000Z',
    });
    expect(inc.durations).toEqual({ detect: 16, failover: 1, evict: 342.602, reap: null, interruption: null, downtime: 1141 });
  });
  it('cites the 28* wordings: Closing N connections for the failover, the server view for the return', () => {
    const inc = r.incidents[0];
    expect(inc.milestones.loadBalancerFailover!.evidence.text).toContain('Closing 6 connections to load balancer server 10.0.0.12:6443');
    expect(inc.milestones.peerBack!.evidence.text).toContain('Handling backend connection request [ecs-m2]');
    expect(cites(inc, 'nodeNotReady')).toBe('podlogs/kube-system-kube-controller-manager-ecs-m1');
    expect(inc.observers.map((o) => [o.node, o.firstSign, o.tunnelStopped, o.peerBack])).toEqual([
      ['ecs-m1', '2024-10-20T09:13:37.000Z', '2024-10-20T09:13:53.000Z', '2024-10-20T09:32:38.000Z'],
      ['ecs-w1', '2024-10-20T09:13:37.000Z', '2024-10-20T09:13:53.000Z', '2024-10-20T09:32:40.000Z'],
      ['ecs-w2', '2024-10-20T09:13:37.000Z', '2024-10-20T09:13:54.000Z', '2024-10-20T09:32:40.000Z'],
    ]);
  });
  it('puts the etcd view (member id mapped by the dial error) on the timeline', () => {
    const etcd = r.incidents[0].timeline.filter((e) => e.kind.startsWith('etcd.peer'));
    expect(etcd.map((e) => [e.kind, e.peer, e.detail.peerId])).toContainEqual(['etcd.peer-unreachable', '10.0.0.12:2380', '9ed8c8a5b9b4bd3c']);
    // both streams (writer, reader) lost before any dial error named the address are mapped too
    expect(etcd.filter((e) => e.time === '2024-10-20T09:13:37.412Z').map((e) => e.peer)).toEqual(['10.0.0.12:2380', '10.0.0.12:2380']);
  });
  it('raises no clock or coverage finding on consistent logs', () => {
    const codes = [...r.findings, ...r.incidents[0].findings].map((f) => f.code);
    expect(codes).not.toContain('clock-skew');
    expect(codes).not.toContain('coverage-gap');
  });
  it('without a name for 10.0.0.12 the only node that went NotReady names it, the rest holds', async () => {
    // the logs alone, without the kubectl nodes inventory and without --host
    const base = 'fixtures/rke2-2024-server-down';
    const logs = ['ecs-w1-2024-10-20_10_05_00/journald', 'ecs-w2-2024-10-20_10_05_00/journald', 'ecs-m1-2024-10-20_10_05_00/journald', 'ecs-m1-2024-10-20_10_05_00/rke2/podlogs'];
    const bare = (await analyze(logs.map((l) => `${base}/${l}`), { timing: DEFAULT_TIMING, hosts: [] })).incidents[0];
    expect(bare.peer.node).toBe('ecs-m2');
    expect(bare.milestones.nodeNotReady!.time).toBe('2024-10-20T09:14:19.413Z');
    expect(bare.milestones.peerBack!.time).toBe('2024-10-20T09:32:40.000Z');
    expect(bare.durations.detect).toBe(16);
  });
});

describe('rke2-2026-server-down (Dec-2024+ / 29e+ wording, etcd 3.6, kcm 1.33 at --v=2)', () => {
  let r: Report;
  beforeAll(async () => { r = await run('rke2-2026-server-down'); });
  it('starts at the etcd leader loss and uses the health-check failover', () => {
    expect(r.incidents).toHaveLength(1);
    const inc = r.incidents[0];
    expect(inc.peer).toEqual({ address: '10.0.0.12', node: 'ecs-m2', role: 'server' });
    expect(shape(inc)).toEqual({
      firstSign: '2026-08-20T09:13:28.612Z',
      tunnelStopped: '2026-08-20T09:13:55.000Z',
      loadBalancerFailover: '2026-08-20T09:13:38.000Z',
      nodeNotReady: '2026-08-20T09:14:18.219Z',
      podsTerminating: '2026-08-20T09:19:18.302Z',
      firstForceDelete: null,
      lastForceDelete: null,
      peerBack: '2026-08-20T09:32:39.000Z',
    });
    expect(inc.durations).toEqual({ detect: 26.388, failover: 9.388, evict: 349.69, reap: null, interruption: null, downtime: 1150.388 });
    expect(inc.milestones.firstSign!.evidence.text).toContain('lost leader 9ed8c8a5b9b4bd3c');
    expect(inc.milestones.loadBalancerFailover!.evidence.text).toContain('Server 10.0.0.12:9345@ACTIVE->FAILED from failed health check');
    expect(inc.milestones.podsTerminating!.evidence.text).toContain('"Deleting pod" controller="taint-eviction-controller"');
  });
  it('sees the agents lose the peer through the health checks and come back through Adding server', () => {
    const inc = r.incidents[0];
    const w1 = inc.observers.find((o) => o.node === 'ecs-w1')!;
    expect([w1.firstSign, w1.loadBalancerFailover, w1.tunnelStopped, w1.peerBack]).toEqual([
      '2026-08-20T09:13:37.000Z', '2026-08-20T09:13:38.000Z', '2026-08-20T09:13:56.000Z', '2026-08-20T09:32:43.000Z',
    ]);
    const w1Events = inc.timeline.filter((e) => e.node === 'ecs-w1');
    expect(w1Events.filter((e) => e.time! >= '2026-08-20T09:32').map((e) => e.kind)).toEqual(['lb.server-added']);
    expect(w1Events.filter((e) => e.kind === 'lb.health').map((e) => [e.peer, e.detail.to])).toEqual([['10.0.0.12:9345', 'FAILED'], ['10.0.0.12:6443', 'FAILED']]);
  });
  it('shows the elected leader as context', () => {
    expect(r.incidents[0].timeline.some((e) => e.kind === 'etcd.leader-changed' && e.detail.change === 'elected')).toBe(true);
  });
});

describe('year-rollover (2022-12-31 -> 2023-01-01, year-less klog and journald lines)', () => {
  let r: Report;
  beforeAll(async () => { r = await run('year-rollover'); });
  it('places December lines in 2022 and January lines in 2023', () => {
    expect(r.incidents).toHaveLength(1);
    const inc = r.incidents[0];
    expect(inc.peer.address).toBe('10.0.0.12');
    expect(shape(inc)).toEqual({
      firstSign: '2022-12-31T23:55:07.000Z',
      tunnelStopped: '2022-12-31T23:55:22.000Z',
      loadBalancerFailover: '2022-12-31T23:55:23.000Z',
      nodeNotReady: '2022-12-31T23:55:49.413Z',
      podsTerminating: '2023-01-01T00:00:49.602Z',
      firstForceDelete: null,
      lastForceDelete: null,
      peerBack: '2023-01-01T00:14:05.201Z',
    });
    expect(inc.durations).toEqual({ detect: 15, failover: 16, evict: 342.602, reap: null, interruption: null, downtime: 1138.201 });
    expect(cites(inc, 'peerBack')).toBe('podlogs/kube-system-kube-apiserver-ecs-m1');
  });
  it('gives every input a span across New Year', () => {
    for (const i of r.inputs) {
      expect(i.firstTime! < '2023').toBe(true);
      expect(i.lastTime! > '2023').toBe(true);
    }
  });
});

describe('rke2-ipv6-server-down (RKE2 v1.25.16, 2023 wording, IPv6 peers)', () => {
  let r: Report;
  beforeAll(async () => { r = await run('rke2-ipv6-server-down', []); });
  it('finds the outage of [fd00:10::12]:9345, named by the bundle\'s kubectl nodes', () => {
    expect(r.incidents).toHaveLength(1);
    const inc = r.incidents[0];
    expect(inc.peer).toEqual({ address: 'fd00:10::12', node: 'ecs-m2', role: 'server' });
    expect(shape(inc)).toEqual({
      firstSign: '2023-11-22T09:13:37.000Z',
      tunnelStopped: '2023-11-22T09:13:53.000Z',
      loadBalancerFailover: '2023-11-22T09:14:13.000Z',
      nodeNotReady: null,
      podsTerminating: '2023-11-22T09:19:47.000Z',
      firstForceDelete: '2023-11-22T09:30:02.000Z',
      lastForceDelete: '2023-11-22T09:30:02.000Z',
      peerBack: null,
    });
    expect(inc.durations).toEqual({ detect: 16, failover: 36, evict: 370, reap: 615, interruption: 985, downtime: null });
    expect(inc.milestones.tunnelStopped!.evidence.text).toContain('Stopped tunnel to [fd00:10::12]:9345');
  });
  it('reads the agent\'s load-balancer lists of bracketed addresses: the drop of the dead server', () => {
    const lists = r.incidents[0].timeline.filter((e) => e.kind === 'lb.servers');
    expect(lists.map((e) => [e.detail.lb, e.detail.dropped])).toEqual([
      ['rke2-api-server-agent-load-balancer', ['[fd00:10::12]:6443']],
      ['rke2-agent-load-balancer', ['[fd00:10::12]:9345']],
    ]);
    expect(r.incidents[0].observers.map((o) => [o.node, o.firstSign, o.tunnelStopped, o.loadBalancerFailover])).toEqual([
      ['ecs-m1', '2023-11-22T09:13:37.000Z', '2023-11-22T09:13:53.000Z', null],
      ['ecs-w1', '2023-11-22T09:13:37.000Z', '2023-11-22T09:14:13.000Z', '2023-11-22T09:14:13.000Z'],
    ]);
  });
});
