// The SVG swimlane of one incident: a lane per observer node and one for the pod-reaper, a mark
// per timeline event (hover: time, kind, node, evidence), phase bars (detect, failover, evict,
// reap) and the OUTAGE BEGINS / MITIGATED / ENDS lines. Every log-derived string goes through esc.
import type { Incident, MilestoneName, TimelineEvent } from '../types';
import { fmtDuration } from '../assemble/format';
import { esc, el } from './escape';
import { ticks, xOf, type Scale } from './axis';
import { phasesOf } from './phases';
import { markersOf } from './markers';
import { fmtClock } from './time';
import { utcWithZone } from './zoned';
import { cite, oneLine } from './evidence';
import { labelRows, labelSpan } from './labelRows';

export const REAPER_LANE = 'pod-reaper';
const W = 1000;
const LABEL_W = 170;
const LANE_H = 30;
const ROW_H = 14; // one row of marker labels: an 11px bold line with its descent
const AXIS_H = 36;
const R = 4.5;
const SLOTS = [0, -8, 8]; // vertical offsets that keep marks of one instant apart

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

/** Colour class by event family: tunnel, lb, reaper, node, ... */
export function kindClass(kind: string): string {
  const family = kind.split('.')[0];
  return ['tunnel', 'watch', 'lb', 'reaper', 'pod', 'node', 'etcd', 'apiserver'].includes(family) ? `k-${family}` : 'k-other';
}

function timesOf(inc: Incident): number[] {
  const times = [Date.parse(inc.start), ...inc.timeline.filter((e) => e.time).map((e) => Date.parse(e.time!))];
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
  return padded(Math.min(...t), Math.max(...t));
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
  const end = Math.max(...near);
  if (end - start < 5000 || (end - start) / (hi - lo) > 0.2) return null;
  return padded(start, end);
}

/** Lane label: the host part of an FQDN (full name on hover), at most 24 characters. */
function short(node: string): string {
  const host = /[A-Za-z]/.test(node) && node.includes('.') ? node.split('.')[0] : node;
  return host.length > 24 ? host.slice(0, 23) + '…' : host;
}

/** Marks of one lane, each in the first vertical slot where it does not cover its neighbour. */
function laneMarks(events: TimelineEvent[], s: Scale, y: number, tz: string): string[] {
  const lastX = SLOTS.map(() => -Infinity);
  return events.map((e) => {
    const x = xOf(s, Date.parse(e.time!));
    let slot = SLOTS.findIndex((_, i) => x - lastX[i] >= 2 * R);
    if (slot < 0) slot = 0;
    lastX[slot] = x;
    const tip = `${utcWithZone(e.time, tz)}\n${e.kind}${e.peer ? ` → ${e.peer}` : ''}\n${cite(e.evidence)}\n${oneLine(e.evidence.text, 200)}`;
    return el('circle', { class: `mark ${kindClass(e.kind)}`, cx: x.toFixed(1), cy: y + LANE_H / 2 + SLOTS[slot], r: R, 'data-kind': e.kind, 'data-time': e.time }, el('title', {}, esc(tip)));
  });
}

/** Vertical layout above the lanes: `rows` rows of marker labels, then the phase bar. */
interface Head { rows: number; phaseY: number; top: number }

function headOf(rows: number): Head {
  const phaseY = 10 + Math.max(1, rows) * ROW_H; // one row: the bar at 24 and the lanes at 44
  return { rows, phaseY, top: phaseY + 20 };
}

function axis(s: Scale, tz: string, h: number, top: number): string[] {
  const parts: string[] = [];
  const ts = ticks(s);
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
  if (tz !== 'UTC') parts.push(el('text', { class: 'axis', x: 6, y: h - AXIS_H + 28 }, esc(`(${tz.length > 22 ? tz.slice(0, 21) + '…' : tz})`)));
  return parts;
}

function phaseBars(inc: Incident, s: Scale, y: number): string[] {
  return phasesOf(inc).flatMap((p) => {
    const from = Math.max(s.t0, Date.parse(p.from));
    const to = Math.min(s.t1, Date.parse(p.to));
    if (to <= from) return [];
    const x = xOf(s, from);
    const w = Math.max(2, xOf(s, to) - x);
    const tip = `${p.name}: ${fmtDuration(p.seconds)} (${Math.round(p.share * 100)}%), ${p.label}`;
    const label = w > 44 ? el('text', { class: 'phase-label', x: (x + 4).toFixed(1), y: y + 11 }, esc(w > 110 ? `${p.name} ${fmtDuration(p.seconds)}` : p.name)) : '';
    return [el('g', { class: 'phase', 'data-phase': p.name }, el('rect', { class: `phase-${p.name}`, x: x.toFixed(1), y, width: w.toFixed(1), height: 14, rx: 2 }, el('title', {}, esc(tip))) + label)];
  });
}

/** The markers shown in the range, each with its label's place and row (labels never overlap). */
function markerLayout(inc: Incident, s: Scale): Array<{ x: number; label: string; row: number; anchor: 'start' | 'end'; textX: number }> {
  const lines: Array<[string, string]> = Object.entries(markersOf(inc)).map(([k, label]) => [inc.milestones[k as MilestoneName]!.time, label!]);
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

/** One self-contained <svg> element for the incident, over `range` (default: all of it). */
export function renderSwimlane(inc: Incident, tz: string, range: [number, number] = fullRange(inc)): string {
  const lanes = lanesOf(inc);
  const s: Scale = { t0: range[0], t1: range[1], x0: LABEL_W, x1: W - 12 };
  const markers = markerLayout(inc, s);
  const head = headOf(Math.max(0, ...markers.map((m) => m.row + 1)));
  const h = head.top + lanes.length * LANE_H + AXIS_H;
  const inRange = (e: TimelineEvent) => !!e.time && Date.parse(e.time) >= s.t0 && Date.parse(e.time) <= s.t1;
  const parts = [...axis(s, tz, h, head.top), ...phaseBars(inc, s, head.phaseY)];
  lanes.forEach((lane, i) => {
    const y = head.top + i * LANE_H;
    const marks = laneMarks(inc.timeline.filter((e) => inRange(e) && laneOf(e) === lane), s, y, tz);
    parts.push(el('g', { class: 'lane', 'data-node': lane },
      `<rect class="lane-bg" x="0" y="${y + 2}" width="${W}" height="${LANE_H - 4}" rx="3"/>`
      + el('text', { class: 'lane-label', x: 6, y: y + LANE_H / 2 + 4 }, el('title', {}, esc(lane)) + esc(short(lane)))
      + marks.join('')));
  });
  parts.push(...markerLines(markers, h));
  const shown = inc.timeline.filter(inRange).length;
  const title = `Swimlane of incident ${inc.id}, ${utcWithZone(new Date(s.t0).toISOString(), 'UTC')} to ${utcWithZone(new Date(s.t1).toISOString(), 'UTC')}: ${lanes.length} lanes, ${shown} events`;
  return `<svg class="swimlane" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${h}" role="img" aria-label="${esc(title)}">${el('title', {}, esc(title))}${parts.join('')}</svg>`;
}
