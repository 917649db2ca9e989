// What the tool must report for a generated scenario, from the instants of the lines written (their
// marks) and the timing model: each lost server's incident, a dead agent's reaper incident, their
// cycles, where the logs end, cluster windows, and the cause the lost node's own logs show.
import { DEFAULT_TIMING, expectedEvictSeconds } from '../../src/assemble/timing';
import type { MilestoneName } from '../../src/types';
import type { GenNode, Mark, Marked } from './wording';
import type { Model, NodeLogs } from './layouts';
import type { Mode } from './observe';
import { downAt } from './observe';
import type { Expected, ExpectedCause, ExpectedIncident, ExpectedReport, ExpectedWindow, Has, Outage, Scenario } from './scenario';

const S = 1000;
const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
const min = (xs: number[]) => (xs.length ? Math.min(...xs) : null);
const secs = (a: number | null, b: number | null) => (a === null || b === null ? null : (b - a) / 1000);
type Marks = Record<Mark, number[]>;

/** The incident in the report's shape, from its start and milestone instants. */
function incident(peer: Expected['peer'], start: number, estimated: boolean, m: Record<MilestoneName, number | null>, pods: string[]): Expected {
  return {
    peer, start: iso(start)!, estimated,
    milestones: Object.fromEntries(Object.entries(m).map(([k, v]) => [k, iso(v)])) as Record<MilestoneName, string | null>,
    durations: {
      detect: secs(start, m.tunnelStopped), failover: secs(start, m.loadBalancerFailover), evict: secs(start, m.podsTerminating),
      reap: secs(m.podsTerminating, m.lastForceDelete), interruption: secs(start, m.lastForceDelete), downtime: secs(start, m.peerBack),
    },
    pods,
  };
}

/** A dead server: every milestone is the earliest line that proves it (DESIGN §6), etcd's and the apiserver's included. */
export function expectServer(named: boolean, dead: GenNode, marks: Marks, deletes: number[], deletionTs: number, pods: Array<[string, string]>): Expected {
  const start = min(marks.first)!;
  return incident({ address: dead.ip, node: named ? dead.name : null }, start, false, {
    firstSign: start,
    tunnelStopped: min(marks.stopped),
    loadBalancerFailover: min(marks.failover),
    nodeNotReady: min(marks.notReady),
    // the reaper's deletion timestamps; without reaper output, the controller-manager's first eviction
    podsTerminating: deletes.length ? deletionTs : min(marks.evict),
    firstForceDelete: min(deletes),
    lastForceDelete: deletes.length ? Math.max(...deletes) : null,
    peerBack: min(marks.back),
  }, deletes.length ? pods.map(([ns, p]) => `${ns}/${p}`) : []);
}

/**
 * A dead agent leaves no rke2 loss (servers log only the unattributable session close), so the
 * incident is the reaper's: start estimated from the deletion timestamps with the timing model the
 * tool runs with, named by the controller-manager's NotReady when that line is in the bundle, back
 * when the servers take the named node's tunnel again. Without reaper output (a Rancher bundle set)
 * the controller-manager's NotReady opens it, one grace period earlier; without that either, none.
 */
export function expectAgent(s: Scenario, has: Has, dead: GenNode, marks: Marks, deletes: number[], deletionTs: number, pods: Array<[string, string]>): Expected | null {
  if (!deletes.length) return expectNotReadyOnly(s, has, dead, marks);
  const start = deletionTs - expectedEvictSeconds(s.timing ?? DEFAULT_TIMING) * S;
  const notReady = min(marks.notReady);
  const address = notReady !== null && has.names ? dead.ip : null;
  return incident({ address, node: notReady !== null ? dead.name : null }, start, true, {
    firstSign: null, tunnelStopped: null, loadBalancerFailover: null,
    nodeNotReady: notReady,
    podsTerminating: deletionTs,
    firstForceDelete: min(deletes),
    lastForceDelete: Math.max(...deletes),
    peerBack: address ? min(marks.back) : null,
  }, pods.map(([ns, p]) => `${ns}/${p}`));
}

/** A dead agent seen only by the controller-manager: start = NotReady - grace, evictions mark the pods. */
function expectNotReadyOnly(s: Scenario, has: Has, dead: GenNode, marks: Marks): Expected | null {
  const notReady = min(marks.notReady);
  if (notReady === null) return null;
  const address = has.names ? dead.ip : null;
  return incident({ address, node: dead.name }, notReady - (s.timing ?? DEFAULT_TIMING).grace * S, true, {
    firstSign: null, tunnelStopped: null, loadBalancerFailover: null,
    nodeNotReady: notReady,
    podsTerminating: min(marks.evict),
    firstForceDelete: null,
    lastForceDelete: null,
    peerBack: min(marks.back),
  }, []);
}

