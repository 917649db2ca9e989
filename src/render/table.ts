// Terminal report (cli-table3): a block per incident, then coverage per input (DESIGN §7).
import Table from 'cli-table3';
import type { Evidence, Incident, MilestoneName, Report } from '../types';
import { fmtDuration } from '../assemble/format';
import { fmtTime, fmtClock, offsetSeconds, signedDuration } from './time';
import { DURATION_LABELS, MILESTONE_LABELS, observerOf, peerLabel, summaryOf } from './words';
import { cite, EvidenceList, oneLine } from './evidence';

export interface RenderOptions {
  tz: string;
  color: boolean;
}

const plain = { head: [] as string[], border: [] as string[] };

function table(head: string[], opts: RenderOptions): Table.Table {
  return new Table({ head, style: opts.color ? { head: ['cyan'] } : plain, wordWrap: false });
}

const signed = signedDuration;

function incidentBlock(inc: Incident, o: RenderOptions): string {
  const out: string[] = [];
  const title = `Incident ${inc.id}: ${peerLabel(inc)}`;
  out.push(o.color ? `\x1b[1m${title}\x1b[0m` : title);
  out.push(summaryOf(inc, o.tz));
  out.push(`start ${fmtTime(inc.start, o.tz)}${inc.estimatedStart ? ' (estimated)' : ''}   end ${inc.end ? fmtTime(inc.end, o.tz) : 'not back in the logs'}`);
  out.push(Object.entries(DURATION_LABELS).map(([k, l]) => `${l} ${fmtDuration(inc.durations[k as keyof typeof DURATION_LABELS])}`).join(' · '));
  const refs = new EvidenceList();
  const ref = (e: Evidence) => refs.ref(e);
  const m = table(['milestone', `time (${o.tz})`, 'from start', 'node', 'evidence'], o);
  for (const [k, label] of Object.entries(MILESTONE_LABELS)) {
    const ms = inc.milestones[k as MilestoneName];
    m.push([label, ms ? fmtTime(ms.time, o.tz) : '—', ms ? signed(offsetSeconds(inc.start, ms.time)) : '—', ms ? observerOf(k as MilestoneName, ms) : '—', ms ? ref(ms.evidence) : '—']);
  }
  out.push(m.toString());
  if (inc.observers.length) {
    const t = table(['observer', 'first sign', 'tunnel stopped', 'LB failover', 'peer back'], o);
    for (const ob of inc.observers) {
      const cell = (iso: string | null) => (iso ? `${fmtClock(iso, o.tz)} (${signed(offsetSeconds(inc.start, iso))})` : '—');
      t.push([ob.node ?? '?', cell(ob.firstSign), cell(ob.tunnelStopped), cell(ob.loadBalancerFailover), cell(ob.peerBack)]);
    }
    out.push(t.toString());
  }
  if (inc.pods.length) {
    const t = table(['namespace', 'pod', 'deletion timestamp', 'force-deleted', 'outcome'], o);
    for (const p of inc.pods) t.push([p.namespace, p.name, fmtClock(p.deletionTimestamp, o.tz), fmtClock(p.forceDeletedAt, o.tz), p.attempts > 1 ? `${p.outcome} (${p.attempts} tries)` : p.outcome]);
    out.push(`Pods force-deleted by the pod-reaper (${inc.pods.length}):`);
    out.push(t.toString());
  }
  if (inc.findings.length) {
    out.push('Findings:');
    for (const f of inc.findings) {
      out.push(`  [${f.severity}] ${f.code}: ${f.message}${f.evidence?.length ? ` (${f.evidence.map(ref).join(', ')})` : ''}`);
    }
  }
  out.push('Evidence:');
  refs.items.forEach((e, i) => out.push(`  E${i + 1} ${cite(e)}\n     ${oneLine(e.text)}`));
  return out.join('\n');
}

/** The folder every path shares (`a/b/` for `a/b/c`, `a/b/d/e`), or ''. */
export function commonDir(paths: string[]): string {
  if (paths.length < 2) return '';
  const split = paths.map((p) => p.split('/').slice(0, -1));
  const first = split[0];
  let n = 0;
  while (n < first.length && split.every((s) => s[n] === first[n])) n++;
  return n ? first.slice(0, n).join('/') + '/' : '';
}

/** Coverage: what each input contributed; paths shown under their common folder. */
export function coverageTable(r: Report, o: RenderOptions): string {
  const base = commonDir(r.inputs.map((i) => i.path));
  const t = table(['input', 'node', 'role', 'lines', 'parsed', 'unparsed', 'events', 'first', 'last'], o);
  for (const i of r.inputs) {
    const node = i.node && i.path.includes(i.node) ? i.node.split('.')[0] : i.node ?? '—';
    t.push([i.path.slice(base.length), node, i.role, i.lines, i.parsed, i.lines - i.parsed, i.events, fmtTime(i.firstTime, o.tz), fmtTime(i.lastTime, o.tz)]);
  }
  const warn = r.inputs.flatMap((i) => i.warnings.map((w) => `  ! ${i.path}: ${w}`));
  return [base ? `Coverage (paths under ${base}):` : 'Coverage:', t.toString(), ...warn].join('\n');
}

export function renderTable(r: Report, o: RenderOptions): string {
  const blocks: string[] = [];
  if (!r.incidents.length) blocks.push(`No outage found in ${r.inputs.length} input(s).`);
  else blocks.push(`${r.incidents.length} outage${r.incidents.length > 1 ? 's' : ''} found.`);
  for (const inc of r.incidents) blocks.push(incidentBlock(inc, o));
  if (r.findings.length) blocks.push(['Other findings:', ...r.findings.map((f) => `  [${f.severity}] ${f.code}: ${f.message}${f.evidence?.length ? ' (' + f.evidence.map(cite).join(', ') + ')' : ''}`)].join('\n'));
  blocks.push(coverageTable(r, o));
  return blocks.join('\n\n') + '\n';
}
