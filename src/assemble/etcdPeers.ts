// etcd member ids (hex) are not addresses: a line that shows both (`dial tcp IP:2380` in the error
// of the same peer-id) teaches the mapping, which then names the peer of every line about that id.
import type { Event } from '../types';

const ETCD_ID = /^[0-9a-f]{1,16}$/;

/** True for an event whose peer is still a bare etcd member id. */
export function isEtcdId(e: Event): boolean {
  return e.kind.startsWith('etcd.') && e.peer !== null && ETCD_ID.test(e.peer) && e.detail.peerId === e.peer;
}

/** Replaces member ids by addresses wherever any line revealed the pair; returns the map. */
export function mapEtcdPeers(events: Event[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const e of events) {
    const id = e.detail.peerId;
    const addr = e.detail.peerAddr;
    if (typeof id === 'string' && typeof addr === 'string' && !map.has(id)) map.set(id, addr);
  }
  for (const e of events) {
    if (!isEtcdId(e)) continue;
    const addr = map.get(e.peer!);
    if (addr) e.peer = addr;
  }
  return map;
}
