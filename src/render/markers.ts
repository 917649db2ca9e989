// Postmortem markers (Google SRE convention, peers.md §1.8): where the outage begins, is
// mitigated (traffic moved to the survivors) and ends (service back: pods free to reschedule,
// or the node back when no pod had to be forced). A failover is OUTAGE MITIGATED only when the
// servers it moved to kept serving: not when no server was left, not when they were lost in turn
// (control plane down), not while etcd had lost quorum (DESIGN §6b). A node that never came back
// has no OUTAGE ENDS: force-deleting its pods is not its return.
import type { ClusterWindow, Incident, MilestoneName } from '../types';
import { failoverOf } from './windows';

export type Marker = 'OUTAGE BEGINS' | 'OUTAGE MITIGATED' | 'OUTAGE ENDS';

/** Which milestone carries each marker for this incident (none when the logs do not show it). */
export function markersOf(inc: Incident, windows: ClusterWindow[] = []): Partial<Record<MilestoneName, Marker>> {
  const m = inc.milestones;
  const out: Partial<Record<MilestoneName, Marker>> = {};
  if (m.firstSign) out.firstSign = 'OUTAGE BEGINS';
  if (failoverOf(inc, windows).kind === 'mitigated') out.loadBalancerFailover = 'OUTAGE MITIGATED';
  // the end is a real return: without the node back, the logs show no end (the story says where they stop)
  if (m.peerBack) out[m.lastForceDelete ? 'lastForceDelete' : 'peerBack'] = 'OUTAGE ENDS';
  return out;
}

export const MARKER_MEANING: Record<Marker, string> = {
  'OUTAGE BEGINS': 'first sign of the failure in any log',
  'OUTAGE MITIGATED': 'traffic failed over to servers that kept serving (not while every server or etcd quorum was lost)',
  'OUTAGE ENDS': 'the last stuck pod was freed to run elsewhere (or the node came back); none while the node is not back',
};
