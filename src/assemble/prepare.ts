// Event preparation, shared by the report and `rke2-outage events`: time order, peer attribution
// of un-addressed errors (60 s), load-balancer and endpoint list diffs per observer, etcd member ids
// mapped to addresses. It works on copies: the read stage's events are never changed.
import type { Event, EventOf } from '../types';
import { KINDS } from '../kinds';
import { hostOf, isLoopback } from './peers';
import { mapEtcdPeers } from './etcdPeers';
import { diffLoadBalancers } from './lbLists';

export const ATTRIBUTION_WINDOW_MS = 60_000;

/** Time order; file order within one instant (logrus has 1 s resolution). */
export function byTime(a: Event, b: Event): number {
  return (a.time ?? 0) - (b.time ?? 0) || a.source - b.source || a.evidence.line - b.evidence.line || a.seq - b.seq;
}

/** The observer an event belongs to: its node when known (rotated files of one node are one log), else its source. */
export const observerOf = (e: Event): string => (e.node !== null ? `node:${e.node}` : `source:${e.source}`);

/** The events with an absolute time, in time order, prepared for assembly (copies). */
export function prepareEvents(events: Event[]): Event[] {
  const timed = events.filter((e) => e.time !== null).map((e) => ({ ...e }) as Event).sort(byTime);
  attributePeers(timed);
  diffLoadBalancers(timed);
  diffEndpoints(timed);
  mapEtcdPeers(timed);
  return timed;
}

const ATTRIBUTABLE = (e: Event) => !!KINDS[e.kind].attributable;
const ADDRESSING = (e: Event) => !!KINDS[e.kind].addresses && e.peer !== null && !isLoopback(hostOf(e.peer));
/** Kinds whose detail carries the attribution note. */
type Attributable = EventOf<'tunnel.error' | 'tunnel.connect-failed' | 'watch.closed'>;

/** An event that names no peer belongs to the next peer-naming tunnel event of its observer (node) within 60 s (on prepared copies). */
function attributePeers(sorted: Event[]): void {
  const byNode = new Map<string, Event[]>();
  for (const e of sorted) {
    if (e.time === null) continue;
    const k = observerOf(e);
    let list = byNode.get(k);
    if (!list) byNode.set(k, (list = []));
    list.push(e);
  }
  for (const list of byNode.values()) {
    // which events name a peer is decided before attribution: chains point at the line that names the peer
    const naming = list.map(ADDRESSING);
    const downAt = new Map<string, number>(); // host -> this observer's latest reconnect attempt or close taken
    list.forEach((e, i) => {
      if ((e.kind === 'tunnel.connecting' || e.kind === 'tunnel.connect-failed') && e.peer) downAt.set(hostOf(e.peer), e.until ?? e.time!);
      if (!ATTRIBUTABLE(e) || e.peer !== null) return;
      const to = nextPeer(list, naming, i, downAt);
      if (!to) return;
      // a client-side close takes the peer's tunnel down; a server-side one is the other direction of the same loss
      if (!(e.kind === 'tunnel.error' && e.detail.side === 'server')) downAt.set(hostOf(to.peer!), e.time!);
      const a = e as Attributable;
      a.peer = to.peer;
      a.detail = { ...a.detail, attributedFrom: `${to.evidence.path}:${to.evidence.line}` };
    });
    keepServerSideIfClientBroke(list);
  }
}

/** A peer redialled, or whose tunnel closed, this recently was already lost: a tunnel that breaks now is another one. */
const LOOPING_MS = 30_000;

/**
 * The peer-naming event an unaddressed error at `i` belongs to: the next one within 60 s whose peer
 * was not already down (a close can only come from a tunnel still up: when several servers go, the
 * first one's close and reconnect loop must not take the next one's close), else the next.
 */
function nextPeer(list: Event[], naming: boolean[], i: number, downAt: Map<string, number>): Event | null {
  const t = list[i].time!;
  let first: Event | null = null;
  for (let j = i + 1; j < list.length && list[j].time! - t <= ATTRIBUTION_WINDOW_MS; j++) {
    if (!naming[j]) continue;
    const c = list[j];
    first ??= c;
    const last = downAt.get(hostOf(c.peer!));
    if (last === undefined || t - last > LOOPING_MS) return c;
  }
  return first;
}

/** Both directions of a dead server's tunnels break within a few pings (5 s each way) of each other. */
const SESSION_PAIR_MS = 10_000;

/**
 * A server-side close (`error in remotedialer server`) is an incoming session: it belongs to the
 * peer of the observer's next outgoing tunnel event only when that outgoing tunnel broke too (a
 * dead server drops both directions; a dead agent only the incoming one). Else the peer is unknown.
 */
function keepServerSideIfClientBroke(list: Event[]): void {
  for (const e of list) {
    if (e.kind !== 'tunnel.error' || e.detail.side !== 'server' || !e.detail.attributedFrom || e.peer === null) continue;
    const host = hostOf(e.peer);
    let broke = false;
    // the list is in time order: look only at the events within the pairing window
    let lo = 0;
    let hi = list.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (list[mid].time! < e.time! - SESSION_PAIR_MS) lo = mid + 1; else hi = mid; }
    for (let i = lo; i < list.length && list[i].time! <= e.time! + SESSION_PAIR_MS && !broke; i++) {
      const x = list[i];
      broke = x !== e && (x.kind === 'tunnel.connect-failed' || (x.kind === 'tunnel.error' && x.detail.side !== 'server')) && x.peer !== null && hostOf(x.peer) === host;
    }
    if (broke) continue;
    const { attributedFrom: _from, ...rest } = e.detail;
    e.detail = { ...rest, notAttributed: `${e.peer}: this node's own tunnel to it did not break` };
    e.peer = null;
  }
}

/** Adds `dropped` / `added` to every apiserver endpoint reset, against the same apiserver's previous list. */
function diffEndpoints(sorted: Event[]): void {
  const prev = new Map<string, string[]>();
  for (const e of sorted) {
    if (e.kind !== 'apiserver.endpoints') continue;
    const key = `${observerOf(e)}|${e.detail.service}`;
    const list = e.detail.ips;
    const before = prev.get(key);
    e.detail = { ...e.detail, dropped: before ? before.filter((s) => !list.includes(s)) : [], added: before ? list.filter((s) => !before.includes(s)) : [] };
    prev.set(key, list);
  }
}
