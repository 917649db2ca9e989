// What the other nodes log when a server is lost and the apiserver endpoints do not change: all or
// most servers down at once (no quorum, no lease updates), or a restart quicker than the lease. No
// `Stopped tunnel`, no list update: the tunnel breaks, the reconnect loop runs until the server
// answers again (rke2-5949 and rke2-7386 in test/data/real show the loop by wording).
import { EOF, le, li, url, type Ctx, type GenNode, type Marked, type Wording } from './wording';

const S = 1000;

/** Seconds the k3s/remotedialer loop sleeps between attempts: 5 s (ClientConnect, 21-26e), 1 s (28*), 3 s (29e+), messages.md §3. */
const SLEEP: Record<Wording, number> = { '2022': 5, '2023': 5, '2024': 1, '2025': 3 };

export type DialError = 'noroute' | 'timeout';
const DIAL: Record<DialError, { s: number; text: (ip: string) => string }> = {
  noroute: { s: 3, text: (ip) => `dial tcp ${ip}:9345: connect: no route to host` },
  timeout: { s: 10, text: (ip) => `dial tcp ${ip}:9345: i/o timeout` },
};

/** Reconnect attempts to `peer` from `from` until it answers at `to` (null: never, up to `until`). */
export function reconnectLoop(w: Wording, peer: GenNode, from: number, to: number | null, until: number, err: DialError = 'noroute'): Marked[] {
  const out: Marked[] = [];
  const d = DIAL[err];
  const end = Math.min(to ?? Infinity, until);
  for (let t = from; t + d.s * S < end; t += (d.s + SLEEP[w]) * S) {
    out.push(li(t, 'Connecting to proxy', [['url', url(peer.ip)]]));
    const at = t + d.s * S;
    if (w === '2022') out.push(le(at, 'Failed to connect to proxy', [['error', d.text(peer.ip)]]));
    else out.push(le(at, 'Failed to connect to proxy. Empty dialer response', [['error', d.text(peer.ip)]]));
    if (w === '2024' || w === '2025') out.push(le(at, 'Remotedialer proxy error; reconnecting...', [['error', d.text(peer.ip)], ['url', url(peer.ip)]]));
  }
  return out;
}

/**
 * The tunnel to `c.dead` breaks at t0: the first sign, the agents' health checks (28*+), then the
 * loop, in each span the observer itself is up (`alive`: an observer that dies too stops looping,
 * and loops again from its own start-up; every attempt it logs is answered by its failure).
 */
export function lossNoEndpoints(c: Ctx, t0: number, back: number | null, until: number, alive: Array<[number, number]> = [[-Infinity, Infinity]]): Marked[] {
  const d = c.dead.ip;
  const out: Marked[] = [];
  const up = alive.some(([a, b]) => t0 >= a && t0 < b);
  if (!up) return loops(c, t0, back, until, alive);
  if (c.self.role === 'server') out.push(li(t0, `error in remotedialer server [400]: ${EOF}`, undefined, 'first'));
  if (c.w === '2022' || c.w === '2023') out.push(le(t0, 'Remotedialer proxy error', [['error', EOF]], 'first'));
  else out.push(le(t0, 'Remotedialer proxy error; reconnecting...', [['error', EOF], ['url', url(d)]], 'first'));
  if (c.self.role === 'agent' && c.w === '2024') out.push(li(t0 + S, `Closing 6 connections to load balancer server ${d}:6443`, undefined, 'failover'));
  if (c.self.role === 'agent' && c.w === '2025') {
    const h = t0 + S;
    out.push(li(h, `Server ${d}:9345@ACTIVE->FAILED from failed health check`, undefined, 'failover'));
    out.push(li(h, `Server ${d}:6443@ACTIVE->FAILED from failed health check`, undefined, 'failover'));
    out.push(li(h, `Closing 5 connections to load balancer server ${d}:6443@FAILED`, undefined, 'failover'));
    const next = c.servers.find((s) => s !== c.dead && (c.o?.up?.(s, h) ?? true));
    if (next) out.push(li(h, `Server ${next.ip}:6443@PREFERRED->ACTIVE from successful dial`));
  }
  out.push(...loops(c, t0, back, until, alive));
  return out;
}

/** The reconnect loop of each span the observer is up in, until the peer answers. */
function loops(c: Ctx, t0: number, back: number | null, until: number, alive: Array<[number, number]>): Marked[] {
  const first = (c.w === '2024' ? 1 : c.w === '2025' ? 3 : 5) * S;
  return alive.flatMap(([a, b]) => {
    // after its own start-up (a), the observer's first attempt is the start-up's tunnel (+6 s)
    const from = a <= t0 ? t0 + first : a + 6 * S;
    const to = Math.min(back ?? Infinity, b);
    return from < to ? reconnectLoop(c.w, c.dead, from, to, until) : [];
  });
}

/** `c.dead` answers again at tb: the attempt that no error follows, the tunnel up, health back (29e+). */
export function returnNoEndpoints(c: Ctx, tb: number): Marked[] {
  const d = c.dead.ip;
  const newer = c.w === '2024' || c.w === '2025';
  const out: Marked[] = [];
  if (c.self.role === 'server') out.push(li(tb, `Handling backend connection request [${c.dead.name}]`));
  // 2022-2023 log no "connected" line: a Connecting to proxy no error follows is the return (README)
  out.push(li(tb, 'Connecting to proxy', [['url', url(d)]], newer ? undefined : 'back'));
  if (newer) out.push(li(tb, 'Remotedialer connected to proxy', [['url', url(d)]], 'back'));
  if (c.w === '2025' && c.self.role === 'agent') {
    out.push(li(tb + S, `Server ${d}:9345@FAILED->RECOVERING from successful health check`));
    out.push(li(tb + 2 * S, `Server ${d}:9345@RECOVERING->PREFERRED from successful health check`));
  }
  return out;
}
