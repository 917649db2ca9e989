// The records every stage shares: read this file first.
// sources -> lines -> parse (LogRecord) -> classify (Event) -> assemble (Report) -> render.

/** What wrote a source: an RKE2 server, an agent, the ECS pod-reaper, or not known. */
export type Role = 'server' | 'agent' | 'reaper' | 'unknown';

/** Where a claim came from: a 1-based line of one source, and the raw text (shortened). */
export interface Evidence {
  path: string;
  line: number;
  text: string;
}

/** Wall-clock fields of a timestamp that lacks a year and/or a zone (journald short, klog). */
export interface LocalTime {
  year: number | null;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  offsetMin: number | null; // minutes east of UTC when the line says so
}

/** One parsed log line. `time` is epoch ms (UTC) when the line itself fixes it. */
export interface LogRecord {
  format: string;
  time: number | null;
  local: LocalTime | null;
  /** offset (minutes east of UTC) the line's own timestamp carried: teaches the source clock */
  offsetMin: number | null;
  /** seconds since process start (logrus TTY): an event without absolute time */
  relSeconds?: number;
  level: string | null;
  msg: string;
  fields: Record<string, string>;
  host: string | null;
  proc: string | null;
  /** journald markers such as `-- Reboot --` */
  marker?: 'reboot' | 'header';
  /** the line's time is taken from the nearest dated line above it, or below when none is above (kubectl output in reaper logs) */
  inheritsTime?: boolean;
  /** journald/syslog prefix time minus the payload's own time (ms): receive lag or a skewed clock */
  prefixLagMs?: number;
}

/** Event kinds, DESIGN §5: what each means lives in one table, src/kinds.ts. */
export type EventKind = keyof EventDetails;

type Empty = Record<never, never>;

/** How assembly tied a peer-less event to a peer (60 s attribution), or why it did not. */
export interface Attribution {
  /** `path:line` of the event that named the peer */
  attributedFrom?: string;
  notAttributed?: string;
}

/** An etcd line about a member: its hex id, and its address when the same line reveals it. */
export interface EtcdPeerDetail { peerId: string | null; peerAddr: string | null; error: string | null }

/** A load-balancer server list as logged, and (prepared) what changed against the observer's previous list. */
export interface LbListDetail {
  lb: string;
  servers: string[];
  default: string | null;
  wording?: 'updated' | 'updating';
  /** `Running load balancer ...`: the observer's own (re)start */
  startup?: boolean;
  first?: boolean;
  dropped?: string[];
  added?: string[];
  defaultAppended?: string;
  defaultBack?: string;
  /** servers the observer's own start-up replaced (configured -> advertised): not lost */
  swapped?: string[];
}

