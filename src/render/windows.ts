// Cluster windows (DESIGN §6b) as every renderer shows them: a headline first, and the incidents
// that overlap a control-plane-down window (nothing was left to fail over to: no OUTAGE MITIGATED).
import type { ClusterWindow, Incident, WindowKind } from '../types';
import { fmtDuration } from '../assemble/format';
import { offsetSeconds } from './time';
import { utcWithZone } from './zoned';

export const WINDOW_TITLES: Record<WindowKind, string> = {
  'control-plane-down': 'Control plane down',
  'etcd-quorum-lost': 'etcd quorum lost',
};

/** The control-plane-down window the incident overlaps (lost before or during it, not back before it began), if any. */
export function controlPlaneDownAt(inc: Incident, windows: ClusterWindow[] | undefined): ClusterWindow | null {
  const from = Date.parse(inc.start);
  const to = inc.end ? Date.parse(inc.end) : Infinity;
  return (windows ?? []).find((w) => w.kind === 'control-plane-down' && from <= (w.end === null ? Infinity : Date.parse(w.end)) && to >= Date.parse(w.start)) ?? null;
}

/** Windows that overlap the span [from, to] (the swimlane's range). */
export function windowsOver(windows: ClusterWindow[] | undefined, from: number, to: number): ClusterWindow[] {
  return (windows ?? []).filter((w) => Date.parse(w.start) <= to && (w.end === null || Date.parse(w.end) >= from));
}

/** `6m23s`, or `not back in the logs` for an open window. */
export function windowLength(w: ClusterWindow): string {
  return w.end ? fmtDuration(offsetSeconds(w.start, w.end)) : 'not over in the logs';
}

/** `Control plane down from 2022-12-29 09:13:37 UTC to ... (6m23s)`: the headline before the window's message. */
export function windowHeadline(w: ClusterWindow, tz: string): string {
  const to = w.end ? `to ${utcWithZone(w.end, tz)} (${windowLength(w)})` : '(not over in the logs)';
  return `${WINDOW_TITLES[w.kind]} from ${utcWithZone(w.start, tz)} ${to}`;
}
