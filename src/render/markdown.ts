// Markdown report for the ticket (DESIGN §7): cluster windows and a summary first, then per
// incident the summary sentence, cause, durations from the start, milestones in time order with
// the OUTAGE markers, the phases, observers, pods, findings and evidence; notes, coverage and
// "how to read this report" last.
import { coverageOf, moreWarningsLine, restLine } from './coverage';
import type { ClusterWindow, Finding, Incident, Report } from '../types';
import { fmtDuration } from '../assemble/format';
import type { RenderOptions } from './options';
import { offsetSeconds, signedDuration } from './time';
import { causeText, cyclesText, DURATION_LABELS, durationText, lbCellNote, notBackText, observerOf, peerLabel, summaryOf } from './words';
import { clockHeader, clockWithZone, utcWithZone } from './zoned';
import { dominantPhase, phasesOf, phaseTitle } from './phases';
import { cite, EvidenceList, incidentEvidence, oneLine, runNote } from './evidence';
import { milestonesInOrder, missingMilestones } from './timeline';
import { windowHeadline } from './windows';
import { summaryHead, summaryRows, wantsSummary } from './summary';
import { notesOf, reportFindings } from './notes';
import { GUIDE } from './guide';
import { RUN_HEAD, runsOf } from './runs';
import { mdCode, mdTable, mdText } from './mdEscape';
import { append } from '../lists';
import { withCode } from './codeSpans';

const pct = (x: number) => `${Math.round(x * 100)}%`;

function milestoneTable(inc: Incident, tz: string, refs: EvidenceList, windows: ClusterWindow[]): string {
  const rows: string[][] = [];
  if (inc.estimatedStart) rows.push([clockWithZone(inc.start, tz), '+0s', '**OUTAGE BEGINS** (estimated start)', '—', '—']);
  for (const p of milestonesInOrder(inc, windows)) {
    const what = p.marker ? `**${p.marker}** ${p.label}` : p.label;
    rows.push([clockWithZone(p.m.time, tz), signedDuration(offsetSeconds(inc.start, p.m.time)), what, mdText(observerOf(p.name, p.m)), refs.ref(p.m.evidence)]);
  }
  const missing = missingMilestones(inc);
  const table = mdTable([`time, ${clockHeader(tz)}`, 'from start', 'milestone', 'node', 'evidence'], rows);
  return missing.length ? `${table}\n\nNot in the logs: ${missing.join(', ')}.` : table;
}

function phaseSection(inc: Incident, tz: string, windows: ClusterWindow[]): string[] {
  const phases = phasesOf(inc, windows);
  if (!phases.length) return [];
  const top = dominantPhase(phases);
  const out = ['### Where the time went', ''];
  if (top) out.push(`Most of it (${pct(top.share)}, ${fmtDuration(top.seconds)}) was the **${phaseTitle(top)}**: ${top.label}.`, '');
  out.push(mdTable(['phase', 'from', 'to', 'length', 'share', 'what happened'], phases.map((p) => [
    `**${phaseTitle(p)}**`, clockWithZone(p.from, tz), clockWithZone(p.to, tz), fmtDuration(p.seconds), pct(p.share), p.label,
  ])));
  return [...out, ''];
}

function findingLines(fs: Finding[], refs: EvidenceList | null): string[] {
  return fs.map((f) => {
    const ev = f.evidence?.length ? ` (${f.evidence.map((e) => (refs ? refs.ref(e) : mdCode(cite(e), false))).join(', ')})` : '';
    return `- **${f.severity}** \`${f.code}\`: ${withCode(f.message, mdText, (c) => mdCode(c, false))}${ev}`;
  });
}

