// Terminal report (DESIGN §7): cluster windows and a summary first, then a block per incident
// (milestones in time order, phases, observers, pods, findings, evidence), notes and coverage.
// Fits the terminal width (fit.ts) unless --wide; every input-derived string goes through termSafe.
import type { ClusterWindow, Finding, Incident, Report } from '../types';
import { fmtDuration } from '../assemble/format';
import { offsetSeconds, signedDuration } from './time';
import { clockHeader, clockWithZone, utcWithZone } from './zoned';
import { causeText, cyclesText, DURATION_LABELS, durationText, lbCellNote, notBackText, observerOf, peerLabel, summaryOf } from './words';
import { cite, incidentEvidence, oneLine, runNote, type EvidenceList } from './evidence';
import { milestonesInOrder, missingMilestones } from './timeline';
import { dominantPhase, phasesOf, phaseTitle } from './phases';
import { windowHeadline } from './windows';
import { summaryHead, summaryRows, wantsSummary } from './summary';
import { notesOf, reportFindings } from './notes';
import { coverageOf, moreWarningsLine, restLine } from './coverage';
import { fitTable, line, wrap, type Fit } from './fit';
import type { RenderOptions } from './options';
import { RUN_HEAD, runsOf } from './runs';
import { append } from '../lists';

export type { RenderOptions };

const bold = (s: string, f: Fit) => (f.color ? `\x1b[1m${s}\x1b[0m` : s);

function findingLines(fs: Finding[], ref: (e: Finding['evidence']) => string, f: Fit): string[] {
  return fs.map((x) => wrap(`[${x.severity}] ${x.code}: ${x.message}${x.evidence?.length ? ` (${ref(x.evidence)})` : ''}`, f, '  '));
}

function milestoneTable(inc: Incident, tz: string, refs: EvidenceList, windows: ClusterWindow[], f: Fit): string {
  const rows: string[][] = [];
  if (inc.estimatedStart) rows.push([clockWithZone(inc.start, tz), '+0s', 'OUTAGE BEGINS (estimated start)', '—', '—']);
  for (const p of milestonesInOrder(inc, windows)) {
    rows.push([clockWithZone(p.m.time, tz), signedDuration(offsetSeconds(inc.start, p.m.time)), p.marker ? `${p.marker} ${p.label}` : p.label, observerOf(p.name, p.m), refs.ref(p.m.evidence)]);
  }
  const t = fitTable([{ head: `time, ${clockHeader(tz)}` }, { head: 'from start' }, { head: 'milestone' }, { head: 'node', cut: 'end', min: 12 }, { head: 'evidence' }], rows, f, 3);
  const missing = missingMilestones(inc);
  return missing.length ? `${t}\n${wrap(`Not in the logs: ${missing.join(', ')}.`, f)}` : t;
}

function phaseLines(inc: Incident, windows: ClusterWindow[], f: Fit): string[] {
  const phases = phasesOf(inc, windows);
  if (!phases.length) return [];
  const top = dominantPhase(phases);
  const out = [wrap(`Where the time went: ${phases.map((p) => `${phaseTitle(p)} ${fmtDuration(p.seconds)} (${Math.round(p.share * 100)}%)`).join(' · ')}`, f)];
  if (top) out.push(wrap(`Most of it was the ${phaseTitle(top)}: ${top.label}.`, f));
  return out;
}

