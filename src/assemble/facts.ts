// What each event says about a peer host: a failure, a loss transition (opens an incident), a
// recovery (peer back), or only that the peer was up. One event may speak of several hosts.
import type { Event } from '../types';
import { hostOf, isLoopback, type NameBook } from './peers';
import { ATTRIBUTION_WINDOW_MS, observerOf } from './prepare';
import { addrIn } from '../rules/rule';
import { isEtcdId } from './etcdPeers';

/** etcd member names are `<node>-<8 hex>`: the node part names the peer. */
const MEMBER_SUFFIX = /-[0-9a-f]{8}$/;

export type FactKind = 'loss' | 'failure' | 'recovery' | 'up';

export interface Fact {
  host: string;
  /** the peer as the line named it (with its port when it had one) */
  addr: string;
  kind: FactKind;
  ev: Event;
  /** for the failover milestone: this event takes the host out of a load balancer */
  failover?: boolean;
}

const UP_STATES = new Set(['ACTIVE', 'PREFERRED', 'HEALTHY']);

function push(out: Fact[], peer: string | null, kind: FactKind, ev: Event, failover = false, names?: NameBook): void {
  if (!peer) return;
  const host = hostOf(peer);
  if (isLoopback(host)) return;
  // the dead node's own restart (its tunnel to itself, its supervisor taking its own agent) is context, not peerBack
  if (kind === 'recovery' && ev.node && (ev.node === host || names?.addrOf(ev.node) === host)) return;
  out.push({ host, addr: peer, kind, ev, failover });
}

/** How long a reconnect attempt must stay unanswered by an error to count as the tunnel being up
 * (remotedialer's dial gives up after HandshakeTimeOut = 10 s, then retries within 5 s). */
export const QUIET_RECONNECT_MS = 60_000;

/**
 * Turns time-ordered events into peer facts; `names` maps backend node names to addresses.
 * `coveredUntil` (an observer's last logged time) lets a reconnect followed by no error count as
 * the peer back (messages.md §2.1, 2022-2023 wordings log no "connected" line).
 */
export function factsOf(sorted: Event[], names: NameBook, coveredUntil?: (e: Event) => number | null): Fact[] {
  const out: Fact[] = [];
  const reconnectSoon = (i: number, host: string): boolean => {
    const e = sorted[i];
    for (let j = i + 1; j < sorted.length; j++) {
      const n = sorted[j];
      if (n.time! - e.time! > ATTRIBUTION_WINDOW_MS) break;
      if (observerOf(n) === observerOf(e) && (n.kind === 'tunnel.connecting' || n.kind === 'tunnel.connect-failed') && n.peer && hostOf(n.peer) === host) return true;
    }
    return false;
  };
  sorted.forEach((ev, i) => {
    if (ev.time === null) return;
    const d = ev.detail;
    switch (ev.kind) {
      case 'tunnel.error':
        if (ev.peer) push(out, ev.peer, reconnectSoon(i, hostOf(ev.peer)) ? 'loss' : 'failure', ev);
        break;
      case 'watch.closed':
      case 'tunnel.connect-failed':
        push(out, ev.peer, 'failure', ev);
        break;
      case 'tunnel.stopped':
        // `Proxy done` also ends every tunnel when the observer itself shuts down: evidence, not a loss
        push(out, ev.peer, d.via === 'proxy-done' ? 'failure' : 'loss', ev);
        break;
      case 'lb.dial-error':
        push(out, addrIn(String(d.error)), 'failure', ev);
        break;
      case 'lb.server-removed':
        push(out, ev.peer, 'loss', ev, true);
        break;
      case 'lb.connections-closed':
      case 'lb.failover':
        push(out, ev.peer, 'failure', ev, true);
        break;
      case 'lb.health':
        if (d.to === 'FAILED') push(out, ev.peer, 'loss', ev, true);
        else if (UP_STATES.has(String(d.to))) push(out, ev.peer, d.from === 'FAILED' || d.from === 'RECOVERING' ? 'recovery' : 'up', ev, false, names);
        break;
      case 'lb.servers': {
        for (const s of (d.dropped as string[]) ?? []) push(out, s, 'loss', ev, true);
        for (const s of (d.added as string[]) ?? []) push(out, s, 'recovery', ev, false, names);
        for (const s of (d.servers as string[]) ?? []) push(out, s, 'up', ev);
        break;
      }
      case 'tunnel.started':
      case 'lb.server-added':
        push(out, ev.peer, 'recovery', ev, false, names);
        break;
      case 'etcd.peer-unreachable':
        if (!isEtcdId(ev)) push(out, ev.peer, d.transition ? 'loss' : 'failure', ev);
        break;
      case 'etcd.leader-changed':
        if (d.change === 'lost' && !isEtcdId(ev)) push(out, ev.peer, 'failure', ev);
        break;
      case 'etcd.peer-back':
        if (!isEtcdId(ev)) push(out, ev.peer, 'recovery', ev, false, names);
        break;
      case 'etcd.member-promoted': {
        const name = ev.peer ? ev.peer.replace(MEMBER_SUFFIX, '') : null;
        const addr = name ? names.addrOf(name) : null;
        if (addr) push(out, addr, 'recovery', ev, false, names);
        break;
      }
      case 'node.ready': {
        const addr = typeof d.nodeName === 'string' ? names.addrOf(d.nodeName) : null;
        if (addr) push(out, addr, 'recovery', ev, false, names);
        break;
      }
      case 'apiserver.endpoints': {
        for (const s of (d.dropped as string[]) ?? []) push(out, s, 'loss', ev);
        for (const s of (d.added as string[]) ?? []) push(out, s, 'recovery', ev, false, names);
        for (const s of (d.ips as string[]) ?? []) push(out, s, 'up', ev);
        break;
      }
      case 'tunnel.backend-connected': {
        const addr = ev.peer ? names.addrOf(ev.peer) : null;
        if (addr) push(out, addr, 'recovery', ev, false, names);
        break;
      }
      default:
        break;
    }
  });
  if (!coveredUntil) return out;
  const quiet = quietReconnects(sorted, out, coveredUntil).map((ev) => ({ host: hostOf(ev.peer!), addr: ev.peer!, kind: 'recovery' as const, ev, failover: false }))
    .filter((f) => !(f.ev.node && (f.ev.node === f.host || names.addrOf(f.ev.node) === f.host)));
  if (!quiet.length) return out;
  const order = new Map(sorted.map((e, i) => [e, i]));
  return [...out, ...quiet].sort((a, b) => order.get(a.ev)! - order.get(b.ev)!);
}

