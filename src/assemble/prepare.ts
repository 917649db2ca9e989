// Event preparation before incidents: time order, peer attribution of un-addressed errors (60 s),
// load-balancer list diffs per observer and balancer.
import type { Event } from '../types';
import { hostOf, isLoopback } from './peers';

export const ATTRIBUTION_WINDOW_MS = 60_000;

/** Time order; file order within one instant (logrus has 1 s resolution). */
export function byTime(a: Event, b: Event): number {
  return (a.time ?? 0) - (b.time ?? 0) || a.source - b.source || a.evidence.line - b.evidence.line || a.seq - b.seq;
}

const ATTRIBUTABLE = new Set(['tunnel.error', 'tunnel.connect-failed', 'watch.closed']);
const ADDRESSING = (e: Event) => (e.kind.startsWith('tunnel.') || e.kind.startsWith('lb.')) && e.kind !== 'tunnel.backend-connected' && e.peer !== null && !isLoopback(hostOf(e.peer));

/** An event that names no peer belongs to the next peer-naming tunnel event of its observer within 60 s. */
export function attributePeers(sorted: Event[]): void {
  const byNode = new Map<string, Event[]>();
  for (const e of sorted) {
    if (e.time === null) continue;
    const k = `${e.source}`;
    let list = byNode.get(k);
    if (!list) byNode.set(k, (list = []));
    list.push(e);
  }
  for (const list of byNode.values()) {
    let next: Event | null = null;
    for (let i = list.length - 1; i >= 0; i--) {
      const e = list[i];
      const names = ADDRESSING(e); // decided before attribution: chains point at the line that names the peer
      if (ATTRIBUTABLE.has(e.kind) && e.peer === null && next && next.time! - e.time! <= ATTRIBUTION_WINDOW_MS) {
        e.peer = next.peer;
        e.detail = { ...e.detail, attributedFrom: `${next.evidence.path}:${next.evidence.line}` };
      }
      if (names) next = e;
    }
  }
}

/** Adds `dropped` / `added` to every server-list event, against the observer's previous list. */
export function diffLoadBalancers(sorted: Event[]): void {
  const prev = new Map<string, string[]>();
  for (const e of sorted) {
    if (e.kind !== 'lb.servers') continue;
    const key = `${e.source}|${e.detail.lb}`;
    const list = (e.detail.servers as string[]) ?? [];
    const before = prev.get(key);
    if (before) {
      e.detail = { ...e.detail, dropped: before.filter((s) => !list.includes(s)), added: list.filter((s) => !before.includes(s)) };
    } else {
      e.detail = { ...e.detail, first: true, dropped: [], added: [] };
    }
    prev.set(key, list);
  }
}

/** Adds `dropped` / `added` to every apiserver endpoint reset, against the same apiserver's previous list. */
export function diffEndpoints(sorted: Event[]): void {
  const prev = new Map<string, string[]>();
  for (const e of sorted) {
    if (e.kind !== 'apiserver.endpoints') continue;
    const key = `${e.source}|${e.detail.service}`;
    const list = (e.detail.ips as string[]) ?? [];
    const before = prev.get(key);
    e.detail = { ...e.detail, dropped: before ? before.filter((s) => !list.includes(s)) : [], added: before ? list.filter((s) => !before.includes(s)) : [] };
    prev.set(key, list);
  }
}
