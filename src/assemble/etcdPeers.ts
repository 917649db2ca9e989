// etcd member ids (hex) are not addresses: a line that shows both (`dial tcp IP:2380` in the error
// of the same peer-id) teaches the mapping, which then names the peer of every line about that id.
import type { Event } from '../types';
import { etcdIdOf, isEtcdId } from '../kinds';

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
