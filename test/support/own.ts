// What a lost node writes about its own fate (node-lifecycle.md §1-§5; real pastes in
// test/data/real, named below): the stop sequence of a clean shutdown, the boot marker of a
// reboot, the NUL block of a crash, and a partitioned server that keeps logging and loses its peers.
import { createHash } from 'node:crypto';
import type { Wording } from './wording';
import { le, li, url, type Ctx, type GenNode, type Marked } from './wording';
import { reconnectLoop } from './loops';
import { etcdBoot, etcdTs, memberId, type EtcdCtx } from './controlPlane';

const S = 1000;
const unit = (t: number, text: string): Marked => ({ t, kind: 'unit', ident: 'systemd[1]', text });
const desc = (c: Ctx) => `Rancher Kubernetes Engine v2 (${c.self.role})`;
const svc = (c: Ctx) => `rke2-${c.self.role}.service`;

/** The servers a node keeps tunnels to (its own address too when it says it: k3s watchEndpoints connects to every endpoint). */
const tunnelPeers = (c: Ctx) => c.servers.filter((s) => s.ip !== c.self.ip || (c.o?.ownAddress && c.self.role === 'server'));

/**
 * `systemctl stop` / host shutdown, all in one second: rke2-8945 (2025: signal received, `Error:`
 * wording only from v1.32.8), rke2-629 (`Shutting down ... workers`), k3s-3536 (`Proxy done`,
 * fatal `context canceled`), rke2-259 (exit status, `Failed with result`, `Stopped ...`). systemd's
 * lines are in the unit's journal only.
 */
export function stopSequence(c: Ctx, t: number): Marked[] {
  const out: Marked[] = [unit(t, `Stopping ${desc(c)}...`)];
  // wrangler v3 signal handler: RKE2 v1.32.0-v1.32.9 (node-lifecycle.md §1); our 2025 wording is v1.32.5
  if (c.w === '2025') out.push({ t, kind: 'logrus', level: 'warning', msg: 'signal received: "terminated", canceling context...' });
  for (const gvk of ['/v1, Kind=Node', '/v1, Kind=Secret', 'k3s.cattle.io/v1, Kind=Addon']) out.push(li(t, `Shutting down ${gvk} workers`));
  for (const p of tunnelPeers(c)) out.push(li(t, 'Proxy done', [['err', 'context canceled'], ['url', url(p.ip)]]));
  // RKE2 <= v1.32.7 ends every ordinary stop with a fatal "context canceled" (rke2#259, rke2#8945)
  out.push({ t, kind: 'logrus', level: 'fatal', msg: 'context canceled' });
  out.push(unit(t, `${svc(c)}: Main process exited, code=exited, status=1/FAILURE`));
  out.push(unit(t, `${svc(c)}: Failed with result 'exit-code'.`));
  out.push(unit(t, `Stopped ${desc(c)}.`));
  return out;
}

/** journalctl's boot boundary: `-- Reboot --` up to systemd v246 (RHEL 8), `-- Boot <id> --` from v247 (node-lifecycle.md §2). */
export function bootMarker(w: Wording, t: number, host: string): Marked {
  if (w === '2022' || w === '2023') return { t, kind: 'marker', text: '-- Reboot --' };
  const id = createHash('sha1').update(`${host}@${t}`).digest('hex').slice(0, 32);
  return { t, kind: 'marker', text: `-- Boot ${id} --` };
}

/** systemd starting the unit: `Starting ...` before the first rke2 line, `Started ...` once it is up (rke2#4479). */
export function unitStart(c: Ctx, t: number): Marked[] {
  return [unit(t, `Starting ${desc(c)}...`)];
}
export function unitStarted(c: Ctx, t: number): Marked[] {
  return [unit(t, `Started ${desc(c)}.`)];
}

/** The 4 KiB of zeros a power loss leaves where the last writes were (node-lifecycle.md §4, syslog-ng#360). */
export const NUL_BYTES = 4096;
export const nulBlock = (t: number): Marked => ({ t, kind: 'nul', bytes: NUL_BYTES });

