// Milestones in time order (DESIGN §7: every format lists them so), and the ones the logs lack. A
// flapping peer's incident (DESIGN §6b) also lists each later loss and return, and its OUTAGE ENDS
// is the last return, not the first.
import type { ClusterWindow, Incident, Milestone, MilestoneName } from '../types';
import { markersOf, type Marker } from './markers';
import { MILESTONE_LABELS, NO_SERVER_LEFT_LABEL } from './words';
import { noServerLeftAt } from './windows';

export interface PlacedMilestone {
  /** the milestone, or the cycle row's kin (`firstSign` for a later loss, `peerBack` for a later return) */
  name: MilestoneName;
  label: string;
  m: Milestone;
  /** the postmortem marker this row carries, if any */
  marker: Marker | null;
  /** a row of a later cycle (2..n) of a flapping peer, not a milestone of its own */
  cycle?: number;
}

const ORDER = Object.keys(MILESTONE_LABELS) as MilestoneName[];

/** The timeline line at an instant that shows it (the cycle's loss or return), as a milestone. */
function rowAt(inc: Incident, iso: string, back: boolean): Milestone | null {
  const t = Date.parse(iso);
  const at = inc.timeline.filter((x) => x.time !== null && Date.parse(x.time) === t);
  const e = at.find((x) => back === /started|backend-connected|added|back|health|ready|promoted/i.test(x.kind)) ?? at[0];
  return e ? { time: iso, node: e.node, evidence: e.evidence } : null;
}

/** Later losses and returns of a flapping peer (cycle 1 is the milestones' own). */
function cycleRows(inc: Incident): PlacedMilestone[] {
  const cs = inc.cycles ?? [];
  if (cs.length < 2) return [];
  const out: PlacedMilestone[] = [];
  cs.forEach((c, i) => {
    if (i > 0) {
      const m = rowAt(inc, c.lost, false);
      if (m) out.push({ name: 'firstSign', label: `lost again (${i + 1} of ${cs.length})`, m, marker: null, cycle: i + 1 });
    }
    if (i > 0 && c.back) {
      const m = rowAt(inc, c.back, true);
      if (m) out.push({ name: 'peerBack', label: `peer back (${i + 1} of ${cs.length})`, m, marker: null, cycle: i + 1 });
    }
  });
  return out;
}

/**
 * The incident's milestones by time; one instant keeps the story's order (first sign before tunnel
 * stopped). A failover while every server was lost (`windows`) is labelled as what it was.
 */
export function milestonesInOrder(inc: Incident, windows: ClusterWindow[] = []): PlacedMilestone[] {
  const marks = markersOf(inc, windows);
  const flaps = inc.cycles?.length ?? 0;
  const label = (k: MilestoneName) => (k === 'loadBalancerFailover' && noServerLeftAt(inc.milestones[k]!.time, windows) ? NO_SERVER_LEFT_LABEL : MILESTONE_LABELS[k] + (k === 'peerBack' && flaps > 1 ? ` (1 of ${flaps})` : ''));
  const rows: PlacedMilestone[] = ORDER.filter((k) => inc.milestones[k])
    .map((k) => ({ name: k, label: label(k), m: inc.milestones[k]!, marker: marks[k] ?? null }));
  const cycles = cycleRows(inc);
  // a flapping peer that came back for good: the outage ends at its last return, when no pod had to be forced
  const last = cycles.filter((r) => r.name === 'peerBack').pop();
  if (last && marks.peerBack && inc.end && Date.parse(last.m.time) === Date.parse(inc.end)) {
    rows.find((r) => r.name === 'peerBack')!.marker = null;
    last.marker = marks.peerBack;
  }
  return [...rows, ...cycles].sort((a, b) => Date.parse(a.m.time) - Date.parse(b.m.time) || (a.cycle ?? 0) - (b.cycle ?? 0) || ORDER.indexOf(a.name) - ORDER.indexOf(b.name));
}

/** The rows that carry a marker (the swimlane draws them), in time order. */
export function markerRows(inc: Incident, windows: ClusterWindow[] = []): Array<{ time: string; marker: Marker }> {
  return milestonesInOrder(inc, windows).filter((r) => r.marker).map((r) => ({ time: r.m.time, marker: r.marker! }));
}

/** Labels of the milestones the logs do not show. */
export function missingMilestones(inc: Incident): string[] {
  return ORDER.filter((k) => !inc.milestones[k]).map((k) => MILESTONE_LABELS[k]);
}
