// Self-contained HTML report (DESIGN §7): one file, no scripts, no network (a CSP forbids both):
// cluster windows and a summary first, an SVG swimlane per incident with a legend in plain words,
// the tables and the evidence lines; "how to read this report" last. Fits 800 px, prints on A4.
import type { ClusterWindow, Incident, Report } from '../types';
import { FAMILIES } from '../kinds';
import { fmtDuration } from '../assemble/format';
import type { RenderOptions } from './options';
import { esc } from './escape';
import { HTML_STYLE } from './htmlStyle';
import { detailRange, renderSwimlane } from './swimlane';
import { familyOf } from './swimlaneMarks';
import { coverageTable, evidenceTable, findingList, milestoneTable, observerTable, phaseTable, podTable, refLinks, runTable, summaryTable } from './htmlTables';
import { cite, incidentEvidence } from './evidence';
import { dominantPhase, phasesOf, phaseTitle } from './phases';
import { causeText, cyclesText, DURATION_LABELS, durationText, notBackText, peerLabel, summaryOf } from './words';
import { utcWithZone } from './zoned';
import { windowHeadline } from './windows';
import { wantsSummary } from './summary';
import { notesOf, reportFindings } from './notes';
import { COLOUR_GUIDE, GUIDE } from './guide';
import { withCode } from './codeSpans';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** The legend in plain words (FAMILIES): the families this incident shows, the phases, runs and windows. */
function legendOf(inc: Incident, windows: ClusterWindow[]): string {
  const used = new Set<string>(inc.timeline.map((e) => familyOf(e.kind)));
  const fams = FAMILIES.filter(([f]) => used.has(f)).map(([f, words]) => `<span class="fam-${f}">${esc(words)}</span>`);
  if (used.has('other')) fams.push('<span class="fam-other">other</span>');
  const phases = phasesOf(inc, windows).map((p) => `<span class="ph ph-${p.name}"><i>${esc(phaseTitle(p))}</i></span>`);
  const runs = inc.timeline.some((e) => (e.count ?? 1) > 1) ? ['<span class="run-key fam-tunnel">a line repeated (bar: first to last)</span>'] : [];
  const band = windows.length ? ['<span class="muted">dashed band: a cluster window</span>'] : [];
  return `<div class="legend"><b>Log lines:</b>${fams.join('')}${runs.join('')}</div><div class="legend"><b>Phases:</b>${phases.join('')}${band.join('')}</div>`;
}

/** The crowded first minutes again, zoomed, when the full view squeezes them together. */
function detailView(inc: Incident, tz: string, windows: ClusterWindow[]): string[] {
  const range = detailRange(inc);
  if (!range) return [];
  return [`<h3>The first ${esc(fmtDuration((range[1] - range[0]) / 1000))} in detail</h3>`, renderSwimlane(inc, tz, { range, windows }).replace('class="swimlane"', 'class="swimlane detail"')];
}