/** The typed `detail` of each event kind: what the rule read from the line (and, marked, what preparation adds). */
export interface EventDetails {
  'tunnel.error': { error: string | null; side?: 'server'; code?: number } & Attribution;
  'tunnel.connecting': Empty;
  'tunnel.connect-failed': { error: string | null; status?: number; refused?: boolean } & Attribution;
  'tunnel.stopped': { via?: 'proxy-done' };
  'tunnel.started': Empty;
  'tunnel.backend-connected': { via?: 'node-password' };
  'watch.closed': { reason?: string | null } & Attribution;
  'lb.servers': LbListDetail;
  'lb.server-removed': { lb: string; /** prepared: the observer's own start-up swap, not a loss */ startupSwap?: boolean };
  'lb.server-added': { lb: string };
  'lb.connections-closed': { connections: number; state: string | null };
  'lb.health': { from: string; to: string; how: string; reason: string };
  'lb.all-failed': Empty;
  'lb.failover': { lb: string; to: string };
  'lb.default': { lb: string };
  'lb.dial-error': { lb: string; error: string };
  'apiserver.waiting': { program?: 'kubelet'; error?: string | null };
  'apiserver.endpoints': { service: string; ips: string[]; dropped?: string[]; added?: string[] };
  'etcd.waiting': { error?: string | null; client?: boolean };
  'etcd.peer-unreachable': EtcdPeerDetail & { transition?: boolean };
  'etcd.peer-back': EtcdPeerDetail;
  'etcd.leader-changed': {
    change: 'lost' | 'elected' | 'changed' | 'became' | 'no-leader' | 'moved';
    local?: string; leader?: string | null; peerId?: string | null; term?: number;
    planned?: boolean; fromMember?: string; toMember?: string;
  };
  'etcd.member-promoted': { member: string };
  'node.not-ready': { nodeName: string | null; state?: string; taintQueue?: boolean };
  'node.ready': { nodeName: string | null };
  'node.starting': { phase: string; program: string; nodeName?: string | null };
  'node.reboot': Empty;
  /** the node's own service being stopped (node-lifecycle.md §1): requested, signalled, exited, stopped */
  'node.stopping': { step: 'requested' | 'signal' | 'controllers' | 'exited' | 'stopped'; unit: string | null; status?: string };
  /** the host itself shutting down or rebooting (logind, PID 1 targets, systemd-shutdown, journald's last words) */
  'host.shutdown': { to: 'reboot' | 'poweroff' | 'halt' | 'unknown'; step: 'requested' | 'target' | 'final' };
  /** a boot of the host: kernel `Linux version`, PID 1 `running in system mode` */
  'node.boot': { what: 'kernel' | 'systemd' };
  /** signs of an unclean end: a journal not closed, a process killed (OOM, SIGKILL, panic) without a stop */
  'node.unclean': { what: 'journal-corrupted' | 'oom-kill' | 'killed' | 'crashed' | 'restart-loop'; process?: string | null };
  /** a run of NUL bytes in a text log: where the last writes were lost (power loss, hard reset) */
  'node.nul-block': { bytes: number };
  /** the node names its own address (`--node-ip=`, etcd advertise URLs, `--advertise-address=`) */
  'node.address': { address: string; from: 'node-ip' | 'etcd-peer-url' | 'advertise-address' };
  'pod.evicting': { namespace: string | null; pod: string | null; node?: string | null; reason?: string };
  'reaper.run': { thresholdSeconds: number; namespaceRegex: string | null };
  'reaper.force-delete': { pod: string; namespace: string; deletionTimestamp: number | null };
  'reaper.deleted': { pod: string; namespace: string | null; via?: 'kubectl' };
  'reaper.failed': { pod: string; namespace: string | null; reason?: string };
}

/** What every event carries, whatever its kind. */
export interface EventBase {
  rule: string;
  /** epoch ms UTC of the (first) line; null when the line carries no absolute time */
  time: number | null;
  /** the observer: the node whose log this is */
  node: string | null;
  role: Role;
  /** `ip:port`, `ip`, or a node name: what the event is about */
  peer: string | null;
  /** the (first) line */
  evidence: Evidence;
  /** arrival order: keeps file order for lines within the same second */
  seq: number;
  /** the input (source) index, for coverage */
  source: number;
  /** how many lines this event stands for: repeats of one observer, kind, peer and detail are one run (DESIGN §9) */
  count: number;
  /** time of the run's last line (= time for a single line) */
  until: number | null;
  /** the run's last line, null for a single line */
  lastEvidence: Evidence | null;
  /** silences longer than a minute inside the run (an input past its run budget joins repeats across them, DESIGN §9): absent when none */
  gaps?: number;
  /** the longest of those silences, ms */
  gapMs?: number;
}

/** One classified fact of kind K: who (node) saw what about whom (peer), when, and the proof. */
export type EventOf<K extends EventKind> = EventBase & { kind: K; detail: EventDetails[K] };

/** Any event: narrowed by `kind`, which types its `detail`. */
export type Event = { [K in EventKind]: EventOf<K> }[EventKind];

/** Per-source identity decided by the sources stage. */
export interface SourceInfo {
  path: string;
  node: string | null;
  role: Role;
  /** how the node was decided, e.g. 'host folder', '--node' */
  nodeFrom: string | null;
  /** year for year-less lines when the layout reveals it (bundle date, --year) */
  refYear: number | null;
  /** month of the reference date when it is a collection date (bundle folder, systeminfo/date):
   * `refYear` is then the year the logs end in. Absent for `--year` (the year they start in). */
  refMonth?: number | null;
  /** a flagged last resort: the file's modification time */
  mtime: number | null;
  /** the bundle layout the path belongs to (read/layouts.ts), when one recognised it */
  layout?: string | null;
}

/** How far a source's journald prefix runs from the payload's own times (median of its lines). */
export interface SourceLag {
  source: number;
  path: string;
  node: string | null;
  medianMs: number;
  samples: number;
  /** the line whose lag is nearest the median */
  evidence: Evidence;
}

