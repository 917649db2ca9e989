// Milestones, durations and per-observer views of one incident (DESIGN §6).
import type { DurationName, Event, Evidence, Milestone, MilestoneName, ObserverView } from '../types';
import type { Fact } from './facts';
import type { ForceDelete } from './pods';

export const iso = (t: number | null | undefined): string | null => (t === null || t === undefined ? null : new Date(t).toISOString());

/** What a run adds to its JSON form (timeline, `events --runs`): count, last line, and the silences it was joined across. */
export function runFields(e: Event): { count?: number; until?: string | null; lastEvidence?: Evidence; gaps?: number; gapMs?: number } {
  if (e.count <= 1) return {};
  return { count: e.count, until: iso(e.until), lastEvidence: e.lastEvidence ?? undefined, ...(e.gaps ? { gaps: e.gaps, gapMs: e.gapMs } : {}) };
}

export function milestoneOf(ev: Event | null | undefined, time?: number | null): Milestone | null {
  if (!ev) return null;
  const t = time ?? ev.time;
  if (t === null || t === undefined) return null;
  return { time: iso(t)!, node: ev.role === 'reaper' ? null : ev.node, evidence: ev.evidence };
}

const earliest = (xs: Fact[], pred: (f: Fact) => boolean): Fact | undefined => xs.find(pred);

/** `Stopped tunnel to PEER` (DESIGN §6); remotedialer's `Proxy done` also ends tunnels when the observer itself stops. */
const stoppedTunnel = (f: Fact): boolean => f.ev.kind === 'tunnel.stopped' && f.ev.detail.via !== 'proxy-done';

/** The outage phases from the peer's facts, the node's NotReady event and its force-deleted pods. */
export function milestonesOf(facts: Fact[], back: Fact | null, notReady: Event | null, pods: ForceDelete[]): Record<MilestoneName, Milestone | null> {
  const withTs = pods.filter((p) => p.deletionTs !== null).sort((a, b) => a.deletionTs! - b.deletionTs!);
  const byAt = [...pods].sort((a, b) => a.at - b.at);
  const byLast = [...pods].sort((a, b) => a.lastAt - b.lastAt);
  const first = earliest(facts, () => true);
  return {
    firstSign: milestoneOf(first?.ev),
    tunnelStopped: milestoneOf(earliest(facts, stoppedTunnel)?.ev),
    loadBalancerFailover: milestoneOf(earliest(facts, (f) => !!f.failover)?.ev),
    nodeNotReady: milestoneOf(notReady),
    podsTerminating: withTs.length ? milestoneOf(withTs[0].ev, withTs[0].deletionTs) : null,
    firstForceDelete: byAt.length ? milestoneOf(byAt[0].ev) : null,
    lastForceDelete: byLast.length ? milestoneOf(byLast[byLast.length - 1].lastEv) : null,
    peerBack: milestoneOf(back?.ev),
  };
}

const ms = (m: Milestone | null): number | null => (m ? Date.parse(m.time) : null);
const secs = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : (b - a) / 1000);

/**
 * Durations in seconds, null when an end is missing. `end` is the incident's end when it differs
 * from peerBack: a flapping peer (DESIGN §6b) is down until its last return, not its first.
 */
export function durationsOf(start: number, m: Record<MilestoneName, Milestone | null>, end?: number | null): Record<DurationName, number | null> {
  return {
    detect: secs(start, ms(m.tunnelStopped)),
    failover: secs(start, ms(m.loadBalancerFailover)),
    evict: secs(start, ms(m.podsTerminating)),
    reap: secs(ms(m.podsTerminating), ms(m.lastForceDelete)),
    interruption: secs(start, ms(m.lastForceDelete)),
    downtime: end === undefined ? secs(start, ms(m.peerBack)) : secs(start, end),
  };
}

/** When each surviving node saw the loss and the recovery. */
export function observersOf(facts: Fact[], recoveries: Fact[]): ObserverView[] {
  const by = new Map<string, ObserverView>();
  const get = (node: string | null): ObserverView => {
    const k = node ?? '';
    let o = by.get(k);
    if (!o) by.set(k, (o = { node, firstSign: null, tunnelStopped: null, loadBalancerFailover: null, peerBack: null }));
    return o;
  };
  for (const f of facts) {
    const o = get(f.ev.node);
    const t = iso(f.ev.time);
    o.firstSign ??= t;
    if (stoppedTunnel(f)) o.tunnelStopped ??= t;
    if (f.failover) o.loadBalancerFailover ??= t;
  }
  for (const r of recoveries) get(r.ev.node).peerBack ??= iso(r.ev.time);
  return [...by.values()].sort((a, b) => (a.firstSign ?? '').localeCompare(b.firstSign ?? '') || String(a.node).localeCompare(String(b.node)));
}
