// What each event says about a peer host, as its kind's row in the meaning table (src/kinds.ts)
// reads it: a failure, a loss transition (opens an incident), a recovery (peer back), or only that
// the peer was up. One event may speak of several hosts.
import type { Event } from '../types';
import { speaks, type FactKind } from '../kinds';
import { hostOf, isLoopback, type NameBook } from './peers';
import { ATTRIBUTION_WINDOW_MS, observerOf } from './prepare';
import { SpanIndex } from './spans';

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

/** A line the observer logged about itself (its tunnel to its own address): the lost node's own stop and restart are context, never a survivor's view. */
function aboutItself(ev: Event, host: string, names?: NameBook): boolean {
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
  // reconnect attempts (and failed ones) per observer and peer host, runs as spans
  const dials = new SpanIndex();
  for (const e of sorted) if ((e.kind === 'tunnel.connecting' || e.kind === 'tunnel.connect-failed') && e.peer) dials.add(`${observerOf(e)}|${hostOf(e.peer)}`, e);
  const reconnectSoon = (e: Event, host: string): boolean => dials.has(`${observerOf(e)}|${host}`, e.time!, e.time! + ATTRIBUTION_WINDOW_MS, false, e);
  sorted.forEach((ev) => {
    if (ev.time === null) return;
    const reading = { addrOf: (n: string) => names.addrOf(n), reconnectFollows: (peer: string) => reconnectSoon(ev, hostOf(peer)) };
    for (const s of speaks(ev, reading)) {
      if (!s.addr) continue;
      const host = hostOf(s.addr);
      if (isLoopback(host) || aboutItself(ev, host, names)) continue;
      out.push({ host, addr: s.addr, kind: s.fact, ev, failover: !!s.failover });
    }
  });
  if (!coveredUntil) return out;
  const quiet = quietReconnects(sorted, out, coveredUntil).map((ev) => ({ host: hostOf(ev.peer!), addr: ev.peer!, kind: 'recovery' as const, ev, failover: false }))
    .filter((f) => !aboutItself(f.ev, f.host, names));
  if (!quiet.length) return out;
  // a run's last attempt sorts at its own time; within an instant, in event order
  const order = new Map(sorted.map((e, i) => [e.seq, i]));
  return [...out, ...quiet].sort((a, b) => a.ev.time! - b.ev.time! || order.get(a.ev.seq)! - order.get(b.ev.seq)!);
}

/** How long after an observer's own start its tunnel dials are start-up, not a peer coming back. */
const STARTUP_MS = 5 * 60_000;

/**
 * `Connecting to proxy` attempts no error, retry or loss of the same observer and peer followed
 * within a minute. Of a run of attempts only the last can be such (each other one is followed by
 * the next): it stands alone, with its own line.
 */
function quietReconnects(sorted: Event[], facts: Fact[], coveredUntil: (e: Event) => number | null): Event[] {
  const out: Event[] = [];
  const bad = new SpanIndex();
  for (const f of facts) if (f.kind === 'loss' || f.kind === 'failure') bad.add(`${observerOf(f.ev)}|${f.host}`, f.ev);
  const attempts = new SpanIndex();
  for (const e of sorted) if (e.kind === 'tunnel.connecting' && e.peer) attempts.add(`${observerOf(e)}|${hostOf(e.peer)}`, e);
  const started = new Map<string, number>(); // observer -> its latest `Starting rke2`
  for (const e of sorted) {
    if (e.kind === 'node.starting' && e.time !== null) started.set(observerOf(e), e.time);
    if (e.kind !== 'tunnel.connecting' || !e.peer || e.time === null) continue;
    const last = lastLine(e);
    const t = last.time!;
    // an observer's own start-up dials every server, its own address too (the dead node restarting)
    if (t - (started.get(observerOf(e)) ?? -Infinity) <= STARTUP_MS) continue;
    const host = hostOf(e.peer);
    if (isLoopback(host)) continue;
    const end = t + QUIET_RECONNECT_MS;
    if ((coveredUntil(e) ?? -Infinity) < end) continue; // the log stops too soon to know
    const key = `${observerOf(e)}|${host}`;
    if (attempts.has(key, t, end, false, e) || bad.has(key, t, end, true)) continue;
    out.push(last);
  }
  return out;
}

/** The last line of a run as an event of its own (a single line is itself). */
function lastLine(e: Event): Event {
  if (e.count <= 1 || !e.lastEvidence) return e;
  return { ...e, time: e.until, evidence: e.lastEvidence, count: 1, lastEvidence: null };
}
