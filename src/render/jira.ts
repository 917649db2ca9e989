// Jira wiki markup report (`--format jira`): the Markdown report's content in the markup Jira
// tickets read — `||head||`, `|cell|`, `h2.`, `bq.`, `*bold*` — with the evidence lines in one
// {noformat} block per incident, so no log text is ever read as markup.
import { coverageOf, moreWarningsLine, restLine } from './coverage';
import type { ClusterWindow, Finding, Incident, Report } from '../types';
import { fmtDuration } from '../assemble/format';
import type { RenderOptions } from './options';
import { offsetSeconds, signedDuration } from './time';
import { causeText, cyclesText, DURATION_LABELS, durationText, lbCellNote, notBackText, observerOf, peerLabel, summaryOf } from './words';
import { clockHeader, clockWithZone, utcWithZone } from './zoned';
import { dominantPhase, phasesOf, phaseTitle } from './phases';
import { cite, type EvidenceList, incidentEvidence, oneLine, runNote } from './evidence';
import { milestonesInOrder, missingMilestones } from './timeline';
import { windowHeadline } from './windows';
import { summaryHead, summaryRows, wantsSummary } from './summary';
import { notesOf, reportFindings } from './notes';
import { GUIDE } from './guide';
import { RUN_HEAD, runsOf } from './runs';
import { jiraNoformat, jiraTable, jiraText as j } from './jiraEscape';
import { append } from '../lists';
import { withCode } from './codeSpans';

const pct = (x: number) => `${Math.round(x * 100)}%`;
/** A message whose `commands` show in Jira's monospace, {{command}}; the rest escaped text. */
const jc = (s: string) => withCode(s, j, (c) => `{{${j(c)}}}`);

function findingLines(fs: Finding[], refs: EvidenceList | null): string[] {
  return fs.map((f) => `* *${f.severity}* ${j(f.code)}: ${jc(f.message)}${f.evidence?.length ? ` (${f.evidence.map((e) => j(refs ? refs.ref(e) : cite(e))).join(', ')})` : ''}`);
}

function timeline(inc: Incident, tz: string, refs: EvidenceList, windows: ClusterWindow[]): string[] {
  const rows: string[][] = [];
  if (inc.estimatedStart) rows.push([clockWithZone(inc.start, tz), '+0s', '*OUTAGE BEGINS* (estimated start)', '—', '—']);
  for (const p of milestonesInOrder(inc, windows)) {
    rows.push([clockWithZone(p.m.time, tz), j(signedDuration(offsetSeconds(inc.start, p.m.time))), `${p.marker ? `*${p.marker}* ` : ''}${j(p.label)}`, j(observerOf(p.name, p.m)), refs.ref(p.m.evidence)]);
  }
  const missing = missingMilestones(inc);
  return ['h3. Timeline', '', jiraTable([`time, ${j(clockHeader(tz))}`, 'from start', 'milestone', 'node', 'evidence'], rows), ...(missing.length ? ['', `Not in the logs: ${j(missing.join(', '))}.`] : []), ''];
}

function phases(inc: Incident, tz: string, windows: ClusterWindow[]): string[] {
  const ps = phasesOf(inc, windows);
  if (!ps.length) return [];
  const top = dominantPhase(ps);
  return ['h3. Where the time went', '', ...(top ? [`Most of it (${pct(top.share)}, ${fmtDuration(top.seconds)}) was the *${phaseTitle(top)}*: ${j(top.label)}.`, ''] : []),
    jiraTable(['phase', 'from', 'to', 'length', 'share', 'what happened'], ps.map((p) => [`*${phaseTitle(p)}*`, clockWithZone(p.from, tz), clockWithZone(p.to, tz), fmtDuration(p.seconds), pct(p.share), j(p.label)])), ''];
}

