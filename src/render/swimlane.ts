// The SVG swimlane of one incident: a lane per observer node and one for the pod-reaper, a mark
// per timeline event (coloured by family, runs as bars: swimlaneMarks.ts), grey phase bars, the
// OUTAGE BEGINS / MITIGATED / ENDS lines, and a band for a cluster window the incident lies in.
// Sized for an 800 px page. Every log-derived string goes through esc.
import type { ClusterWindow, Incident, TimelineEvent } from '../types';
import { fmtDuration } from '../assemble/format';
import { esc, el } from './escape';
import { ticks, xOf, type Scale } from './axis';
import { phasesOf, phaseTitle } from './phases';
import { markerRows } from './timeline';
import { fmtClock } from './time';
import { utcWithZone } from './zoned';
import { labelRows, labelSpan, textRows, WINDOW_CHAR_W } from './labelRows';
import { LANE_H, laneMarks } from './swimlaneMarks';
import { WINDOW_TITLES, windowsOver } from './windows';
import { append, maxOf, minOf } from '../lists';

export const REAPER_LANE = 'pod-reaper';
/** Drawing width: about the width of an 800 px page, so text keeps its size there. */
const W = 760;
const LABEL_W = 140;
const ROW_H = 14; // one row of marker labels: an 11px bold line with its descent
const AXIS_H = 36;
const WIN_ROW_H = 12; // one row of cluster window names: a 10px italic line with its descent

/** The lane an event belongs to: its observer node, or the pod-reaper. */
export function laneOf(e: TimelineEvent): string {
  return e.node ?? REAPER_LANE;
}

/** Lanes in display order: observers by name, then the pod-reaper. */
export function lanesOf(inc: Incident): string[] {
  const nodes = new Set<string>();
  for (const o of inc.observers) if (o.node) nodes.add(o.node);
  for (const e of inc.timeline) if (e.node) nodes.add(e.node);
  const reaper = inc.timeline.some((e) => !e.node) || inc.pods.length > 0;
  return [...[...nodes].sort(), ...(reaper ? [REAPER_LANE] : [])];
}

function timesOf(inc: Incident): number[] {
  const times = [Date.parse(inc.start)];
  for (const e of inc.timeline) if (e.time) times.push(Date.parse(e.time), Date.parse(e.until ?? e.time));
  for (const m of Object.values(inc.milestones)) if (m) times.push(Date.parse(m.time));
  return times;
}

function padded(lo: number, hi: number): [number, number] {
  const pad = Math.max(2000, (hi - lo) * 0.03);
  return [lo - pad, hi + pad];
}

/** The whole incident, padded. */
export function fullRange(inc: Incident): [number, number] {
  const t = timesOf(inc);
  return padded(minOf(t), maxOf(t));
}

/**
 * The loss cluster (events within 5 min of the start) when it is crowded into a sliver of the
 * full view: shown again, zoomed, so marks of one minute do not sit on each other.
 */
export function detailRange(inc: Incident): [number, number] | null {
  const [lo, hi] = fullRange(inc);
  const start = Date.parse(inc.start);
  const near = inc.timeline.filter((e) => e.time && Date.parse(e.time) - start <= 300_000).map((e) => Date.parse(e.time!));
  if (near.length < 3) return null;
  const end = maxOf(near);
  if (end - start < 5000 || (end - start) / (hi - lo) > 0.2) return null;
  return padded(start, end);
}

/** Lane label: the host part of an FQDN (full name on hover), at most 20 characters. */
function short(node: string): string {
  const host = /[A-Za-z]/.test(node) && node.includes('.') ? node.split('.')[0] : node;
  return host.length > 20 ? host.slice(0, 19) + '…' : host;
}

/**
 * Vertical layout above the lanes: `rows` rows of marker labels, the phase bar, then `winRows`
 * rows of cluster window names (their bands start there).
 */
function headOf(rows: number, winRows: number): { phaseY: number; winY: number; top: number } {
  const phaseY = 10 + Math.max(1, rows) * ROW_H; // one row: the bar at 24 and the lanes at 44
  const winY = phaseY + 18;
  return { phaseY, winY, top: winY + 2 + winRows * WIN_ROW_H };
}

