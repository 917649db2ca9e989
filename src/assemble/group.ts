// Facts -> per-peer outage groups (DESIGN §6): a loss transition opens one, loss evidence within
// the quiet gap joins it, the first recovery seen by another node closes it. Dial failures to a
// peer never seen up are not an outage.
import type { Event } from '../types';
import type { Fact } from './facts';
import { sameHost } from './peers';
import { append } from '../lists';

export interface Group {
  host: string;
  facts: Fact[]; // failures and losses, time order
  opened: Fact;
  /** the first recovery (peerBack) */
  back: Fact | null;
  /** recoveries seen by each observer after the loss (first per observer) */
  recoveries: Fact[];
  lastEvidence: number;
  /** each loss and its recovery (DESIGN §6b: a flapping peer is one incident with several cycles) */
  cycles: Array<{ lost: Fact; back: Fact | null }>;
}

export interface Unreachable {
  host: string;
  first: Event;
  last: Event;
  count: number;
}

/**
 * How far before a loss transition its failures count as the outage's first signs: a silent peer
 * is noticed within a ping deadline (60 s) and dropped from the endpoints 15-25 s later. Older
 * failures (a dial refused while the peer was booting, before an earlier recovery) are not signs.
 */
const LEAD_MS = 5 * 60_000;

/** Failures that are failed dials to the peer: it has not come back since. */
const DIALS = new Set(['tunnel.connect-failed', 'lb.dial-error']);

/** Groups facts (time-ordered) per host. `gapMs` is the quiet gap. */
export function groupFacts(facts: Fact[], gapMs: number): { groups: Group[]; unreachable: Unreachable[] } {
  const byHost = new Map<string, Fact[]>();
  for (const f of facts) {
    let l = byHost.get(f.host);
    if (!l) byHost.set(f.host, (l = []));
    l.push(f);
  }
  const groups: Group[] = [];
  const unreachable: Unreachable[] = [];
  for (const [host, list] of byHost) {
    let seenUp = false;
    let cur: Group | null = null;
    let lastBack: number | null = null;
    let recent: Fact[] = []; // failures since the last recovery, for firstSign
    const dials: Event[] = [];
    const open = () => !!cur && cur.cycles[cur.cycles.length - 1].back === null;
    for (const f of list) {
      const t = f.ev.time!;
      const until = f.ev.until ?? t; // a run's last line
      if (f.kind === 'up') { seenUp = true; continue; }
      if (f.kind === 'recovery') {
        seenUp = true;
        if (cur && f.ev.node !== host) {
          const cycle = cur.cycles[cur.cycles.length - 1];
          if (!cycle.back) { cycle.back = f; cur.back ??= f; lastBack = t; }
          // other observers' recoveries of the same cycle, each observer's first
          if (t - (lastBack ?? t) <= gapMs && !cur.recoveries.some((r) => r.ev.node === f.ev.node)) cur.recoveries.push(f);
        }
        recent = [];
        continue;
      }
      // failure or loss
      if (!seenUp && f.kind === 'failure' && f.ev.kind === 'tunnel.connect-failed' && !cur) {
        dials.push(f.ev);
        continue;
      }
      // a failed dial proves the peer still down: it extends an open outage however sparse the retries
      const stillDown = f.kind === 'failure' && DIALS.has(f.ev.kind);
      if (cur && open() && (t - cur.lastEvidence <= gapMs || stillDown)) {
        cur.facts.push(f);
        cur.lastEvidence = Math.max(cur.lastEvidence, until);
        continue;
      }
      if (f.kind === 'loss') {
        // a run of failures that reaches into the lead counts from its first line: the peer failed all along
        const lead = recent.filter((r) => t - (r.ev.until ?? r.ev.time!) <= Math.min(gapMs, LEAD_MS));
        if (cur && !open() && lastBack !== null && t - lastBack <= gapMs) {
          // lost again within the quiet gap of its recovery: the same incident, one more cycle
          cur.cycles.push({ lost: f, back: null });
          append(cur.facts, lead).push(f);
          cur.lastEvidence = Math.max(cur.lastEvidence, until);
        } else {
          cur = { host, facts: [...lead, f], opened: f, back: null, recoveries: [], lastEvidence: until, cycles: [{ lost: f, back: null }] };
          groups.push(cur);
        }
        recent = [];
        seenUp = true;
      } else {
        recent.push(f);
        if (recent.length > 1000) recent.shift();
      }
    }
    if (dials.length && !groups.some((g) => g.host === host) && !seenUp) {
      unreachable.push({ host, first: dials[0], last: dials[dials.length - 1], count: dials.reduce((n, d) => n + d.count, 0) });
    }
  }
  groups.sort((a, b) => a.facts[0].ev.time! - b.facts[0].ev.time!);
  return { groups, unreachable };
}

/** For an incident known from reaper output and named by NotReady: the first recovery of that address per observer. */
export function laterRecoveries(all: Fact[], host: string, after: number): Fact[] {
  const out: Fact[] = [];
  for (const f of all) {
    if (f.kind === 'recovery' && f.host === host && f.ev.time! > after && !out.some((r) => r.ev.node === f.ev.node)) out.push(f);
  }
  return out;
}

/** Recoveries of a node known only by name: NodeReady and its backend connection, per observer. */
export function recoveriesByName(timed: Event[], name: string, after: number): Fact[] {
  const out: Fact[] = [];
  for (const e of timed) {
    if (e.time! <= after) continue;
    const who = e.kind === 'node.ready' ? e.detail.nodeName : e.kind === 'tunnel.backend-connected' ? e.peer : null;
    if (typeof who !== 'string' || !sameHost(who, name) || out.some((r) => r.ev.node === e.node)) continue;
    out.push({ host: name, addr: name, kind: 'recovery', ev: e });
  }
  return out;
}
