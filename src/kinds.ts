// The meaning table: one row per event kind (STYLE, "a match declares what it means"). Its family
// and label are what every renderer shows; `speaks` is what the event says about a peer (loss,
// failure, recovery, up), `runKey` which repeats are one run. Assembly and renderers read the row,
// never re-decide. The typed `detail` of each kind is in types.ts (EventDetails).
import type { Event, EventDetails, EventKind, EventOf, Role } from './types';

/** Repeats of one observer, rule, peer and run key at most this far apart are one run (DESIGN §9). No
 * longer than the 60 s windows assembly reasons with, so a run is dense at that scale. */
export const RUN_GAP_MS = 60_000;

/** Event families: one colour each in every renderer, never shared with a phase. */
export type Family = 'tunnel' | 'lb' | 'etcd' | 'control-plane' | 'node' | 'pod' | 'reaper';

export type FactKind = 'loss' | 'failure' | 'recovery' | 'up';

/** What one event says about one peer (as the line names it: `ip:port`, `ip` or a name). */
export interface Speaks {
  addr: string | null;
  fact: FactKind;
  /** the event takes the peer out of a load balancer (the failover milestone) */
  failover?: boolean;
}

/** What a row's reading may ask of assembly. */
export interface Reading {
  /** a node name -> its address, when the input revealed it */
  addrOf(name: string): string | null;
  /** a reconnect attempt of the same observer to this peer follows within 60 s */
  reconnectFollows(peer: string): boolean;
}

export interface KindRow<K extends EventKind> {
  family: Family;
  /** a few plain words for legends, hovers and the rules listing */
  label: string;
  /** what the event means for the peer, in words */
  means: string;
  speaks?: (e: EventOf<K>, r: Reading) => Speaks[];
  /** repeats with the same key (and the same observer, rule and peer) within a minute are one run; absent or null: never merged */
  runKey?: (d: EventDetails[K]) => string | null;
  /** a line that names no peer takes the peer of the observer's next peer-naming event within 60 s */
  attributable?: boolean;
  /** names a peer that attributable events may take (tunnel and load-balancer lines) */
  addresses?: boolean;
  /** on an incident's timeline as context even when it names no usable peer (etcd member ids) */
  context?: boolean;
  /** who writes such lines: teaches an input's role */
  writtenBy?: (d: EventDetails[K]) => Role | null;
}

const one = (addr: string | null, fact: FactKind, failover = false): Speaks[] => (addr ? [{ addr, fact, failover }] : []);
const all = (addrs: string[] | undefined, fact: FactKind, failover = false): Speaks[] => (addrs ?? []).map((addr) => ({ addr, fact, failover }));
/** `dial tcp X:9345`, `a->X`, `wss://X/`: the remote named inside an error text. */
const DIAL_TARGET = /(?:dial tcp |->|wss:\/\/|https:\/\/)((?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9A-Fa-f:.]{2,45}\]|[A-Za-z0-9][A-Za-z0-9.-]{0,252}):\d{1,5})/;
const dialTarget = (text: string | null | undefined): string | null => (text ? DIAL_TARGET.exec(text)?.[1] ?? null : null);
/** An error without the parts that change from one retry to the next (local ephemeral ports). */
const errorKey = (text: string | null | undefined): string => (text ?? '').replace(/:\d{1,5}->/g, ':*->');
/** etcd member names are `<node>-<8 hex>`: the node part names the peer. */
export const MEMBER_SUFFIX = /-[0-9a-f]{8}$/;
const UP_STATES = new Set(['ACTIVE', 'PREFERRED', 'HEALTHY']);

