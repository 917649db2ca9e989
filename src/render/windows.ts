// Cluster windows (DESIGN §6b) as every renderer shows them: a headline first, and what an
// incident's load-balancer failover achieved against them (failoverOf): no server left inside a
// control-plane-down window, overtaken when the servers it moved to were lost in turn, no quorum
// while etcd could not write; only a failover to servers that kept serving is OUTAGE MITIGATED.
import type { ClusterWindow, Incident, WindowKind } from '../types';
import { fmtDuration } from '../assemble/format';
import { offsetSeconds } from './time';
import { utcWithZone } from './zoned';

export const WINDOW_TITLES: Record<WindowKind, string> = {
  'control-plane-down': 'Control plane down',
  'etcd-quorum-lost': 'etcd quorum lost',
};

/** The control-plane-down window the incident overlaps (lost before or during it, not back before it began), if any. */
export function controlPlaneDownAt(inc: Incident, windows: ClusterWindow[] | undefined): ClusterWindow | null {
  return (windows ?? []).find((w) => w.kind === 'control-plane-down' && overlaps(inc, w)) ?? null;
}

/** Windows that overlap the span [from, to] (the swimlane's range). */
export function windowsOver(windows: ClusterWindow[] | undefined, from: number, to: number): ClusterWindow[] {
  return (windows ?? []).filter((w) => Date.parse(w.start) <= to && (w.end === null || Date.parse(w.end) >= from));
}

/** `6m23s`, or `not back in the logs` for an open window. */
export function windowLength(w: ClusterWindow): string {
  return w.end ? fmtDuration(offsetSeconds(w.start, w.end)) : 'not over in the logs';
}

/** `Control plane down from 2022-12-29 09:13:37 UTC to ... (6m23s)`: the headline before the window's message. */
export function windowHeadline(w: ClusterWindow, tz: string): string {
  const to = w.end ? `to ${utcWithZone(w.end, tz)} (${windowLength(w)})` : '(not over in the logs)';
  return `${WINDOW_TITLES[w.kind]} from ${utcWithZone(w.start, tz)} ${to}`;
}

/** `W2`: how the summary table and the window blocks name a window (its place in the report's list). */
export function windowRef(w: ClusterWindow, windows: ClusterWindow[] | undefined): string {
  const i = (windows ?? []).indexOf(w);
  return i >= 0 ? `W${i + 1}` : WINDOW_TITLES[w.kind];
}

/** The window of this kind that holds the instant, if any. */
function windowAt(kind: WindowKind, t: number, windows: ClusterWindow[] | undefined): ClusterWindow | null {
  return (windows ?? []).find((w) => w.kind === kind && Date.parse(w.start) <= t && (w.end === null || t < Date.parse(w.end))) ?? null;
}

/** True when every server was lost at that instant (a control-plane-down window holds it): a balancer had nothing to fail over to. */
export function noServerLeftAt(iso: string | null, windows: ClusterWindow[] | undefined): boolean {
  return iso !== null && !!windowAt('control-plane-down', Date.parse(iso), windows);
}

/** A server the load balancers could still fail over to, and when it was lost in turn (null: not in this report). */
export interface FailoverTarget { address: string; lost: string | null }

/**
 * What the incident's load-balancer failover achieved, read against the cluster windows (DESIGN §6b):
 * - `none`: the logs show no failover;
 * - `no-server-left`: the balancers marked the server failed while every server was lost: no failover;
 * - `overtaken`: a real failover to the servers still up, which were lost in turn: the control plane went down;
 * - `no-quorum`: a real failover, but etcd had (or then lost) quorum: the API could not write until it returned;
 * - `mitigated`: traffic moved to servers that kept serving (the only kind that is OUTAGE MITIGATED).
 * `incidents`: the report's incidents, to name the servers failed over to and when they were lost.
 */
export type FailoverVerdict =
  | { kind: 'none' }
  | { kind: 'mitigated'; at: string }
  | { kind: 'no-server-left'; at: string; window: ClusterWindow }
  | { kind: 'overtaken'; at: string; window: ClusterWindow; to: FailoverTarget[] }
  | { kind: 'no-quorum'; at: string; window: ClusterWindow };

export function failoverOf(inc: Incident, windows: ClusterWindow[] | undefined, incidents: Incident[] = []): FailoverVerdict {
  const m = inc.milestones.loadBalancerFailover;
  if (!m) return { kind: 'none' };
  const at = Date.parse(m.time);
  const inside = windowAt('control-plane-down', at, windows);
  if (inside) return { kind: 'no-server-left', at: m.time, window: inside };
  const cp = controlPlaneDownAt(inc, windows);
  if (cp && at < Date.parse(cp.start)) return { kind: 'overtaken', at: m.time, window: cp, to: targetsAt(inc, cp, at, incidents) };
  const q = (windows ?? []).find((w) => w.kind === 'etcd-quorum-lost' && overlaps(inc, w) && (w.end === null || at < Date.parse(w.end)));
  if (q) return { kind: 'no-quorum', at: m.time, window: q };
  return { kind: 'mitigated', at: m.time };
}

/** The incident is lost during the window (lost before or in it, not back before it began). */
function overlaps(inc: Incident, w: ClusterWindow): boolean {
  const from = Date.parse(inc.start);
  const to = inc.end ? Date.parse(inc.end) : Infinity;
  return from <= (w.end === null ? Infinity : Date.parse(w.end)) && to >= Date.parse(w.start);
}

/** The window's other servers that were up at `at`, each with its next loss after it (from the report's incidents). */
function targetsAt(inc: Incident, w: ClusterWindow, at: number, incidents: Incident[]): FailoverTarget[] {
  const out: FailoverTarget[] = [];
  for (const address of w.peers) {
    if (address === inc.peer.address) continue;
    const cycles = incidents.filter((i) => i !== inc && i.peer.address === address).flatMap((i) => i.cycles ?? [{ lost: i.start, back: i.end }]);
    if (cycles.some((c) => Date.parse(c.lost) <= at && (c.back === null || at < Date.parse(c.back)))) continue;
    const next = cycles.map((c) => Date.parse(c.lost)).filter((t) => t > at).sort((a, b) => a - b)[0];
    out.push({ address, lost: next === undefined ? null : new Date(next).toISOString() });
  }
  return out.sort((a, b) => (a.lost ?? '~').localeCompare(b.lost ?? '~') || a.address.localeCompare(b.address));
}