/** What one source contributed, for the coverage table and the JSON `inputs` list. */
export interface InputSummary {
  path: string;
  node: string | null;
  role: Role;
  lines: number;
  parsed: number;
  events: number;
  firstTime: string | null;
  lastTime: string | null;
  warnings: string[];
  skipped?: boolean;
  /** the bundle layout that recognised the input's path (rancher-collector, cloudera-process, ...) */
  layout?: string | null;
  /** a paste of several nodes' journals (one input, a host per line): each host's own first and last line */
  hosts?: HostSpan[];
}

/** One journald host of a multi-host paste: the time of its first and last line read. */
export interface HostSpan { node: string; firstTime: string | null; lastTime: string | null }

export type Severity = 'info' | 'warning' | 'critical';

export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  evidence?: Evidence[];
}

export interface Milestone {
  time: string;
  node: string | null;
  evidence: Evidence;
}

export type MilestoneName =
  | 'firstSign'
  | 'tunnelStopped'
  | 'loadBalancerFailover'
  | 'nodeNotReady'
  | 'podsTerminating'
  | 'firstForceDelete'
  | 'lastForceDelete'
  | 'peerBack';

export type DurationName = 'detect' | 'failover' | 'evict' | 'reap' | 'interruption' | 'downtime';

export interface ObserverView {
  node: string | null;
  firstSign: string | null;
  tunnelStopped: string | null;
  loadBalancerFailover: string | null;
  peerBack: string | null;
}

export interface PodOutcome {
  namespace: string;
  name: string;
  deletionTimestamp: string | null;
  forceDeletedAt: string | null;
  outcome: 'deleted' | 'failed' | 'unknown';
  attempts: number;
  evidence: Evidence;
}

/** A timeline entry as written in JSON (contract `$defs/event`). */
export interface TimelineEvent {
  kind: string;
  time: string | null;
  node: string | null;
  peer: string | null;
  /** the event's typed detail, as JSON (see EventDetails) */
  detail: Record<string, unknown>;
  evidence: Evidence;
  /** a run of repeated lines: how many, and the last one (absent for a single line) */
  count?: number;
  until?: string | null;
  lastEvidence?: Evidence;
  /** silences over a minute the run was joined across (an input past its run budget, DESIGN §9) */
  gaps?: number;
  gapMs?: number;
}

export interface Incident {
  id: number;
  peer: { address: string | null; node: string | null; role: 'server' | 'agent' | 'unknown' };
  start: string;
  estimatedStart: boolean;
  end: string | null;
  milestones: Record<MilestoneName, Milestone | null>;
  durations: Record<DurationName, number | null>;
  observers: ObserverView[];
  pods: PodOutcome[];
  findings: Finding[];
  timeline: TimelineEvent[];
  /** each loss and recovery within the incident, in time order (flapping: more than one) */
  cycles?: Cycle[];
  /** what happened to the lost node itself, from its own logs (DESIGN §6b) */
  cause?: Cause;
  /** when the peer is not back: the latest time any observer's logs cover */
  logsEnd?: string | null;
}

/** One loss of the peer and its recovery (null: the logs do not close it). */
export interface Cycle {
  lost: string;
  back: string | null;
}

export type CauseKind = 'shutdown' | 'reboot' | 'crash' | 'partition' | 'unknown';

/** Why the node went down, with the lines that show it. */
export interface Cause {
  kind: CauseKind;
  /** one sentence for the reader, e.g. "crash: ecs-m2's log stops at 09:13:31 without a shutdown ..." */
  message: string;
  /** for an estimated (reaper-only) incident: the node the evidence points to */
  likelyNode?: string | null;
  evidence: Evidence[];
}

export type WindowKind = 'control-plane-down' | 'etcd-quorum-lost';

/** A cluster-wide window: every server lost at once, or etcd without quorum (DESIGN §6b). */
export interface ClusterWindow {
  kind: WindowKind;
  start: string;
  /** the first server back (null: not back in the logs) */
  end: string | null;
  /** addresses of the servers lost */
  peers: string[];
  /** one sentence for the reader */
  message: string;
  evidence: Evidence[];
}

/** Timing model, DESIGN §6 (seconds). */
export interface TimingModel {
  grace: number;
  toleration: number;
  terminationGrace: number;
  reaperPeriod: number;
  reaperThreshold: number;
  gap: number;
}

export interface Report {
  schemaVersion: 1;
  tool: string;
  timing: TimingModel;
  inputs: InputSummary[];
  incidents: Incident[];
  findings: Finding[];
  /** cluster windows, in time order: listed first in every format */
  windows?: ClusterWindow[];
}
