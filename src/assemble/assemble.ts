// assemble(events) -> Report: incidents per peer, reaper pods joined by deletion timestamp,
// milestones, durations, observers and findings (DESIGN §6). Pure: no clock, no I/O.
import type { Event, EventOf, Finding, Incident, InputSummary, Report, SourceLag, TimelineEvent, TimingModel } from '../types';
import { lagFindings, observerSkewFindings } from './skew';
import { coverageFindings, coverageOf, excerptFindings, logsEndOf, nodeSpans } from './coverage';
import { byTime, prepareEvents } from './prepare';
import { contextEvents, firstEviction, plannedStopFindings } from './context';
import { factsOf, type Fact } from './facts';
import { groupFacts, laterRecoveries, recoveriesByName, type Group } from './group';
import { collectPods } from './pods';
import { durationsOf, iso, milestoneOf, milestonesOf, observersOf, runFields } from './milestones';
import { podFindings, timingFindings } from './findings';
import { estimatedStartFinding, flappingFinding, notBackFinding, podOutcomeFinding, podsTerminatingFinding } from './outcome';
import { NameBook, portOf, sameHost, SERVER_PORTS } from './peers';
import { expectedEvictSeconds, SLACK_SECONDS } from './timing';
import { fmtDuration } from './format';
import { dropRepeats } from './repeats';
import { etcdMembersOf } from './etcdPeers';
import { knownServers, registeredNodes, tellStory } from './story';
import { joinPods, notReadyDrafts, reaperOnlyDrafts, splitByNotReady, type Draft } from './drafts';
import { append } from '../lists';

export interface AssembleOptions {
  timing: TimingModel;
  tool: string;
  /** NAME=IP pairs from --host and from inventories found in the input */
  hosts: Array<[string, string]>;
  skipped?: Array<{ path: string; reason: string }>;
  /** per-source journald prefix lags, for `clock-skew` */
  lags?: SourceLag[];
  /** the end of the --until window: no claim reaches past it */
  until?: number;
  /** server addresses an inventory (kubectl get nodes) names */
  servers?: string[];
}

function timelineOf(evs: Event[]): TimelineEvent[] {
  return [...new Set(evs)].sort(byTime).map((e) => ({
    kind: e.kind, time: iso(e.time), node: e.node, peer: e.peer, detail: e.detail as Record<string, unknown>, evidence: e.evidence,
    ...runFields(e),
  }));
}

function peerOf(g: Group | null, names: NameBook): Incident['peer'] {
  if (!g) return { address: null, node: null, role: 'unknown' };
  const server = g.facts.some((f) => SERVER_PORTS.has(portOf(f.addr) ?? -1));
  return { address: g.host, node: names.nameOf(g.host), role: server ? 'server' : 'unknown' };
}

/**
 * The controller-manager's NotReady event for the incident's node: by name when the address is
 * named, else the only node that went NotReady within grace + 2 min of the start (which names it).
 */
type NotReady = EventOf<'node.not-ready'>;

function notReadyFor(d: Draft, peer: Incident['peer'], names: NameBook, notReady: NotReady[], t: TimingModel, claimed: Set<string>): NotReady | null {
  const from = d.start - SLACK_SECONDS * 1000;
  const to = d.start + (t.grace + 2 * SLACK_SECONDS) * 1000;
  const inWindow = notReady.filter((e) => e.time! >= from && e.time! <= to);
  if (peer.address) {
    const named = inWindow.find((e) => names.addrOf(String(e.detail.nodeName)) === peer.address);
    if (named) return named;
  }
  // an incident without an address (reaper only) may take a node whose address no other incident has
  const free = (a: string | null) => !a || (!peer.address && !claimed.has(a));
  const unnamed = inWindow.filter((e) => free(names.addrOf(String(e.detail.nodeName))));
  const distinct = new Set(unnamed.map((e) => String(e.detail.nodeName)));
  return distinct.size === 1 ? unnamed[0] : null;
}

/** An incident accounts for a NotReady event of its own node from its start on (or the one it cites). */
function explains(inc: Incident, e: NotReady, names: NameBook, gapMs: number): boolean {
  const cited = inc.milestones.nodeNotReady?.evidence;
  if (cited && cited.path === e.evidence.path && cited.line === e.evidence.line) return true;
  const node = String(e.detail.nodeName);
  const mine = (inc.peer.node && sameHost(inc.peer.node, node)) || (inc.peer.address !== null && names.addrOf(node) === inc.peer.address);
  // an outage that never came back explains its node's NotReady events up to one quiet gap after its last evidence
  const lastSeen = inc.timeline.reduce((m, x) => Math.max(m, Date.parse(x.until ?? x.time ?? '') || 0), Date.parse(inc.start));
  const end = inc.end ? Date.parse(inc.end) : lastSeen + gapMs;
  return !!mine && e.time! >= Date.parse(inc.start) - SLACK_SECONDS * 1000 && e.time! <= end;
}

