// Shared wording for every renderer: milestone labels, duration labels, the one-line summary, the
// end of the story (back, or where the logs end), the cause and the lost/back cycles.
import type { ClusterWindow, DurationName, Incident, Milestone, MilestoneName } from '../types';
import { fmtDuration } from '../assemble/format';
import { fmtClock, offsetSeconds } from './time';
import { failoverOf, noServerLeftAt, windowRef, type FailoverVerdict } from './windows';

export const MILESTONE_LABELS: Record<MilestoneName, string> = {
  firstSign: 'first sign of failure',
  tunnelStopped: 'tunnel stopped',
  loadBalancerFailover: 'load balancer failed over',
  nodeNotReady: 'node NotReady',
  podsTerminating: 'pods marked for deletion',
  firstForceDelete: 'first pod force-deleted',
  lastForceDelete: 'last pod force-deleted',
  peerBack: 'peer back',
};

/** The failover milestone when every server was lost at that moment: the balancer marked the server failed, there was nowhere to go. */
export const NO_SERVER_LEFT_LABEL = 'load balancer marked it failed (no server left)';

/** Durations are measured from the start; renderers put them under a "from the start" heading. */
export const DURATION_LABELS: Record<DurationName, string> = {
  detect: 'detect', failover: 'failover', evict: 'evict', reap: 'reap', interruption: 'interruption', downtime: 'downtime',
};

/** `server 10.113.207.142 (feng-ws2…)` or `unknown node` for reaper-only incidents. */
export function peerLabel(inc: Incident): string {
  const p = inc.peer;
  if (!p.address && !p.node) return `unknown node (pod-reaper evidence only${inc.cause?.likelyNode ? `; likely ${inc.cause.likelyNode}` : ''})`;
  const role = p.role === 'unknown' ? 'node' : p.role;
  return `${role} ${p.address ?? p.node}${p.address && p.node ? ` (${p.node})` : ''}`;
}

/** `09:13:37 UTC`, or `09:13:37 UTC (17:13:37 Asia/Shanghai)`. */
function clock(iso: string, tz: string): string {
  return tz === 'UTC' ? `${fmtClock(iso, 'UTC')} UTC` : `${fmtClock(iso, 'UTC')} UTC (${fmtClock(iso, tz)} ${tz})`;
}

/** How the story ends: `not back in the logs (logs end 1m10s after the start)` when the peer never came back. */
export function notBackText(inc: Incident): string {
  const after = inc.logsEnd ? offsetSeconds(inc.start, inc.logsEnd) : null;
  return `not back in the logs${after !== null ? ` (logs end ${fmtDuration(after)} after the start)` : ''}`;
}

/** One sentence a customer can read. `incidents`: the report's, to name the servers a failover went to. */
export function summaryOf(inc: Incident, tz = 'UTC', windows: ClusterWindow[] = [], incidents: Incident[] = []): string {
  const d = inc.durations;
  // a loss the peer recovered from within the grace period is a blip, not the node going down
  const blip = inc.findings.some((f) => f.code === 'transient-loss');
  const at = `${inc.estimatedStart ? 'at about' : 'at'} ${clock(inc.start, tz)}${inc.estimatedStart ? ' (estimated from the pods\' deletion timestamps)' : ''}`;
  // a partition cuts the node off; its own logs show it kept running: never "went down"
  const cutOff = inc.cause?.kind === 'partition';
  // an excerpt that starts inside the outage: the start is the first line of the evidence, not when it went down
  const excerpt = inc.findings.some((f) => f.code === 'excerpt-starts-inside');
  const flaps = inc.cycles?.length ?? 0;
  // a flapping peer is back when its last loss closes (DESIGN §6b), not at its first return
  const backAt = flaps > 1 ? inc.end : inc.milestones.peerBack?.time ?? null;
  const logsEnd = inc.logsEnd ? `${fmtDuration(offsetSeconds(inc.start, inc.logsEnd))} after the start` : null;
  const head = cutOff
    ? `was cut off from the cluster (unreachable, not down) from ${clock(inc.start, tz)} ${backAt ? `to ${clock(backAt, tz)}` : 'until the logs end'}`
    : excerpt
      ? `was already being lost at ${clock(inc.start, tz)}, where the logs begin (it may have gone down earlier)`
      : `${blip ? 'was briefly unreachable' : 'went down'} ${at}`;
  const parts = [`${peerLabel(inc).replace(/^./, (c) => c.toUpperCase())} ${head}`];
  const failover = failoverText(inc, failoverOf(inc, windows, incidents), tz, windows);
  if (failover) parts.push(failover);
  if (d.interruption !== null) parts.push(`its pods were force-deleted after ${fmtDuration(d.interruption)}`);
  if (cutOff) parts.push(backAt ? `it was reachable again after ${fmtDuration(d.downtime)}` : `it was still cut off when the logs end${logsEnd ? ` (${logsEnd})` : ''}`);
  else if (backAt) parts.push(flaps > 1 ? `it was lost ${flaps} times and came back for good after ${fmtDuration(d.downtime)}` : `it came back after ${fmtDuration(d.downtime)}`);
  else parts.push(`it did not come back in the logs${flaps > 1 ? ` after its ${ordinal(flaps)} loss` : ''}${logsEnd ? ` (logs end ${logsEnd})` : ''}`);
  return parts.join('; ') + '.';
}

