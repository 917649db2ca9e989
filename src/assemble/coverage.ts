// `coverage-gap` findings (DESIGN §6): a node whose logs stop before an incident, or start after
// it began, cannot show how it saw the outage; its absence from the observers is not evidence.
import type { Event, Finding, HostSpan, Incident, InputSummary } from '../types';
import type { NameBook } from './peers';
import { shortName } from './peers';
import { SLACK_SECONDS } from './timing';
import { fmtDuration } from './format';

interface Span { node: string; first: number; last: number; paths: string[] }

/** Time span of each node's rke2 / kube logs (reaper output is cluster-wide, not a node's view). */
export function nodeSpans(inputs: InputSummary[]): Span[] {
  const by = new Map<string, Span>();
  const add = (node: string, first: string | null, last: string | null, path: string) => {
    if (!first || !last) return;
    const f = Date.parse(first);
    const l = Date.parse(last);
    const s = by.get(node);
    if (!s) by.set(node, { node, first: f, last: l, paths: [path] });
    else { s.first = Math.min(s.first, f); s.last = Math.max(s.last, l); s.paths.push(path); }
  };
  for (const i of inputs) {
    if (i.role === 'reaper' || i.skipped) continue;
    // perNode(i), without a list made for each of 100,000 inputs
    if (i.hosts?.length) for (const h of i.hosts) add(h.node, h.firstTime, h.lastTime, i.path);
    else if (i.node) add(i.node, i.firstTime, i.lastTime, i.path);
  }
  return [...by.values()];
}

/**
 * What an input covers, node by node: its own node, or each host of a paste of several journals
 * (each host's own first and last line: reaper output pasted below ends no host's log).
 */
export function perNode(i: InputSummary): HostSpan[] {
  if (i.hosts?.length) return i.hosts;
  return i.node ? [{ node: i.node, firstTime: i.firstTime, lastTime: i.lastTime }] : [];
}


/** How close to the start a node's last line must be to suggest it is the lost node itself. */
const SELF_WINDOW_MS = 5 * 60_000;

/** Nodes (other than the peer itself) whose logs do not reach the incident's start. */
export function coverageFindings(inc: Incident, spans: Span[], names: NameBook): Finding[] {
  if (inc.estimatedStart) return [];
  const start = Date.parse(inc.start);
  const out: Finding[] = [];
  for (const s of spans) {
    const isPeer = (inc.peer.node && shortName(inc.peer.node) === shortName(s.node)) || (inc.peer.address !== null && names.addrOf(s.node) === inc.peer.address);
    if (isPeer) continue;
    const files = s.paths.length === 1 ? s.paths[0] : `${s.paths.length} files`;
    if (s.last < start && !inc.peer.node && start - s.last <= SELF_WINDOW_MS) {
      // logs that stop just before the peer vanished are most likely the peer's own
      out.push({ code: 'coverage-gap', severity: 'info', message: `${s.node}'s logs end at ${new Date(s.last).toISOString()}, just before incident ${inc.id} began at ${inc.start}: ${s.node} is probably the lost node ${inc.peer.address ?? ''} itself. If so, pass --host ${s.node}=${inc.peer.address ?? 'IP'} to name it.` });
    } else if (s.last < start) {
      out.push({ code: 'coverage-gap', severity: 'warning', message: `${s.node}'s logs end at ${new Date(s.last).toISOString()}, before incident ${inc.id} began at ${inc.start} (${files}): it cannot show how it saw the outage. Collect its logs again covering the incident.` });
    } else if (s.first > start) {
      out.push({ code: 'coverage-gap', severity: 'warning', message: `${s.node}'s logs start at ${new Date(s.first).toISOString()}, after incident ${inc.id} began at ${inc.start} (${files}): its first sign and failover are missing (rotated away?). Add its older or rotated logs.` });
    }
  }
  return out;
}

/**
 * An excerpt that starts inside the outage (DESIGN §6b "Excerpts start mid-story"): when no log
 * covers more than a minute before the incident's first sign (a silent peer is noticed within a
 * ping deadline), its start is the first line of the evidence, not when the peer went down. Said
 * once per incident; the story then does not claim "went down at" (render/words.ts).
 */
export function excerptFindings(inc: Incident, spans: Span[]): Finding[] {
  if (inc.estimatedStart || !spans.length) return [];
  const begin = spans.reduce((m, s) => Math.min(m, s.first), Infinity);
  const start = Date.parse(inc.start);
  if (begin < start - SLACK_SECONDS * 1000) return [];
  const who = inc.peer.node ?? inc.peer.address ?? 'the peer';
  const when = begin >= start ? 'with its first sign' : `${fmtDuration((start - begin) / 1000)} before its first sign`;
  return [{
    code: 'excerpt-starts-inside', severity: 'warning',
    message: `The logs begin at ${new Date(begin).toISOString()}, ${when}: incident ${inc.id} may have begun before the evidence. Its start (${inc.start}) is the first line of the evidence, not necessarily when ${who} went down, and the durations from the start are lower bounds. Add earlier or rotated logs to see the real start.`,
    ...(inc.milestones.firstSign ? { evidence: [inc.milestones.firstSign.evidence] } : {}),
  }];
}

/** An observer's last covered time: its node's latest file end, else its own file's; never past `until` (--until). */
export function coverageOf(inputs: InputSummary[], until = Infinity): (e: Event) => number | null {
  const byNode = new Map<string, number>();
  for (const i of inputs) for (const h of perNode(i)) if (h.lastTime) byNode.set(h.node, Math.max(byNode.get(h.node) ?? -Infinity, Date.parse(h.lastTime)));
  const own = (e: Event) => (e.node && byNode.has(e.node) ? byNode.get(e.node)! : inputs[e.source]?.lastTime ? Date.parse(inputs[e.source].lastTime!) : null);
  return (e) => { const t = own(e); return t === null ? null : Math.min(t, until); };
}

/** Two stretches of logs further apart than this are separate collections (another day's bundle, another cluster), not one record. */
const CONTIGUOUS_MS = 24 * 3600_000;

/** Each observer's span of logs (a paste of several journals: each host's; the pod-reaper's output is no observer's). */
function observerSpans(inputs: InputSummary[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const i of inputs) {
    if (i.role === 'reaper' || i.skipped) continue;
    for (const h of i.hosts?.length ? i.hosts : [i]) {
      const to = h.lastTime ? Date.parse(h.lastTime) : NaN;
      if (!Number.isNaN(to)) out.push([h.firstTime ? Date.parse(h.firstTime) : to, to]);
    }
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/**
 * Where the observers' logs end, never past `until`: with `at`, the end of the stretch of logs
 * (spans no more than a day apart) that holds `at` or starts within a day after it, so a bundle of
 * another year does not make "the logs end" years after an incident; without, the latest end.
 */
export function logsEndOf(inputs: InputSummary[], until = Infinity, at?: number): number | null {
  const spans = observerSpans(inputs);
  if (!spans.length) return null;
  let end = -Infinity;
  if (at === undefined) for (const [, to] of spans) end = Math.max(end, to);
  else {
    let stretch: [number, number] | null = null;
    for (const [from, to] of spans) {
      if (stretch && from <= stretch[1] + CONTIGUOUS_MS) { stretch[1] = Math.max(stretch[1], to); continue; }
      // a gap: the stretch so far is the one when it reaches `at`, or when the next starts too late to hold it
      if (stretch && (stretch[1] >= at || from > at + CONTIGUOUS_MS)) break;
      stretch = [from, to];
    }
    end = stretch![1];
  }
  return Math.min(end, until);
}
