// What the surviving servers' static pods log around a node's death (messages.md §2.6-§2.8, §4):
// the controller-manager's NotReady and evictions; for a dead server, etcd losing the peer's
// streams first (followers of a dead leader lose it and elect another, the prober retries every
// 5 s) and the apiserver dropping its IP when its lease expires; on return etcd sees the peer
// active again and the apiserver lists the IP again.
import { createHash } from 'node:crypto';
import { RELEASE, type Ctx, type GenNode, type Marked, type Wording } from './wording';

const S = 1000;

/** etcd member id of a node: 16 hex digits as etcd prints them (%x, no leading zero). */
export function memberId(n: GenNode): string {
  return createHash('sha1').update(n.name).digest('hex').slice(0, 16).replace(/^0/, '8');
}

/** zap `ts` in each etcd's own style: 3.4 milliseconds, 3.5 trimmed fraction, 3.6 microseconds. */
export function etcdTs(t: number, w: Wording): string {
  const base = new Date(t).toISOString().slice(0, 19);
  const ms = String(t % 1000).padStart(3, '0');
  if (w === '2022') return `${base}.${ms}Z`;
  if (w === '2025') return `${base}.${ms}100Z`;
  return `${base}.${`${ms}1`.replace(/0+$/, '')}Z`;
}

const json = (t: number, w: Wording, level: string, caller: string, msg: string, fields: Record<string, string> = {}, mark?: Marked['mark']): Marked => {
  const logger = w === '2022' || !msg.startsWith('raft') ? {} : { logger: 'raft' };
  return { t, kind: 'raw', text: JSON.stringify({ level, ts: etcdTs(t, w), ...logger, caller, msg, ...fields }), mark };
};

/** Milliseconds by which etcd's stream loss precedes the tunnel close (the first sign on the survivors). */
export const ETCD_LEAD_MS = 94;

export interface EtcdCtx { w: Wording; self: GenNode; servers: GenNode[]; dead: GenNode; leader: GenNode }

/** A server's etcd at boot: a stream and `peer became active` for every other member. */
export function etcdBoot(c: EtcdCtx, boot: number): Marked[] {
  const me = memberId(c.self);
  return c.servers.filter((s) => s !== c.self).flatMap((p) => [
    json(boot + 12 * S, c.w, 'info', 'rafthttp/stream.go:250', 'established TCP streaming connection with remote peer', { 'stream-writer-type': 'stream Message', 'local-member-id': me, 'remote-peer-id': memberId(p) }),
    json(boot + 12 * S + 1, c.w, 'info', 'rafthttp/peer_status.go:53', 'peer became active', { 'peer-id': memberId(p) }),
  ]);
}

/**
 * A surviving server's etcd around one loss of `c.dead` at t0, back at `back` (null: never):
 * streams lost, a new leader when the dead one led (`elect`: false when the survivors have no
 * quorum: they only start elections), the prober every 5 s, the peer active again.
 */
export function etcdOutage(c: EtcdCtx, t0: number, back: number | null, until: number, elect = true): Marked[] {
  const me = memberId(c.self);
  const d = memberId(c.dead);
  const out: Marked[] = [];
  const te = t0 - ETCD_LEAD_MS;
  out.push(json(te, c.w, 'warn', 'rafthttp/peer_status.go:66', 'peer became inactive (message send to peer failed)', { 'peer-id': d, error: `failed to read ${d} on stream MsgApp v2 (unexpected EOF)` }, 'first'));
  out.push(json(te + 1, c.w, 'warn', 'rafthttp/stream.go:436', 'lost TCP streaming connection with remote peer', { 'stream-reader-type': 'stream MsgApp v2', 'local-member-id': me, 'remote-peer-id': d, error: 'unexpected EOF' }, 'first'));
  if (c.dead === c.leader) {
    const winner = c.servers.find((s) => s !== c.dead)!;
    out.push(json(te + 707, c.w, 'info', 'raft/node.go:331', `raft.node: ${me} lost leader ${d} at term 5`, {}, 'first'));
    // etcd-3639, k3s-hetzner-944 (test/data/real): a member without quorum campaigns and never wins
    if (!elect) out.push(json(te + 1735, c.w, 'info', 'raft/raft.go:870', `${me} is starting a new election at term 6`));
    else if (c.w === '2025' && c.self === winner) out.push(json(te + 1735, c.w, 'info', 'v3@v3.6.0/raft.go:970', `${me} became leader at term 6`));
    else out.push(json(te + 1735, c.w, 'info', 'raft/node.go:325', `raft.node: ${me} elected leader ${memberId(winner)} at term 6`));
  }
  // the prober warns every 5 s while the peer is down (its address is what names the member id)
  const refused = back === null ? until : back - 27 * S;
  for (let t = te + 5 * S + 2; t < Math.min(refused, until); t += 5 * S) {
    out.push(json(t, c.w, 'warn', 'rafthttp/probing_status.go:68', 'prober detected unhealthy status', { 'round-tripper-name': 'ROUND_TRIPPER_RAFT_MESSAGE', 'remote-peer-id': d, rtt: '1.203481ms', error: `dial tcp ${c.dead.ip}:2380: connect: no route to host` }, 'first'));
  }
  if (back !== null) {
    // the returning server's etcd starts ~13 s after its reboot, well before its supervisor takes tunnels
    const active = back - 27 * S + 227;
    out.push(json(active, c.w, 'info', 'rafthttp/peer_status.go:53', 'peer became active', { 'peer-id': d }, 'back'));
    out.push(json(active + 1, c.w, 'info', 'rafthttp/stream.go:250', 'established TCP streaming connection with remote peer', { 'stream-writer-type': 'stream Message', 'local-member-id': me, 'remote-peer-id': d }, 'back'));
  }
  return out;
}

