// Where the time went: consecutive phases from the start to the end, each ending at its milestone
// (in time order, so a load balancer that acts before the tunnel stops keeps its phase), then
// "down, waiting for the node" until the peer is back or the logs end. A phase's length is not a
// duration from the start: phases are always named "<name> phase".
import type { ClusterWindow, Incident, MilestoneName } from '../types';
import { maxOf } from '../lists';
import { noServerLeftAt } from './windows';

export type PhaseName = 'detect' | 'failover' | 'evict' | 'reap' | 'down';

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

export const PHASE_LABELS: Record<PhaseName, string> = {
  detect: 'survivors notice the loss (tunnel stopped)',
  failover: 'agent load balancers drop the server',
  evict: 'Kubernetes waits out grace and toleration, marks pods for deletion',
  reap: 'stuck pods wait for the pod-reaper to force-delete them',
  down: 'down, waiting for the node',
};

const ENDS: Array<[PhaseName, MilestoneName]> = [['detect', 'tunnelStopped'], ['failover', 'loadBalancerFailover'], ['evict', 'podsTerminating'], ['reap', 'lastForceDelete'], ['down', 'peerBack']];

/** `detect phase`: the name a phase is shown by, never a bare duration name. */
export const phaseTitle = (p: { name: PhaseName }): string => `${p.name} phase`;

/** Where an incident's story ends: the peer back, else the end of the logs (or its last evidence when not known). */
export function storyEnd(inc: Incident): { at: string; back: boolean } | null {
  // a flapping peer (DESIGN §6b) is back at its last return; its first one does not end the story
  const flapping = (inc.cycles?.length ?? 0) > 1;
  if (flapping && inc.end) return { at: inc.end, back: true };
  if (inc.milestones.peerBack && !flapping) return { at: inc.milestones.peerBack.time, back: true };
  if (inc.logsEnd) return { at: inc.logsEnd, back: false };
  const last = maxOf(inc.timeline.map((e) => Date.parse(e.until ?? e.time ?? '')).filter(Number.isFinite));
  return Number.isFinite(last) ? { at: new Date(last).toISOString(), back: false } : null;
}

/**
 * Consecutive phases from the start to the end; a missing milestone is skipped, never invented. No
 * failover phase when every server was lost as the balancers marked this one failed (`windows`); a
 * flapping peer's down phase runs to its last return.
 */
export function phasesOf(inc: Incident, windows: ClusterWindow[] = []): Phase[] {
  const flapping = (inc.cycles?.length ?? 0) > 1;
  const real = (k: MilestoneName) => !!inc.milestones[k] && !(k === 'loadBalancerFailover' && noServerLeftAt(inc.milestones[k]!.time, windows));
  const ends = ENDS.filter(([name, k]) => real(k) && !(flapping && name === 'down')).map(([name, k]) => ({ name, at: inc.milestones[k]!.time }));
  const end = storyEnd(inc);
  if (flapping && end?.back) ends.push({ name: 'down', at: end.at });
  const lastAt = Math.max(Date.parse(inc.start), ...ends.map((e) => Date.parse(e.at)));
  if (end && !end.back && Date.parse(end.at) > lastAt) ends.push({ name: 'down', at: end.at });
  ends.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const out: Phase[] = [];
  let from = inc.start;
  for (const e of ends) {
    if (Date.parse(e.at) < Date.parse(from)) continue;
    out.push({ name: e.name, label: PHASE_LABELS[e.name], from, to: e.at, seconds: (Date.parse(e.at) - Date.parse(from)) / 1000, share: 0 });
    from = e.at;
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
