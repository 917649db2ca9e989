// A generator of realistic bundles: a scenario (release wording, layout, nodes, which node dies
// when, whether it comes back, noise, host zone) -> files on disk + the milestones the tool must
// find, computed from the lines written and the timing model (src/assemble/timing.ts).
import { DEFAULT_TIMING, expectedEvictSeconds } from '../../src/assemble/timing';
import type { DurationName, MilestoneName, TimingModel } from '../../src/types';
import { agentBack, agentObserver, agentReturn, agentSessionClosed, backendConnections, GRACE, noise, serverObserver, serverReturn, startup, type Ctx, type GenNode, type Mark, type Marked, type Wording } from './wording';
import { apiserverLines, etcdLines, kcm, type EtcdCtx } from './controlPlane';
import { expectAgent, expectServer } from './expected';
import { LAYOUT_HAS, writeLayout, type Layout, type Model, type NodeLogs } from './layouts';
import { reaperStamp } from './render';

export interface Scenario {
  wording: Wording;
  layout: Layout;
  nodes: GenNode[];
  /** name of the node (server or agent) that dies */
  dies: string;
  /** the etcd leader when the death happens (default: the first server) */
  leader?: string;
  /** the timing model the tool is run with (default DEFAULT_TIMING): estimated starts follow it */
  timing?: TimingModel;
  /** the death (first sign on the survivors), ISO UTC, whole seconds */
  at: string;
  /** seconds after the death when it is back; null: it never comes back in the logs */
  backAfter: number | null;
  /** noise lines per node per hour (default 12) */
  noise?: number;
  /** host zone: minutes east of UTC and the abbreviation date(1) prints (default +08:00 CST) */
  zone?: { offsetMin: number; abbrev: string };
  /** Cloudera: each host's folder as a .tar.gz inside the zip */
  nested?: boolean;
  /** write one archive member as a truncated gzip */
  corruptMember?: boolean;
  /** stateful pods on the dead node (namespace, name) */
  pods?: Array<[string, string]>;
}

export interface Expected {
  peer: { address: string | null; node: string | null };
  start: string;
  /** the start is estimated from deletion timestamps (no rke2 evidence names the loss) */
  estimated: boolean;
  milestones: Record<MilestoneName, string | null>;
  durations: Record<DurationName, number | null>;
  pods: string[];
}

const S = 1000;
const DEFAULT_PODS: Array<[string, string]> = [['compute-hive01', 'hiveserver2-0'], ['impala-impala01', 'catalogd-0'], ['vault-system', 'vault-0']];
const NAMESPACES = ['cdp', 'compute-hive01', 'impala-impala01', 'vault-system', 'ecs-webhooks', 'infra-prometheus'];

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Noise spread over [from, to), `perHour` lines an hour. */
function noiseLines(c: Ctx, from: number, to: number, perHour: number, pid: number, rnd: () => number): Marked[] {
  const n = Math.max(1, Math.round(((to - from) / 3_600_000) * perHour));
  return Array.from({ length: n }, (_, i) => noise(c, from + Math.floor(rnd() * (to - from) / 1000) * 1000 + (i % 1000), i, pid));
}

/** The reaper CronJob, every 10 minutes: runs, force-deletes pods terminating for more than the threshold. */
function reaperRuns(t0: number, deletionTs: number, back: number | null, until: number, pods: Array<[string, string]>, rnd: () => number) {
  const T = DEFAULT_TIMING;
  const runs: Array<{ name: string; lines: string[] }> = [];
  const deletes: number[] = [];
  const period = T.reaperPeriod * S;
  let done = false;
  for (let sched = Math.ceil((t0 - period) / period) * period; sched <= until; sched += period) {
    const r = sched + S;
    const suffix = Array.from({ length: 5 }, () => 'bcdfghjklmnpqrstvwxz2456789'[Math.floor(rnd() * 27)]).join('');
    const lines = [`${reaperStamp(r)} Starting pod-reaper [Reap older than: ${T.reaperThreshold / 60} minute(s)][Namespace regex: *UNKNOWN*]`];
    for (const ns of NAMESPACES) lines.push(`${reaperStamp(r)} processing namespace ${ns}`);
    // pods the returned kubelet confirmed are gone before this run need no reaping
    const stuck = !done && r > deletionTs + T.reaperThreshold * S && (back === null || back > r);
    if (stuck) {
      const at = r + S;
      const ts = new Date(deletionTs).toISOString().replace('.000Z', 'Z');
      for (const [ns, p] of pods) {
        lines.push(`${reaperStamp(at)} Force delete pod ${p} in namespace ${ns} with deletion timestamp: ${ts}`);
        lines.push('warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.');
        lines.push(`pod "${p}" force deleted`);
        lines.push(`${reaperStamp(at)} Successfully force deleted pod ${p} in namespace ${ns}`);
        deletes.push(at);
      }
      done = true;
    }
    runs.push({ name: `pod-reaper-${sched / 60_000}-${suffix}`, lines });
  }
  return { runs, deletes };
}

/** Writes the scenario's bundle under `dir`; returns the files and the incident the tool must
 * report (null: none, as for a dead agent when neither pod-reaper output nor rke2 evidence names it). */