function incidentSection(inc: Incident, o: RenderOptions, windows: ClusterWindow[], incidents: Incident[]): string {
  const anchor = `inc${inc.id}`;
  const refs = incidentEvidence(inc);
  const durations = (Object.entries(DURATION_LABELS) as Array<[keyof typeof DURATION_LABELS, string]>).map(([k, l]) => [l, durationText(inc, k, windows)]);
  const top = dominantPhase(phasesOf(inc, windows));
  const out = [`<section class="incident" id="${anchor}">`, `<h2>Incident ${inc.id}: ${esc(peerLabel(inc))}</h2>`, `<p class="summary">${esc(summaryOf(inc, o.tz, windows, incidents))}</p>`];
  const cause = causeText(inc);
  if (cause) out.push(`<p class="cause">${esc(cause)}${inc.cause!.evidence.length ? ` (${refLinks(refs, inc.cause!.evidence, anchor)})` : ''}</p>`);
  const cycles = cyclesText(inc, o.tz);
  if (cycles) out.push(`<p>${esc(cycles)}</p>`);
  out.push(`<p>Start <b>${esc(utcWithZone(inc.start, o.tz))}</b>${inc.estimatedStart ? ' (estimated)' : ''}; end <b>${esc(inc.end ? utcWithZone(inc.end, o.tz) : notBackText(inc))}</b>.</p>`);
  out.push('<p class="caption">Durations from the start</p>', `<ul class="facts">${durations.map(([k, v]) => `<li><b>${esc(k)}</b>${esc(v)}</li>`).join('')}</ul>`);
  out.push('<h3>Timeline</h3>', renderSwimlane(inc, o.tz, { windows }), legendOf(inc, windows), ...detailView(inc, o.tz, windows), milestoneTable(inc, o.tz, refs, anchor, windows));
  const phases = phaseTable(inc, o.tz, windows);
  if (phases) {
    out.push('<h3>Where the time went</h3>');
    if (top) out.push(`<p>Most of it (${Math.round(top.share * 100)}%, ${esc(fmtDuration(top.seconds))}) was the <b>${esc(phaseTitle(top))}</b>: ${esc(top.label)}.</p>`);
    out.push(phases);
  }
  const observers = observerTable(inc, o.tz, windows);
  if (observers) out.push('<h3>What each surviving node saw</h3>', observers);
  if (inc.pods.length) out.push(`<h3>Pods force-deleted by the pod-reaper (${inc.pods.length})</h3>`, podTable(inc, o.tz));
  const runs = runTable(inc, o.tz, refs, anchor);
  if (runs) out.push('<h3>Repeated lines</h3>', runs);
  out.push('<h3>Findings and manual steps</h3>', inc.findings.length ? findingList(inc.findings, refs, anchor) : '<p class="muted">None: every phase took about as long as the timing model expects.</p>');
  out.push('<h3>Evidence</h3>', evidenceTable(inc, refs, anchor, o.tz), '</section>');
  return out.join('\n');
}

/** Cluster windows first, each with its message as the headline. */
function windowBlocks(windows: ClusterWindow[], tz: string): string[] {
  return windows.map((w, i) => `<div class="window" id="win${i + 1}"><b>${esc(windowHeadline(w, tz))}</b>: ${withCode(w.message, esc, (c) => `<code>${esc(c)}</code>`)}${w.evidence.length ? ` <span class="muted">(${w.evidence.map((e) => `<code>${esc(cite(e))}</code>`).join(', ')})</span>` : ''}</div>`);
}

/** The whole report as one HTML document. */
export function renderHtml(r: Report, o: RenderOptions): string {
  const n = r.incidents.length;
  const windows = r.windows ?? [];
  const head = `${n ? `${n} outage${n > 1 ? 's' : ''}` : 'No outage'} found in ${r.inputs.length} input(s).`;
  const zone = o.tz === 'UTC' ? 'All times UTC.' : `All times UTC, with ${o.tz} in brackets.`;
  const others = reportFindings(r);
  const notes = notesOf(r);
  const body = [
    '<h1>Outage report</h1>',
    `<p class="meta">${esc(head)} ${esc(zone)} <a href="#guide">How to read this report</a>.</p>`,
    ...windowBlocks(windows, o.tz),
    wantsSummary(r) ? `<h2>Summary</h2>${summaryTable(r, o.tz)}` : '',
    ...r.incidents.map((inc) => incidentSection(inc, o, windows, r.incidents)),
    others.length ? `<h2>Other findings</h2>${findingList(others, null, 'report')}` : '',
    notes.length ? `<h2>Notes on the input</h2><ul>${notes.map((x) => `<li>${esc(x.text)}</li>`).join('')}</ul>` : '',
    '<h2>Coverage of the input</h2>',
    coverageTable(r, o.tz),
    `<h2 id="guide">How to read this report</h2><dl class="guide">${[...GUIDE, ['colours', COLOUR_GUIDE]].map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`,
    `<footer>Generated by ${esc(r.tool)}. Every claim cites the log line it comes from.</footer>`,
  ];
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(n ? `Outage report: ${r.incidents.map(peerLabel).join(', ')}` : 'Outage report: no outage found')}</title>`,
    `<style>${HTML_STYLE}</style>`,
    '</head>',
    '<body>',
    ...body.filter(Boolean),
    '</body>',
    '</html>',
  ].join('\n') + '\n';
}
