// Peer addresses: host without port, loopback detection, the address <-> node-name map.
import type { Event } from '../types';

/** `10.0.0.12:9345` -> `10.0.0.12`; `[fd00::1]:9345` -> `fd00::1`; names stay names. */
export function hostOf(peer: string): string {
  if (peer.startsWith('[')) return peer.slice(1, peer.indexOf(']'));
  const i = peer.lastIndexOf(':');
  return i > 0 && /^\d+$/.test(peer.slice(i + 1)) && peer.indexOf(':') === i ? peer.slice(0, i) : peer;
}

/** `10.0.0.12:9345` and `[fd00::1]:9345` -> 9345; a bare IPv6 address (`fd00::12`) has no port. */
export function portOf(peer: string): number | null {
  const m = /(?:^\[[0-9A-Fa-f:.]{2,45}\]|^[^:]{1,253}):(\d{1,5})$/.exec(peer);
  return m ? Number(m[1]) : null;
}

export function isLoopback(host: string): boolean {
  return host.startsWith('127.') || host === '::1' || host === 'localhost';
}

/** Ports only control-plane servers listen on: a peer seen on them is a server. */
/** `feng-ws2.sme-feng.example.com` -> `feng-ws2`; addresses stay whole (`10.0.0.5` is not `10`). */
export function shortName(name: string): string {
  return /[A-Za-z]/.test(name) && !name.includes(':') ? name.split('.')[0] : name;
}

/** True when two node names are the same host, short or fully qualified. */
export function sameHost(a: string, b: string): boolean {
  return shortName(a) === shortName(b);
}

export const SERVER_PORTS = new Set([9345, 6443, 2379, 2380]);

/** Two-way map between addresses and node names, fed by options and by what the logs reveal. */
export class NameBook {
  private byAddr = new Map<string, string>();
  private byName = new Map<string, string>();

  add(name: string, addr: string): void {
    if (!this.byAddr.has(addr)) this.byAddr.set(addr, name);
    if (!this.byName.has(name)) this.byName.set(name, addr);
    const short = shortName(name);
    if (!this.byName.has(short)) this.byName.set(short, addr);
  }

  nameOf(addr: string): string | null {
    return this.byAddr.get(addr) ?? null;
  }

  addrOf(name: string): string | null {
    return this.byName.get(name) ?? this.byName.get(shortName(name)) ?? null;
  }

  /**
   * Learns the observers' own addresses (DESIGN §3, node-lifecycle.md §6), surest first: the
   * node's own lines (`--node-ip=`, etcd advertise URLs, `--advertise-address=`), then the local
   * side of `read tcp A:p->B:q` in its errors. The first name an address gets stays.
   */
  learnAll(events: Event[]): void {
    const rank = { 'node-ip': 0, 'etcd-peer-url': 1, 'advertise-address': 2 } as const;
    const own = events.filter((e) => e.kind === 'node.address' && e.node).sort((a, b) => (a.kind === 'node.address' && b.kind === 'node.address' ? rank[a.detail.from] - rank[b.detail.from] : 0));
    for (const e of own) if (e.kind === 'node.address') this.add(e.node!, hostOf(e.detail.address));
    for (const e of events) this.learnFrom(e);
  }

  /**
   * A server's own address by elimination: an rke2 server dials a tunnel to every other server it
   * knows, not to itself (before the 2024 endpoint watch). When a server observer dialed all known
   * servers but exactly one, and no other node holds that one, it is its own.
   */
  learnByElimination(timed: Event[], servers: Set<string>): void {
    if (servers.size < 2) return;
    const dialed = new Map<string, Set<string>>();
    for (const e of timed) {
      if (!e.node || e.role !== 'server' || e.kind !== 'tunnel.connecting' || !e.peer) continue;
      let s = dialed.get(e.node);
      if (!s) dialed.set(e.node, (s = new Set()));
      s.add(hostOf(e.peer));
    }
    for (const [node, hosts] of dialed) {
      if (this.addrOf(node)) continue;
      const missing = [...servers].filter((h) => !hosts.has(h));
      if (missing.length === 1 && hosts.size === servers.size - 1 && !this.nameOf(missing[0])) this.add(node, missing[0]);
    }
  }

  /** Learns an observer's own address from `read tcp A:p->B:q` (or `[A6]:p->`) in its errors. */
  learnFrom(ev: Event): void {
    const err = 'error' in ev.detail && typeof ev.detail.error === 'string' ? ev.detail.error : null;
    if (!err || !ev.node) return;
    const m = /(\d{1,3}(?:\.\d{1,3}){3}|\[[0-9A-Fa-f:.]{2,45}\]):\d{1,5}->/.exec(err);
    const host = m ? hostOf(m[1]) : null;
    if (host && !isLoopback(host)) this.add(ev.node, host);
  }
}