export async function generate(s: Scenario, dir: string): Promise<{ paths: string[]; expected: Expected | null }> {
  const t0 = Date.parse(s.at);
  const servers = s.nodes.filter((n) => n.role === 'server');
  const dead = s.nodes.find((n) => n.name === s.dies);
  if (!dead) throw new Error(`generate: ${s.dies} is not one of the nodes`);
  const leader = servers.find((n) => n.name === (s.leader ?? servers[0].name));
  if (!leader) throw new Error(`generate: leader ${s.leader} must be one of the servers`);
  const agentDies = dead.role === 'agent';
  const alive = s.nodes.filter((n) => n !== dead);
  const has = LAYOUT_HAS[s.layout];
  const zone = s.zone ?? { offsetMin: 480, abbrev: 'CST' };
  const perHour = s.noise ?? 12;
  const rnd = rng(t0 / 1000 + s.nodes.length);
  const tb = s.backAfter === null ? null : t0 + s.backAfter * S;
  const T = { ...DEFAULT_TIMING, grace: GRACE[s.wording] };
  const deletionTs = t0 + expectedEvictSeconds(T) * S;
  const pods = s.pods ?? DEFAULT_PODS;
  const boot = t0 - 6 * 3_600_000;
  const reaperUntil = deletionTs + (T.reaperThreshold + 2 * T.reaperPeriod) * S;
  const collect = Math.max(tb === null ? t0 : tb, has.reaper ? reaperUntil : t0) + 15 * 60 * S;
  const marks: Record<Mark, number[]> = { first: [], stopped: [], failover: [], back: [], notReady: [], evict: [] };
  const keep = (ls: Marked[]) => { for (const l of ls) if (l.mark) marks[l.mark].push(l.t); return ls; };

  const nodes: NodeLogs[] = [];
  for (const [i, n] of s.nodes.entries()) {
    const c: Ctx = { w: s.wording, self: n, servers, dead, def: servers[0] };
    const pid = 1500 + i * 37;
    const start = boot + i * 2 * S;
    const rke2: Marked[] = [...startup(c, start), ...noiseLines(c, start + 60 * S, collect, perHour, pid, rnd)];
    if (n.role === 'server') rke2.push(...backendConnections(start + 20 * S, s.nodes.filter((o) => o !== n).map((o) => o.name)));
    const base = { node: n, pid, procId: 1546338940 + i, etcd: [] as Marked[], apiserver: [] as Marked[] };
    if (n === dead) {
      if (tb === null) continue; // a dead host runs no collector
      // its own restart is context, not evidence that it is back
      const reboot = tb - 40 * S;
      const live = rke2.filter((l) => l.t < t0 - 2 * S || l.t >= reboot);
      live.push(...startup(c, reboot));
      if (n.role === 'server') live.push(...backendConnections(tb + 2 * S, alive.map((o) => o.name)));
      nodes.push({ ...base, rke2: live, kubelet: [], kubeletOld: [], reboot });
      continue;
    }
    if (agentDies) {
      if (n.role === 'server') rke2.push(...agentSessionClosed(t0), ...(tb === null ? [] : keep(agentBack(c, tb))));
    } else {
      rke2.push(...keep(n.role === 'server' ? serverObserver(c, t0) : agentObserver(c, t0)));
      if (tb !== null) rke2.push(...keep(n.role === 'server' ? serverReturn(c, tb) : agentReturn(c, tb)));
      if (n.role === 'server' && has.controlPlane) {
        const e: EtcdCtx = { w: s.wording, self: n, servers, dead, leader };
        base.etcd = keep(etcdLines(e, start, t0, tb, collect));
        // each apiserver's lease reconciler notices the expired lease 15-25 s after the death
        base.apiserver = keep(apiserverLines(e, start, t0, 15 + 3 * servers.indexOf(n), tb));
      }
    }
    const kubelet = noiseLines(c, t0 - 3_600_000, collect, perHour / 2, pid + 3, rnd).filter((l) => l.kind === 'klog');
    const kubeletOld = noiseLines(c, boot, t0 - 3_600_000, perHour / 2, pid + 3, rnd).filter((l) => l.kind === 'klog');
    nodes.push({ ...base, rke2, kubelet, kubeletOld, reboot: null });
  }
  const kcmNode = servers.find((n) => n !== dead)!;
  const kcmCtx: Ctx = { w: s.wording, self: kcmNode, servers, dead, def: servers[0] };
  const evictAt = deletionTs - T.terminationGrace * S;
  const kcmLines = has.kcm ? keep(kcm(kcmCtx, t0, T.grace, tb === null || tb > evictAt ? evictAt : null, pods)) : [];
  const reaper = has.reaper ? reaperRuns(t0, deletionTs, tb, reaperUntil, pods, rnd) : { runs: [], deletes: [] };

  const model: Model = {
    wording: s.wording, off: zone.offsetMin, abbrev: zone.abbrev, collect, all: s.nodes, dead, deadBack: tb !== null,
    nodes, kcm: has.kcm ? { node: kcmNode, lines: kcmLines } : null, reaper: reaper.runs, corruptMember: !!s.corruptMember,
  };
  const paths = await writeLayout(s.layout, model, dir, !!s.nested);
  const expected = agentDies ? expectAgent(s, dead, marks, reaper.deletes, deletionTs, pods) : expectServer(s, dead, marks, reaper.deletes, deletionTs, pods);
  return { paths, expected };
}
