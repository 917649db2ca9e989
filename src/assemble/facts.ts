// What each event says about a peer host, as its kind's row in the meaning table (src/kinds.ts)
// reads it: a failure, a loss transition (opens an incident), a recovery (peer back), or only that
// the peer was up. One event may speak of several hosts.
import type { Event } from '../types';
import { speaks, type FactKind } from '../kinds';
import { hostOf, isLoopback, type NameBook } from './peers';
import { ATTRIBUTION_WINDOW_MS, observerOf } from './prepare';

export type { FactKind };

export interface Fact {
  host: string;
  /** the peer as the line named it (with its port when it had one) */
  addr: string;
  kind: FactKind;
  ev: Event;
  /** for the failover milestone: this event takes the host out of a load balancer */
  failover?: boolean;
}

/** A recovery the observer logged about itself: the dead node's own restart is context, not peerBack. */
function ownRecovery(ev: Event, host: string, names?: NameBook): boolean {
  return !!ev.node && (ev.node === host || names?.addrOf(ev.node) === host);
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
    const reading = { addrOf: (n: string) => names.addrOf(n), reconnectFollows: (peer: string) => reconnectSoon(i, hostOf(peer)) };
    for (const s of speaks(ev, reading)) {
      if (!s.addr) continue;
      const host = hostOf(s.addr);
      if (isLoopback(host) || (s.fact === 'recovery' && ownRecovery(ev, host, names))) continue;
      out.push({ host, addr: s.addr, kind: s.fact, ev, failover: !!s.failover });
    }
  });
  if (!coveredUntil) return out;
  const quiet = quietReconnects(sorted, out, coveredUntil).map((ev) => ({ host: hostOf(ev.peer!), addr: ev.peer!, kind: 'recovery' as const, ev, failover: false }))
    .filter((f) => !ownRecovery(f.ev, f.host, names));
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