/** What every incident is built against: shared, computed once per report. */
interface Scope {
  names: NameBook;
  timed: Event[];
  notReady: NotReady[];
  t: TimingModel;
  reaperGiven: boolean;
  /** peer addresses that have an rke2 outage of their own */
  claimed: Set<string>;
  allFacts: Fact[];
  /** where the observers' logs covering an instant end (capped by --until) */
  logsEndAt: (at: number) => number | null;
  /** some input is Cloudera ECS: the pod-reaper may be named */
  ecs: boolean;
  /** the input shows the peer runs an etcd member */
  etcdMember: (peer: Incident['peer']) => boolean;
}

function build(d: Draft, scope: Scope): Incident {
  const { names, timed, t, reaperGiven, claimed, allFacts } = scope;
  const facts: Fact[] = d.group?.facts ?? [];
  const peer = peerOf(d.group, names);
  const nr = d.notReady ?? notReadyFor(d, peer, names, scope.notReady, t, claimed);
  if (nr && !peer.node) peer.node = String(nr.detail.nodeName);
  if (nr && !peer.address) peer.address = names.addrOf(String(nr.detail.nodeName));
  const recoveries = d.group ? d.group.recoveries : peer.address ? laterRecoveries(allFacts, peer.address, d.start) : peer.node ? recoveriesByName(timed, peer.node, d.start) : [];
  const back = d.group ? d.group.back : recoveries[0] ?? null;
  const milestones = milestonesOf(facts, back, nr, d.pods);
  const start = d.estimated ? d.start : facts[0].ev.time!;
  // without reaper output, the controller-manager's first eviction marks the pods Terminating
  const backTime = back?.ev.time ?? null;
  // a flapping peer's incident ends at its last recovery (null while its last loss is not closed)
  const cycles = d.group?.cycles ?? null;
  const endTime = cycles ? cycles[cycles.length - 1].back?.ev.time ?? null : backTime;
  const evictUntil = Math.min(endTime ?? Infinity, start + (expectedEvictSeconds(t) + t.gap) * 1000);
  // an eviction on a named node belongs here only when that node is this peer (by address, else by name)
  const sameNode = (n: string) => {
    const a = names.addrOf(n);
    if (a && peer.address) return a === peer.address;
    return peer.node !== null && sameHost(n, peer.node);
  };
  const eviction = !milestones.podsTerminating && (peer.address || peer.node) ? firstEviction(timed, start, evictUntil, sameNode) : null;
  if (eviction) milestones.podsTerminating = milestoneOf(eviction);
  const lastEvidence = Math.max(d.group?.lastEvidence ?? start, endTime ?? start);
  const context = d.group ? contextEvents(timed, start, lastEvidence) : [];
  // a peer lost several times is down from its first loss to its last return (null while the last loss is open)
  const durations = durationsOf(start, milestones, cycles && cycles.length > 1 ? endTime : undefined);
  const logsEnd = scope.logsEndAt(start);
  const inc: Incident = {
    id: 0, // numbered once every incident is built and sorted
    peer, start: iso(start)!, estimatedStart: d.estimated, end: iso(endTime),
    milestones, durations,
    observers: observersOf(facts, recoveries),
    pods: d.pods.map((p) => ({ namespace: p.namespace, name: p.name, deletionTimestamp: iso(p.deletionTs), forceDeletedAt: iso(p.at), outcome: p.outcome, attempts: p.attempts, evidence: p.ev.evidence })),
    findings: [],
    timeline: timelineOf([...facts.map((f) => f.ev), ...recoveries.map((f) => f.ev), ...(cycles ?? []).flatMap((c) => (c.back ? [c.back.ev] : [])), ...(nr ? [nr] : []), ...(eviction ? [eviction] : []), ...context, ...d.pods.flatMap((p) => [p.ev, p.lastEv, ...(p.outcomeEv ? [p.outcomeEv] : [])])]),
    ...(cycles ? { cycles: cycles.map((c) => ({ lost: iso(c.lost.ev.time)!, back: iso(c.back?.ev.time) })) } : {}),
    // where the logs end, for a node not back: only when that is after the start (a reaper-only incident
    // hours after the observers' logs stop would read "logs end -2h18m50s after the start")
    ...(endTime === null && (logsEnd === null || logsEnd > start) ? { logsEnd: iso(logsEnd) } : {}),
  };
  inc.findings = [...podFindings(d.pods), ...timingFindings(inc, t), ...observerSkewFindings(facts, peer.address), ...plannedStopFindings(context)];
  const oc = { t, logsEnd, ecs: scope.ecs, reaperGiven, estimatedFrom: d.estimatedFrom, etcdMember: scope.etcdMember };
  for (const f of [estimatedStartFinding(inc, oc), podsTerminatingFinding(inc, d.pods, oc), flappingFinding(inc, oc, (cycles ?? []).map((c) => c.lost.ev.evidence)), notBackFinding(inc, oc), podOutcomeFinding(d.pods)]) append(inc.findings, f);
  return inc;
}

