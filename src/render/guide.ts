// "How to read this report": the definitions every ticket format ends with, as data, so Markdown,
// HTML and Jira say the same words.
import { FAMILIES } from '../kinds';
import { MARKER_MEANING } from './markers';
import { PHASE_LABELS } from './phases';

/** [term, definition] pairs, in reading order. */
export const GUIDE: Array<[string, string]> = [
  ['incident', 'one node\'s outage as the surviving nodes (and the pod-reaper) logged it; its start is the first sign of failure in any log, or an estimate from the pods\' deletion timestamps when only the pod-reaper saw it'],
  ['from the start', 'detect, failover, evict, reap, interruption and downtime are durations measured from the start: "failover 36s" means the load balancer dropped the server 36 s after the first sign'],
  ['phase', 'a stretch between two milestones; phase lengths add up to the whole story: "failover phase 20s" is the time from the previous milestone to the failover, not from the start'],
  ['interruption', 'start to the last pod force-deleted: how long services whose pods were stuck on the node could not run elsewhere'],
  ['downtime', 'start to the node back: how long the node itself was gone. It can be longer than the interruption (pods moved, node still off) or shorter (node back before the pod-reaper ran)'],
  ['markers', Object.entries(MARKER_MEANING).map(([k, v]) => `${k}: ${v}`).join('; ')],
  ['cluster window', 'control plane down: every server lost at once (no API, no scheduling, no eviction, nothing to fail over to); etcd quorum lost: more than half the etcd members lost'],
  ['cause', 'what the lost node\'s own logs say happened to it: shutdown, reboot, crash, partition or unknown'],
  ['evidence', 'E1, E2 ... are log lines, cited as path:line with the path relative to the argument it came from; ×N until hh:mm:ss marks a line repeated N times'],
];

/** What the colours of the HTML timeline mean: coloured marks are log lines by family; grey bars are phases. */
export const COLOUR_GUIDE = `coloured marks are log lines (${FAMILIES.map(([, w]) => w).join(', ')}); grey bars are the phases (${Object.keys(PHASE_LABELS).join(' → ')}), darker as the wait goes on`;