export const KINDS: { [K in EventKind]: KindRow<K> } = {
  'tunnel.error': {
    family: 'tunnel', label: 'tunnel broke', attributable: true, addresses: true,
    means: 'loss of the peer when reconnect attempts follow within 60 s, else a failure sign',
    speaks: (e, r) => one(e.peer, e.peer && r.reconnectFollows(e.peer) ? 'loss' : 'failure'),
    runKey: (d) => `${d.side ?? ''}|${errorKey(d.error)}`,
    writtenBy: (d) => (d.side === 'server' ? 'server' : null),
  },
  'tunnel.connecting': {
    family: 'tunnel', label: 'reconnect attempt', addresses: true,
    means: 'none by itself; unanswered by an error for 60 s of covered log, the peer is back',
    runKey: () => '',
  },
  'tunnel.connect-failed': {
    family: 'tunnel', label: 'reconnect failed', attributable: true, addresses: true,
    means: 'failure sign: the peer is still down (extends an open outage however sparse)',
    speaks: (e) => one(e.peer, 'failure'),
    runKey: (d) => `${d.status ?? ''}|${errorKey(d.error)}`,
  },
  'tunnel.stopped': {
    family: 'tunnel', label: 'tunnel stopped', addresses: true,
    means: 'loss (the observer gave the tunnel up); `Proxy done` only a failure sign (also logged when the observer stops)',
    speaks: (e) => one(e.peer, e.detail.via === 'proxy-done' ? 'failure' : 'loss'),
  },
  'tunnel.started': {
    family: 'tunnel', label: 'tunnel up', addresses: true,
    means: 'recovery',
    speaks: (e) => one(e.peer, 'recovery'),
  },
  'tunnel.backend-connected': {
    family: 'tunnel', label: 'node connected',
    means: 'recovery of the named node (when its name maps to an address)',
    speaks: (e, r) => one(e.peer ? r.addrOf(e.peer) : null, 'recovery'),
    writtenBy: () => 'server',
  },
  'watch.closed': {
    family: 'tunnel', label: 'endpoint watch lost', attributable: true,
    means: 'failure sign: the observer lost its API server connection',
    speaks: (e) => one(e.peer, 'failure'),
    runKey: (d) => d.reason ?? '',
  },
  'lb.servers': {
    family: 'lb', label: 'LB server list', addresses: true,
    means: 'loss of each server the list drops (failover), recovery of each it adds back, the others up',
    speaks: (e) => [...all(e.detail.dropped, 'loss', true), ...all(e.detail.added, 'recovery'), ...all(e.detail.servers, 'up')],
    writtenBy: () => 'agent',
  },
  'lb.server-removed': {
    family: 'lb', label: 'LB server removed', addresses: true,
    means: 'loss (failover), except the observer\'s own start-up swap of its configured server',
    speaks: (e) => (e.detail.startupSwap ? [] : one(e.peer, 'loss', true)),
    writtenBy: () => 'agent',
  },
  'lb.server-added': {
    family: 'lb', label: 'LB server added', addresses: true,
    means: 'recovery',
    speaks: (e) => one(e.peer, 'recovery'),
    writtenBy: () => 'agent',
  },
  'lb.connections-closed': {
    family: 'lb', label: 'LB connections closed', addresses: true,
    means: 'failure sign that takes the server out of service (failover)',
    speaks: (e) => one(e.peer, 'failure', true),
    writtenBy: () => 'agent',
  },
  'lb.health': {
    family: 'lb', label: 'LB health change', addresses: true,
    means: 'to FAILED: loss (failover); back to ACTIVE/PREFERRED from FAILED/RECOVERING: recovery; else up',
    speaks: (e) => {
      const d = e.detail;
      if (d.to === 'FAILED') return one(e.peer, 'loss', true);
      if (!UP_STATES.has(d.to)) return [];
      return one(e.peer, d.from === 'FAILED' || d.from === 'RECOVERING' ? 'recovery' : 'up');
    },
    writtenBy: () => 'agent',
  },
  'lb.all-failed': {
    family: 'lb', label: 'LB: no server reachable',
    means: 'context: every server of the balancer failed',
    runKey: () => '',
    writtenBy: () => 'agent',
  },
  'lb.failover': {
    family: 'lb', label: 'LB failed over', addresses: true,
    means: 'failure sign of the server left (failover)',
    speaks: (e) => one(e.peer, 'failure', true),
    writtenBy: () => 'agent',
  },
  'lb.default': {
    family: 'lb', label: 'LB default server', addresses: true,
    means: 'context: the balancer\'s configured server',
    writtenBy: () => 'agent',
  },
  'lb.dial-error': {
    family: 'lb', label: 'LB dial failed',
    means: 'failure sign of the server named in the error (still down)',
    speaks: (e) => one(dialTarget(e.detail.error), 'failure'),
    runKey: (d) => `${d.lb}|${errorKey(d.error)}`,
    writtenBy: () => 'agent',
  },
  'apiserver.waiting': {
    family: 'control-plane', label: 'waiting for API server',
    means: 'context: the observer cannot reach a ready API server',
    runKey: (d) => errorKey(d.error),
  },
  'apiserver.endpoints': {
    family: 'control-plane', label: 'API endpoints reset',
    means: 'loss of each address the endpoint list drops, recovery of each it adds back, the others up',
    speaks: (e) => [...all(e.detail.dropped, 'loss'), ...all(e.detail.added, 'recovery'), ...all(e.detail.ips, 'up')],
    writtenBy: () => 'server',
  },
  'etcd.waiting': {
    family: 'etcd', label: 'waiting for etcd',
    means: 'context: the observer\'s etcd is not ready',
    runKey: (d) => errorKey(d.error),
  },
  'etcd.peer-unreachable': {
    family: 'etcd', label: 'etcd peer unreachable', context: true,
    means: 'loss when the member became inactive, else a failure sign (prober every 5 s)',
    speaks: (e) => (isEtcdId(e) ? [] : one(e.peer, e.detail.transition ? 'loss' : 'failure')),
    runKey: (d) => (d.transition ? null : `${d.peerId ?? ''}|${errorKey(d.error)}`),
    writtenBy: () => 'server',
  },
  'etcd.peer-back': {
    family: 'etcd', label: 'etcd peer back', context: true,
    means: 'recovery',
    speaks: (e) => (isEtcdId(e) ? [] : one(e.peer, 'recovery')),
    writtenBy: () => 'server',
  },
  'etcd.leader-changed': {
    family: 'etcd', label: 'etcd leader change', context: true,
    means: 'a lost leader is a failure sign of that member; other changes are context',
    speaks: (e) => (e.detail.change === 'lost' && !isEtcdId(e) ? one(e.peer, 'failure') : []),
    writtenBy: () => 'server',
  },
  'etcd.member-promoted': {
    family: 'etcd', label: 'etcd member promoted',
    means: 'recovery of the member\'s node (when its name maps to an address)',
    speaks: (e, r) => one(e.peer ? r.addrOf(e.peer.replace(MEMBER_SUFFIX, '')) : null, 'recovery'),
    writtenBy: () => 'server',
  },
  'node.not-ready': {
    family: 'node', label: 'node NotReady',
    means: 'the controller-manager marked the node NotReady (a milestone; opens an estimated incident when nothing else explains it)',
  },
  'node.ready': {
    family: 'node', label: 'node Ready',
    means: 'recovery of the node (when its name maps to an address)',
    speaks: (e, r) => one(e.detail.nodeName ? r.addrOf(e.detail.nodeName) : null, 'recovery'),
  },
  'node.starting': {
    family: 'node', label: 'node starting',
    means: 'context: the observer itself (re)started; its start-up dials are not a peer coming back',
  },
  'node.reboot': {
    family: 'node', label: 'reboot',
    means: 'context: the journal of the observer\'s host shows a reboot',
  },
  'node.stopping': {
    family: 'node', label: 'service stopping',
    runKey: (d) => `${d.step}|${d.unit ?? ''}`,
    means: 'context and cause: the observer\'s own rke2/k3s service was stopped (a stop sequence before its silence is a shutdown)',
  },
  'host.shutdown': {
    family: 'node', label: 'host shutting down',
    means: 'cause: the observer\'s host was shut down or rebooted on request',
  },
  'node.boot': {
    family: 'node', label: 'host booted',
    means: 'context and cause: the observer\'s host booted (after a reboot or a crash)',
  },
  'node.unclean': {
    family: 'node', label: 'unclean end',
    means: 'cause: the observer\'s host or service ended without a stop (journal not closed, OOM or SIGKILL, crash loop)',
  },
  'node.nul-block': {
    family: 'node', label: 'NUL block',
    means: 'cause: a run of NUL bytes where the last writes were lost (power loss, hard reset)',
  },
  'node.address': {
    family: 'node', label: 'own address',
    means: 'names the observer\'s own address: its tunnel to it is its own restart, not a peer back',
  },
  'pod.evicting': {
    family: 'pod', label: 'pod evicted',
    means: 'the controller-manager marked a pod for deletion (pods Terminating, when no reaper output says it)',
  },
  'reaper.run': {
    family: 'reaper', label: 'reaper run',
    means: 'context: a pod-reaper run started',
    writtenBy: () => 'reaper',
  },
  'reaper.force-delete': {
    family: 'reaper', label: 'force delete',
    means: 'the pod-reaper force-deleted a stuck pod (the reap milestones)',
    writtenBy: () => 'reaper',
  },
  'reaper.deleted': {
    family: 'reaper', label: 'force delete done',
    means: 'outcome: the pod is gone',
    writtenBy: () => 'reaper',
  },
  'reaper.failed': {
    family: 'reaper', label: 'force delete failed',
    means: 'outcome: the pod was not deleted (NotFound counts as gone)',
    writtenBy: () => 'reaper',
  },
};

