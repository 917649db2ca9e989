// The one pure step that finishes an input once every input is read: its node, role and clock are
// decided here (and only here), its year-less and inherited times resolved, its runs turned into
// events. What leaves this step is never changed again.
import type { Event, EventOf, EventKind, Evidence, InputSummary, Role, SourceLag } from '../types';
import { lastOffset, planOf, resolveLocals, type ClockPlan, type ClockReference, type LocalAt } from './clock';
import type { ReadOptions } from './scanLog';
import type { Scanned } from './scanner';
import type { Stamp } from './runs';
import { parseLine } from '../formats/registry';
import { shorten } from '../rules/classify';

/** What the read stage decided about one input, from its path, options, bundle and lines. */
export interface InputFacts {
  /** index of the input (event `source`) */
  index: number;
  node: string | null;
  nodeFrom: string | null;
  role: Role;
  clock: ClockPlan;
  /** each line belongs to its own journald host (a paste of several nodes' journals) */
  perLineHost: boolean;
}

/** An input finished: its coverage line, its events (runs) and its journald lag. */
export interface Finished {
  summary: InputSummary;
  events: Event[];
  lag: SourceLag | null;
  /** the time of any line of the input by its stamp (the events command's members) */
  timeOf: (run: number, st: Stamp) => number | null;
}

/** What an input's bundle (Rancher collector folder) knows, when it has one. */
export interface BundleFacts {
  /** the collection date and zone that place year-less lines */
  ref: ClockReference | null;
  /** the bundle's role: which rke2 journal it holds */
  role: Role | null;
  /** roles by node name, from `kubectl get nodes` */
  nodeRoles: Map<string, Role>;
}

/** Static pods log in UTC containers whatever the host zone. */
const POD_LOG = /(?:^|[/!])(?:podlogs|pods)\//;

/** How an input is named when nothing tells its node: after the input itself, never merged with another. */
export const UNNAMED_FROM = 'input name (no node in its path or lines)';

/**
 * Node, role and clock of one input (DESIGN §3), decided in this one place: node from a layout's
 * folder, else --node, else the journald host (each line its own host when a paste holds
 * several), else a plain folder name, else the input's own name (its own observer); role from
 * the path, the bundle, the node table, else what its lines vote for.
 */
export function decideFacts(s: Scanned, index: number, opts: ReadOptions, bundle: BundleFacts | null): InputFacts {
  const guess = s.info.nodeFrom === 'folder name' ? s.info.node : null;
  let node = guess ? null : s.info.node;
  let nodeFrom = guess ? null : s.info.nodeFrom;
  let perLineHost = false;
  if (!node && opts.node) { node = opts.node; nodeFrom = '--node'; }
  if (!node && s.hosts.length === 1) { node = s.hosts[0]; nodeFrom = 'journald prefix'; }
  else if (!node && s.hosts.length > 1) { perLineHost = true; nodeFrom = 'journald prefix, per line'; }
  if (!node && !perLineHost && guess) { node = guess; nodeFrom = 'folder name'; }
  let role: Role = s.info.role;
  if (role === 'unknown' && opts.role) role = opts.role;
  if (role === 'unknown' && bundle) role = bundle.role ?? (node ? bundle.nodeRoles.get(node) : undefined) ?? 'unknown';
  if (role === 'unknown' && !perLineHost) role = votedRole(s);
  // an input no one names is its own observer (never merged with other unnamed inputs); the pod-reaper is no node's
  if (!node && !perLineHost && role !== 'reaper' && s.runs.length) { node = s.info.path === '<stdin>' ? 'stdin' : s.info.path; nodeFrom = UNNAMED_FROM; }
  const ref = bundle?.ref ?? null;
  const seed = { refYear: opts.year ?? s.info.refYear, refMonth: opts.year ? null : s.info.refMonth ?? null, mtime: s.info.mtime };
  const clock = planOf(seed, ref && POD_LOG.test(s.info.path) ? { ...ref, offsetMin: 0 } : ref, !!opts.year);
  return { index, node, nodeFrom, role, clock, perLineHost };
}

/** Finishes an input read on its own (no other inputs, no bundle unless a reference clock is given). */
export function finishAlone(s: Scanned, opts: ReadOptions = {}, ref: ClockReference | null = null): Finished {
  return finishInput(s, decideFacts(s, 0, opts, ref ? { ref, role: null, nodeRoles: new Map() } : null));
}

/** The zone an input's own dated lines carry, if any (teaches a bundle its zone). */
export function knownOffset(s: Scanned): number | null {
  return lastOffset(s.anchors);
}

/** The role its lines vote for, when the path did not tell: the pod-reaper, a server or an agent. */
export function votedRole(s: Scanned): Role {
  const v = s.votes;
  if (v.reaper > 0 && v.reaper >= v.server + v.agent) return 'reaper';
  if (v.server > 0) return 'server';
  if (v.agent > 0) return 'agent';
  return 'unknown';
}

/** An instant as ISO text; any year Date holds (year 0001, before 1970) is shown, and only an instant past its range (±275,760 years) is null. */
const iso = (t: number | null) => (t === null || !Number.isFinite(t) || Math.abs(t) > 8.64e15 ? null : new Date(t).toISOString());

