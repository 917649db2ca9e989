// The marks of one swimlane lane: a dot per timeline event, coloured by its family in the meaning
// table (KINDS[kind].family), and for a run of repeated lines a thin bar from its first to its last
// line with the count in its hover title (DESIGN §9: not thousands of dots).
import type { TimelineEvent } from '../types';
import { KINDS, type Family } from '../kinds';
import { esc, el } from './escape';
import { xOf, type Scale } from './axis';
import { utcWithZone } from './zoned';
import { cite, oneLine } from './evidence';
import { repeatsText } from './runs';

export const LANE_H = 30;
const R = 4.5;
const SLOTS = [0, -8, 8]; // vertical offsets that keep marks of one instant apart

/** The event's family from the meaning table; kinds the table does not know are `other`. */
export function familyOf(kind: string): Family | 'other' {
  return (KINDS as Record<string, { family: Family } | undefined>)[kind]?.family ?? 'other';
}

/** The CSS class of an event's colour: `fam-tunnel`, `fam-lb`, ... */
export const familyClass = (kind: string): string => `fam-${familyOf(kind)}`;

/** Hover text of a mark: time, kind, peer, the line; for a run its count and last line too. */
function tipOf(e: TimelineEvent, tz: string): string {
  const head = `${utcWithZone(e.time, tz)}\n${e.kind}${e.peer ? ` → ${e.peer}` : ''}\n${cite(e.evidence)}\n${oneLine(e.evidence.text, 200)}`;
  if (!e.count || e.count < 2) return head;
  return `${head}\n${repeatsText(e, utcWithZone(e.until ?? e.time, tz))}${e.lastEvidence ? `\n${cite(e.lastEvidence)}` : ''}`;
}

/** Marks of one lane, each in the first vertical slot where it does not cover its neighbour. */
export function laneMarks(events: TimelineEvent[], s: Scale, y: number, tz: string): string[] {
  const lastX = SLOTS.map(() => -Infinity);
  return events.flatMap((e) => {
    const x = xOf(s, Date.parse(e.time!));
    let slot = SLOTS.findIndex((_, i) => x - lastX[i] >= 2 * R);
    if (slot < 0) slot = 0;
    const cy = y + LANE_H / 2 + SLOTS[slot];
    const tip = el('title', {}, esc(tipOf(e, tz)));
    const cls = familyClass(e.kind);
    const out: string[] = [];
    if ((e.count ?? 1) > 1 && e.until) {
      const x1 = Math.min(s.x1, xOf(s, Date.parse(e.until)));
      out.push(el('rect', { class: `run ${cls}`, x: x.toFixed(1), y: (cy - 1.5).toFixed(1), width: Math.max(2, x1 - x).toFixed(1), height: 3, 'data-kind': e.kind, 'data-count': e.count }, tip));
      lastX[slot] = Math.max(x, x1);
    } else lastX[slot] = x;
    out.push(el('circle', { class: `mark ${cls}`, cx: x.toFixed(1), cy, r: R, 'data-kind': e.kind, 'data-time': e.time }, tip));
    return out;
  });
}
