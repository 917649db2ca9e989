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

/** Event kinds, DESIGN §5. */
export type EventKind =
  | 'tunnel.error'
  | 'tunnel.connecting'
  | 'tunnel.connect-failed'
  | 'tunnel.stopped'
  | 'tunnel.started'
  | 'tunnel.backend-connected'
  | 'watch.closed'
  | 'lb.servers'
  | 'lb.server-removed'
  | 'lb.server-added'
  | 'lb.connections-closed'
  | 'lb.health'
  | 'lb.all-failed'
  | 'lb.failover'
  | 'lb.default'
  | 'lb.dial-error'
  | 'apiserver.waiting'
  | 'apiserver.endpoints'
  | 'etcd.waiting'
  | 'etcd.peer-unreachable'
  | 'etcd.peer-back'
  | 'etcd.leader-changed'
  | 'etcd.member-promoted'
  | 'node.not-ready'
  | 'node.ready'
  | 'node.starting'
  | 'node.reboot'
  | 'pod.evicting'
  | 'reaper.run'
  | 'reaper.force-delete'
  | 'reaper.deleted'
  | 'reaper.failed';

/** One classified fact: who (node) saw what (kind) about whom (peer), when, and the proof. */
export interface Event {
  kind: EventKind;
  rule: string;
  /** epoch ms UTC; null when the line carries no absolute time */
  time: number | null;
  /** the observer: the node whose log this is */
  node: string | null;
  role: Role;
  /** `ip:port`, `ip`, or a node name: what the event is about */
  peer: string | null;
  detail: Record<string, unknown>;
  evidence: Evidence;
  /** arrival order: keeps file order for lines within the same second */
  seq: number;
  /** the input (source) index, for coverage */
  source: number;
}

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
}

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
  detail: Record<string, unknown>;
  evidence: Evidence;
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
}
