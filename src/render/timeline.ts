// Milestones in time order (DESIGN §7: every format lists them so), and the ones the logs lack.
import type { ClusterWindow, Incident, Milestone, MilestoneName } from '../types';
import { MILESTONE_LABELS, NO_SERVER_LEFT_LABEL } from './words';
import { noServerLeftAt } from './windows';

export interface PlacedMilestone {
  name: MilestoneName;
  label: string;
  m: Milestone;
}

const ORDER = Object.keys(MILESTONE_LABELS) as MilestoneName[];

/**
 * The incident's milestones by time; one instant keeps the story's order (first sign before tunnel
 * stopped). A failover while every server was lost (`windows`) is labelled as what it was.
 */
export function milestonesInOrder(inc: Incident, windows: ClusterWindow[] = []): PlacedMilestone[] {
  const label = (k: MilestoneName) => (k === 'loadBalancerFailover' && noServerLeftAt(inc.milestones[k]!.time, windows) ? NO_SERVER_LEFT_LABEL : MILESTONE_LABELS[k]);
  return ORDER.filter((k) => inc.milestones[k])
    .map((k) => ({ name: k, label: label(k), m: inc.milestones[k]! }))
    .sort((a, b) => Date.parse(a.m.time) - Date.parse(b.m.time) || ORDER.indexOf(a.name) - ORDER.indexOf(b.name));
}

/** Labels of the milestones the logs do not show. */
export function missingMilestones(inc: Incident): string[] {
  return ORDER.filter((k) => !inc.milestones[k]).map((k) => MILESTONE_LABELS[k]);
}
