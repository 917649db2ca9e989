// Events that name no usable peer but belong on an incident's timeline: etcd lines about a member
// id no line maps to an address, leader changes, and controller-manager evictions of the peer's pods.
import type { Event, EventOf, Finding } from '../types';
import { isEtcdId, KINDS } from '../kinds';

/** Lead before the first sign and tail after the last evidence, for context events. */
export const CONTEXT_MARGIN_MS = 60_000;


/** Context events inside [from - margin, to + margin]; the first per observer, rule and peer. */
export function contextEvents(timed: Event[], from: number, to: number): Event[] {
  const seen = new Set<string>();
  const out: Event[] = [];
  for (const e of timed) {
    if (e.time! < from - CONTEXT_MARGIN_MS) continue;
    if (e.time! > to + CONTEXT_MARGIN_MS) break;
    const ctx = KINDS[e.kind].context && (isEtcdId(e) || e.peer === null || e.kind === 'etcd.leader-changed');
    if (!ctx) continue;
    const key = `${e.source}|${e.rule}|${e.peer}|${e.kind === 'etcd.leader-changed' ? e.detail.change : ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out;
}

/**
 * The first controller-manager eviction of the incident: pods go Terminating. Taken in
 * [start, until]; an eviction that names its node must name the peer's node.
 */
export function firstEviction(timed: Event[], start: number, until: number, acceptsNode: (node: string) => boolean): Event | null {
  for (const e of timed) {
    if (e.kind !== 'pod.evicting' || e.time! < start) continue;
    if (e.time! > until) break;
    const node = e.detail.node;
    if (typeof node === 'string' && !acceptsNode(node)) continue;
    return e;
  }
  return null;
}

/** A leader transfer away from a member is a graceful stop: the outage was planned, not a crash. */
export function plannedStopFindings(context: Event[]): Finding[] {
  const moved = context.find((e): e is EventOf<'etcd.leader-changed'> => e.kind === 'etcd.leader-changed' && e.detail.planned === true);
  if (!moved) return [];
  return [{
    code: 'planned-stop', severity: 'info',
    message: `etcd moved its leader from ${String(moved.detail.fromMember)} to ${String(moved.detail.toMember)} around the start: the node was stopped gracefully (maintenance, rke2 stop or reboot), not lost in a crash.`,
    evidence: [moved.evidence],
  }];
}