/** The etcd member id an event carries (etcd peer and leader lines), if any. */
export function etcdIdOf(e: Event): string | null {
  return e.kind === 'etcd.peer-unreachable' || e.kind === 'etcd.peer-back' || e.kind === 'etcd.leader-changed' ? e.detail.peerId ?? null : null;
}

/** True for an event whose peer is still a bare etcd member id (no line mapped it to an address). */
export function isEtcdId(e: Event): boolean {
  return e.peer !== null && /^[0-9a-f]{1,16}$/.test(e.peer) && etcdIdOf(e) === e.peer;
}

/** The row of an event's kind, typed for that event. */
export function rowOf<K extends EventKind>(e: EventOf<K>): KindRow<K> {
  return KINDS[e.kind] as KindRow<K>;
}

/** Who writes such a line (a server, an agent, the pod-reaper), when the kind tells. */
export function writtenBy(e: EventOf<EventKind>): Role | null {
  return rowOf(e).writtenBy?.(e.detail) ?? null;
}

/** What an event says about peers, by its row. */
export function speaks(e: EventOf<EventKind>, r: Reading): Speaks[] {
  const row = rowOf(e);
  return row.speaks ? row.speaks(e, r) : [];
}

/**
 * The run key of an event (observer, rule, peer and the detail that matters), or null: never
 * merged. A line that names no peer but may be attributed to one is never merged either: each
 * such line may belong to another peer.
 */
export function runKeyOf(e: EventOf<EventKind>): string | null {
  const row = rowOf(e);
  if (row.attributable && e.peer === null) return null;
  const key = row.runKey?.(e.detail) ?? null;
  return key === null ? null : `${e.node ?? ''}|${e.rule}|${e.peer ?? ''}|${key}`;
}

/** Families in legend order, with the words a legend shows. */
export const FAMILIES: Array<[Family, string]> = [
  ['tunnel', 'tunnel (agent ↔ server)'], ['lb', 'agent load balancer'], ['etcd', 'etcd'], ['control-plane', 'API server'],
  ['node', 'node state'], ['pod', 'pod eviction'], ['reaper', 'pod-reaper'],
];