function axis(s: Scale, tz: string, h: number, top: number): string[] {
  const parts: string[] = [];
  const ts = ticks(s, 7);
  const withSeconds = ts.length > 1 && ts[1] - ts[0] < 60_000;
  const clock = (iso: string, zone: string) => (withSeconds ? fmtClock(iso, zone) : fmtClock(iso, zone).slice(0, 5));
  for (const t of ts) {
    const x = xOf(s, t).toFixed(1);
    const iso = new Date(t).toISOString();
    parts.push(`<line class="grid" x1="${x}" x2="${x}" y1="${top - 4}" y2="${h - AXIS_H}"/>`);
    parts.push(el('text', { class: 'axis', x, y: h - AXIS_H + 14, 'text-anchor': 'middle' }, esc(clock(iso, 'UTC'))));
    if (tz !== 'UTC') parts.push(el('text', { class: 'axis', x, y: h - AXIS_H + 28, 'text-anchor': 'middle' }, esc(`(${clock(iso, tz)})`)));
  }
  parts.push(el('text', { class: 'axis', x: 6, y: h - AXIS_H + 14 }, 'UTC'));
  if (tz !== 'UTC') parts.push(el('text', { class: 'axis', x: 6, y: h - AXIS_H + 28 }, esc(`(${tz.length > 18 ? tz.slice(0, 17) + '…' : tz})`)));
  return parts;
}

function phaseBars(inc: Incident, s: Scale, y: number, windows: ClusterWindow[] = []): string[] {
  return phasesOf(inc, windows).flatMap((p) => {
    const from = Math.max(s.t0, Date.parse(p.from));
    const to = Math.min(s.t1, Date.parse(p.to));
    if (to <= from) return [];
    const x = xOf(s, from);
    const w = Math.max(2, xOf(s, to) - x);
    const tip = `${phaseTitle(p)}: ${fmtDuration(p.seconds)} (${Math.round(p.share * 100)}%), ${p.label}`;
    const label = w > 44 ? el('text', { class: `phase-label pl-${p.name}`, x: (x + 4).toFixed(1), y: y + 11 }, esc(w > 120 ? `${phaseTitle(p)} ${fmtDuration(p.seconds)}` : p.name)) : '';
    return [el('g', { class: 'phase', 'data-phase': p.name }, el('rect', { class: `phase-${p.name}`, x: x.toFixed(1), y, width: w.toFixed(1), height: 14, rx: 2 }, el('title', {}, esc(tip))) + label)];
  });
}

/**
 * The cluster windows over the range, each with its band's edges and its name's place and row:
 * windows that start seconds apart (etcd quorum lost, then control plane down) get stacked names.
 */
function windowLayout(windows: ClusterWindow[], s: Scale) {
  const shown = windowsOver(windows, s.t0, s.t1).map((w) => {
    const x0 = Math.max(s.x0, xOf(s, Date.parse(w.start)));
    const x1 = w.end ? Math.min(s.x1, xOf(s, Date.parse(w.end))) : s.x1;
    const label = WINDOW_TITLES[w.kind].toLowerCase();
    return { w, x0, x1, label, ...labelSpan(x0 - 1, label, W, WINDOW_CHAR_W) };
  });
  const rows = textRows(shown);
  return shown.map((b, i) => ({ ...b, row: rows[i] }));
}

/** Bands for the cluster windows, from their names' rows down across every lane. */
function windowBands(bands: ReturnType<typeof windowLayout>, winY: number, bottom: number): string[] {
  return bands.map(({ w, x0, x1, label, anchor, textX, row }) => {
    const tip = `${WINDOW_TITLES[w.kind]}: ${w.message}`;
    const top = winY + row * WIN_ROW_H;
    return el('g', { class: 'window-band', 'data-window': w.kind },
      el('rect', { x: x0.toFixed(1), y: top, width: Math.max(2, x1 - x0).toFixed(1), height: bottom - top }, el('title', {}, esc(tip)))
      + el('text', { class: 'window-label', x: textX.toFixed(1), y: top + 10, 'text-anchor': anchor }, esc(label)));
  });
}

