// Milestones in time order (DESIGN §7: every format lists them so), and the ones the logs lack.
import type { Incident, Milestone, MilestoneName } from '../types';
import { MILESTONE_LABELS } from './words';

export interface PlacedMilestone {
  name: MilestoneName;
  label: string;
  m: Milestone;
}

const ORDER = Object.keys(MILESTONE_LABELS) as MilestoneName[];

/** The incident's milestones by time; one instant keeps the story's order (first sign before tunnel stopped). */
export function milestonesInOrder(inc: Incident): PlacedMilestone[] {
  return ORDER.filter((k) => inc.milestones[k])
    .map((k) => ({ name: k, label: MILESTONE_LABELS[k], m: inc.milestones[k]! }))
    .sort((a, b) => Date.parse(a.m.time) - Date.parse(b.m.time) || ORDER.indexOf(a.name) - ORDER.indexOf(b.name));
}

/** Labels of the milestones the logs do not show. */
export function missingMilestones(inc: Incident): string[] {
  return ORDER.filter((k) => !inc.milestones[k]).map((k) => MILESTONE_LABELS[k]);
}
