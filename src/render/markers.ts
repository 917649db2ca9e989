// Postmortem markers (Google SRE convention, peers.md §1.8): where the outage begins, is
// mitigated (traffic moved to the survivors) and ends (service back: pods free to reschedule,
// or the node back when no pod had to be forced). Inside a control-plane-down window there was
// nowhere to fail over to: no OUTAGE MITIGATED.
import type { Incident, MilestoneName } from '../types';

export type Marker = 'OUTAGE BEGINS' | 'OUTAGE MITIGATED' | 'OUTAGE ENDS';

/** Which milestone carries each marker for this incident (none when the logs do not show it). */
export function markersOf(inc: Incident, controlPlaneDown = false): Partial<Record<MilestoneName, Marker>> {
  const m = inc.milestones;
  const out: Partial<Record<MilestoneName, Marker>> = {};
  if (m.firstSign) out.firstSign = 'OUTAGE BEGINS';
  if (m.loadBalancerFailover && !controlPlaneDown) out.loadBalancerFailover = 'OUTAGE MITIGATED';
  if (m.lastForceDelete) out.lastForceDelete = 'OUTAGE ENDS';
  else if (m.peerBack) out.peerBack = 'OUTAGE ENDS';
  return out;
}

export const MARKER_MEANING: Record<Marker, string> = {
  'OUTAGE BEGINS': 'first sign of the failure in any log',
  'OUTAGE MITIGATED': 'traffic failed over to the surviving servers',
  'OUTAGE ENDS': 'the last stuck pod was freed to run elsewhere (or the node came back)',
};
