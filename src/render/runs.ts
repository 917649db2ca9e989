// Runs of repeated lines on an incident's timeline (DESIGN §9: an agent's reconnect loop is one
// run, not thousands of events), as the rows every ticket format lists: who, what, ×N until when.
import type { Evidence, Incident, TimelineEvent } from '../types';
import { KINDS } from '../kinds';
import { fmtDuration } from '../assemble/format';
import { clockWithZone } from './zoned';
import { REAPER } from './words';

export interface RunRow {
  node: string;
  what: string;
  peer: string;
  /** `×120 until 09:00:59` */
  repeats: string;
  from: string;
  evidence: Evidence;
}

/** `×120 until 09:00:59`, and for a run joined across silences `(3 silences over a minute, the longest 3m20s)`: its lines between are not placed in time. */
export function repeatsText(e: Pick<TimelineEvent, 'count' | 'gaps' | 'gapMs'>, until: string): string {
  const gaps = e.gaps ? ` (${e.gaps} silence${e.gaps === 1 ? '' : 's'} over a minute, the longest ${fmtDuration((e.gapMs ?? 0) / 1000)})` : '';
  return `×${e.count} until ${until}${gaps}`;
}

/** Timeline events that stand for more than one line, in time order. */
export function runsOf(inc: Incident, tz: string): RunRow[] {
  return inc.timeline.filter((e) => (e.count ?? 1) > 1 && e.time).map((e) => ({
    node: e.node ?? REAPER,
    what: (KINDS as Record<string, { label: string } | undefined>)[e.kind]?.label ?? e.kind,
    peer: e.peer || '—',
    repeats: repeatsText(e, clockWithZone(e.until ?? e.time, tz)),
    from: clockWithZone(e.time, tz),
    evidence: e.evidence,
  }));
}

export const RUN_HEAD = ['node', 'what', 'about', 'from', 'repeats', 'evidence'];