/** Finishes one input with the facts decided for it. */
export function finishInput(s: Scanned, f: InputFacts): Finished {
  const warnings = new Set<string>();
  // year-less times are resolved together, in file order, so a Dec -> Jan step moves the year
  const items: LocalAt[] = [...s.locals];
  let first = s.firstTime;
  let last = s.maxTime;
  // each host's first and last line read (a paste of several journals: every host its own coverage)
  const hostSpan = new Map<string, { first: number; last: number }>();
  const seenBy = (host: string | null | undefined, t: number | null) => {
    if (t === null || !host) return;
    const h = hostSpan.get(host);
    if (!h) hostSpan.set(host, { first: t, last: t });
    else { h.first = Math.min(h.first, t); h.last = Math.max(h.last, t); }
  };
  const seen = (t: number | null, host?: string | null) => {
    if (t === null) return;
    if (first === null || t < first) first = t;
    if (last === null || t > last) last = t;
    seenBy(host, t);
  };
  // the last unparsed line of each stretch (and the last one of all) bounds the coverage too: the
  // last line read, not the last event (reaper output pasted below the journals ends no host's log)
  const tails = [...Object.values(s.tails), ...(s.lastSkipped ? [s.lastSkipped] : [])].map((x) => ({ rec: parseLine(x.text), no: x.no }));
  const tailLocal: Array<{ host: string | null; item: number }> = [];
  for (const { rec, no } of tails) {
    if (rec?.time != null) seen(rec.time, rec.host);
    else if (rec?.local) tailLocal.push({ host: rec.host ?? null, item: items.push({ local: rec.local, line: no }) - 1 });
  }
  const times = resolveLocals(s.anchors, f.clock, items, warnings);
  for (const t of times) seen(t);
  for (const x of tailLocal) seenBy(x.host, times[x.item]);
  const timeOf = (st: Stamp): number | null => st.time ?? (st.local >= 0 ? times[st.local] : null);
  // a reaper log pasted in reverse: kubectl's answers belong to the dated line below them
  const below = new Map<number, number>();
  if (s.steps.back > s.steps.fwd) for (const i of s.inherited) if (i.below !== null) below.set(i.run, i.below);
  const evidence = (st: Stamp): Evidence => ({ path: s.info.path, line: st.line, text: st.text });
  const hostRole = f.perLineHost ? rolesByHost(s) : null;
  const joined = { runs: 0, silences: 0 };
  const events = s.runs.map((r, i): Event => {
    const time = below.get(i) ?? timeOf(r.first);
    const until = r.last ? timeOf(r.last) : time;
    seen(time, r.host);
    seen(until, r.host);
    // a reaper line inside a journal paste is the reaper's, not the host's above it
    const node = r.by === 'reaper' ? (f.perLineHost ? null : f.node) : f.perLineHost ? r.host ?? f.node : f.node;
    const role = hostRole ? (r.by === 'reaper' ? 'reaper' : hostRole.get(r.host ?? '') ?? 'unknown') : f.role;
    const ev: EventOf<EventKind> = {
      kind: r.kind, rule: r.rule, time, node, role, peer: r.peer, detail: r.detail,
      evidence: evidence(r.first), seq: 0, source: f.index, count: r.count, until, lastEvidence: r.last ? evidence(r.last) : null,
      ...(r.gaps ? { gaps: r.gaps, gapMs: r.gapMs } : {}),
    };
    if (r.gaps) { joined.runs++; joined.silences += r.gaps; }
    return ev as Event;
  });
  const count = events.reduce((n, e) => n + e.count, 0);
  const summary: InputSummary = {
    path: s.info.path, node: f.node, role: f.role, lines: s.lines, parsed: s.parsed, events: count, layout: s.info.layout ?? null,
    firstTime: iso(first), lastTime: iso(last),
    ...(f.perLineHost && hostSpan.size ? { hosts: [...hostSpan].map(([node, h]) => ({ node, firstTime: iso(h.first), lastTime: iso(h.last) })) } : {}),
    warnings: [...s.warnings, ...(s.cut ? [`${s.cut} overlong line(s) cut at 64 KiB (line ${s.cutLines.join(', ')})`] : []), ...warnings, ...(joined.runs ? [joinedWarning(joined, s.runs.length, s.budget)] : [])],
  };
  // a single line's time is its event's (inherited and reversed-paste fixes included)
  const memberTime = (run: number, st: Stamp) => (s.runs[run]?.count === 1 ? events[run].time : timeOf(st));
  return { summary, events, lag: prefixLag(s, f), timeOf: memberTime };
}

/** What an input past its run budget says about its runs joined across silences (runs.ts). */
function joinedWarning(j: { runs: number; silences: number }, runs: number, budget: number): string {
  return `${runs.toLocaleString('en-US')} runs kept: past ${budget.toLocaleString('en-US')}, repeats more than a minute apart joined their run when nothing else about the same peer came between (${j.silences.toLocaleString('en-US')} silence(s) in ${j.runs.toLocaleString('en-US')} run(s)); inside those runs only the first and last line are placed in time`;
}

/** In a paste of several journals: each host's role, from what its own lines say (a server's, an agent's). */
function rolesByHost(s: Scanned): Map<string, Role> {
  const out = new Map<string, Role>();
  for (const r of s.runs) {
    if (!r.host || (r.by !== 'server' && r.by !== 'agent')) continue;
    if (out.get(r.host) !== 'server') out.set(r.host, r.by);
  }
  return out;
}

/** The median journald-prefix lag of an input, or null when no line had both times. */
function prefixLag(s: Scanned, f: InputFacts): SourceLag | null {
  if (!s.lags.length) return null;
  const sorted = [...s.lags].sort((a, b) => a.ms - b.ms);
  const mid = sorted[Math.floor(sorted.length / 2)];
  return {
    source: f.index, path: s.info.path, node: f.node, medianMs: mid.ms, samples: sorted.length,
    evidence: { path: s.info.path, line: mid.no, text: shorten(mid.text) },
  };
}