/** The markers shown in the range, each with its label's place and row (labels never overlap). */
function markerLayout(inc: Incident, s: Scale, windows: ClusterWindow[]) {
  const lines: Array<[string, string]> = markerRows(inc, windows).map((r): [string, string] => [r.time, r.marker]);
  if (inc.estimatedStart) lines.unshift([inc.start, 'OUTAGE BEGINS (estimated)']);
  const shown = lines.filter(([iso]) => Date.parse(iso) >= s.t0 && Date.parse(iso) <= s.t1).map(([iso, label]) => {
    const x = xOf(s, Date.parse(iso));
    return { x, label, ...labelSpan(x, label, W) };
  });
  const rows = labelRows(shown);
  return shown.map((m, i) => ({ x: m.x, label: m.label, row: rows[i], anchor: m.anchor, textX: m.textX }));
}

function markerLines(markers: ReturnType<typeof markerLayout>, h: number): string[] {
  return markers.map(({ x, label, row, anchor, textX }) => {
    const base = 12 + row * ROW_H;
    return el('g', { class: 'milestone' }, `<line class="ms-line" x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${base - 8}" y2="${h - AXIS_H}"/>`
      + el('text', { class: 'ms-label', x: textX.toFixed(1), y: base, 'text-anchor': anchor }, esc(label)));
  });
}

export interface SwimlaneOptions {
  /** the span shown (default: all of the incident) */
  range?: [number, number];
  /** the report's cluster windows: drawn as bands where they overlap */
  windows?: ClusterWindow[];
}

/** One self-contained <svg> element for the incident. */
export function renderSwimlane(inc: Incident, tz: string, opts: SwimlaneOptions = {}): string {
  const lanes = lanesOf(inc);
  const range = opts.range ?? fullRange(inc);
  const s: Scale = { t0: range[0], t1: range[1], x0: LABEL_W, x1: W - 12 };
  const markers = markerLayout(inc, s, opts.windows ?? []);
  const bands = windowLayout(opts.windows ?? [], s);
  const head = headOf(maxOf([0, ...markers.map((m) => m.row + 1)]), maxOf([0, ...bands.map((b) => b.row + 1)]));
  const h = head.top + lanes.length * LANE_H + AXIS_H;
  const inRange = (e: TimelineEvent) => !!e.time && Date.parse(e.time) >= s.t0 && Date.parse(e.time) <= s.t1;
  const parts = [...axis(s, tz, h, head.top), ...phaseBars(inc, s, head.phaseY, opts.windows ?? [])];
  lanes.forEach((lane, i) => {
    const y = head.top + i * LANE_H;
    parts.push(el('g', { class: 'lane', 'data-node': lane },
      `<rect class="lane-bg" x="0" y="${y + 2}" width="${W}" height="${LANE_H - 4}" rx="3"/>`
      + el('text', { class: 'lane-label', x: 6, y: y + LANE_H / 2 + 4 }, el('title', {}, esc(lane)) + esc(short(lane)))));
  });
  append(parts, windowBands(bands, head.winY, head.top + lanes.length * LANE_H));
  lanes.forEach((lane, i) => {
    const marks = laneMarks(inc.timeline.filter((e) => inRange(e) && laneOf(e) === lane), s, head.top + i * LANE_H, tz);
    parts.push(el('g', { class: 'marks', 'data-node': lane }, marks.join('')));
  });
  append(parts, markerLines(markers, h));
  const shown = inc.timeline.filter(inRange).length;
  const title = `Swimlane of incident ${inc.id}, ${utcWithZone(new Date(s.t0).toISOString(), 'UTC')} to ${utcWithZone(new Date(s.t1).toISOString(), 'UTC')}: ${lanes.length} lanes, ${shown} events`;
  return `<svg class="swimlane" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${h}" role="img" aria-label="${esc(title)}">${el('title', {}, esc(title))}${parts.join('')}</svg>`;
}
