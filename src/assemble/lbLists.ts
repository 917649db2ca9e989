// Load-balancer server lists, diffed per observer and balancer (DESIGN §5, §6b), on prepared
// copies: what each list drops and adds; the 2022 default server kept at the end of a list; the
// first list of an excerpt that starts mid-outage; an agent's own start-up swap.
import type { Event } from '../types';
import { speaks } from '../kinds';
import { hostOf, portOf } from './peers';
import { observerOf } from './prepare';

/** What one observer's balancer last printed, and what is known of its default server. */
interface LbState {
  list: string[];
  def: string | null;
  /** the default left the endpoints and is only printed because k3s 1.21 appends it */
  appended: boolean;
}

/** Failure evidence this recent, by the same observer, makes a peer missing from a first list a loss. */
const RECENT_FAILURE_MS = 60_000;
/** An agent replaces its configured server with the advertised ones within this long of its start. */
const STARTUP_SWAP_MS = 2 * 60_000;

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));
const reading = { addrOf: () => null, reconnectFollows: () => true };

/** Per observer: when it last started, and when it last saw each host fail. */
class Watch {
  started = new Map<string, number>();
  failed = new Map<string, Map<string, number>>();

  see(e: Event): void {
    const who = observerOf(e);
    // start-up: the process start, its first balancer, or the default server it sets from the advertised endpoints
    if ((e.kind === 'node.starting' && e.detail.phase === 'starting') || (e.kind === 'lb.servers' && e.detail.startup) || e.kind === 'lb.default') this.started.set(who, e.time!);
    if (e.kind === 'lb.servers' || e.kind === 'apiserver.endpoints') return;
    for (const s of speaks(e, reading)) {
      if (!s.addr || (s.fact !== 'failure' && s.fact !== 'loss')) continue;
      let m = this.failed.get(who);
      if (!m) this.failed.set(who, (m = new Map()));
      m.set(hostOf(s.addr), e.until ?? e.time!);
    }
  }

  failedSince(e: Event, host: string, since: number): boolean {
    const t = this.failed.get(observerOf(e))?.get(host);
    return t !== undefined && t >= since && t <= e.time!;
  }

  /** Inside the observer's own start-up, a host it saw no failure of is swapped out, not lost. */
  swap(e: Event, host: string): boolean {
    const t0 = this.started.get(observerOf(e));
    return t0 !== undefined && e.time! - t0 <= STARTUP_SWAP_MS && !this.failedSince(e, host, t0);
  }
}

/**
 * The first list an observer shows for a balancer has nothing before it to diff against: a host
 * missing from it counts as dropped when the observer saw it fail in the minute before, or when
 * its other balancer still lists it (2021-2022: the api-server list keeps a dead default server).
 */
function firstDrops(e: Event, list: string[], state: Map<string, LbState>, watch: Watch): string[] {
  const port = list.length ? portOf(list[0]) : null;
  if (port === null) return [];
  const have = new Set(list.map(hostOf));
  const who = observerOf(e);
  const hosts = new Set<string>();
  for (const [k, st] of state) if (k.startsWith(`${who}|`)) for (const s of st.list) hosts.add(hostOf(s));
  for (const [h] of watch.failed.get(who) ?? []) if (watch.failedSince(e, h, e.time! - RECENT_FAILURE_MS)) hosts.add(h);
  return [...hosts].filter((h) => !have.has(h)).map((h) => (h.includes(':') ? `[${h}]:${port}` : `${h}:${port}`));
}

/**
 * Adds `dropped` / `added` to every server-list event, against the observer's previous list.
 * 2022 wording (k3s 1.21 `setServers`): an update is logged only when the endpoint set changed, and
 * the default server is appended last when it is missing from it. So an update that lists the same
 * servers means the default toggled: last in the list = it left (`defaultAppended`), else it is back.
 */
export function diffLoadBalancers(sorted: Event[]): void {
  const state = new Map<string, LbState>();
  const watch = new Watch();
  for (const e of sorted) {
    // a swap is judged before the removal itself counts as failure evidence
    if (e.kind === 'lb.server-removed' && e.peer && watch.swap(e, hostOf(e.peer))) e.detail = { ...e.detail, startupSwap: true };
    watch.see(e);
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
      const dropped = st || e.detail.startup ? [] : firstDrops(e, list, state, watch);
      e.detail = { ...e.detail, ...(st ? {} : { first: true }), dropped, added: [] };
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
    const swapped = dropped.filter((s) => watch.swap(e, hostOf(s)));
    e.detail = { ...e.detail, dropped: dropped.filter((s) => !swapped.includes(s)), added, ...extra, ...(swapped.length ? { swapped } : {}) };
    st.list = list;
    st.def = def;
  }
}