export interface GenFacts {
  outs: Outage[];
  modes: Array<{ o: Outage; mode: Mode }>;
  model: Model;
  deletes: number[];
  deletionTs: number;
  pods: Array<[string, string]>;
  has: Has;
  /** etcd member id -> node name */
  ids: Map<string, string>;
}

/** etcd member ids some line maps to an address (`dial tcp IP:2380` in the prober's error): the tool names the others nobody. */
function mappedIds(lines: Marked[]): Set<string> {
  const out = new Set<string>();
  for (const l of lines) {
    if (l.kind !== 'raw' || !l.text.includes('dial tcp')) continue;
    const j = JSON.parse(l.text) as Record<string, string>;
    if (j['remote-peer-id']) out.add(j['remote-peer-id']);
  }
  return out;
}

/** The member id an etcd line is about (null: not an etcd line). */
function idIn(l: Marked): string | null {
  if (l.kind !== 'raw' || !l.text.startsWith('{')) return null;
  const j = JSON.parse(l.text) as Record<string, string>;
  return j['peer-id'] ?? j['remote-peer-id'] ?? /lost leader ([0-9a-f]+)/.exec(j.msg)?.[1] ?? null;
}

/** Every marked line about `who`, by mark, restricted to [from, to). */
function marksOf(lines: Marked[], who: string, from = -Infinity, to = Infinity): Marks {
  const m: Marks = { first: [], stopped: [], failover: [], back: [], notReady: [], evict: [] };
  for (const l of lines) if (l.mark && l.who === who && l.t >= from && l.t < to) m[l.mark].push(l.t);
  return m;
}

/**
 * A server whose own log dials the tunnel of every other server and not its own: the tool names
 * it by elimination (an rke2 server does not tunnel to itself before the 2024 endpoint watch).
 */
function dialsAllButItself(nodes: NodeLogs[], own: NodeLogs): boolean {
  if (own.node.role !== 'server') return false;
  const dialed = new Set(own.rke2.flatMap((l) => (l.kind === 'logrus' && l.msg === 'Connecting to proxy' ? (l.fields ?? []).filter(([k]) => k === 'url').map(([, v]) => /wss:\/\/([^:/\]]+)/.exec(v)?.[1] ?? '') : [])));
  const others = nodes.filter((n) => n.node.role === 'server' && n !== own).map((n) => n.node.ip);
  return others.length > 0 && !dialed.has(own.node.ip) && others.every((ip) => dialed.has(ip)) && dialed.size === others.length;
}

/** Everything the report must hold (ExpectedReport), from the model as written. */
export function expectReport(s: Scenario, f: GenFacts): ExpectedReport {
  const { model, outs, has } = f;
  const single = outs.length === 1 ? outs[0].node.name : null;
  const all: Marked[] = [...model.nodes.flatMap((n) => [...n.rke2, ...n.etcd, ...n.apiserver]), ...(model.kcm?.lines ?? [])].map((l) => ({ ...l, who: l.who ?? single ?? undefined }));
  const ok = mappedIds(all);
  const lines = all.map((l) => (l.mark && idIn(l) !== null && !ok.has(idIn(l)!) ? { ...l, mark: undefined } : l));
  const incidents: ExpectedIncident[] = [];
  for (const o of outs) {
    const own = model.nodes.find((n) => n.node === o.node) ?? null;
    const marks = marksOf(lines, o.node.name);
    // its own logs name it (folder, host) and say its address: `--node-ip`, or the local side of its `read tcp A->B` errors (node-lifecycle.md §6)
    const named = has.names || (own !== null && (!!s.ownAddress || s.deathKind === 'partition' || dialsAllButItself(model.nodes, own)));
    const e = o.node.role === 'agent'
      ? expectAgent(s, has, o.node, marks, f.deletes, f.deletionTs, f.pods)
      : marks.first.length ? expectServer(named, o.node, marks, f.deletes, f.deletionTs, f.pods) : null;
    if (!e) continue;
    const cycles = o.cycles.map((k, i) => {
      const next = o.cycles[i + 1]?.down ?? Infinity;
      const m = marksOf(lines, o.node.name, k.down - 2 * S, next - 2 * S);
      return { lost: iso(min(m.first) ?? k.down)!, back: iso(min(m.back)) };
    });
    if (e.estimated) cycles[0].lost = e.start;
    const end = e.milestones.peerBack === null ? null : cycles[cycles.length - 1].back;
    // a flapping peer is down from its first loss to its last return (DESIGN §6: downtime = end - start)
    if (cycles.length > 1) e.durations.downtime = secs(Date.parse(e.start), end === null ? null : Date.parse(end));
    if (restartOnly(s, e, cycles, end, own)) continue;
    incidents.push({ ...e, pods: [...e.pods].sort(), cycles, end, logsEnd: end === null ? iso(coveredUntil(model, o.node)) : null, cause: causeOf(s, f, o, e) });
  }
  incidents.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  return { incidents, windows: windowsOf(s, f, incidents), nulBlocks: [], logsEnd: iso(coveredUntil(model, null))! };
}