function incidentBlock(inc: Incident, o: RenderOptions, windows: ClusterWindow[], f: Fit, incidents: Incident[]): string {
  const refs = incidentEvidence(inc);
  const out: string[] = [bold(line(`Incident ${inc.id}: ${peerLabel(inc)}`, f), f), wrap(summaryOf(inc, o.tz, windows, incidents), f)];
  const cause = causeText(inc);
  if (cause) out.push(wrap(`${cause}${inc.cause!.evidence.length ? ` (${inc.cause!.evidence.map((e) => refs.ref(e)).join(', ')})` : ''}`, f));
  const cycles = cyclesText(inc, o.tz);
  if (cycles) out.push(wrap(cycles, f));
  out.push(wrap(`start ${utcWithZone(inc.start, o.tz)}${inc.estimatedStart ? ' (estimated)' : ''} · end ${inc.end ? utcWithZone(inc.end, o.tz) : notBackText(inc)}`, f));
  out.push(wrap(`From the start: ${Object.entries(DURATION_LABELS).map(([k, l]) => `${l} ${durationText(inc, k as keyof typeof DURATION_LABELS, windows)}`).join(' · ')}`, f));
  append(out, [milestoneTable(inc, o.tz, refs, windows, f), ...phaseLines(inc, windows, f)]);
  if (inc.observers.length) {
    const cell = (iso: string | null) => (iso ? `${clockWithZone(iso, o.tz)} (${signedDuration(offsetSeconds(inc.start, iso))})` : '—');
    out.push('What each surviving node saw:', fitTable([{ head: 'observer', cut: 'end', min: 12 }, { head: 'first sign' }, { head: 'tunnel stopped' }, { head: 'LB failover' }, { head: 'peer back' }],
      inc.observers.map((ob) => [ob.node ?? '?', cell(ob.firstSign), cell(ob.tunnelStopped), cell(ob.loadBalancerFailover) + lbCellNote(ob.loadBalancerFailover, windows), cell(ob.peerBack)]), f));
  }
  if (inc.pods.length) {
    out.push(`Pods force-deleted by the pod-reaper (${inc.pods.length}):`, fitTable([{ head: 'namespace', cut: 'end', min: 10 }, { head: 'pod', cut: 'end', min: 16 }, { head: `deletion timestamp, ${clockHeader(o.tz)}` }, { head: 'force-deleted' }, { head: 'outcome' }],
      inc.pods.map((p) => [p.namespace, p.name, clockWithZone(p.deletionTimestamp, o.tz), clockWithZone(p.forceDeletedAt, o.tz), p.attempts > 1 ? `${p.outcome} (${p.attempts} tries)` : p.outcome]), f, 2));
  }
  const runs = runsOf(inc, o.tz);
  if (runs.length) out.push('Repeated lines:', fitTable(RUN_HEAD.map((head) => ({ head, cut: head === 'node' || head === 'about' ? 'end' as const : undefined, min: 10 })), runs.map((x) => [x.node, x.what, x.peer, x.from, x.repeats, refs.ref(x.evidence)]), f, 2));
  if (inc.findings.length) append(out, ['Findings:', ...findingLines(inc.findings, (es) => (es ?? []).map((e) => refs.ref(e)).join(', '), f)]);
  out.push('Evidence:');
  refs.items.forEach((e, i) => {
    const run = runNote(inc, e, o.tz);
    out.push(line(`${cite(e)}${run ? ` (${run})` : ''}`, f, 'start', `  E${i + 1} `), line(oneLine(e.text, 100_000), f, 'end', '     '));
  });
  return out.join('\n');
}

/** Coverage: what each input contributed (summarised past COVERAGE_ROWS inputs); paths under their common folder, warnings once. */
export function coverageTable(r: Report, o: RenderOptions, f: Fit): string {
  const v = coverageOf(r);
  const rows = v.rows.map((i) => {
    const node = i.node && i.path.includes(i.node) ? i.node.split('.')[0] : i.node ?? '—';
    return [i.path.slice(v.base.length), node, i.role, i.lines, i.parsed, i.lines - i.parsed, i.events, utcWithZone(i.firstTime, o.tz), utcWithZone(i.lastTime, o.tz)];
  });
  const t = fitTable([{ head: 'input', cut: 'start', min: 24 }, { head: 'node', cut: 'end', min: 8 }, { head: 'role' }, { head: 'lines' }, { head: 'parsed' }, { head: 'unparsed' }, { head: 'events' }, { head: 'first' }, { head: 'last' }], rows, f);
  const out = [line(v.base ? `Coverage (paths under ${v.base}):` : 'Coverage:', f, 'start'), t];
  const rest = restLine(v);
  if (rest) out.push(wrap(rest, f));
  for (const w of v.warnings) out.push(wrap(`! ${w.path}: ${w.text}`, f, '  '));
  const more = moreWarningsLine(v);
  if (more) out.push(wrap(more, f));
  return out.join('\n');
}

/** The terminal report. */
export function renderTable(r: Report, o: RenderOptions): string {
  const f: Fit = { width: o.width ?? null, color: o.color };
  const windows = r.windows ?? [];
  const n = r.incidents.length;
  const blocks: string[] = [n ? `${n} outage${n > 1 ? 's' : ''} found.` : `No outage found in ${r.inputs.length} input(s).`];
  for (const w of windows) blocks.push(wrap(`${windowHeadline(w, o.tz)}: ${w.message}${w.evidence.length ? ` (${w.evidence.map(cite).join(', ')})` : ''}`, f));
  if (wantsSummary(r)) blocks.push(['Summary:', fitTable(summaryHead(o.tz).map((head, i) => ({ head, cut: i === 1 ? 'end' : undefined, min: 16 })), summaryRows(r, o.tz).map((s) => s.cells), f, 2)].join('\n'));
  for (const inc of r.incidents) blocks.push(incidentBlock(inc, o, windows, f, r.incidents));
  const others = reportFindings(r);
  if (others.length) append(blocks, [['Other findings:', ...findingLines(others, (es) => (es ?? []).map(cite).join(', '), f)].join('\n')]);
  const notes = notesOf(r);
  if (notes.length) append(blocks, [['Notes on the input:', ...notes.map((x) => wrap(`- ${x.text}`, f, '  '))].join('\n')]);
  blocks.push(coverageTable(r, o, f));
  return blocks.join('\n\n') + '\n';
}
