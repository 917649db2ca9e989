// Event preparation, shared by the report and `rke2-outage events`: time order, peer attribution
// of un-addressed errors (60 s), load-balancer and endpoint list diffs per observer, etcd member ids
// mapped to addresses. It works on copies: the read stage's events are never changed.
import type { Event, EventOf } from '../types';
import { KINDS } from '../kinds';
import { hostOf, isLoopback } from './peers';
import { mapEtcdPeers } from './etcdPeers';

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
    let next: Event | null = null;
    for (let i = list.length - 1; i >= 0; i--) {
      const e = list[i];
      const names = ADDRESSING(e); // decided before attribution: chains point at the line that names the peer
      if (ATTRIBUTABLE(e) && e.peer === null && next && next.time! - e.time! <= ATTRIBUTION_WINDOW_MS) {
        const a = e as Attributable;
        a.peer = next.peer;
        a.detail = { ...a.detail, attributedFrom: `${next.evidence.path}:${next.evidence.line}` };
      }
      if (names) next = e;
    }
    keepServerSideIfClientBroke(list);
  }
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

/** What one observer's balancer last printed, and what is known of its default server. */
interface LbState {
  list: string[];
  def: string | null;
  /** the default left the endpoints and is only printed because k3s 1.21 appends it */
  appended: boolean;
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * Adds `dropped` / `added` to every server-list event, against the observer's previous list.
 * 2022 wording (k3s 1.21 `setServers`): an update is logged only when the endpoint set changed, and
 * the default server is appended last when it is missing from it. So an update that lists the same
 * servers means the default toggled: last in the list = it left (`defaultAppended`), else it is back.
 */
function diffLoadBalancers(sorted: Event[]): void {
  const state = new Map<string, LbState>();
  for (const e of sorted) {
    if (e.kind === 'lb.default') {
      const st = state.get(`${observerOf(e)}|${e.detail.lb}`);
      if (st && e.peer) st.def = e.peer;
      continue;
    }
    if (e.kind !== 'lb.servers') continue;
    const key = `${observerOf(e)}|${e.detail.lb}`;
    const list = e.detail.servers;
    const st = state.get(key);
    const def = e.detail.default ?? (e.detail.startup && list.length === 1 ? list[0] : st?.def ?? null);
    if (!st || e.detail.startup) {
      // the observer's own (re)start lists only its --server: the others missing from it were not lost
      e.detail = { ...e.detail, ...(st ? {} : { first: true }), dropped: [], added: [] };
      state.set(key, { list, def, appended: false });
      continue;
    }
    const dropped = st.list.filter((s) => !list.includes(s));
    const added = list.filter((s) => !st.list.includes(s));
    const last = list[list.length - 1];
    const appends = e.detail.wording === 'updating' && last !== undefined;
    let extra: { defaultAppended?: string; defaultBack?: string } = {};
    if (appends && sameSet(st.list, list)) {
      // the default is known, or (unknown) it is the entry that just moved to the end
      const d = def ?? (st.list[st.list.length - 1] !== last ? last : null);
      if (d && !st.appended && last === d) { dropped.push(d); st.appended = true; extra = { defaultAppended: d }; }
      else if (d && st.appended) { added.push(d); st.appended = false; extra = { defaultBack: d }; }
    } else if (appends && st.appended && def && list.includes(def)) {
      if (last !== def) { added.push(def); st.appended = false; extra = { defaultBack: def }; }
      else extra = { defaultAppended: def };
    }
    e.detail = { ...e.detail, dropped, added, ...extra };
    st.list = list;
    st.def = def;
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
