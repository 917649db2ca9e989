// What each node's rke2 logs around a node's death, by release wording (messages.md §2-§4): start-up,
// the survivors' view of a server's loss (servers: tunnel error -> connecting -> stopped ~16 s later;
// agents: watch closed in 2022, LB update and stopped ~36 s later; Dec-2024+: health FAILED within
// 1 s), a dead agent's closed session on the servers, the returns, and noise.
import type { GenLine } from './render';

export type Wording = '2022' | '2023' | '2024' | '2025';
export const WORDINGS: Wording[] = ['2022', '2023', '2024', '2025'];

export interface GenNode { name: string; ip: string; role: 'server' | 'agent' }

/** Milestones a line proves, so expectations follow from what was written. */
export type Mark = 'first' | 'stopped' | 'failover' | 'back' | 'notReady' | 'evict';
/** `who`: the node the mark is about (set by the generator when several nodes go down). */
export type Marked = GenLine & { mark?: Mark; who?: string };

/** Release strings per wording: RKE2 / k3s client-go version, kcm event.go line. */
export const RELEASE: Record<Wording, { rke2: string; clientGo: string; event: string; commit: string }> = {
  '2022': { rke2: 'v1.21.14+rke2r1', clientGo: 'v1.21.14-k3s1', event: 'event.go:291', commit: '6b8a1c4e57a2d9f03e1b77c24d0f9a6e3c815d42' },
  '2023': { rke2: 'v1.25.16+rke2r1', clientGo: 'v1.25.16-k3s1', event: 'event.go:294', commit: '0d7e6b1c9a3f4e2d8b5a7c6e1f0a9b8c7d6e5f4a' },
  '2024': { rke2: 'v1.28.15+rke2r1', clientGo: 'v1.28.15-k3s1', event: 'event.go:307', commit: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678' },
  '2025': { rke2: 'v1.32.5+rke2r1', clientGo: 'v1.32.5-k3s1', event: 'event.go:377', commit: '5aac2aafc1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6' },
};

/** node-monitor-grace-period of each wording's Kubernetes: 40 s, 50 s from 1.32 (bundles.md §4.1). */
export const GRACE: Record<Wording, number> = { '2022': 40, '2023': 40, '2024': 40, '2025': 50 };

/** Seconds after the death at which each survivor's phases are logged (the versions' timing). */
export const TIMING: Record<Wording, { connect: number; dialFail: number; serverStopped: number; agentStopped: number; healthFailed: number | null; closing: number | null }> = {
  '2022': { connect: 5, dialFail: 70, serverStopped: 16, agentStopped: 36, healthFailed: null, closing: null },
  '2023': { connect: 5, dialFail: 8, serverStopped: 16, agentStopped: 36, healthFailed: null, closing: null },
  '2024': { connect: 1, dialFail: 4, serverStopped: 16, agentStopped: 36, healthFailed: null, closing: 1 },
  '2025': { connect: 3, dialFail: 6, serverStopped: 16, agentStopped: 36, healthFailed: 1, closing: 1 },
};

/** Shapes of a cluster's start-up beyond the default (see startup.ts). */
export interface StartOptions {
  /** 2020-2022 lists without a balancer name: `Updating load balancer server addresses -> [...]` (2022 wording only) */
  unnamedLb?: boolean;
  /** the agents' configured --server, which no server advertises: each agent swaps it at start-up */
  configured?: string;
  /** start-ups say the node's own address (`Running kubelet ... --node-ip=`) and servers tunnel to their own address too */
  ownAddress?: boolean;
  /** `debug: true`: debug lines among the others */
  debug?: boolean;
  /** is `node` up at `t` (a returning node's start-up only connects to servers that are up) */
  up?: (node: GenNode, t: number) => boolean;
}

export interface Ctx {
  w: Wording;
  self: GenNode;
  servers: GenNode[];
  dead: GenNode;
  /** the agents' --server (first server) */
  def: GenNode;
  o?: StartOptions;
}

const S = 1000;
export const url = (ip: string) => `wss://${ip}:9345/v1-rke2/connect`;
export const EOF = 'websocket: close 1006 (abnormal closure): unexpected EOF';
export const NOROUTE = (ip: string) => `dial tcp ${ip}:9345: connect: no route to host`;
export const li = (t: number, msg: string, fields?: Array<[string, string]>, mark?: Mark): Marked => ({ t, kind: 'logrus', level: 'info', msg, fields, mark });
export const le = (t: number, msg: string, fields?: Array<[string, string]>, mark?: Mark): Marked => ({ t, kind: 'logrus', level: 'error', msg, fields, mark });
export const list = (ns: GenNode[], port: number) => `[${ns.map((n) => `${n.ip}:${port}`).join(' ')}]`;

/**
 * A load-balancer list update. 2020-2022 releases before the balancers had names print
 * `Updating load balancer server addresses -> %v` (constructed/README.md: k3s `Update`), the
 * api-server (6443) and supervisor (9345) lists then tell the two balancers apart (DESIGN §6b).
 */
export function lbUpdate(c: Ctx, t: number, lb: 'agent' | 'api', ns: GenNode[], mark?: Mark): Marked {
  const name = lb === 'agent' ? 'rke2-agent-load-balancer' : 'rke2-api-server-agent-load-balancer';
  const port = lb === 'agent' ? 9345 : 6443;
  if (c.w === '2022' && c.o?.unnamedLb) return li(t, `Updating load balancer server addresses -> ${list(ns, port)}`, undefined, mark);
  if (c.w === '2022') return li(t, `Updating load balancer ${name} server addresses -> ${list(ns, port)}`, undefined, mark);
  return li(t, `Updated load balancer ${name} server addresses -> ${list(ns, port)} [default: ${c.def.ip}:${port}]`, undefined, mark);
}

/** A server that handles the other nodes' tunnels logs their (re)connection. */
export function backendConnections(t: number, names: string[]): Marked[] {
  return names.map((n) => li(t, `Handling backend connection request [${n}]`));
}

/** A surviving server's view of the dead server, from T0. */
export function serverObserver(c: Ctx, t0: number): Marked[] {
  const T = TIMING[c.w];
  const d = c.dead.ip;
  const out: Marked[] = [li(t0, `error in remotedialer server [400]: ${EOF}`, undefined, 'first')];
  out.push(...tunnelLoss(c, t0));
  out.push(li(t0 + T.serverStopped * S, `Stopped tunnel to ${d}:9345`, undefined, 'stopped'));
  out.push(li(t0 + T.serverStopped * S, 'Proxy done', [['err', 'context canceled'], ['url', url(d)]]));
  if (c.w === '2022') out.push(le(t0 + T.dialFail * S, 'Failed to connect to proxy', [['error', NOROUTE(d)]]));
  return out;
}

/** The tunnel break and the first reconnect attempts, the same on every survivor. */
function tunnelLoss(c: Ctx, t0: number): Marked[] {
  const T = TIMING[c.w];
  const d = c.dead.ip;
  const out: Marked[] = [];
  if (c.w === '2022' || c.w === '2023') out.push(le(t0, 'Remotedialer proxy error', [['error', EOF]], 'first'));
  else out.push(le(t0, 'Remotedialer proxy error; reconnecting...', [['error', EOF], ['url', url(d)]], 'first'));
  out.push(li(t0 + T.connect * S, 'Connecting to proxy', [['url', url(d)]]));
  if (c.w !== '2022') out.push(le(t0 + T.dialFail * S, 'Failed to connect to proxy. Empty dialer response', [['error', NOROUTE(d)]]));
  return out;
}

/** An agent's view of the dead server, from T0. */
export function agentObserver(c: Ctx, t0: number): Marked[] {
  const T = TIMING[c.w];
  const d = c.dead.ip;
  const alive = c.servers.filter((s) => s.ip !== d);
  const out: Marked[] = tunnelLoss(c, t0);
  if (T.healthFailed !== null) {
    const h = t0 + T.healthFailed * S;
    out.push(li(h, `Server ${d}:9345@ACTIVE->FAILED from failed health check`, undefined, 'failover'));
    out.push(li(h, `Server ${d}:6443@ACTIVE->FAILED from failed health check`, undefined, 'failover'));
    out.push(li(h, `Closing 5 connections to load balancer server ${d}:6443@FAILED`, undefined, 'failover'));
    out.push(li(h, `Server ${alive[0].ip}:6443@PREFERRED->ACTIVE from successful dial`));
  } else if (T.closing !== null) {
    out.push(li(t0 + T.closing * S, `Closing 6 connections to load balancer server ${d}:6443`, undefined, 'failover'));
  }
  const ts = t0 + T.agentStopped * S;
  if (c.w === '2022') {
    const status = '{ERROR &Status{ListMeta:ListMeta{SelfLink:,ResourceVersion:,Continue:,RemainingItemCount:nil,},Status:Failure,Message:an error on the server ("unable to decode an event from the watch stream: http2: client connection lost") has prevented the request from succeeding,Reason:InternalError,Details:&StatusDetails{Name:,Group:,Kind:,UID:,Causes:[]StatusCause{StatusCause{Type:UnexpectedServerResponse,Message:unable to decode an event from the watch stream: http2: client connection lost,Field:,},},RetryAfterSeconds:0,},Code:500,}}';
    out.push(le(ts - 5 * S, `Tunnel endpoint watch channel closed: ${status}`));
    // 21 keeps the configured default server at the end of the list even when it is down
    out.push(lbUpdate(c, ts, 'api', c.def.ip === d ? [...alive, c.dead] : alive));
    out.push(lbUpdate(c, ts, 'agent', alive, 'failover'));
  } else {
    out.push(li(ts, `Removing server from load balancer rke2-api-server-agent-load-balancer: ${d}:6443`, undefined, 'failover'));
    out.push(lbUpdate(c, ts, 'api', alive));
    out.push(li(ts, `Removing server from load balancer rke2-agent-load-balancer: ${d}:9345`, undefined, 'failover'));
    out.push(lbUpdate(c, ts, 'agent', alive));
  }
  out.push(li(ts, `Stopped tunnel to ${d}:9345`, undefined, 'stopped'));
  if (c.w !== '2022') out.push(li(ts, 'Proxy done', [['err', 'context canceled'], ['url', url(d)]]));
  return out;
}

/** A server's view of a dead agent: only the agent's incoming session closes, no tunnel of its own breaks. */
export function agentSessionClosed(t0: number): Marked[] {
  return [li(t0, `error in remotedialer server [400]: ${EOF}`)];
}

/** A server takes the returning agent again: node password (info from 27 on), then its tunnel. */
export function agentBack(c: Ctx, tb: number): Marked[] {
  const out: Marked[] = [];
  if (c.w !== '2022') out.push(li(tb, `Password verified locally for node ${c.dead.name}`, undefined, 'back'));
  out.push(li(tb, `Handling backend connection request [${c.dead.name}]`, undefined, 'back'));
  return out;
}

/** A surviving server sees the dead server back at TB. */
export function serverReturn(c: Ctx, tb: number): Marked[] {
  const d = c.dead.ip;
  const out: Marked[] = [li(tb, `Handling backend connection request [${c.dead.name}]`)];
  if (c.w === '2025') out.push(li(tb, `Started tunnel to ${d}:9345`, undefined, 'back'));
  out.push(li(tb, 'Connecting to proxy', [['url', url(d)]]));
  if (c.w === '2024' || c.w === '2025') out.push(li(tb, 'Remotedialer connected to proxy', [['url', url(d)]], 'back'));
  return out;
}

/** An agent sees the dead server back at TB. */
export function agentReturn(c: Ctx, tb: number): Marked[] {
  const d = c.dead.ip;
  const alive = c.servers.filter((s) => s.ip !== d);
  const out: Marked[] = [];
  if (c.w === '2022') {
    out.push(lbUpdate(c, tb, 'api', [c.dead, ...alive]));
    out.push(lbUpdate(c, tb, 'agent', [c.dead, ...alive], 'back'));
  } else {
    out.push(li(tb, `Adding server to load balancer rke2-agent-load-balancer: ${d}:9345`, undefined, 'back'));
    out.push(lbUpdate(c, tb, 'agent', [...alive, c.dead]));
    out.push(li(tb, `Adding server to load balancer rke2-api-server-agent-load-balancer: ${d}:6443`, undefined, 'back'));
    out.push(lbUpdate(c, tb, 'api', [...alive, c.dead]));
  }
  if (c.w === '2025') out.push(li(tb, `Started tunnel to ${d}:9345`, undefined, 'back'));
  out.push(li(tb, 'Connecting to proxy', [['url', url(d)]]));
  if (c.w === '2024' || c.w === '2025') out.push(li(tb, 'Remotedialer connected to proxy', [['url', url(d)]], 'back'));
  if (c.w === '2025') {
    out.push(li(tb + S, `Server ${d}:9345@UNCHECKED->RECOVERING from successful health check`));
    out.push(li(tb + 2 * S, `Server ${d}:9345@RECOVERING->PREFERRED from successful health check`));
  }
  return out;
}

const NOISE_KINDS = ['*v1.Secret', '*v1.Node', '*v1.Endpoints', '*v1.ConfigMap'];

/** Harmless lines that match no rule: reflector warnings, snapshots, module loads. */
export function noise(c: Ctx, t: number, i: number, pid: number): Marked {
  const k = i % 4;
  if (k === 0 || k === 1) {
    const what = NOISE_KINDS[i % NOISE_KINDS.length];
    return { t, kind: 'klog', sev: 'W', pid, src: 'reflector.go:441', msg: `k8s.io/client-go@${RELEASE[c.w].clientGo}/tools/cache/reflector.go:167: watch of ${what} ended with: an error on the server ("unable to decode an event from the watch stream: stream error: stream ID ${101 + 2 * i}; INTERNAL_ERROR") has prevented the request from succeeding` };
  }
  if (k === 2 && c.self.role === 'server') return li(t, `Saving etcd snapshot to /var/lib/rancher/rke2/server/db/snapshots/etcd-snapshot-${c.self.name}-${Math.floor(t / 1000)}`);
  if (k === 2) return li(t, 'Module br_netfilter was already loaded');
  return { t, kind: 'klog', sev: 'I', pid, src: 'trace.go:205', msg: `Trace[${100000 + i}]: "List" url:/api/v1/namespaces/kube-system/configmaps,user-agent:rke2/${RELEASE[c.w].rke2} (linux/amd64) kubernetes (total time: 612ms):` };
}
