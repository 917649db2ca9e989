// A generator of realistic bundles: a scenario (release wording, layout, nodes, which nodes go down
// when and how, whether they come back, noise, host zone, how the input was pasted) -> files on
// disk (or a stdin paste) + the incidents the tool must find, computed from the lines written and
// the timing model (src/assemble/timing.ts). scenario.ts has the options.
import { DEFAULT_TIMING, expectedEvictSeconds } from '../../src/assemble/timing';
import { backendConnections, GRACE, noise, type Ctx, type GenNode, type Marked } from './wording';
import { startup, debugLines } from './startup';
import { kcm, memberId, type EtcdCtx } from './controlPlane';
import { expectReport } from './expected';
import { writeLayout, type Model, type NodeLogs } from './layouts';
import { bootMarker, nulBlock, partitionEtcd, partitionView, stopSequence, unitStart, unitStarted } from './own';
import { controlPlaneLines, downAt, modeOf, observerLines, type Mode } from './observe';
import { noiseLines, reaperRuns, rng } from './noise';
import { pasteText, reaperText, trim } from './paste';
import { hasOf, outagesOf, type Expected, type ExpectedReport, type Outage, type Scenario } from './scenario';

export type { Expected, ExpectedIncident, ExpectedReport, Scenario } from './scenario';

const S = 1000;
const DEFAULT_PODS: Array<[string, string]> = [['compute-hive01', 'hiveserver2-0'], ['impala-impala01', 'catalogd-0'], ['vault-system', 'vault-0']];

export interface Generated {
  /** the files written (empty for a stdin paste) */
  paths: string[];
  /** the first incident the tool must report (null: none), as the scenario matrix compares it */
  expected: Expected | null;
  /** everything the tool must report */
  report: ExpectedReport;
  /** what goes to stdin: the paste, or the reaper output (`reaperOnStdin`) */
  stdin: string | null;
}

/** The new process starts 40 s before it takes tunnels again (2 s after the stop for a quick restart). */
const restartOf = (k: { down: number; up: number | null }) => (k.up === null ? Infinity : Math.max(k.down + 2 * S, k.up - 40 * S));

/** When a node is up and logging: all the time, or between its losses (its lines stop 2 s before the first sign on the others). */
function aliveOf(s: Scenario, o: Outage | null): Array<[number, number]> {
  if (!o || s.deathKind === 'partition') return [[-Infinity, Infinity]];
  const out: Array<[number, number]> = [];
  let from = -Infinity;
  for (const k of o.cycles) { out.push([from, k.down - 2 * S]); from = restartOf(k); }
  if (from < Infinity) out.push([from, Infinity]);
  return out;
}
const inSpans = (spans: Array<[number, number]>) => (t: number) => spans.some(([a, b]) => t >= a && t < b);

/** A lost node's own lines: what it writes about its fate, and its restarts (new processes). */
function ownLines(s: Scenario, c: Ctx, o: Outage, base: Marked[], others: GenNode[], until: number): { lines: Marked[]; restarts: number[] } | null {
  const kind = s.deathKind ?? 'vanish';
  const cy = o.cycles;
  if (kind === 'partition') {
    const lines = [...base];
    for (const k of cy) lines.push(...partitionView(c, k.down, k.up, until, others));
    return { lines, restarts: [] };
  }
  // a dead host runs no collector: its logs are there only when it came back, or when only the service stopped
  if (cy[cy.length - 1].up === null && kind !== 'shutdown') return null;
  const restarts = cy.filter((k) => k.up !== null).map(restartOf);
  const lines = base.filter((l) => inSpans(aliveOf(s, o))(l.t));
  for (const k of cy) {
    if (kind === 'shutdown' || kind === 'reboot') lines.push(...stopSequence(c, k.down - S));
    if (kind === 'crash') lines.push(nulBlock(k.down - 2 * S));
    if (k.up === null) continue;
    const reboot = restartOf(k);
    if (kind === 'vanish') lines.push({ t: reboot - 1, kind: 'marker', text: '-- Reboot --' });
    if (kind === 'reboot' || kind === 'crash') lines.push(bootMarker(s.wording, reboot - 1, c.self.name));
    if (kind !== 'vanish') lines.push(...unitStart(c, reboot));
    lines.push(...startup(c, reboot));
    if (kind !== 'vanish') lines.push(...unitStarted(c, reboot + 9 * S));
    if (c.self.role === 'server') lines.push(...backendConnections(k.up + 2 * S, others.filter((x) => c.o?.up?.(x, k.up! + 2 * S) ?? true).map((x) => x.name)));
  }
  return { lines, restarts };
}