/**
 * A server cut off from the others at t0: its tunnels to every other server time out in turn,
 * the sessions of the nodes connected to it time out, the reconnect loop runs until the network
 * is back at `tb` (null: never). i/o timeout is the partition's error (node-lifecycle.md §5).
 */
export function partitionView(c: Ctx, t0: number, tb: number | null, until: number, sessions: GenNode[]): Marked[] {
  const out: Marked[] = [];
  const newer = c.w === '2024' || c.w === '2025';
  c.servers.filter((s) => s !== c.self).forEach((p, i) => {
    const t = t0 + 2 * i * S;
    const err = `read tcp ${c.self.ip}:${44372 + i}->${p.ip}:9345: i/o timeout`;
    out.push(newer ? le(t, 'Remotedialer proxy error; reconnecting...', [['error', err], ['url', url(p.ip)]]) : le(t, 'Remotedialer proxy error', [['error', err]]));
    out.push(...reconnectLoop(c.w, p, t + 5 * S, tb, until, 'timeout'));
    if (tb !== null) {
      out.push(li(tb, 'Connecting to proxy', [['url', url(p.ip)]]));
      if (newer) out.push(li(tb, 'Remotedialer connected to proxy', [['url', url(p.ip)]]));
    }
  });
  sessions.forEach((a, i) => out.push(li(t0 + (1 + 2 * i) * S, `error in remotedialer server [400]: read tcp ${c.self.ip}:9345->${a.ip}:${50412 + i}: i/o timeout`)));
  return out;
}

const json = (t: number, w: Wording, level: string, caller: string, msg: string, fields: Record<string, string> = {}): Marked => {
  const logger = w === '2022' || !/^(?:raft|[0-9a-f]+ )/.test(msg) ? {} : { logger: 'raft' };
  return { t, kind: 'raw', text: JSON.stringify({ level, ts: etcdTs(t, w), ...logger, caller, msg, ...fields }) };
};

/**
 * The cut-off server's own etcd: streams to every peer time out in turn, it loses the leader and
 * campaigns alone with rising terms (etcd-3639, k3s-hetzner-944), the prober fails every 5 s; the
 * peers are active again when the network is back.
 */
export function partitionEtcd(e: EtcdCtx, boot: number, t0: number, tb: number | null, until: number): Marked[] {
  const me = memberId(e.self);
  const out = etcdBoot(e, boot);
  const peers = e.servers.filter((s) => s !== e.self);
  peers.forEach((p, i) => {
    const t = t0 - 94 + 2 * i * S;
    out.push(json(t, e.w, 'warn', 'rafthttp/stream.go:421', 'lost TCP streaming connection with remote peer', { 'stream-reader-type': 'stream MsgApp v2', 'local-member-id': me, 'remote-peer-id': memberId(p), error: `read tcp ${e.self.ip}:${38948 + i}->${p.ip}:2380: i/o timeout` }));
    for (let at = t + 5 * S; at < Math.min(tb ?? Infinity, until); at += 5 * S) {
      out.push(json(at, e.w, 'warn', 'rafthttp/probing_status.go:68', 'prober detected unhealthy status', { 'round-tripper-name': 'ROUND_TRIPPER_RAFT_MESSAGE', 'remote-peer-id': memberId(p), rtt: '16.62287ms', error: `dial tcp ${p.ip}:2380: i/o timeout` }));
    }
    if (tb !== null) out.push(json(tb - 27 * S + 227 + i, e.w, 'info', 'rafthttp/peer_status.go:53', 'peer became active', { 'peer-id': memberId(p) }));
  });
  if (e.leader !== e.self) out.push(json(t0 + 613, e.w, 'info', 'raft/node.go:336', `raft.node: ${me} lost leader ${memberId(e.leader)} at term 5`));
  let term = 5;
  for (let at = t0 + 1700; at < Math.min(tb ?? Infinity, until); at += 10 * S) out.push(json(at, e.w, 'info', 'raft/raft.go:870', `${me} is starting a new election at term ${term++}`));
  return out;
}
