// clock-skew and coverage-gap findings, and the etcd / apiserver evidence in assembly, from
// realistic 2023-wording journald lines of three observers (messages.md §4.2).
import { runLines } from '../support/runLines';
import { scanLines } from '../support/scanOne';

const j = (host: string, pid: number, hms: string, payload: string): string => `Nov 22 ${hms} ${host} rke2[${pid}]: ${payload}`;
const lr = (hms: string, rest: string, off = '+08:00'): string => `time="2023-11-22T${hms}${off}" ${rest}`;

/** An agent's view of server 10.0.0.12 dying at 17:13:37 (+08:00) and coming back at 17:32:40. */
function agent(host: string, pid: number, shiftS = 0, prefixLagS = 0): string[] {
  const at = (h: number, m: number, s: number, d = 0): string => {
    const t = new Date(Date.UTC(2023, 10, 22, h, m, s + d));
    return t.toISOString().slice(11, 19);
  };
  const line = (h: number, m: number, s: number, rest: string): string => j(host, pid, at(h, m, s, shiftS + prefixLagS), lr(at(h, m, s, shiftS), rest));
  return [
    line(9, 0, 1, 'level=info msg="Starting rke2 agent v1.25.16+rke2r1 (0b0c0d0e)"'),
    line(9, 0, 5, 'level=info msg="Updated load balancer rke2-agent-load-balancer server addresses -> [10.0.0.11:9345 10.0.0.12:9345 10.0.0.13:9345] [default: 10.0.0.11:9345]"'),
    line(17, 13, 37, 'level=error msg="Remotedialer proxy error" error="websocket: close 1006 (abnormal closure): unexpected EOF"'),
    line(17, 13, 42, 'level=info msg="Connecting to proxy" url="wss://10.0.0.12:9345/v1-rke2/connect"'),
    line(17, 13, 45, 'level=error msg="Failed to connect to proxy. Empty dialer response" error="dial tcp 10.0.0.12:9345: connect: no route to host"'),
    line(17, 13, 54, 'level=info msg="Removing server from load balancer rke2-agent-load-balancer: 10.0.0.12:9345"'),
    line(17, 13, 54, 'level=info msg="Stopped tunnel to 10.0.0.12:9345"'),
    line(17, 32, 40, 'level=info msg="Adding server to load balancer rke2-agent-load-balancer: 10.0.0.12:9345"'),
  ];
}

describe('clock-skew', () => {
  it('names the observer whose abrupt-close time is off the others by more than 5 s', () => {
    const r = runLines({ 'a/ecs-w1/rke2-agent.log': agent('ecs-w1', 988), 'a/ecs-w2/rke2-agent.log': agent('ecs-w2', 977), 'a/ecs-w3/rke2-agent.log': agent('ecs-w3', 966, 42) });
    expect(r.incidents).toHaveLength(1);
    const skew = r.incidents[0].findings.filter((f) => f.code === 'clock-skew');
    expect(skew).toHaveLength(1);
    expect(skew[0].message).toContain('ecs-w3 +42s');
    expect(skew[0].evidence![0].path).toBe('a/ecs-w3/rke2-agent.log');
  });
  it('is silent when the observers agree within a second', () => {
    const r = runLines({ 'a/ecs-w1/rke2-agent.log': agent('ecs-w1', 988), 'a/ecs-w2/rke2-agent.log': agent('ecs-w2', 977, 1) });
    expect(r.incidents[0].findings.map((f) => f.code)).not.toContain('clock-skew');
    expect(r.findings.map((f) => f.code)).not.toContain('clock-skew');
  });
  it('reports a journald prefix that runs away from the logrus times of the same lines', () => {
    const r = runLines({ 'a/ecs-w1/rke2-agent.log': agent('ecs-w1', 988, 0, 30), 'a/ecs-w2/rke2-agent.log': agent('ecs-w2', 977) });
    const f = r.findings.filter((x) => x.code === 'clock-skew');
    expect(f).toHaveLength(1);
    expect(f[0].message).toMatch(/^ecs-w1: the journald time stamps run 30s after/);
  });
});