function incidentSection(inc: Incident, o: RenderOptions, windows: ClusterWindow[], incidents: Incident[]): string {
  const refs = incidentEvidence(inc);
  const out: string[] = [`## Incident ${inc.id}: ${mdText(peerLabel(inc))}`, '', `> ${mdText(summaryOf(inc, o.tz, windows, incidents))}`, ''];
  const cause = causeText(inc);
  if (cause) out.push(`**${mdText(cause)}**${inc.cause!.evidence.length ? ` (${inc.cause!.evidence.map((e) => refs.ref(e)).join(', ')})` : ''}`, '');
  const cycles = cyclesText(inc, o.tz);
  if (cycles) out.push(mdText(cycles), '');
  out.push(`Start ${utcWithZone(inc.start, o.tz)}${inc.estimatedStart ? ' (estimated)' : ''}; end ${inc.end ? utcWithZone(inc.end, o.tz) : notBackText(inc)}.`, '');
  const ds = Object.entries(DURATION_LABELS) as Array<[keyof typeof DURATION_LABELS, string]>;
  append(out, [mdTable(['from the start', ...ds.map(([, l]) => l)], [['duration', ...ds.map(([k]) => durationText(inc, k, windows))]]), '']);
  out.push('### Timeline', '', milestoneTable(inc, o.tz, refs, windows), '');
  append(out, phaseSection(inc, o.tz, windows));
  if (inc.observers.length) {
    const cell = (iso: string | null) => (iso ? `${signedDuration(offsetSeconds(inc.start, iso))} at ${clockWithZone(iso, o.tz)}` : '—');
    out.push('### What each surviving node saw', '', mdTable(['observer', 'first sign', 'tunnel stopped', 'LB failover', 'peer back'],
      inc.observers.map((ob) => [mdText(ob.node ?? '?'), cell(ob.firstSign), cell(ob.tunnelStopped), cell(ob.loadBalancerFailover) + lbCellNote(ob.loadBalancerFailover, windows), cell(ob.peerBack)])), '');
  }
  if (inc.pods.length) {
    out.push(`### Pods force-deleted by the pod-reaper (${inc.pods.length})`, '', mdTable(['namespace', 'pod', `deletion timestamp, ${clockHeader(o.tz)}`, 'force-deleted', 'outcome'],
      inc.pods.map((p) => [mdText(p.namespace), mdText(p.name), clockWithZone(p.deletionTimestamp, o.tz), clockWithZone(p.forceDeletedAt, o.tz), p.attempts > 1 ? `${p.outcome} (${p.attempts} tries)` : p.outcome])), '');
  }
  const runs = runsOf(inc, o.tz);
  if (runs.length) out.push('### Repeated lines', '', mdTable(RUN_HEAD, runs.map((x) => [mdText(x.node), x.what, mdText(x.peer), x.from, x.repeats, refs.ref(x.evidence)])), '');
  append(out, ['### Findings and manual steps', '', ...(inc.findings.length ? findingLines(inc.findings, refs) : ['None: every phase took about as long as the timing model expects.']), '']);
  out.push('### Evidence', '', mdTable(['ref', 'where', 'line'], refs.items.map((e, i) => {
    const run = runNote(inc, e, o.tz);
    return [`E${i + 1}`, `${mdCode(cite(e))}${run ? ` ${run}` : ''}`, mdCode(oneLine(e.text))];
  })), '');
  return out.join('\n');
}

/** Windows first (DESIGN §6b), each with its message as the headline and its evidence. */
export function windowLines(windows: ClusterWindow[], tz: string): string[] {
  if (!windows.length) return [];
  return ['## Cluster windows', '', ...windows.map((w) => `- **${mdText(windowHeadline(w, tz))}**: ${withCode(w.message, mdText, (c) => mdCode(c, false))}${w.evidence.length ? ` (${w.evidence.map((e) => mdCode(cite(e), false)).join(', ')})` : ''}`), ''];
}

function coverage(r: Report, tz: string): string {
  const v = coverageOf(r);
  const rows = v.rows.map((i) => [mdCode(i.path.slice(v.base.length)), mdText(i.node ?? '?'), i.role, String(i.lines), String(i.parsed), String(i.lines - i.parsed), String(i.events), utcWithZone(i.firstTime, tz), utcWithZone(i.lastTime, tz)]);
  const warn = v.warnings.map((w) => `- ${mdCode(w.path, false)}: ${mdText(w.text)}`);
  const more = [restLine(v), moreWarningsLine(v)].filter((x): x is string => x !== null).map(mdText);
  const head = v.base ? `Paths under ${mdCode(v.base, false)}.` : '';
  return ['## Coverage of the input', '', ...(head ? [head, ''] : []), mdTable(['input', 'node', 'role', 'lines', 'parsed', 'unparsed', 'events', 'first', 'last'], rows), ...(warn.length || more.length ? ['', ...warn, ...more.map((m) => `\n${m}`)] : [])].join('\n');
}

/** The whole report as GitHub/GitLab-compatible Markdown. */
export function renderMarkdown(r: Report, o: RenderOptions): string {
  const n = r.incidents.length;
  const windows = r.windows ?? [];
  const zone = o.tz === 'UTC' ? 'All times UTC.' : `All times UTC, with ${mdText(o.tz)} in brackets.`;
  const out: string[] = ['# Outage report', '', `${n ? `${n} outage${n > 1 ? 's' : ''}` : 'No outage'} found in ${r.inputs.length} input(s). ${zone} Generated by ${mdText(r.tool)}. How to read it: see the end.`, ''];
  append(out, windowLines(windows, o.tz));
  if (wantsSummary(r)) out.push('## Summary', '', mdTable(summaryHead(o.tz), summaryRows(r, o.tz).map((s) => s.cells.map(mdText))), '');
  for (const inc of r.incidents) out.push(incidentSection(inc, o, windows, r.incidents));
  const others = reportFindings(r);
  if (others.length) append(out, ['## Other findings', '', ...findingLines(others, null), '']);
  const notes = notesOf(r);
  if (notes.length) append(out, ['## Notes on the input', '', ...notes.map((x) => `- ${mdText(x.text)}`), '']);
  out.push(coverage(r, o.tz), '');
  append(out, ['## How to read this report', '', ...GUIDE.map(([k, v]) => `- **${k}**: ${mdText(v)}`)]);
  return out.join('\n') + '\n';
}
