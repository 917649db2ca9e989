// etcd member ids (hex) are not addresses: a line that shows both (`dial tcp IP:2380` in the error
// of the same peer-id) teaches the mapping, which then names the peer of every line about that id.
import type { Event, Incident, InputSummary } from '../types';
import { etcdIdOf, isEtcdId, MEMBER_SUFFIX, rowOf } from '../kinds';
import { sameHost, type NameBook } from './peers';

export { isEtcdId };

/** Replaces member ids by addresses wherever any line revealed the pair (on prepared copies); returns the map. */
export function mapEtcdPeers(events: Event[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const e of events) {
    const id = etcdIdOf(e);
    const addr = e.kind === 'etcd.peer-unreachable' || e.kind === 'etcd.peer-back' ? e.detail.peerAddr : null;
    if (id && addr && !map.has(id)) map.set(id, addr);
  }
  for (const e of events) {
    if (!isEtcdId(e)) continue;
    const addr = map.get(e.peer!);
    if (addr) e.peer = addr;
  }
  return map;
}

/**
 * Which peers the input shows to be etcd members (a not-back server is "one etcd member short" only
 * then): an etcd line about the address (peer URL `IP:2380` in a prober or dial error), a member
 * promoted by name, a node's own etcd lines or etcd peer URL, or the node's own logs read as a
 * server's. A server known only by its supervisor or apiserver address is not claimed as one.
 */
export function etcdMembersOf(timed: Event[], inputs: InputSummary[], names: NameBook): (peer: Incident['peer']) => boolean {
  const addrs = new Set<string>();
  const nodes = new Set<string>();
  for (const e of timed) {
    if (e.kind === 'etcd.peer-unreachable' || e.kind === 'etcd.peer-back') {
      if (e.detail.peerAddr) addrs.add(e.detail.peerAddr.replace(/^\[|\](?::\d+)?$/g, '').replace(/:\d{1,5}$/, ''));
    }
    if (e.kind === 'etcd.member-promoted' && e.peer) nodes.add(e.peer.replace(MEMBER_SUFFIX, ''));
    if (e.kind === 'node.address' && e.detail.from === 'etcd-peer-url') addrs.add(e.detail.address);
    // a node's own etcd (its static pod log, its server's etcd lines) shows it runs a member
    if (e.node && e.role !== 'reaper' && rowOf(e).family === 'etcd') nodes.add(e.node);
  }
  for (const i of inputs) if (i.node && i.role === 'server' && !i.skipped && i.events > 0) nodes.add(i.node);
  for (const n of nodes) { const a = names.addrOf(n); if (a) addrs.add(a); }
  return (p) => (p.address !== null && addrs.has(p.address)) || (p.node !== null && [...nodes].some((n) => sameHost(n, p.node!)));
}
