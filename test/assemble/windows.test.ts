// Cluster windows: every known server lost at once is the control plane down; more servers lost
// than etcd's quorum allows is etcd-quorum-lost; incidents overlapping a control-plane-down window
// claim no evictions.
import { reportOf, type MemSource } from '../support/scan';
import { journal, url } from '../support/lines';

const D = '2024-10-20';
const SERVERS = ['10.0.0.11', '10.0.0.12', '10.0.0.13'];
const list = (ips: string[]) => `[${ips.map((ip) => `${ip}:9345`).join(' ')}] [default: 10.0.0.11:9345]`;

/** An agent that sees `down` servers go at `at[i]` and come back at `back[i]` (2024 wording). */
function agent(name: string, down: string[], at: string[], back: Array<string | null>): MemSource {
  const j = (hms: string, level: string, msg: string, extra = '') => journal(name, 988, D, hms, level, msg, extra);
  const lines = [j('08:00:00', 'info', `Updated load balancer rke2-agent-load-balancer server addresses -> ${list(SERVERS)}`)];
  const alive = new Set(SERVERS);
  const steps: Array<[string, () => string[]]> = [];
  down.forEach((ip, i) => {
    steps.push([at[i], () => { alive.delete(ip); return [j(at[i], 'error', 'Remotedialer proxy error; reconnecting...', `error="websocket: close 1006 (abnormal closure): unexpected EOF" ${url(ip)}`), j(at[i], 'info', `Removing server from load balancer rke2-agent-load-balancer: ${ip}:9345`), j(at[i], 'info', `Updated load balancer rke2-agent-load-balancer server addresses -> ${list([...alive])}`)]; }]);
    const b = back[i];
    if (b) steps.push([b, () => { alive.add(ip); return [j(b, 'info', `Adding server to load balancer rke2-agent-load-balancer: ${ip}:9345`), j(b, 'info', `Updated load balancer rke2-agent-load-balancer server addresses -> ${list([...alive])}`)]; }]);
  });
  for (const [, f] of steps.sort((a, b) => a[0].localeCompare(b[0]))) lines.push(...f());
  lines.push(j('09:40:00', 'info', 'Tunnel authorizer set Kubelet Port 10250'));
  return { path: `${name}/journald/rke2-agent`, node: name, role: 'agent', lines };
}

/** A server's etcd pod log line (zap JSON, UTC): etcd's own lines in the input make quorum claimable. */
const ETCD: MemSource = { path: 'ecs-m1-2024-10-20_10_05_00/rke2/podlogs/kube-system-etcd-ecs-m1', node: 'ecs-m1', role: 'server', lines: [
  '{"level":"warn","ts":"2024-10-20T01:13:34.905Z","caller":"rafthttp/peer_status.go:66","msg":"peer became inactive (message send to peer failed)","peer-id":"9ed8c8a5b9b4bd3c","error":"failed to dial 9ed8c8a5b9b4bd3c on stream Message (dial tcp 10.0.0.12:2380: connect: connection refused)"}',
] };

describe('all three servers down within 7 s, back 16-17 min later, seen by three agents', () => {
  const at = ['09:13:30', '09:13:34', '09:13:37'];
  const back = ['09:29:33', '09:30:01', '09:30:20'];
  const r = reportOf([...['ecs-w1', 'ecs-w2', 'ecs-w3'].map((w) => agent(w, SERVERS, at, back)), ETCD]);
  test('one control-plane-down window from the last loss to the first server back', () => {
    const cp = r.windows!.filter((w) => w.kind === 'control-plane-down');
    expect(cp.map((w) => [w.start, w.end, w.peers])).toEqual([['2024-10-20T01:13:37.000Z', '2024-10-20T01:29:33.000Z', SERVERS]]);
    expect(cp[0].message).toMatch(/^The control plane was down for 15m56s: all 3 known servers lost/);
    expect(cp[0].evidence.length).toBeGreaterThanOrEqual(3);
  });
  test('etcd lost quorum from the second loss until the second server was back', () => {
    const q = r.windows!.filter((w) => w.kind === 'etcd-quorum-lost');
    expect(q.map((w) => [w.start, w.end])).toEqual([['2024-10-20T01:13:34.000Z', '2024-10-20T01:30:01.000Z']]);
  });
  test('windows come first in the JSON and the incidents claim no evictions', () => {
    expect(r.incidents).toHaveLength(3);
    expect(r.incidents.flatMap((i) => i.findings.map((f) => f.code))).not.toEqual(expect.arrayContaining(['no-reaper-logs']));
    expect(r.incidents.flatMap((i) => i.findings.map((f) => f.code))).not.toContain('pods-terminating');
  });
});

describe('two of three servers down', () => {
  const agents = ['ecs-w1', 'ecs-w2'].map((w) => agent(w, SERVERS.slice(1), ['09:13:30', '09:13:37'], ['09:30:00', null]));
  test('etcd quorum lost, the control plane not down (one server stayed reachable)', () => {
    const r = reportOf([...agents, ETCD]);
    expect(r.windows!.map((w) => [w.kind, w.start, w.end])).toEqual([['etcd-quorum-lost', '2024-10-20T01:13:37.000Z', '2024-10-20T01:30:00.000Z']]);
  });
  test('without etcd\'s own lines, quorum is not claimed', () => {
    expect(reportOf(agents).windows).toBeUndefined();
  });
});

describe('one server down', () => {
  const r = reportOf(['ecs-w1'].map((w) => agent(w, ['10.0.0.12'], ['09:13:30'], ['09:30:00'])));
  test('no window', () => {
    expect(r.incidents).toHaveLength(1);
    expect(r.windows).toBeUndefined();
  });
});
