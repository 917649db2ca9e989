// What the interruption was spent on: consecutive phases between milestones (detect, failover,
// evict, reap), so a reader sees at once which wait dominated (seed Case #1: the reaper).
import type { Incident, MilestoneName } from '../types';

export type PhaseName = 'detect' | 'failover' | 'evict' | 'reap';

export interface Phase {
  name: PhaseName;
  /** what the cluster was doing (or waiting for) during the phase */
  label: string;
  from: string;
  to: string;
  seconds: number;
  /** share of the whole span from start to the last phase end, 0..1 */
  share: number;
}

const STEPS: Array<{ name: PhaseName; until: MilestoneName; label: string }> = [
  { name: 'detect', until: 'tunnelStopped', label: 'survivors notice the loss (tunnel stopped)' },
  { name: 'failover', until: 'loadBalancerFailover', label: 'agent load balancers drop the server' },
  { name: 'evict', until: 'podsTerminating', label: 'Kubernetes waits out grace and toleration, marks pods for deletion' },
  { name: 'reap', until: 'lastForceDelete', label: 'stuck pods wait for the pod-reaper to force-delete them' },
];

/** Consecutive phases from the start; a missing milestone is skipped, never invented. */
export function phasesOf(inc: Incident): Phase[] {
  const out: Phase[] = [];
  let from = inc.start;
  for (const s of STEPS) {
    const m = inc.milestones[s.until];
    if (!m || Date.parse(m.time) < Date.parse(from)) continue;
    out.push({ name: s.name, label: s.label, from, to: m.time, seconds: (Date.parse(m.time) - Date.parse(from)) / 1000, share: 0 });
    from = m.time;
  }
  const total = out.reduce((a, p) => a + p.seconds, 0);
  for (const p of out) p.share = total > 0 ? p.seconds / total : 0;
  return out;
}

/** The phase that took longest, when it took most of the time (over half). */
export function dominantPhase(phases: Phase[]): Phase | null {
  const top = [...phases].sort((a, b) => b.seconds - a.seconds)[0];
  return top && top.share > 0.5 ? top : null;
}