/** How long after an observer's own start its tunnel dials are start-up, not a peer coming back. */
const STARTUP_MS = 5 * 60_000;

/** `Connecting to proxy` attempts no error, retry or loss of the same observer and peer followed within a minute. */
function quietReconnects(sorted: Event[], facts: Fact[], coveredUntil: (e: Event) => number | null): Event[] {
  const out: Event[] = [];
  // failure and loss times per observer and peer (time order), searched by bisection
  const bad = new Map<string, number[]>();
  for (const f of facts) {
    if (f.kind !== 'loss' && f.kind !== 'failure') continue;
    const k = `${observerOf(f.ev)}|${f.host}`;
    const l = bad.get(k) ?? [];
    l.push(f.ev.time!);
    bad.set(k, l);
  }
  const started = new Map<string, number>(); // observer -> its latest `Starting rke2`
  sorted.forEach((e, i) => {
    if (e.kind === 'node.starting' && e.time !== null) started.set(observerOf(e), e.time);
    if (e.kind !== 'tunnel.connecting' || !e.peer || e.time === null) return;
    // an observer's own start-up dials every server, its own address too (the dead node restarting)
    if (e.time - (started.get(observerOf(e)) ?? -Infinity) <= STARTUP_MS) return;
    const host = hostOf(e.peer);
    if (isLoopback(host)) return;
    const end = e.time + QUIET_RECONNECT_MS;
    if ((coveredUntil(e) ?? -Infinity) < end) return; // the log stops too soon to know
    const who = observerOf(e);
    for (let j = i + 1; j < sorted.length && sorted[j].time! <= end; j++) {
      const n = sorted[j];
      if (n.kind === 'tunnel.connecting' && n.peer && hostOf(n.peer) === host && observerOf(n) === who) return;
    }
    const times = bad.get(`${who}|${host}`) ?? [];
    const next = times[firstAfter(times, e.time)];
    if (next === undefined || next > end) out.push(e);
  });
  return out;
}

/** Index of the first value greater than `t` in an ascending list (its length when none). */
function firstAfter(xs: number[], t: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] > t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
