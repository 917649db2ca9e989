// Shared wording for every renderer: milestone labels, duration labels, the one-line summary.
import type { DurationName, Incident, Milestone, MilestoneName } from '../types';
import { fmtDuration } from '../assemble/format';
import { fmtClock } from './time';

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

export const DURATION_LABELS: Record<DurationName, string> = {
  detect: 'detect', failover: 'failover', evict: 'evict', reap: 'reap', interruption: 'interruption', downtime: 'downtime',
};

/** `server 10.113.207.142 (feng-ws2…)` or `unknown node` for reaper-only incidents. */
export function peerLabel(inc: Incident): string {
  const p = inc.peer;
  if (!p.address && !p.node) return 'unknown node (pod-reaper evidence only)';
  const role = p.role === 'unknown' ? 'node' : p.role;
  return `${role} ${p.address ?? p.node}${p.address && p.node ? ` (${p.node})` : ''}`;
}

/** One sentence a customer can read. */
export function summaryOf(inc: Incident, tz = 'UTC'): string {
  const d = inc.durations;
  const zone = tz === 'UTC' ? 'UTC' : tz;
  // a loss the peer recovered from within the grace period is a blip, not the node going down
  const blip = inc.findings.some((f) => f.code === 'transient-loss');
  const parts = [`${peerLabel(inc).replace(/^./, (c) => c.toUpperCase())} ${blip ? 'was briefly unreachable' : 'went down'} ${inc.estimatedStart ? 'at about' : 'at'} ${fmtClock(inc.start, tz)} ${zone}${inc.estimatedStart ? ' (estimated from the pods\' deletion timestamps)' : ''}`];
  if (d.failover !== null) parts.push(`traffic failed over in ${fmtDuration(d.failover)}`);
  if (d.interruption !== null) parts.push(`its pods were force-deleted after ${fmtDuration(d.interruption)}`);
  parts.push(inc.milestones.peerBack ? `it came back after ${fmtDuration(d.downtime)}` : 'it did not come back in the logs');
  return parts.join('; ') + '.';
}

/** Who logged a milestone: its node, the pod-reaper for its force-delete lines, or `?` when unknown. */
export function observerOf(k: MilestoneName, m: Milestone): string {
  if (m.node) return m.node;
  return k === 'firstForceDelete' || k === 'lastForceDelete' || m.evidence.text.includes('Force delete pod ') ? 'pod-reaper' : '?';
}
