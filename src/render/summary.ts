// The report's first table when there is more than one thing to tell: one row per cluster window
// (first) and per incident, so a reader counts and compares before reading any detail.
import type { Report } from '../types';
import { fmtDuration } from '../assemble/format';
import { offsetSeconds } from './time';
import { clockHeader, clockWithZone } from './zoned';
import { peerLabel } from './words';
import { WINDOW_TITLES, windowLength } from './windows';

/** The summary's columns; times are clock times in UTC (and the display zone). */
export const summaryHead = (tz: string): string[] => ['#', 'what', `start, ${clockHeader(tz)}`, 'end', 'interruption', 'downtime', 'cause'];

export interface SummaryRow {
  /** `W1` for a window, `1` for incident 1 */
  id: string;
  /** anchor of the section the row points to */
  anchor: string;
  cells: string[];
}

/** True when the report opens with the summary: several incidents, or any cluster window. */
export function wantsSummary(r: Report): boolean {
  return r.incidents.length > 1 || (r.windows?.length ?? 0) > 0;
}

/** Summary rows: windows first, then incidents, in the order the report details them. */
export function summaryRows(r: Report, tz: string): SummaryRow[] {
  // one day: clock times; several days: the date too, so rows are never ambiguous
  const days = new Set([...(r.windows ?? []), ...r.incidents].map((x) => x.start.slice(0, 10)));
  const at = (iso: string) => (days.size > 1 ? `${iso.slice(0, 10)} ${clockWithZone(iso, tz)}` : clockWithZone(iso, tz));
  const windows = (r.windows ?? []).map((w, i): SummaryRow => ({
    id: `W${i + 1}`, anchor: `win${i + 1}`,
    cells: [`W${i + 1}`, `${WINDOW_TITLES[w.kind]} (${w.peers.length} server${w.peers.length === 1 ? '' : 's'})`, at(w.start), w.end ? at(w.end) : 'not over in the logs', '—', windowLength(w), '—'],
  }));
  const incidents = r.incidents.map((inc): SummaryRow => {
    const back = inc.milestones.peerBack;
    const end = back ? `back ${at(back.time)}` : inc.logsEnd ? `not back (logs end +${fmtDuration(offsetSeconds(inc.start, inc.logsEnd))})` : 'not back in the logs';
    return {
      id: String(inc.id), anchor: `inc${inc.id}`,
      cells: [String(inc.id), peerLabel(inc), `${at(inc.start)}${inc.estimatedStart ? ' (est.)' : ''}`, end, fmtDuration(inc.durations.interruption), fmtDuration(inc.durations.downtime), inc.cause?.kind ?? '—'],
    };
  });
  return [...windows, ...incidents];
}
