// Markdown report for the ticket (DESIGN §7, peers.md §1.8): a summary per incident, the
// OUTAGE BEGINS / MITIGATED / ENDS markers, milestones with offsets and evidence, the phase
// breakdown, pods, findings with the manual steps, and the coverage of the input.
import type { Finding, Incident, MilestoneName, Report } from '../types';
import { fmtDuration } from '../assemble/format';
import type { RenderOptions } from './table';
import { offsetSeconds, signedDuration } from './time';
import { DURATION_LABELS, MILESTONE_LABELS, observerOf, peerLabel, summaryOf } from './words';
import { clockHeader, clockWithZone, utcWithZone } from './zoned';
import { markersOf, MARKER_MEANING } from './markers';
import { dominantPhase, phasesOf } from './phases';
import { cite, EvidenceList, incidentEvidence, oneLine } from './evidence';
import { mdCode, mdTable, mdText } from './mdEscape';

const signed = signedDuration;
const pct = (x: number) => `${Math.round(x * 100)}%`;

function milestoneTable(inc: Incident, tz: string, refs: EvidenceList): string {
  const marks = markersOf(inc);
  const rows: string[][] = [];
  if (inc.estimatedStart) rows.push([clockWithZone(inc.start, tz), '+0s', '**OUTAGE BEGINS** (estimated start)', '—', '—']);
  for (const [k, label] of Object.entries(MILESTONE_LABELS) as Array<[MilestoneName, string]>) {
    const m = inc.milestones[k];
    if (!m) continue;
    const what = marks[k] ? `**${marks[k]}** ${label}` : label;
    rows.push([clockWithZone(m.time, tz), signed(offsetSeconds(inc.start, m.time)), what, mdText(observerOf(k, m)), refs.ref(m.evidence)]);
  }
  const missing = (Object.keys(MILESTONE_LABELS) as MilestoneName[]).filter((k) => !inc.milestones[k]).map((k) => MILESTONE_LABELS[k]);
  const table = mdTable([`time, ${clockHeader(tz)}`, 'from start', 'milestone', 'node', 'evidence'], rows);
  return missing.length ? `${table}\n\nNot in the logs: ${missing.join(', ')}.` : table;
}

function phaseSection(inc: Incident, tz: string): string[] {
  const phases = phasesOf(inc);
  if (!phases.length) return [];
  const top = dominantPhase(phases);
  const out = ['### Where the time went', ''];
  if (top) out.push(`Most of it (${pct(top.share)}, ${fmtDuration(top.seconds)}) was **${top.name}**: ${top.label}.`, '');
  out.push(mdTable(['phase', 'from', 'to', 'length', 'share', 'what happened'], phases.map((p) => [
    `**${p.name}**`, clockWithZone(p.from, tz), clockWithZone(p.to, tz), fmtDuration(p.seconds), pct(p.share), p.label,
  ])));
  return [...out, ''];
}

function findingLines(fs: Finding[], refs: EvidenceList | null): string[] {
  return fs.map((f) => {
    const ev = f.evidence?.length ? ` (${f.evidence.map((e) => (refs ? refs.ref(e) : mdCode(cite(e), false))).join(', ')})` : '';
    return `- **${f.severity}** \`${f.code}\`: ${mdText(f.message)}${ev}`;
  });
}

function incidentSection(inc: Incident, o: RenderOptions): string {
  const refs = incidentEvidence(inc);
  const out: string[] = [`## Incident ${inc.id}: ${mdText(peerLabel(inc))}`, '', `> ${mdText(summaryOf(inc, 'UTC'))}`, ''];
  out.push(mdTable(['measure', 'value'], [
    ['start', `${utcWithZone(inc.start, o.tz)}${inc.estimatedStart ? ' (estimated)' : ''}`],
    ['end', inc.end ? utcWithZone(inc.end, o.tz) : 'not back in the logs'],
    ...(Object.entries(DURATION_LABELS) as Array<[keyof typeof DURATION_LABELS, string]>).map(([k, l]) => [l, fmtDuration(inc.durations[k])]),
  ]), '');
  out.push('### Timeline', '', milestoneTable(inc, o.tz, refs), '');
  out.push(...phaseSection(inc, o.tz));
  if (inc.observers.length) {
    const cell = (iso: string | null) => (iso ? `${signed(offsetSeconds(inc.start, iso))} at ${clockWithZone(iso, o.tz)}` : '—');
    out.push('### What each surviving node saw', '', mdTable(['observer', 'first sign', 'tunnel stopped', 'LB failover', 'peer back'],
      inc.observers.map((ob) => [mdText(ob.node ?? '?'), cell(ob.firstSign), cell(ob.tunnelStopped), cell(ob.loadBalancerFailover), cell(ob.peerBack)])), '');
  }
  if (inc.pods.length) {
    out.push(`### Pods force-deleted by the pod-reaper (${inc.pods.length})`, '', mdTable(['namespace', 'pod', `deletion timestamp, ${clockHeader(o.tz)}`, 'force-deleted', 'outcome'],
      inc.pods.map((p) => [mdText(p.namespace), mdText(p.name), clockWithZone(p.deletionTimestamp, o.tz), clockWithZone(p.forceDeletedAt, o.tz), p.attempts > 1 ? `${p.outcome} (${p.attempts} tries)` : p.outcome])), '');
  }
  out.push('### Findings and manual steps', '', ...(inc.findings.length ? findingLines(inc.findings, refs) : ['None: every phase took about as long as the timing model expects.']), '');
  out.push('### Evidence', '', mdTable(['ref', 'where', 'line'], refs.items.map((e, i) => [`E${i + 1}`, mdCode(cite(e)), mdCode(oneLine(e.text))])), '');
  return out.join('\n');
}

function coverage(r: Report, tz: string): string {
  const rows = r.inputs.map((i) => [mdCode(i.path), mdText(i.node ?? '?'), i.role, String(i.lines), String(i.parsed), String(i.lines - i.parsed), String(i.events), utcWithZone(i.firstTime, tz), utcWithZone(i.lastTime, tz)]);
  const warn = r.inputs.flatMap((i) => i.warnings.map((w) => `- ${mdCode(i.path, false)}: ${mdText(w)}`));
  return ['## Coverage of the input', '', mdTable(['input', 'node', 'role', 'lines', 'parsed', 'unparsed', 'events', 'first', 'last'], rows), ...(warn.length ? ['', ...warn] : [])].join('\n');
}

/** The whole report as GitHub/GitLab/Jira-compatible Markdown. */
export function renderMarkdown(r: Report, o: RenderOptions): string {
  const n = r.incidents.length;
  const zone = o.tz === 'UTC' ? 'All times UTC.' : `All times UTC, with ${mdText(o.tz)} in brackets.`;
  const out: string[] = ['# Outage report', '', `${n ? `${n} outage${n > 1 ? 's' : ''}` : 'No outage'} found in ${r.inputs.length} input(s). ${zone} Generated by ${mdText(r.tool)}.`, ''];
  if (n) out.push(Object.entries(MARKER_MEANING).map(([k, v]) => `**${k}**: ${v}.`).join(' '), '');
  for (const inc of r.incidents) out.push(incidentSection(inc, o));
  if (r.findings.length) out.push('## Other findings', '', ...findingLines(r.findings, null), '');
  out.push(coverage(r, o.tz));
  return out.join('\n') + '\n';
}
