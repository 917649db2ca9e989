// Incident-level findings that reason from the timing model or from what the logs do not show:
// each fires only when the logs cover the moment it reasons about (DESIGN §6b, "claims stay inside
// the evidence"), and its sentence is a short template.
import type { Evidence, Finding, Incident, Milestone, TimingModel } from '../types';
import type { ForceDelete } from './pods';
import { expectedEvictSeconds, SLACK_SECONDS } from './timing';
import { fmtDuration } from './format';

/** What the findings of one incident may rely on. */
export interface OutcomeContext {
  t: TimingModel;
  /** the latest time the observers' logs cover (capped by --until) */
  logsEnd: number | null;
  /** some input is Cloudera ECS (process folders, diagnostic zip, pod-reaper output) */
  ecs: boolean;
  reaperGiven: boolean;
  /** the estimated start was worked back from the controller-manager's NotReady, else from deletion timestamps */
  estimatedFrom?: 'deletion' | 'not-ready';
  /** the input shows the peer is an etcd member (etcdPeers.ts): only then is etcd said to run one member short */
  etcdMember?: (peer: Incident['peer']) => boolean;
}

const at = (t: number) => new Date(t).toISOString();
const ev = (...ms: Array<Milestone | null>) => ms.filter((m): m is Milestone => !!m).map((m) => m.evidence);

/** The start estimated from other evidence: said, with how. */
export function estimatedStartFinding(inc: Incident, c: OutcomeContext): Finding[] {
  if (!inc.estimatedStart) return [];
  const m = inc.milestones;
  if (c.estimatedFrom === 'not-ready') {
    return [{ code: 'estimated-start', severity: 'info', message: `Only the controller-manager saw this outage: the start is estimated as the NotReady time minus the node-monitor grace period (${fmtDuration(c.t.grace)}).`, evidence: ev(m.nodeNotReady) }];
  }
  return [{ code: 'estimated-start', severity: 'info', message: `The start is estimated as the earliest deletion timestamp minus ${fmtDuration(expectedEvictSeconds(c.t))} (grace + toleration + termination grace): no rke2 line in the input names this outage.`, evidence: ev(m.podsTerminating) }];
}

/**
 * A node down past the eviction time with no force-deletes in the input: its pods went
 * Terminating. Said only when the logs cover past that moment, and when the node came back only if
 * Kubernetes was seen marking it NotReady; the pod-reaper is named only for Cloudera ECS inputs.
 */
export function podsTerminatingFinding(inc: Incident, pods: ForceDelete[], c: OutcomeContext): Finding[] {
  if (inc.estimatedStart || pods.length || c.reaperGiven) return [];
  const m = inc.milestones;
  const start = Date.parse(inc.start);
  const evictAt = start + expectedEvictSeconds(c.t) * 1000;
  const back = m.peerBack ? Date.parse(m.peerBack.time) : null;
  const past = evictAt + SLACK_SECONDS * 1000;
  if (back !== null ? back < past || !m.nodeNotReady : (c.logsEnd ?? -Infinity) < past) return [];
  const who = inc.peer.node ?? inc.peer.address ?? 'The node';
  if (c.ecs) {
    return [{ code: 'no-reaper-logs', severity: 'warning', message: `${who} stayed down past the eviction time (${fmtDuration(expectedEvictSeconds(c.t))}): its pods went Terminating, and stateful ones stay stuck until the pod-reaper force-deletes them, but no pod-reaper output was given. Add \`kubectl logs -n pod-reaper <pod>\` for the runs after ${at(evictAt)}.`, evidence: ev(m.firstSign, m.nodeNotReady) }];
  }
  return [{ code: 'pods-terminating', severity: 'warning', message: `${who} stayed down past the eviction time (${fmtDuration(expectedEvictSeconds(c.t))}): its pods went Terminating at about ${at(evictAt)}; StatefulSet pods and pods with local volumes stay Terminating until the node returns or they are deleted by hand (\`kubectl get pods -A -o wide | grep Terminating\`, then \`kubectl delete pod <pod> -n <ns> --grace-period=0 --force\`).`, evidence: ev(m.firstSign, m.nodeNotReady) }];
}

/** A peer lost and back more than once within the quiet gap: one incident, said once with the count. */
export function flappingFinding(inc: Incident, c: OutcomeContext, lost: Evidence[]): Finding[] {
  const n = inc.cycles?.length ?? 0;
  if (n < 2) return [];
  return [{ code: 'flapping', severity: 'warning', message: `${inc.peer.node ?? inc.peer.address} was lost ${n} times, each time within ${fmtDuration(c.t.gap)} of coming back: look for a network or power problem rather than one crash.`, evidence: lost }];
}

/** Not back when the logs end: said with where they end, and what to check. */
export function notBackFinding(inc: Incident, c: OutcomeContext): Finding[] {
  if (inc.end || inc.milestones.peerBack || c.logsEnd === null) return [];
  const start = Date.parse(inc.start);
  if (c.logsEnd <= start) return [];
  const who = inc.peer.node ?? inc.peer.address ?? 'The lost node';
  const etcd = c.etcdMember?.(inc.peer) ?? false;
  const what = inc.peer.role === 'server'
    ? `check the host and its rke2-server service${etcd ? '; while it is down the etcd cluster runs one member short' : ''}`
    : 'check the host and its rke2 service; its pods stay Terminating until it returns or they are force-deleted';
  return [{ code: 'not-back', severity: 'warning', message: `${who} is not back when the logs end (${at(c.logsEnd)}, ${fmtDuration((c.logsEnd - start) / 1000)} after the start): ${what}.`, evidence: ev(inc.milestones.firstSign) }];
}

/** Force-deletes the reaper output leaves unanswered: whether those pods are gone is not in the logs. */
export function podOutcomeFinding(pods: ForceDelete[]): Finding[] {
  const open = pods.filter((p) => p.outcome === 'unknown');
  if (!open.length) return [];
  const names = open.map((p) => `${p.namespace}/${p.name}`);
  return [{ code: 'pod-outcome-unknown', severity: 'info', message: `The reaper output shows no answer to the force delete of ${names.join(', ')}: check they are gone (\`kubectl get pod <pod> -n <ns>\`).`, evidence: open.map((p) => p.lastEv.evidence) }];
}
