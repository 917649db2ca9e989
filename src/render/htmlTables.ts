// The tables of the HTML report: milestones with markers, phases, observers, pods, findings,
// evidence and coverage. Cells are escaped here; callers pass raw strings.
import type { Evidence, Finding, Incident, MilestoneName, Report } from '../types';
import { fmtDuration } from '../assemble/format';
import { esc } from './escape';
import { offsetSeconds, signedDuration } from './time';
import { MILESTONE_LABELS, observerOf } from './words';
import { clockHeader, clockWithZone, utcWithZone } from './zoned';
import { markersOf } from './markers';
import { phasesOf } from './phases';
import { cite, type EvidenceList } from './evidence';

/** A cell: raw text (escaped here) or trusted markup built by this module. */
type Cell = string | { html: string; cls?: string };

const cell = (c: Cell) => (typeof c === 'string' ? `<td>${esc(c)}</td>` : `<td${c.cls ? ` class="${c.cls}"` : ''}>${c.html}</td>`);
const t = (s: string): Cell => ({ html: esc(s), cls: 't' });
const num = (s: string | number): Cell => ({ html: esc(s), cls: 'num' });
const signed = signedDuration;

export function table(head: string[], rows: Cell[][]): string {
  return `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('')}</tbody></table>`;
}

/** A link to the evidence line `E<n>` of the incident whose anchor prefix is given. */
const refLink = (refs: EvidenceList, e: Evidence, anchor: string): string => {
  const id = refs.ref(e);
  return `<a href="#${anchor}-${id}">${esc(id)}</a>`;
};

export function milestoneTable(inc: Incident, tz: string, refs: EvidenceList, anchor: string): string {
  const marks = markersOf(inc);
  const rows: Cell[][] = [];
  if (inc.estimatedStart) rows.push([t(clockWithZone(inc.start, tz)), num('+0s'), { html: '<span class="marker">OUTAGE BEGINS</span> estimated start' }, '—', '—']);
  for (const [k, label] of Object.entries(MILESTONE_LABELS) as Array<[MilestoneName, string]>) {
    const m = inc.milestones[k];
    if (!m) continue;
    const what = marks[k] ? `<span class="marker">${esc(marks[k]!)}</span> ${esc(label)}` : esc(label);
    rows.push([t(clockWithZone(m.time, tz)), num(signed(offsetSeconds(inc.start, m.time))), { html: what }, observerOf(k, m), { html: refLink(refs, m.evidence, anchor) }]);
  }
  const missing = (Object.keys(MILESTONE_LABELS) as MilestoneName[]).filter((k) => !inc.milestones[k]).map((k) => MILESTONE_LABELS[k]);
  return table([`time, ${clockHeader(tz)}`, 'from start', 'milestone', 'node', 'evidence'], rows) + (missing.length ? `<p class="muted">Not in the logs: ${esc(missing.join(', '))}.</p>` : '');
}

export function phaseTable(inc: Incident, tz: string): string {
  const phases = phasesOf(inc);
  if (!phases.length) return '';
  return table(['phase', 'from', 'to', 'length', 'share', 'what happened'], phases.map((p) => [
    { html: `<span class="bar phase-${p.name}" style="width:${Math.max(2, Math.round(p.share * 120))}px"></span> <b>${esc(p.name)}</b>` },
    t(clockWithZone(p.from, tz)), t(clockWithZone(p.to, tz)), num(fmtDuration(p.seconds)), num(`${Math.round(p.share * 100)}%`), p.label,
  ]));
}

export function observerTable(inc: Incident, tz: string): string {
  if (!inc.observers.length) return '';
  const c = (iso: string | null): Cell => t(iso ? `${signed(offsetSeconds(inc.start, iso))} at ${clockWithZone(iso, tz)}` : '—');
  return table(['observer', 'first sign', 'tunnel stopped', 'LB failover', 'peer back'], inc.observers.map((o) => [o.node ?? '?', c(o.firstSign), c(o.tunnelStopped), c(o.loadBalancerFailover), c(o.peerBack)]));
}

export function podTable(inc: Incident, tz: string): string {
  return table(['namespace', 'pod', `deletion timestamp, ${clockHeader(tz)}`, 'force-deleted', 'outcome'], inc.pods.map((p) => [
    p.namespace, p.name, t(clockWithZone(p.deletionTimestamp, tz)), t(clockWithZone(p.forceDeletedAt, tz)), p.attempts > 1 ? `${p.outcome} (${p.attempts} tries)` : p.outcome,
  ]));
}

export function findingList(fs: Finding[], refs: EvidenceList | null, anchor: string): string {
  const items = fs.map((f) => {
    const ev = (f.evidence ?? []).map((e) => (refs ? refLink(refs, e, anchor) : `<code>${esc(cite(e))}</code>`)).join(', ');
    return `<li><span class="sev-${esc(f.severity)}">${esc(f.severity)}</span> <code>${esc(f.code)}</code>: ${esc(f.message)}${ev ? ` (${ev})` : ''}</li>`;
  });
  return `<ul>${items.join('')}</ul>`;
}

export function evidenceTable(refs: EvidenceList, anchor: string): string {
  return table(['ref', 'where', 'line'], refs.items.map((e, i) => [
    { html: `<span id="${anchor}-E${i + 1}">E${i + 1}</span>` }, { html: `<code>${esc(cite(e))}</code>` }, { html: `<div class="log">${esc(e.text)}</div>` },
  ]));
}

export function coverageTable(r: Report, tz: string): string {
  return table(['input', 'node', 'role', 'lines', 'parsed', 'unparsed', 'events', 'first', 'last'], r.inputs.map((i) => [
    { html: `<code>${esc(i.path)}</code>` }, i.node ?? '?', i.role, num(i.lines), num(i.parsed), num(i.lines - i.parsed), num(i.events), t(utcWithZone(i.firstTime, tz)), t(utcWithZone(i.lastTime, tz)),
  ]));
}