function incidentSection(inc: Incident, o: RenderOptions, windows: ClusterWindow[], incidents: Incident[]): string[] {
  const refs = incidentEvidence(inc);
  const out = [`h2. Incident ${inc.id}: ${j(peerLabel(inc))}`, '', `bq. ${j(summaryOf(inc, o.tz, windows, incidents))}`, ''];
  const cause = causeText(inc);
  if (cause) out.push(`*${j(cause)}*${inc.cause!.evidence.length ? ` (${inc.cause!.evidence.map((e) => refs.ref(e)).join(', ')})` : ''}`, '');
  const cycles = cyclesText(inc, o.tz);
  if (cycles) out.push(j(cycles), '');
  out.push(`Start ${j(utcWithZone(inc.start, o.tz))}${inc.estimatedStart ? ' (estimated)' : ''}; end ${j(inc.end ? utcWithZone(inc.end, o.tz) : notBackText(inc))}.`, '');
  const ds = Object.entries(DURATION_LABELS) as Array<[keyof typeof DURATION_LABELS, string]>;
  append(out, [jiraTable(['from the start', ...ds.map(([, l]) => l)], [['duration', ...ds.map(([k]) => j(durationText(inc, k, windows)))]]), '']);
  append(append(out, timeline(inc, o.tz, refs, windows)), phases(inc, o.tz, windows));
  if (inc.observers.length) {
    const cell = (iso: string | null) => (iso ? j(`${signedDuration(offsetSeconds(inc.start, iso))} at ${clockWithZone(iso, o.tz)}`) : '—');
    out.push('h3. What each surviving node saw', '', jiraTable(['observer', 'first sign', 'tunnel stopped', 'LB failover', 'peer back'], inc.observers.map((ob) => [j(ob.node ?? '?'), cell(ob.firstSign), cell(ob.tunnelStopped), cell(ob.loadBalancerFailover) + j(lbCellNote(ob.loadBalancerFailover, windows)), cell(ob.peerBack)])), '');
  }
  if (inc.pods.length) {
    out.push(`h3. Pods force-deleted by the pod-reaper (${inc.pods.length})`, '', jiraTable(['namespace', 'pod', `deletion timestamp, ${j(clockHeader(o.tz))}`, 'force-deleted', 'outcome'],
      inc.pods.map((p) => [j(p.namespace), j(p.name), clockWithZone(p.deletionTimestamp, o.tz), clockWithZone(p.forceDeletedAt, o.tz), j(p.attempts > 1 ? `${p.outcome} (${p.attempts} tries)` : p.outcome)])), '');
  }
  const runs = runsOf(inc, o.tz);
  if (runs.length) out.push('h3. Repeated lines', '', jiraTable(RUN_HEAD, runs.map((x) => [j(x.node), j(x.what), j(x.peer), x.from, j(x.repeats), x.evidence ? refs.ref(x.evidence) : '—'])), '');
  append(out, ['h3. Findings and manual steps', '', ...(inc.findings.length ? findingLines(inc.findings, refs) : ['None: every phase took about as long as the timing model expects.']), '']);
  const ev = refs.items.map((e, i) => { const run = runNote(inc, e, o.tz); return `E${i + 1} ${cite(e)}${run ? ` (${run})` : ''}\n   ${oneLine(e.text)}`; });
  out.push('h3. Evidence', '', '{noformat}', jiraNoformat(ev.join('\n')), '{noformat}', '');
  return out;
}

/** The whole report as Jira wiki markup. */
export function renderJira(r: Report, o: RenderOptions): string {
  const n = r.incidents.length;
  const windows = r.windows ?? [];
  const zone = o.tz === 'UTC' ? 'All times UTC.' : `All times UTC, with ${j(o.tz)} in brackets.`;
  const out = ['h1. Outage report', '', `${n ? `${n} outage${n > 1 ? 's' : ''}` : 'No outage'} found in ${r.inputs.length} input(s). ${zone} Generated by ${j(r.tool)}. How to read it: see the end.`, ''];
  if (windows.length) append(out, ['h2. Cluster windows', '', ...windows.map((w) => `* *${j(windowHeadline(w, o.tz))}*: ${jc(w.message)}${w.evidence.length ? ` (${j(w.evidence.map(cite).join(', '))})` : ''}`), '']);
  if (wantsSummary(r)) out.push('h2. Summary', '', jiraTable(summaryHead(o.tz).map(j), summaryRows(r, o.tz).map((s) => s.cells.map(j))), '');
  for (const inc of r.incidents) append(out, incidentSection(inc, o, windows, r.incidents));
  const others = reportFindings(r);
  if (others.length) append(out, ['h2. Other findings', '', ...findingLines(others, null), '']);
  const notes = notesOf(r);
  if (notes.length) append(out, ['h2. Notes on the input', '', ...notes.map((x) => `* ${jc(x.text)}`), '']);
  const v = coverageOf(r);
  append(out, ['h2. Coverage of the input', '', ...(v.base ? [`Paths under ${j(v.base)}.`, ''] : []), jiraTable(['input', 'node', 'role', 'lines', 'parsed', 'unparsed', 'events', 'first', 'last'],
    v.rows.map((i) => [j(i.path.slice(v.base.length)), j(i.node ?? '?'), i.role, String(i.lines), String(i.parsed), String(i.lines - i.parsed), String(i.events), utcWithZone(i.firstTime, o.tz), utcWithZone(i.lastTime, o.tz)]))]);
  const more = [restLine(v), moreWarningsLine(v)].filter((x): x is string => x !== null);
  const warn = v.warnings.map((w) => `* ${j(w.path)}: ${jc(w.text)}`);
  if (warn.length || more.length) append(out, ['', ...warn, ...more.map(j)]);
  append(out, ['', 'h2. How to read this report', '', ...GUIDE.map(([k, v]) => `* *${j(k)}*: ${j(v)}`)]);
  return out.join('\n') + '\n';
}