/** Writes the scenario's bundle under `dir`; returns the files and the incidents the tool must report. */
export async function generate(s: Scenario, dir: string): Promise<Generated> {
  const t0 = Date.parse(s.at);
  const servers = s.nodes.filter((n) => n.role === 'server');
  const outs = outagesOf(s);
  const leader = servers.find((n) => n.name === (s.leader ?? servers[0].name));
  if (!leader) throw new Error(`generate: leader ${s.leader} must be one of the servers`);
  const modes = outs.map((o) => ({ o, mode: modeOf(o, outs, servers) as Mode }));
  const first = outs[0] ?? null;
  const deadOf = (n: GenNode) => outs.find((o) => o.node === n) ?? null;
  const has = hasOf(s);
  const zone = s.zone ?? { offsetMin: 480, abbrev: 'CST' };
  const perHour = s.noise ?? 12;
  const rnd = rng(t0 / 1000 + s.nodes.length);
  const T = { ...DEFAULT_TIMING, grace: GRACE[s.wording] };
  const pods = s.pods ?? DEFAULT_PODS;
  const boot = t0 - 6 * 3_600_000;
  const lastUp = Math.max(t0, ...outs.flatMap((o) => o.cycles.map((k) => k.up ?? k.down)));
  // pods go Terminating and get reaped only for a single outage that lasts past the eviction
  const single = outs.length === 1 && modes[0].mode !== 'quick' ? outs[0] : null;
  const tb = single ? single.cycles[0].up : null;
  const deletionTs = single ? t0 + expectedEvictSeconds(T) * S : Infinity;
  const reaperUntil = t0 + (expectedEvictSeconds(T) + T.reaperThreshold + 2 * T.reaperPeriod) * S;
  const collect = Math.max(lastUp, has.reaper ? reaperUntil : t0) + 15 * 60 * S;
  const up = (n: GenNode, t: number) => !deadOf(n)?.cycles.some((k) => t >= k.down && (k.up === null || t < k.up));
  const opts = { unnamedLb: s.unnamedLb, configured: s.configured, ownAddress: s.ownAddress, debug: s.debug, up };
  const ctx = (self: GenNode, dead: GenNode): Ctx => ({ w: s.wording, self, servers, dead, def: servers[0], o: opts });

  const nodes: NodeLogs[] = [];
  for (const [i, n] of s.nodes.entries()) {
    const c = ctx(n, first?.node ?? n);
    const pid = 1500 + i * 37;
    const start = boot + i * 2 * S;
    const rke2: Marked[] = [...startup(c, start), ...noiseLines(c, start + 60 * S, collect, perHour, pid, rnd)];
    if (s.debug) for (let t = start + 3_600_000; t < collect; t += 3_600_000) rke2.push(...debugLines(c, t));
    if (n.role === 'server') rke2.push(...backendConnections(start + 20 * S, s.nodes.filter((o) => o !== n).map((o) => o.name)));
    const base: NodeLogs = { node: n, pid, procId: 1546338940 + i, etcd: [], apiserver: [], rke2, kubelet: [], kubeletOld: [], restarts: [] };
    for (const { o, mode } of modes) {
      if (o.node === n) continue;
      for (const cy of o.cycles) rke2.push(...observerLines(ctx(n, o.node), mode, cy, collect, aliveOf(s, deadOf(n))).map((l) => ({ ...l, who: o.node.name })));
    }
    const mine = deadOf(n);
    const e: Omit<EtcdCtx, 'dead'> = { w: s.wording, self: n, servers, leader };
    const agentOnly = outs.length > 0 && outs.every((o) => o.node.role === 'agent');
    // a server lost with the others keeps its etcd and apiserver logs of the time it was up
    const multi = mine && modes.find((x) => x.o === mine)?.mode === 'multi';
    if (n.role === 'server' && has.controlPlane && (!mine || multi) && !agentOnly) {
      const cp = controlPlaneLines(e, start, modes, collect, servers.indexOf(n));
      const alive = inSpans(aliveOf(s, mine));
      base.etcd = cp.etcd.filter((l) => alive(l.t));
      base.apiserver = cp.apiserver.filter((l) => alive(l.t));
    }
    if (mine) {
      const own = ownLines(s, c, mine, rke2, s.nodes.filter((x) => x !== n), collect);
      if (!own) continue;
      if (s.deathKind === 'partition' && n.role === 'server' && has.controlPlane) base.etcd = partitionEtcd({ ...e, dead: n }, start, mine.cycles[0].down, mine.cycles[0].up, collect);
      nodes.push({ ...base, rke2: own.lines, restarts: own.restarts });
      continue;
    }
    base.kubelet = noiseLines(c, t0 - 3_600_000, collect, perHour / 2, pid + 3, rnd).filter((l) => l.kind === 'klog');
    base.kubeletOld = noiseLines(c, boot, t0 - 3_600_000, perHour / 2, pid + 3, rnd).filter((l) => l.kind === 'klog');
    nodes.push(base);
  }
  if (s.cutAfter !== undefined) {
    // the cut falls on a line: an agent's harmless logrus line at the very instant the paste ends
    const agent = nodes.find((x) => x.node.role === 'agent' && !deadOf(x.node));
    if (agent) agent.rke2.push(noise(ctx(agent.node, agent.node), t0 + s.cutAfter * S, 2, agent.pid));
  }
  if (s.nulHead) {
    const agent = nodes.find((x) => x.node.role === 'agent' && !deadOf(x.node));
    if (agent) agent.rke2.push(nulBlock(Math.min(...agent.rke2.map((l) => l.t)) - 1));
  }
  const kcmNode = servers.find((n) => !outs.some((o) => o.node === n));
  const kcmLines: Marked[] = [];
  if (has.kcm && kcmNode) {
    const c = ctx(kcmNode, single?.node ?? kcmNode);
    const evictAt = deletionTs - T.terminationGrace * S;
    const nr = (k: number) => k + (T.grace + 3) * S;
    if (single) {
      single.cycles.forEach((k, i) => {
        const lines = k.up === null || k.up > nr(k.down) ? kcm(c, k.down, T.grace, i === 0 && (tb === null || tb > evictAt) ? evictAt : null, pods) : kcm(c, k.down, T.grace, null, []).slice(0, 1);
        kcmLines.push(...lines.slice(i ? 1 : 0).map((l) => ({ ...l, who: single.node.name })));
      });
    } else kcmLines.push(...kcm(c, t0, T.grace, null, []).slice(0, 1));
  }
  // the reaper CronJob needs the API: no run while most servers are down
  const apiDown = (t: number) => downAt(outs.filter((o) => o.node.role === 'server'), t).length > servers.length / 2;
  const reaper = has.reaper ? reaperRuns(t0, deletionTs, tb, reaperUntil, pods, rnd, apiDown) : { runs: [], deletes: [] };

  const model: Model = {
    wording: s.wording, off: zone.offsetMin, abbrev: zone.abbrev, collect, all: s.nodes,
    downAtCollect: new Set(outs.filter((o) => o.cycles[o.cycles.length - 1].up === null).map((o) => o.node.name)),
    nodes, kcm: kcmLines.length ? { node: kcmNode!, lines: kcmLines } : null, reaper: reaper.runs, corruptMember: !!s.corruptMember,
    noNodesTable: !has.names && s.omit?.includes('nodes') === true, noReaper: !!s.reaperOnStdin, nulAt: [],
  };
  const cut = trim(model, reaper.deletes, s.cutAfter === undefined ? null : t0 + s.cutAfter * S, s.from === undefined ? null : t0 + s.from * S);
  const pasted = s.paste && s.paste !== 'files' ? pasteText(model, s.paste) : null;
  const paths = pasted === null ? await writeLayout(s.layout, model, dir, !!s.nested) : [];
  const ids = new Map(servers.map((n) => [memberId(n), n.name]));
  const report = expectReport(s, { outs, modes, model, deletes: cut.deletes, deletionTs, pods, has, ids });
  report.nulBlocks = model.nulAt;
  return { paths, expected: firstExpected(report), report, stdin: pasted ?? (s.reaperOnStdin ? reaperText(model) : null) };
}

/** The first incident in the matrix's shape (the fields `observed()` compares). */
function firstExpected(r: ExpectedReport): Expected | null {
  const e = r.incidents[0];
  return e ? { peer: e.peer, start: e.start, estimated: e.estimated, milestones: e.milestones, durations: e.durations, pods: e.pods } : null;
}
