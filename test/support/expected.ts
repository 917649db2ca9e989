// What the tool must report for a generated scenario, from the instants of the lines written (their
// marks) and the timing model: the dead server's incident, or the dead agent's reaper incident.
import { DEFAULT_TIMING, expectedEvictSeconds } from '../../src/assemble/timing';
import type { MilestoneName } from '../../src/types';
import type { Expected, Scenario } from './generate';
import type { GenNode, Mark } from './wording';
import { LAYOUT_HAS } from './layouts';

const S = 1000;
const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
const min = (xs: number[]) => (xs.length ? Math.min(...xs) : null);
const secs = (a: number | null, b: number | null) => (a === null || b === null ? null : (b - a) / 1000);

/** The incident in the report's shape, from its start and milestone instants. */
function incident(peer: Expected['peer'], start: number, estimated: boolean, m: Record<MilestoneName, number | null>, pods: string[]): Expected {
  return {
    peer, start: iso(start)!, estimated,
    milestones: Object.fromEntries(Object.entries(m).map(([k, v]) => [k, iso(v)])) as Record<MilestoneName, string | null>,
    durations: {
      detect: secs(start, m.tunnelStopped), failover: secs(start, m.loadBalancerFailover), evict: secs(start, m.podsTerminating),
      reap: secs(m.podsTerminating, m.lastForceDelete), interruption: secs(start, m.lastForceDelete), downtime: secs(start, m.peerBack),
    },
    pods,
  };
}

/** A dead server: every milestone is the earliest line that proves it (DESIGN §6), etcd's and the apiserver's included. */
export function expectServer(s: Scenario, dead: GenNode, marks: Record<Mark, number[]>, deletes: number[], deletionTs: number, pods: Array<[string, string]>): Expected {
  const start = min(marks.first)!;
  return incident({ address: dead.ip, node: LAYOUT_HAS[s.layout].names ? dead.name : null }, start, false, {
    firstSign: start,
    tunnelStopped: min(marks.stopped),
    loadBalancerFailover: min(marks.failover),
    nodeNotReady: min(marks.notReady),
    // the reaper's deletion timestamps; without reaper output, the controller-manager's first eviction
    podsTerminating: deletes.length ? deletionTs : min(marks.evict),
    firstForceDelete: min(deletes),
    lastForceDelete: deletes.length ? Math.max(...deletes) : null,
    peerBack: min(marks.back),
  }, deletes.length ? pods.map(([ns, p]) => `${ns}/${p}`) : []);
}

/**
 * A dead agent leaves no rke2 loss (servers log only the unattributable session close), so the
 * incident is the reaper's: start estimated from the deletion timestamps with the timing model the
 * tool runs with, named by the controller-manager's NotReady when that line is in the bundle, back
 * when the servers take the named node's tunnel again. Without reaper output (a Rancher bundle set)
 * the controller-manager's NotReady opens it, one grace period earlier; without that either, none.
 */
export function expectAgent(s: Scenario, dead: GenNode, marks: Record<Mark, number[]>, deletes: number[], deletionTs: number, pods: Array<[string, string]>): Expected | null {
  if (!deletes.length) return expectNotReadyOnly(s, dead, marks);
  const start = deletionTs - expectedEvictSeconds(s.timing ?? DEFAULT_TIMING) * S;
  const notReady = min(marks.notReady);
  const address = notReady !== null && LAYOUT_HAS[s.layout].names ? dead.ip : null;
  return incident({ address, node: notReady !== null ? dead.name : null }, start, true, {
    firstSign: null, tunnelStopped: null, loadBalancerFailover: null,
    nodeNotReady: notReady,
    podsTerminating: deletionTs,
    firstForceDelete: min(deletes),
    lastForceDelete: Math.max(...deletes),
    peerBack: address ? min(marks.back) : null,
  }, pods.map(([ns, p]) => `${ns}/${p}`));
}

/** A dead agent seen only by the controller-manager: start = NotReady - grace, evictions mark the pods. */
function expectNotReadyOnly(s: Scenario, dead: GenNode, marks: Record<Mark, number[]>): Expected | null {
  const notReady = min(marks.notReady);
  if (notReady === null) return null;
  const address = LAYOUT_HAS[s.layout].names ? dead.ip : null;
  return incident({ address, node: dead.name }, notReady - (s.timing ?? DEFAULT_TIMING).grace * S, true, {
    firstSign: null, tunnelStopped: null, loadBalancerFailover: null,
    nodeNotReady: notReady,
    podsTerminating: min(marks.evict),
    firstForceDelete: null,
    lastForceDelete: null,
    peerBack: min(marks.back),
  }, []);
}
