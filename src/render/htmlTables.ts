// The tables of the HTML report: summary, milestones (time order, markers), phases, observers,
// pods, findings, evidence and coverage. Cells are escaped here; callers pass raw strings.
import { coverageOf, moreWarningsLine, restLine } from './coverage';
import type { ClusterWindow, Evidence, Finding, Incident, Report } from '../types';
import { fmtDuration } from '../assemble/format';
import { esc } from './escape';
import { offsetSeconds, signedDuration } from './time';
import { lbCellNote, observerOf } from './words';
import { clockHeader, clockWithZone, utcWithZone } from './zoned';
import { phasesOf, phaseTitle } from './phases';
import { cite, runNote, type EvidenceList } from './evidence';
import { milestonesInOrder, missingMilestones } from './timeline';
import { summaryHead, summaryRows } from './summary';
import { RUN_HEAD, runsOf } from './runs';
import { withCode } from './codeSpans';

/** A cell: raw text (escaped here) or trusted markup built by this module. */
type Cell = string | { html: string; cls?: string };

const cell = (c: Cell) => (typeof c === 'string' ? `<td>${esc(c)}</td>` : `<td${c.cls ? ` class="${c.cls}"` : ''}>${c.html}</td>`);
const t = (s: string): Cell => ({ html: esc(s), cls: 't' });
const num = (s: string | number): Cell => ({ html: esc(s), cls: 'num' });
const signed = signedDuration;
/** An evidence ref (E1, E12): one word, never broken (td.ref: nowrap, as narrow as its text). */
const ref = (html: string): Cell => ({ html, cls: 'ref' });
/** Text that breaks between words only (a role, a cause, a node name, a date): the paths beside it give way instead. */
const word = (s: string): Cell => ({ html: esc(s), cls: 'word' });

export function table(head: string[], rows: Cell[][], cls?: string): string {
  return `<table${cls ? ` class="${cls}"` : ''}><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('')}</tbody></table>`;
}

/** A link to the evidence line `E<n>` of the incident whose anchor prefix is given. */
const refLink = (refs: EvidenceList, e: Evidence, anchor: string): string => {
  const id = refs.ref(e);
  return `<a href="#${anchor}-${id}">${esc(id)}</a>`;
};

/** One row per cluster window and incident, each linking to its section. */
export function summaryTable(r: Report, tz: string): string {
  return table(summaryHead(tz), summaryRows(r, tz).map((s) => [{ html: `<a href="#${s.anchor}">${esc(s.id)}</a>` }, ...s.cells.slice(1).map((c, i) => (i === 1 || i === 2 ? t(c) : i === 3 || i === 4 ? num(c) : i === 5 ? word(c) : c))]), 'summary-table');
}

/** Evidence refs of a list of lines, as links. */
export function refLinks(refs: EvidenceList, es: Evidence[], anchor: string): string {
  return es.map((e) => refLink(refs, e, anchor)).join(', ');
}

export function milestoneTable(inc: Incident, tz: string, refs: EvidenceList, anchor: string, windows: ClusterWindow[]): string {
  const rows: Cell[][] = [];
  if (inc.estimatedStart) rows.push([t(clockWithZone(inc.start, tz)), num('+0s'), { html: '<span class="marker">OUTAGE BEGINS</span> estimated start' }, '—', '—']);
  for (const p of milestonesInOrder(inc, windows)) {
    const what = p.marker ? `<span class="marker">${esc(p.marker)}</span> ${esc(p.label)}` : esc(p.label);
    rows.push([t(clockWithZone(p.m.time, tz)), num(signed(offsetSeconds(inc.start, p.m.time))), { html: what }, observerOf(p.name, p.m), ref(refLink(refs, p.m.evidence, anchor))]);
  }
  const missing = missingMilestones(inc);
  return table([`time, ${clockHeader(tz)}`, 'from start', 'milestone', 'node', 'evidence'], rows) + (missing.length ? `<p class="muted">Not in the logs: ${esc(missing.join(', '))}.</p>` : '');
}