/**
 * A server's own restart, not an incident (src/assemble/story.ts): lost once, back before the
 * node-monitor grace period with no tunnel stopped, no NotReady and no pod, and its own log in the
 * input shows the new process start between the loss and the return.
 */
function restartOnly(s: Scenario, e: Expected, cycles: Array<{ lost: string; back: string | null }>, end: string | null, own: NodeLogs | null): boolean {
  if (!own || end === null || cycles.length !== 1 || e.estimated || e.pods.length) return false;
  const m = e.milestones;
  if (m.tunnelStopped !== null || m.nodeNotReady !== null || e.durations.downtime === null || e.durations.downtime >= (s.timing ?? DEFAULT_TIMING).grace) return false;
  const start = Date.parse(e.start);
  return own.restarts.some((t) => t > start - 60 * S && t <= Date.parse(end));
}

/** The latest instant the logs of every node but `dead` cover (its own logs say nothing of the others). */
function coveredUntil(m: Model, dead: GenNode | null): number {
  const ts = m.nodes.filter((n) => n.node !== dead).flatMap((n) => [...n.rke2, ...n.kubelet, ...n.etcd, ...n.apiserver]).filter((l) => l.kind !== 'marker' && l.kind !== 'nul').map((l) => l.t);
  return Math.max(...ts, ...(m.kcm?.lines ?? []).map((l) => l.t));
}

const STOP = ['Stopping Rancher Kubernetes Engine v2', 'signal received', 'Shutting down', 'context canceled', 'Stopped Rancher Kubernetes Engine v2'];

/** The cause the lost node's own logs show, where the shape makes it unambiguous (DESIGN §6b). */
function causeOf(s: Scenario, f: GenFacts, o: Outage, e: Expected): ExpectedCause | undefined {
  const own = f.model.nodes.some((n) => n.node === o.node);
  const journal = s.layout === 'rancher' || s.layout === 'flat' || (!!s.paste && s.paste !== 'files');
  const kind = s.deathKind ?? 'vanish';
  if (o.node.role === 'agent' && e.estimated && !own && e.peer.node === null && f.deletes.length) return { kind: 'unknown', lines: [], likelyNode: o.node.name };
  if (!own) return undefined;
  if (kind === 'shutdown') return { kind, lines: [STOP] };
  if (kind === 'reboot' && journal) return { kind, lines: [STOP, ['-- Reboot --', '-- Boot ']] };
  if (kind === 'crash' && !journal) {
    const nul = f.model.nulAt.find((x) => x.path.includes(o.node.name));
    return { kind, lines: [['Starting rke2']], ...(nul ? { nul } : {}) };
  }
  if (kind === 'partition') return { kind, lines: [['i/o timeout', 'lost leader', 'is starting a new election']] };
  return undefined;
}

/** Cluster windows: every server lost at once (control-plane-down), more than half the etcd members (etcd-quorum-lost, when etcd logs are in). */
function windowsOf(s: Scenario, f: GenFacts, incidents: ExpectedIncident[]): ExpectedWindow[] {
  const servers = s.nodes.filter((n) => n.role === 'server');
  const lost = f.outs.filter((o) => o.node.role === 'server');
  const instants = lost.flatMap((o) => o.cycles.map((k) => k.down + 10 * S));
  const worst = instants.map((t) => downAt(lost, t)).sort((a, b) => b.length - a.length)[0] ?? [];
  const incOf = (o: Outage) => incidents.find((i) => i.peer.address === o.node.ip)!;
  const span = (os: Outage[]) => {
    const backs = os.map((o) => incOf(o).milestones.peerBack).filter((x): x is string => x !== null).map(Date.parse);
    return { start: iso(Math.max(...os.map((o) => Date.parse(incOf(o).start))))!, end: backs.length ? iso(Math.min(...backs)) : null };
  };
  const out: ExpectedWindow[] = [];
  const allDown = worst.length === servers.length && servers.length > 1;
  if (allDown) out.push({ kind: 'control-plane-down', ...span(worst), peers: worst.map((o) => o.node.ip).sort() });
  if (f.has.controlPlane && worst.length > servers.length / 2 && servers.length >= 3) {
    // with every server down, which losses etcd logged before the last member died is etcd's own story: only the kind is predicted
    out.push(allDown ? { kind: 'etcd-quorum-lost' } : { kind: 'etcd-quorum-lost', ...span(worst), peers: worst.map((o) => o.node.ip).sort() });
  }
  return out.sort((a, b) => (a.start ?? '').localeCompare(b.start ?? ''));
}