/** assemble(events) -> Report. `events` may be in any order; they are not modified in meaning. */
export function assemble(events: Event[], inputs: InputSummary[], opts: AssembleOptions): Report {
  const t = opts.timing;
  const repeats = dropRepeats(events, inputs.map((i) => i.path));
  events = repeats.kept;
  const names = new NameBook();
  for (const [n, a] of opts.hosts) names.add(n, a);
  names.learnAll(events);
  const timed = prepareEvents(events);
  const servers = knownServers(timed, opts.servers ?? []);
  names.learnByElimination(timed, servers);
  const allFacts = factsOf(timed, names, coverageOf(inputs, opts.until));
  const { groups, unreachable } = groupFacts(allFacts, t.gap * 1000);
  const reaper = collectPods(timed);
  const drafts: Draft[] = groups.map((g) => ({ group: g, start: g.facts[0].ev.time!, estimated: false, pods: [] }));
  const left = joinPods(drafts, reaper.deletes, t);
  const claimed = new Set(groups.map((g) => g.host));
  const notReady = timed.filter((e): e is NotReady => e.kind === 'node.not-ready');
  const reaperGiven = reaper.sources.size > 0;
  const ecs = reaperGiven || inputs.some((i) => i.role === 'reaper' || /^cloudera-/.test(i.layout ?? ''));
  const scope: Scope = { names, timed, notReady, t, reaperGiven, claimed, allFacts, logsEndAt: (at) => logsEndOf(inputs, opts.until, at), ecs, etcdMember: etcdMembersOf(timed, inputs, names) };
  append(drafts, splitByNotReady(reaperOnlyDrafts(left, t), notReady, t, (n) => { const a = names.addrOf(n); return !a || !claimed.has(a); }));
  drafts.sort((a, b) => a.start - b.start);
  const built = drafts.map((d) => build(d, scope));
  // NotReady events no incident explains open their own (estimated) incidents
  const explained = (e: NotReady) => built.some((inc) => explains(inc, e, names, t.gap * 1000));
  append(built, notReadyDrafts(notReady, explained, t).map((d) => build(d, scope)));
  const story = tellStory(built.sort((a, b) => Date.parse(a.start) - Date.parse(b.start)), {
    timed, names, facts: allFacts, inputs, servers, logsEnd: logsEndOf(inputs, opts.until), registered: registeredNodes(timed, opts.hosts),
  });
  const incidents = story.incidents;
  const spans = nodeSpans(inputs);
  for (const inc of incidents) append(inc.findings, [...excerptFindings(inc, spans), ...coverageFindings(inc, spans, names)]);

  const findings: Finding[] = unreachable.map((u) => ({
    code: 'peer-unreachable', severity: 'warning' as const,
    message: `${u.host}${names.nameOf(u.host) ? ` (${names.nameOf(u.host)})` : ''} was unreachable from the start of the log (${u.count} failed dials, ${iso(u.first.time)} to ${iso(u.last.until)}) and never seen up: a node that was already down, or a wrong server address.`,
    evidence: [u.first.evidence, ...(u.last.lastEvidence ? [u.last.lastEvidence] : u.last !== u.first ? [u.last.evidence] : [])],
  }));
  for (const f of [story.findings, lagFindings(opts.lags ?? []), repeats.findings]) append(findings, f);
  const untimed = events.filter((e) => e.time === null);
  if (untimed.length) {
    findings.push({ code: 'events-without-time', severity: 'info', message: `${untimed.length === 1 ? '1 event carries' : `${untimed.length} events carry`} no absolute time (console captures, year-less lines without a reference) and are left out of the timeline.`, evidence: untimed.slice(0, 3).map((e) => e.evidence) });
  }
  for (const s of opts.skipped ?? []) findings.push({ code: 'input-skipped', severity: 'info', message: `${s.path}: skipped (${s.reason})` });
  return { schemaVersion: 1, tool: opts.tool, timing: t, inputs, incidents, findings, ...(story.windows.length ? { windows: story.windows } : {}) };
}
