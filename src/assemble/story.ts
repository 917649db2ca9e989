// The story across incidents, once each is built (DESIGN §6b): a node cut off by a partition is one
// incident of its own (the majority decides), each lost node's cause from its own logs or its likely
// name, the cluster windows, and no eviction claims while the control plane was down.
import type { ClusterWindow, Event, Evidence, Finding, Incident, InputSummary } from '../types';
import { fmtDuration } from './format';
import type { Fact } from './facts';
import { sameHost, type NameBook } from './peers';
import { isolatedObservers, isolationFinding } from './isolation';
import { causeOf, ownEvents } from './cause';
import { likelyCause } from './likely';
import { clusterWindows, overlapsControlPlaneDown } from './windows';
import { append } from '../lists';

export interface StoryContext {
  timed: Event[];
  names: NameBook;
  facts: Fact[];
  inputs: InputSummary[];
  /** every server address the input revealed */
  servers: Set<string>;
  logsEnd: number | null;
  /** node names the input shows registered (backend connections, kubectl nodes, NotReady), with the line that shows it */
  registered: Map<string, Event | null>;
}

/** Findings that reason from the timing model about evictions: untrue while the controller-manager was down. */
const EVICTION_CLAIMS = new Set(['no-reaper-logs', 'pods-terminating', 'eviction-unexpected']);

/** Incidents (time order) -> the story: incidents kept, windows, and report-level findings. */
export function tellStory(incidents: Incident[], c: StoryContext): { incidents: Incident[]; windows: ClusterWindow[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const tunnelNodes = new Set(c.timed.filter((e) => e.node && (e.kind.startsWith('tunnel.') || e.kind.startsWith('lb.'))).map((e) => e.node!));
  const dropped = new Set<Incident>();
  const alone: Array<ReturnType<typeof isolatedObservers>[number]> = [];
  for (const iso of isolatedObservers(incidents, c.inputs, tunnelNodes)) {
    // the others saw the isolated node itself vanish: its losses are its own incident's evidence
    const own = incidents.find((i) => !iso.incidents.includes(i) && ((i.peer.node !== null && sameHost(i.peer.node, iso.who)) || (i.peer.address !== null && c.names.addrOf(iso.who) === i.peer.address)));
    if (own) iso.incidents.forEach((i) => dropped.add(i));
    else alone.push(iso);
  }
  let kept = incidents.filter((i) => !dropped.has(i));
  const observers = new Set(c.inputs.map((i) => i.node).filter((n): n is string => !!n));
  const restarts: Array<{ inc: Incident; startup: Event }> = [];
  for (const inc of kept) {
    const own = ownEvents(inc, c.timed, c.names);
    const cause = causeOf(inc, own, c.facts, loggedUntil(c.inputs, own)) ?? likelyCause(inc, c.timed, c.registered, observers);
    if (cause) inc.cause = cause;
    const startup = restartOf(inc, own);
    if (startup) restarts.push({ inc, startup });
  }
  // a server's own restart (a rolling upgrade restarts each in turn) is a note, not an incident
  const restarted = new Set(restarts.map((r) => r.inc));
  kept = kept.filter((i) => !restarted.has(i));
  kept.forEach((inc, i) => (inc.id = i + 1));
  // said once the incidents are numbered (the finding cites them)
  append(findings, alone.map(isolationFinding));
  append(findings, restarts.map(restartFinding));
  // quorum is claimed only where etcd's own lines (peers, leaders, members) are in the input
  const etcdSeen = c.timed.some((e) => e.kind === 'etcd.peer-unreachable' || e.kind === 'etcd.peer-back' || e.kind === 'etcd.leader-changed' || e.kind === 'etcd.member-promoted');
  const windows = clusterWindows(kept, c.servers, c.logsEnd, etcdSeen);
  for (const inc of kept) if (overlapsControlPlaneDown(windows, inc)) inc.findings = inc.findings.filter((f) => !EVICTION_CLAIMS.has(f.code));
  return { incidents: kept, windows, findings };
}

/**
 * A restart, not an outage: the peer was lost only briefly (back before the node-monitor grace
 * period: the transient-loss blip, no NotReady, no pod moved, one cycle) and its own log shows its
 * start-up between the loss and the return. Without its own start-up in the input a blip stays an
 * incident (a network blip looks the same from the agents). Returns the start-up line, or null.
 */
function restartOf(inc: Incident, own: Event[]): Event | null {
  if (!inc.end || !inc.findings.some((f) => f.code === 'transient-loss') || inc.pods.length || inc.milestones.nodeNotReady) return null;
  const from = Date.parse(inc.start) - RESTART_LEAD_MS;
  const to = Date.parse(inc.end);
  return own.find((e) => e.kind === 'node.starting' && e.detail.phase === 'starting' && e.time! > from && e.time! <= to) ?? null;
}

/** How long before the agents' first sign a node's own start-up may come (the old process stops, the new one starts). */
const RESTART_LEAD_MS = 60_000;

function restartFinding(r: { inc: Incident; startup: Event }): Finding {
  const { inc, startup } = r;
  const who = inc.peer.node ? `${inc.peer.node}${inc.peer.address ? ` (${inc.peer.address})` : ''}` : inc.peer.address ?? 'a node';
  const down = inc.durations.downtime;
  return {
    code: 'server-restart', severity: 'info',
    message: `${who} restarted at ${inc.start.slice(11, 19)} UTC: its own log shows its start-up (line ${startup.evidence.line}) and the others had it back after ${down === null ? '?' : fmtDuration(down)}, before the node-monitor grace period. A restart (an upgrade, a service restart), not an outage: no incident.`,
    evidence: [inc.milestones.firstSign?.evidence, startup.evidence, inc.milestones.peerBack?.evidence].filter((e): e is Evidence => !!e),
  };
}

/** The latest line of the inputs the node's own events came from (in a paste of several journals: its own host's last line). */
function loggedUntil(inputs: InputSummary[], own: Event[]): number | null {
  let last: number | null = null;
  for (const e of own) {
    const i = inputs[e.source];
    const t = i?.hosts?.length ? i.hosts.find((h) => h.node === e.node)?.lastTime : i?.lastTime;
    if (t) last = Math.max(last ?? -Infinity, Date.parse(t));
  }
  return last;
}

/** Every server address the input revealed: balancer lists, apiserver endpoints, etcd peers, server incidents, kubectl control-plane rows. */
export function knownServers(timed: Event[], inventory: string[]): Set<string> {
  const out = new Set(inventory);
  const host = (s: string) => (s.startsWith('[') ? s.slice(1, s.indexOf(']')) : s.replace(/:\d{1,5}$/, ''));
  for (const e of timed) {
    if (e.kind === 'lb.servers' && !e.detail.startup) for (const s of e.detail.servers) if (!e.detail.swapped?.includes(s)) out.add(host(s));
    if (e.kind === 'apiserver.endpoints') for (const ip of e.detail.ips) out.add(ip);
  }
  return out;
}

/** Node names the input shows registered in the cluster, each with the first line that shows it. */
export function registeredNodes(timed: Event[], hosts: Array<[string, string]>): Map<string, Event | null> {
  const out = new Map<string, Event | null>();
  for (const [name] of hosts) out.set(name, null);
  for (const e of timed) {
    const name = e.kind === 'tunnel.backend-connected' ? e.peer : e.kind === 'node.not-ready' ? e.detail.nodeName : null;
    if (name && !out.get(name)) out.set(name, e);
  }
  return out;
}