/** A surviving server's etcd: peers up at boot, the dead peer's loss at t0, back at `back` (null: never). */
export function etcdLines(c: EtcdCtx, boot: number, t0: number, back: number | null, until: number): Marked[] {
  return [...etcdBoot(c, boot), ...etcdOutage(c, t0, back, until)];
}

/** klog source of the lease reconciler's warning, by Kubernetes minor. */
const LEASE_SRC: Record<Wording, string> = { '2022': 'lease.go:233', '2023': 'lease.go:233', '2024': 'lease.go:265', '2025': 'lease.go:265' };

/**
 * A surviving server's kube-apiserver (UTC): the master endpoints at boot, without the dead server
 * when its lease expires (15 s TTL + reconcile, `expiry` s after t0), with it again just before the
 * agents add it back (`back`, null: never).
 */
export function apiserverLines(c: EtcdCtx, boot: number, t0: number, expiry: number, back: number | null): Marked[] {
  const reset = (t: number, ns: GenNode[], mark?: Marked['mark']): Marked => ({
    t, kind: 'klog', sev: 'W', pid: 1, src: LEASE_SRC[c.w], mark,
    msg: `Resetting endpoints for master service "kubernetes" to [${ns.map((n) => n.ip).sort().join(' ')}]`,
  });
  const out = [reset(boot + 30 * S, c.servers), reset(t0 + expiry * S + 101, c.servers.filter((s) => s !== c.dead), 'first')];
  if (back !== null) out.push(reset(back - S + 101, c.servers, 'back'));
  return out;
}

/**
 * kube-controller-manager (UTC static pod): NotReady ~grace after the death (an event line only up
 * to 1.28), and the taint manager's evictions when the node is still down at `evictAt` (null: back before).
 */
export function kcm(c: Ctx, t0: number, graceS: number, evictAt: number | null, pods: Array<[string, string]>): Marked[] {
  const pid = 1;
  const out: Marked[] = [{ t: t0 - 3600 * S, kind: 'klog', sev: 'I', pid, src: 'leaderelection.go:258', msg: 'successfully acquired lease kube-system/kube-controller-manager' }];
  const nr = t0 + (graceS + 3) * S;
  if (c.w !== '2025') {
    const fp = c.w === '2024' ? ' fieldPath=""' : '';
    out.push({ t: nr, kind: 'klog', sev: 'I', pid, src: RELEASE[c.w].event, msg: `"Event occurred" object="${c.dead.name}"${fp} kind="Node" apiVersion="v1" type="Normal" reason="NodeNotReady" message="Node ${c.dead.name} status is now: NodeNotReady"`, mark: 'notReady' });
  }
  out.push({ t: nr, kind: 'klog', sev: 'I', pid, src: 'node_lifecycle_controller.go:1209', msg: 'Controller detected that zone  is now in state PartialDisruption.' });
  for (const [ns, p] of evictAt === null ? [] : pods) {
    if (c.w === '2025') out.push({ t: evictAt!, kind: 'klog', sev: 'I', pid, src: 'taint_eviction.go:112', msg: `"Deleting pod" controller="taint-eviction-controller" pod="${ns}/${p}"`, mark: 'evict' });
    else out.push({ t: evictAt!, kind: 'klog', sev: 'I', pid, src: 'taint_manager.go:106', msg: `"NoExecuteTaintManager is deleting pod" pod="${ns}/${p}"`, mark: 'evict' });
  }
  return out;
}
