// Incident drafts before they are built: rke2 outage groups and reaper-only clusters, with the
// force-deleted pods joined to them by deletion timestamp (DESIGN §6).
import type { EventOf, TimingModel } from '../types';

type NotReady = EventOf<'node.not-ready'>;
import type { Group } from './group';
import type { ForceDelete } from './pods';
import { expectedEvictSeconds, SLACK_SECONDS } from './timing';
import { append } from '../lists';

/** One future incident. */
export interface Draft {
  group: Group | null;
  start: number;
  estimated: boolean;
  pods: ForceDelete[];
  /** the NotReady event a reaper-only draft was split around (names its node) */
  notReady?: NotReady;
  /** what an estimated start was worked back from */
  estimatedFrom?: 'deletion' | 'not-ready';
}

/** How many nodes saw the draft's loss. */
function observerCount(d: Draft): number {
  return new Set((d.group?.facts ?? []).map((f) => f.ev.node)).size;
}

/** Joins each force-deleted pod to the outage whose eviction window holds its deletion timestamp. */
export function joinPods(drafts: Draft[], deletes: ForceDelete[], t: TimingModel): ForceDelete[] {
  const expected = expectedEvictSeconds(t) * 1000;
  const lead = (t.gap) * 1000;
  const left: ForceDelete[] = [];
  for (const p of deletes) {
    const ts = p.deletionTs ?? p.at - (t.reaperThreshold * 1000);
    // nearest the expected eviction (to 10 s); between equals, the loss more nodes saw (one observer alone may be the one cut off)
    const off = (d: Draft) => Math.round(Math.abs(ts - d.start - expected) / 10_000);
    const closer = (a: Draft, b: Draft) => off(a) < off(b) || (off(a) === off(b) && observerCount(a) > observerCount(b));
    let best: Draft | null = null;
    for (const d of drafts) {
      const back = d.group?.back?.ev.time ?? Infinity;
      if (ts < d.start || ts > Math.min(back + SLACK_SECONDS * 1000, d.start + expected + lead)) continue;
      if (!best || closer(d, best)) best = d;
    }
    if (best) best.pods.push(p);
    else left.push(p);
  }
  return left;
}

/** Force-deletes that fit no outage: clustered by deletion timestamp into reaper-only incidents. */
export function reaperOnlyDrafts(left: ForceDelete[], t: TimingModel): Draft[] {
  const sorted = [...left].sort((a, b) => (a.deletionTs ?? a.at) - (b.deletionTs ?? b.at));
  const out: Draft[] = [];
  let cur: Draft | null = null;
  let last = -Infinity;
  for (const p of sorted) {
    const ts = p.deletionTs ?? p.at - t.reaperThreshold * 1000;
    if (!cur || ts - last > t.gap * 1000) {
      cur = { group: null, start: ts - expectedEvictSeconds(t) * 1000, estimated: true, pods: [] };
      out.push(cur);
    }
    cur.pods.push(p);
    last = ts;
  }
  return out;
}

/**
 * A reaper-only cluster that holds the pods of several nodes: each node's pods share the deletion
 * time its NotReady event predicts (NotReady + toleration + termination grace). When the pods fit
 * two or more such nodes, the cluster splits into one incident per node; otherwise it stays whole.
 */
export function splitByNotReady(drafts: Draft[], notReady: NotReady[], t: TimingModel, free: (node: string) => boolean): Draft[] {
  const after = (t.toleration + t.terminationGrace) * 1000;
  const out: Draft[] = [];
  for (const d of drafts) {
    const byNode = new Map<string, { nr: NotReady; pods: ForceDelete[] }>();
    const loose: ForceDelete[] = [];
    for (const p of d.pods) {
      let best: NotReady | null = null;
      for (const e of notReady) {
        const node = String(e.detail.nodeName);
        const off = Math.abs((p.deletionTs ?? Infinity) - (e.time! + after));
        if (off <= SLACK_SECONDS * 1000 && free(node) && (!best || off < Math.abs(p.deletionTs! - (best.time! + after)))) best = e;
      }
      if (!best) { loose.push(p); continue; }
      const k = String(best.detail.nodeName);
      const slot = byNode.get(k) ?? { nr: best, pods: [] };
      slot.pods.push(p);
      byNode.set(k, slot);
    }
    if (byNode.size < 2) { out.push(d); continue; }
    const parts = [...byNode.values()].map(({ nr, pods }) => ({ ...d, pods, notReady: nr, start: pods.reduce((m, p) => Math.min(m, p.deletionTs!), Infinity) - expectedEvictSeconds(t) * 1000 }));
    // pods no NotReady explains stay with the part whose deletion time is nearest
    for (const p of loose) {
      const ts = p.deletionTs ?? p.at - t.reaperThreshold * 1000;
      parts.reduce((a, b) => (Math.abs(a.start - ts) <= Math.abs(b.start - ts) ? a : b)).pods.push(p);
    }
    append(out, parts);
  }
  return out;
}

/**
 * NotReady events no incident explains (a dead agent seen only by the controller-manager, as in
 * a Rancher bundle set, which never holds pod-reaper output): each node's NotReady opens an
 * estimated incident that starts one grace period earlier. Later NotReady events of the same
 * node within the quiet gap belong to it.
 */
export function notReadyDrafts(notReady: NotReady[], explained: (e: NotReady) => boolean, t: TimingModel): Draft[] {
  const out: Draft[] = [];
  const last = new Map<string, number>();
  for (const e of notReady) {
    if (explained(e)) continue;
    const node = String(e.detail.nodeName);
    const prev = last.get(node);
    last.set(node, e.time!);
    if (prev !== undefined && e.time! - prev <= t.gap * 1000) continue;
    out.push({ group: null, start: e.time! - t.grace * 1000, estimated: true, pods: [], notReady: e, estimatedFrom: 'not-ready' });
  }
  return out;
}