/** `10.0.0.12 1s later`: when a server failed over to was lost in turn. */
function lostLater(at: string, t: { address: string; lost: string | null }): string {
  return t.lost ? `${t.address} ${fmtDuration(offsetSeconds(at, t.lost))} later` : t.address;
}

/** What the failover achieved, in words (DESIGN §6b, "Control plane windows"): null when the logs show none. */
export function failoverText(inc: Incident, v: FailoverVerdict, tz: string, windows: ClusterWindow[]): string | null {
  if (v.kind === 'none') return null;
  const took = `traffic failed over in ${fmtDuration(inc.durations.failover)} (at ${clock(v.at, tz)})`;
  if (v.kind === 'mitigated') return `traffic failed over in ${fmtDuration(inc.durations.failover)}`;
  const ref = windowRef(v.window, windows);
  if (v.kind === 'no-server-left') return `the load balancers marked it failed at ${clock(v.at, tz)}, but no server was left to fail over to: the control plane was down from ${clock(v.window.start, tz)} (${ref})`;
  if (v.kind === 'overtaken') {
    const down = `the control plane went down at ${clock(v.window.start, tz)} (${ref})`;
    if (!v.to.length) return `${took}, but ${down}`;
    if (v.to.length === 1) return `${took} to ${v.to[0].address}, the only server still up, ${v.to[0].lost ? `which was lost ${fmtDuration(offsetSeconds(v.at, v.to[0].lost))} later` : 'which was lost in turn'}: ${down}`;
    return `${took} to the servers still up (${v.to.map((t) => t.address).join(', ')}), which were lost in turn (${v.to.map((t) => lostLater(v.at, t)).join(', ')}): ${down}`;
  }
  const when = Date.parse(v.at) < Date.parse(v.window.start) ? `lost quorum at ${clock(v.window.start, tz)}` : `had lost quorum at ${clock(v.window.start, tz)}`;
  return `${took}, but etcd ${when} (${ref}): the API could not write ${v.window.end ? `until quorum returned at ${clock(v.window.end, tz)}` : 'and quorum did not return in the logs'}, so the failover did not restore service`;
}

/** A duration from the start as every format shows it: the failover when no server was left to fail over to is none. */
export function durationText(inc: Incident, k: DurationName, windows: ClusterWindow[] = []): string {
  if (k === 'failover' && noServerLeftAt(inc.milestones.loadBalancerFailover?.time ?? null, windows)) return 'none (no server left)';
  return fmtDuration(inc.durations[k]);
}

/** An observer's LB failover time, said as no failover when every server was lost then. */
export function lbCellNote(iso: string | null, windows: ClusterWindow[] = []): string {
  return noServerLeftAt(iso, windows) ? ' (marked failed, no server left)' : '';
}

/** `Cause: shutdown — ...` in words (evidence refs are added by each renderer), or null. */
export function causeText(inc: Incident): string | null {
  const c = inc.cause;
  if (!c) return null;
  const msg = c.message.toLowerCase().startsWith(c.kind) ? c.message : `${c.kind}: ${c.message}`;
  const likely = c.likelyNode && !msg.includes(c.likelyNode) ? ` (likely ${c.likelyNode})` : '';
  return `Cause: ${msg}${likely}`;
}

/** Each loss and recovery of a flapping peer, once: `lost 09:13:37, back 09:14:02 (25s); ...`; null for one cycle. */
export function cyclesText(inc: Incident, tz: string): string | null {
  const cs = inc.cycles ?? [];
  if (cs.length < 2) return null;
  const one = (c: { lost: string; back: string | null }) => `lost ${fmtClock(c.lost, tz)}, ${c.back ? `back ${fmtClock(c.back, tz)} (${fmtDuration(offsetSeconds(c.lost, c.back))})` : 'not back in the logs'}`;
  return `Lost ${cs.length} times${tz === 'UTC' ? ' (UTC)' : ` (${tz})`}: ${cs.map(one).join('; ')}.`;
}

/** The lane and observer name of lines without a node: the pod-reaper's output. */
export const REAPER = 'pod-reaper';

/** Who logged a milestone: its node, the pod-reaper for its force-delete lines, or `?` when unknown. */
export function observerOf(k: MilestoneName, m: Milestone): string {
  if (m.node) return m.node;
  return k === 'firstForceDelete' || k === 'lastForceDelete' || m.evidence.text.includes('Force delete pod ') ? 'pod-reaper' : '?';
}

const ordinal = (n: number) => `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`;