describe('coverage-gap', () => {
  it('flags a node whose logs end before the incident and one whose logs start after it', () => {
    const early = agent('ecs-w4', 955).slice(0, 2);
    const late = agent('ecs-w5', 944).slice(6);
    const r = runLines({ 'a/ecs-w1/rke2-agent.log': agent('ecs-w1', 988), 'a/ecs-w4/rke2-agent.log': early, 'a/ecs-w5/rke2-agent.log': late });
    const gaps = r.incidents[0].findings.filter((f) => f.code === 'coverage-gap').map((f) => f.message);
    expect(gaps).toHaveLength(2);
    expect(gaps[0]).toMatch(/^ecs-w4's logs end at 2023-11-22T01:00:05.000Z, before incident 1 began at 2023-11-22T09:13:37.000Z/);
    expect(gaps[1]).toMatch(/^ecs-w5's logs start at 2023-11-22T09:13:54.000Z, after incident 1 began/);
  });
  it('does not flag the dead peer\'s own logs', () => {
    const own = [j('ecs-m2', 2101, '17:10:00', lr('17:10:00', 'level=info msg="Handling backend connection request [ecs-w1]"'))];
    const r = runLines({ 'a/ecs-w1/rke2-agent.log': agent('ecs-w1', 988), 'a/ecs-m2/rke2-server.log': own }, [['ecs-m2', '10.0.0.12']]);
    expect(r.incidents[0].peer.node).toBe('ecs-m2');
    expect(r.incidents[0].findings.map((f) => f.code)).not.toContain('coverage-gap');
  });
});

describe('etcd and apiserver evidence', () => {
  const etcd = [
    '{"level":"warn","ts":"2023-11-22T09:13:27.9051Z","caller":"rafthttp/peer_status.go:66","msg":"peer became inactive (message send to peer failed)","peer-id":"9ed8c8a5b9b4bd3c","error":"failed to dial 9ed8c8a5b9b4bd3c on stream Message (dial tcp 10.0.0.12:2380: connect: connection refused)"}',
    '{"level":"warn","ts":"2023-11-22T09:13:27.906Z","caller":"rafthttp/stream.go:436","msg":"lost TCP streaming connection with remote peer","stream-reader-type":"stream MsgApp v2","local-member-id":"8e9e05c52164694d","remote-peer-id":"9ed8c8a5b9b4bd3c","error":"unexpected EOF"}',
    '{"level":"info","ts":"2023-11-22T09:13:28.612804Z","logger":"raft","caller":"etcdserver/zap_raft.go:77","msg":"raft.node: 8e9e05c52164694d lost leader 9ed8c8a5b9b4bd3c at term 5"}',
    '{"level":"warn","ts":"2023-11-22T09:13:30.1Z","caller":"etcdhttp/metrics.go:173","msg":"serving /health false; no leader"}',
    '{"level":"info","ts":"2023-11-22T09:32:44.77302Z","caller":"rafthttp/peer_status.go:53","msg":"peer became active","peer-id":"9ed8c8a5b9b4bd3c"}',
  ];
  it('maps the member id to the address a dial error revealed: etcd is the first sign and sees the peer back', () => {
    const r = runLines({ 'a/ecs-w1/rke2-agent.log': agent('ecs-w1', 988), 'b/ecs-m1/etcd.log': etcd });
    expect(r.incidents).toHaveLength(1);
    const inc = r.incidents[0];
    expect(inc.peer.address).toBe('10.0.0.12');
    expect(inc.milestones.firstSign!.time).toBe('2023-11-22T09:13:27.905Z');
    expect(inc.milestones.firstSign!.evidence.path).toBe('b/ecs-m1/etcd.log');
    expect(inc.milestones.tunnelStopped!.time).toBe('2023-11-22T09:13:54.000Z');
    expect(inc.milestones.peerBack!.time).toBe('2023-11-22T09:32:40.000Z');
    const lostLeader = inc.timeline.find((e) => e.kind === 'etcd.leader-changed' && e.detail.change === 'lost');
    expect(lostLeader?.peer).toBe('10.0.0.12:2380');
    expect(inc.timeline.some((e) => e.kind === 'etcd.leader-changed' && e.detail.change === 'no-leader')).toBe(true);
  });
  it('without an address the member id stays a context entry, not a peer of its own', () => {
    const r = runLines({ 'a/ecs-w1/rke2-agent.log': agent('ecs-w1', 988), 'b/ecs-m1/etcd.log': etcd.slice(1) });
    expect(r.incidents.map((i) => i.peer.address)).toEqual(['10.0.0.12']);
    const ctx = r.incidents[0].timeline.filter((e) => e.peer === '9ed8c8a5b9b4bd3c');
    expect(ctx.map((e) => e.kind)).toEqual(['etcd.peer-unreachable', 'etcd.leader-changed', 'etcd.peer-back']);
    expect(r.incidents[0].milestones.firstSign!.time).toBe('2023-11-22T09:13:37.000Z');
  });
  it('an apiserver endpoint reset that drops the IP is loss evidence; re-adding it is recovery', () => {
    const api = [
      'W1122 09:13:52.101734       1 lease.go:233] Resetting endpoints for master service "kubernetes" to [10.0.0.11 10.0.0.12 10.0.0.13]',
      'W1122 09:14:02.101734       1 lease.go:233] Resetting endpoints for master service "kubernetes" to [10.0.0.11 10.0.0.13]',
      'W1122 09:32:31.101734       1 lease.go:233] Resetting endpoints for master service "kubernetes" to [10.0.0.11 10.0.0.12 10.0.0.13]',
    ];
    const r = runLines({ 'ecs-m1-2023-11-22_10_00_00/rke2/podlogs/kube-system-kube-apiserver-ecs-m1': api });
    expect(r.incidents).toHaveLength(1);
    const inc = r.incidents[0];
    expect(inc.peer.address).toBe('10.0.0.12');
    expect(inc.start).toBe('2023-11-22T09:14:02.101Z');
    expect(inc.milestones.peerBack!.time).toBe('2023-11-22T09:32:31.101Z');
    expect(inc.durations.downtime).toBeCloseTo(1109, 0);
  });
  it('a promoted learner named after the peer\'s node is its return, once the name is known', () => {
    const agentOnly = agent('ecs-w1', 988).slice(0, 7);
    const server = [j('ecs-m1', 1532, '17:30:02', lr('17:30:02', 'level=info msg="Promoted learner ecs-m2-5e6f7a8b"'))];
    const named = runLines({ 'a/ecs-w1/rke2-agent.log': agentOnly, 'a/ecs-m1/rke2-server.log': server }, [['ecs-m2', '10.0.0.12']]);
    expect(named.incidents[0].milestones.peerBack!.time).toBe('2023-11-22T09:30:02.000Z');
    const unnamed = runLines({ 'a/ecs-w1/rke2-agent.log': agentOnly, 'a/ecs-m1/rke2-server.log': server });
    expect(unnamed.incidents[0].milestones.peerBack).toBeNull();
  });
});

describe('journald markers', () => {
  it('-- Reboot -- is a node.reboot event at the time of the line above it', () => {
    const lines = [...agent('ecs-w1', 988).slice(0, 2), '-- Reboot --', j('ecs-w1', 1004, '17:40:00', lr('17:40:00', 'level=info msg="Starting rke2 agent v1.25.16+rke2r1 (0b0c0d0e)"'))];
    const reboot = scanLines(lines, { path: 'a/ecs-w1/rke2-agent.log', node: 'ecs-w1', role: 'agent' }).events.find((e) => e.kind === 'node.reboot')!;
    expect([reboot.evidence.line, new Date(reboot.time!).toISOString()]).toEqual([3, '2023-11-22T01:00:05.000Z']);
  });
});

describe('planned stops', () => {
  it('a leader transfer away from the stopping server marks the incident as planned', () => {
    const server = [j('ecs-m2', 2101, '17:13:35', lr('17:13:35', 'level=info msg="Moving etcd cluster leader from ecs-m2-1a2b3c4d to ecs-m1-5e6f7a8b"'))];
    const r = runLines({ 'a/ecs-w1/rke2-agent.log': agent('ecs-w1', 988), 'a/ecs-m2/rke2-server.log': server });
    const planned = r.incidents[0].findings.filter((f) => f.code === 'planned-stop');
    expect(planned.map((f) => f.evidence![0].path)).toEqual(['a/ecs-m2/rke2-server.log']);
    // unnamed, the stopped server's own log is suspected to be the peer's rather than a gap
    const gap = r.incidents[0].findings.find((f) => f.code === 'coverage-gap')!;
    expect([gap.severity, gap.message]).toEqual(['info', expect.stringContaining('pass --host ecs-m2=10.0.0.12')]);
    expect(runLines({ 'a/ecs-w1/rke2-agent.log': agent('ecs-w1', 988) }).incidents[0].findings.map((f) => f.code)).not.toContain('planned-stop');
  });
});