export function phaseTable(inc: Incident, tz: string, windows: ClusterWindow[] = []): string {
  const phases = phasesOf(inc, windows);
  if (!phases.length) return '';
  return table(['phase', 'from', 'to', 'length', 'share', 'what happened'], phases.map((p) => [
    { html: `<span class="bar phase-${p.name}" style="width:${Math.max(2, Math.round(p.share * 80))}px"></span> <b>${esc(phaseTitle(p))}</b>` },
    t(clockWithZone(p.from, tz)), t(clockWithZone(p.to, tz)), num(fmtDuration(p.seconds)), num(`${Math.round(p.share * 100)}%`), p.label,
  ]));
}

export function observerTable(inc: Incident, tz: string, windows: ClusterWindow[] = []): string {
  if (!inc.observers.length) return '';
  const c = (iso: string | null, note = ''): Cell => (iso ? `${signed(offsetSeconds(inc.start, iso))} at ${clockWithZone(iso, tz)}${note}` : '—');
  return table(['observer', 'first sign', 'tunnel stopped', 'LB failover', 'peer back'], inc.observers.map((o) => [o.node ?? '?', c(o.firstSign), c(o.tunnelStopped), c(o.loadBalancerFailover, lbCellNote(o.loadBalancerFailover, windows)), c(o.peerBack)]));
}

export function podTable(inc: Incident, tz: string): string {
  return table(['namespace', 'pod', `deletion timestamp, ${clockHeader(tz)}`, 'force-deleted', 'outcome'], inc.pods.map((p) => [
    p.namespace, p.name, t(clockWithZone(p.deletionTimestamp, tz)), t(clockWithZone(p.forceDeletedAt, tz)), p.attempts > 1 ? `${p.outcome} (${p.attempts} tries)` : p.outcome,
  ]));
}

export function findingList(fs: Finding[], refs: EvidenceList | null, anchor: string): string {
  const items = fs.map((f) => {
    const ev = (f.evidence ?? []).map((e) => (refs ? refLink(refs, e, anchor) : `<code>${esc(cite(e))}</code>`)).join(', ');
    return `<li><span class="sev-${esc(f.severity)}">${esc(f.severity)}</span> <code>${esc(f.code)}</code>: ${withCode(f.message, esc, (c) => `<code>${esc(c)}</code>`)}${ev ? ` (${ev})` : ''}</li>`;
  });
  return `<ul>${items.join('')}</ul>`;
}

export function evidenceTable(inc: Incident, refs: EvidenceList, anchor: string, tz: string): string {
  return table(['ref', 'where', 'line'], refs.items.map((e, i) => {
    const run = runNote(inc, e, tz);
    return [ref(`<span id="${anchor}-E${i + 1}">E${i + 1}</span>`), { html: `<code>${esc(cite(e))}</code>${run ? ` <span class="muted">${esc(run)}</span>` : ''}` }, { html: `<div class="log">${esc(e.text)}</div>` }];
  }));
}

export function coverageTable(r: Report, tz: string): string {
  const v = coverageOf(r);
  const head = v.base ? `<p class="muted">Paths under <code>${esc(v.base)}</code>.</p>` : '';
  const more = [restLine(v), moreWarningsLine(v)].filter((x): x is string => x !== null).map((m) => `<p class="muted">${esc(m)}</p>`);
  return head + table(['input', 'node', 'role', 'lines', 'parsed', 'unparsed', 'events', 'first', 'last'], v.rows.map((i) => [
    { html: `<code>${esc(i.path.slice(v.base.length))}</code>` }, word(i.node ?? '?'), word(i.role), num(i.lines), num(i.parsed), num(i.lines - i.parsed), num(i.events), word(utcWithZone(i.firstTime, tz)), word(utcWithZone(i.lastTime, tz)),
  ]), 'coverage') + v.warnings.map((w) => `<p class="muted"><code>${esc(w.path)}</code>: ${esc(w.text)}</p>`).join('') + more.join('');
}

/** Runs of repeated lines: who, what, how many until when, with the first line's evidence link. */
export function runTable(inc: Incident, tz: string, refs: EvidenceList, anchor: string): string {
  const runs = runsOf(inc, tz);
  return runs.length ? table(RUN_HEAD, runs.map((x) => [x.node, x.what, x.peer, t(x.from), t(x.repeats), ref(refLink(refs, x.evidence, anchor))])) : '';
}
