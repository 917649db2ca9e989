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
import { cite, shorten } from './evidence';

export const REAPER_LANE = 'pod-reaper';
const W = 1000;
const LABEL_W = 170;
const LANE_H = 28;
const TOP = 44; // room for the markers and the phase bar
const AXIS_H = 36;

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

function spanOf(inc: Incident): [number, number] {
  const times = [Date.parse(inc.start), ...inc.timeline.filter((e) => e.time).map((e) => Date.parse(e.time!))];
  for (const m of Object.values(inc.milestones)) if (m) times.push(Date.parse(m.time));
  const lo = Math.min(...times);
  const hi = Math.max(...times);
  const pad = Math.max(5000, (hi - lo) * 0.03);
  return [lo - pad, hi + pad];
}

/** Lane label: the host part of an FQDN (full name on hover), at most 24 characters. */
function short(node: string): string {
  const host = /[A-Za-z]/.test(node) && node.includes('.') ? node.split('.')[0] : node;
  return host.length > 24 ? host.slice(0, 23) + '…' : host;
}

/** One self-contained <svg> element for the incident. */
export function renderSwimlane(inc: Incident, tz: string): string {
  const lanes = lanesOf(inc);
  const [t0, t1] = spanOf(inc);
  const s: Scale = { t0, t1, x0: LABEL_W, x1: W - 12 };
  const h = TOP + lanes.length * LANE_H + AXIS_H;
  const parts: string[] = [];
  const laneY = (i: number) => TOP + i * LANE_H;
  for (const t of ticks(s)) {
    const x = xOf(s, t).toFixed(1);
    parts.push(`<line class="grid" x1="${x}" x2="${x}" y1="${TOP - 4}" y2="${h - AXIS_H}"/>`);
    const iso = new Date(t).toISOString();
    parts.push(el('text', { class: 'axis', x, y: h - AXIS_H + 14, 'text-anchor': 'middle' }, esc(fmtClock(iso, 'UTC').slice(0, 5))));
    if (tz !== 'UTC') parts.push(el('text', { class: 'axis', x, y: h - AXIS_H + 28, 'text-anchor': 'middle' }, esc(`(${fmtClock(iso, tz).slice(0, 5)})`)));
  }
  parts.push(el('text', { class: 'axis', x: 6, y: h - AXIS_H + 14 }, 'UTC'));
  if (tz !== 'UTC') parts.push(el('text', { class: 'axis', x: 6, y: h - AXIS_H + 28 }, esc(`(${tz.length > 22 ? tz.slice(0, 21) + '…' : tz})`)));
  for (const p of phasesOf(inc)) {
    const x = xOf(s, Date.parse(p.from));
    const w = Math.max(2, xOf(s, Date.parse(p.to)) - x);
    const tip = `${p.name}: ${fmtDuration(p.seconds)} (${Math.round(p.share * 100)}%), ${p.label}`;
    parts.push(el('g', { class: 'phase', 'data-phase': p.name }, el('rect', { class: `phase-${p.name}`, x: x.toFixed(1), y: 24, width: w.toFixed(1), height: 14, rx: 2 }, el('title', {}, esc(tip)))
      + (w > 44 ? el('text', { class: 'phase-label', x: (x + 4).toFixed(1), y: 35 }, esc(w > 110 ? `${p.name} ${fmtDuration(p.seconds)}` : p.name)) : '')));
  }
  lanes.forEach((lane, i) => {
    const y = laneY(i);
    const marks = inc.timeline.filter((e) => e.time && laneOf(e) === lane).map((e) => {
      const tip = `${utcWithZone(e.time, tz)}\n${e.kind}${e.peer ? ` → ${e.peer}` : ''}\n${cite(e.evidence)}\n${shorten(e.evidence.text, 200)}`;
      return el('circle', { class: `mark ${kindClass(e.kind)}`, cx: xOf(s, Date.parse(e.time!)).toFixed(1), cy: y + LANE_H / 2, r: 5, 'data-kind': e.kind, 'data-time': e.time }, el('title', {}, esc(tip)));
    });
    parts.push(el('g', { class: 'lane', 'data-node': lane },
      `<rect class="lane-bg" x="0" y="${y + 2}" width="${W}" height="${LANE_H - 4}" rx="3"/>`
      + el('text', { class: 'lane-label', x: 6, y: y + LANE_H / 2 + 4 }, el('title', {}, esc(lane)) + esc(short(lane)))
      + marks.join('')));
  });
  const marks = markersOf(inc);
  const lines: Array<[string, string]> = Object.entries(marks).map(([k, label]) => [inc.milestones[k as MilestoneName]!.time, label!]);
  if (inc.estimatedStart) lines.unshift([inc.start, 'OUTAGE BEGINS (estimated)']);
  lines.forEach(([iso, label], i) => {
    const x = xOf(s, Date.parse(iso));
    const anchor = x > W - 160 ? 'end' : 'start';
    parts.push(el('g', { class: 'milestone' }, `<line class="ms-line" x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${i % 2 ? 14 : 4}" y2="${h - AXIS_H}"/>`
      + el('text', { class: 'ms-label', x: (x + (anchor === 'end' ? -4 : 4)).toFixed(1), y: i % 2 ? 21 : 12, 'text-anchor': anchor }, esc(label))));
  });
  const title = `Swimlane of incident ${inc.id}: ${lanes.length} lanes, ${inc.timeline.length} events`;
  return `<svg class="swimlane" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${h}" role="img" aria-label="${esc(title)}">${el('title', {}, esc(title))}${parts.join('')}</svg>`;
}
