// Findings: what a human must know or do (DESIGN §6). Each has a code, a severity, a sentence
// and the evidence behind it.
import type { Finding, Incident, TimingModel } from '../types';
import type { ForceDelete } from './pods';
import { expectedEvictSeconds, expectedReapBand, SLACK_SECONDS } from './timing';
import { fmtDuration } from './format';
import { maxOf } from '../lists';

/** Pods on node-local storage cannot move: PVC and pod must be deleted by hand (seed Case #2). */
const LOCAL_STORAGE = /^(?:impala-executor|impala-coordinator|query-executor|query-coordinator)-/;
const VAULT = /^vault-\d+$/;

/** The manual steps for a pod bound to the dead node (seed Case #2). */
const byHand = (p: ForceDelete) => `kubectl delete pvc <claim> -n ${p.namespace}; kubectl delete pod ${p.name} -n ${p.namespace} --grace-period=0 --force`;

/** Pods that need a human: vault to unseal, pods still stuck, pods whose volume stays on the dead node. A finding never contradicts the line it cites. */
export function podFindings(pods: ForceDelete[]): Finding[] {
  const out: Finding[] = [];
  for (const p of pods) {
    if (VAULT.test(p.name) || p.namespace === 'vault-system') {
      out.push({
        code: 'vault-needs-unseal', severity: 'critical',
        message: `${p.namespace}/${p.name} was force-deleted and rescheduled; a restarted Vault comes up sealed and ECS stays broken (504s) until it is unsealed by hand (Cloudera Manager > ECS > Unseal Vault).`,
        evidence: [p.ev.evidence],
      });
    }
    const local = LOCAL_STORAGE.test(p.name);
    const evidence = [p.ev.evidence, ...(p.lastEv !== p.ev ? [p.lastEv.evidence] : []), ...(p.outcomeEv ? [p.outcomeEv.evidence] : [])];
    if (p.outcome === 'deleted') {
      // gone: not stuck; a pod on node-local storage comes back Pending, bound to the dead node's volume
      if (local) out.push({ code: 'local-volume', severity: 'warning', message: `${p.namespace}/${p.name} was force-deleted, but it uses node-local storage: its replacement stays Pending while its volume is bound to the dead node. Delete its PVC and the pod by hand: ${byHand(p)}.`, evidence });
      continue;
    }
    const why = p.outcome === 'failed' ? 'its force delete failed'
      : p.runs.size > 1 ? `it was force-deleted in ${p.runs.size} reaper runs`
      : local ? 'it uses node-local storage and stays bound to the dead node' : null;
    if (why) {
      out.push({
        code: 'pod-stuck-terminating', severity: 'warning',
        message: `${p.namespace}/${p.name} may stay Terminating: ${why}. Delete its local PVC and the pod by hand: ${byHand(p)}.`,
        evidence,
      });
    }
  }
  return out;
}


/** Phases outside the timing model's bands. */
export function timingFindings(inc: Incident, t: TimingModel): Finding[] {
  const out: Finding[] = [];
  const m = inc.milestones;
  const evict = inc.durations.evict;
  const expected = expectedEvictSeconds(t);
  if (!inc.estimatedStart && evict !== null && (evict < t.toleration - SLACK_SECONDS || evict > expected + SLACK_SECONDS)) {
    out.push({
      code: 'eviction-unexpected', severity: 'warning',
      message: `Pods were marked for deletion ${fmtDuration(evict)} after the first sign; the timing model expects about ${fmtDuration(expected)} (grace ${t.grace}s + toleration ${t.toleration}s + termination ${t.terminationGrace}s). Custom tolerations, eviction rate limits or a late first sign explain a difference.`,
      evidence: m.podsTerminating ? [m.podsTerminating.evidence] : [],
    });
  }
  // late is judged on each pod's first force-delete: a pod deleted again in later runs was stuck, not late
  const firstDeletes = inc.pods.map((p) => (p.forceDeletedAt ? Date.parse(p.forceDeletedAt) : null)).filter((x): x is number => x !== null);
  const terminating = m.podsTerminating ? Date.parse(m.podsTerminating.time) : null;
  const reap = terminating !== null && firstDeletes.length ? (maxOf(firstDeletes) - terminating) / 1000 : inc.durations.reap;
  if (reap !== null && reap > t.reaperThreshold + t.reaperPeriod + SLACK_SECONDS) {
    out.push({
      code: 'reaper-late', severity: 'warning',
      message: `The pod-reaper force-deleted ${fmtDuration(reap)} after the pods went Terminating; with a ${t.reaperPeriod / 60} min schedule and a ${t.reaperThreshold / 60} min threshold it should take at most ${fmtDuration(t.reaperThreshold + t.reaperPeriod)}. Check that the pod-reaper CronJob is not suspended and its jobs succeed.`,
      evidence: m.lastForceDelete ? [m.lastForceDelete.evidence] : [],
    });
  }
  // a loss the peer recovered from before Kubernetes could notice: an incident, but a blip
  const down = inc.durations.downtime;
  if (!inc.estimatedStart && down !== null && down < t.grace && !m.tunnelStopped && !m.nodeNotReady && (inc.cycles?.length ?? 1) === 1) {
    out.push({
      code: 'transient-loss', severity: 'info',
      message: `${inc.peer.address ?? 'The peer'} was lost for ${fmtDuration(down)} only, back before the node-monitor grace period (${fmtDuration(t.grace)}): Kubernetes did not mark the node NotReady and no pod had to move. A network blip or a failed health check, not a node outage.`,
      evidence: [m.firstSign, m.peerBack].filter((x): x is NonNullable<typeof x> => !!x).map((x) => x.evidence),
    });
  }
  const [, hi] = expectedReapBand(t);
  const inter = inc.durations.interruption;
  if (!inc.estimatedStart && reap === null && inter !== null && inter > hi + SLACK_SECONDS) {
    out.push({ code: 'reaper-late', severity: 'warning', message: `Pods were force-deleted ${fmtDuration(inter)} after the first sign; expected within ${fmtDuration(hi)}.`, evidence: m.lastForceDelete ? [m.lastForceDelete.evidence] : [] });
  }
  return out;
}
