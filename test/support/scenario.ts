// What a generated bundle is made of: the scenario (release wording, layout, nodes, which nodes go
// down when and how, how the input was pasted) and the outages it implies. Shared by generate.ts
// and expected.ts.
import type { DurationName, MilestoneName, TimingModel } from '../../src/types';
import type { GenNode, StartOptions, Wording } from './wording';
import { LAYOUT_HAS, type Layout } from './layouts';

/**
 * What happened to a lost node, as its own logs show it (node-lifecycle.md §7): `vanish` (the
 * default: the logs just stop; no collector ran on it while it was down), `shutdown` (a stop
 * sequence, then silence; a service stop leaves the host up, so its logs are collected even when
 * rke2 never returns), `reboot` (stop sequence, boot marker, start-up), `crash` (no stop sequence;
 * a 4 KiB NUL block in text logs, a boot marker in journals), `partition` (it keeps logging and
 * loses every peer in turn).
 */
export type DeathKind = 'vanish' | 'shutdown' | 'reboot' | 'crash' | 'partition';

/** How the input reaches the tool: the layout's files, or one stdin paste of every node's journal (interleaved by time, or host after host) and the reaper output. */
export type Paste = 'files' | 'interleaved' | 'concatenated';

/** Parts of a layout left out: the controller-manager, etcd/apiserver pod logs, the reaper output, `kubectl get nodes`. */
export type Part = 'kcm' | 'controlPlane' | 'reaper' | 'nodes';

export interface Scenario extends Omit<StartOptions, 'up'> {
  wording: Wording;
  layout: Layout;
  nodes: GenNode[];
  /** the node(s) that go down; [] for none (start-ups, swaps) */
  dies: string | string[];
  /** the etcd leader when the death happens (default: the first server) */
  leader?: string;
  /** the timing model the tool is run with (default DEFAULT_TIMING): estimated starts follow it */
  timing?: TimingModel;
  /** the (first) death, ISO UTC, whole seconds */
  at: string;
  /** seconds after its death when each node is back (one value for all); null: never in the logs */
  backAfter: number | null | Array<number | null>;
  /** seconds after `at` at which each node of `dies` goes down (default all at `at`) */
  stagger?: number[];
  /** the (single) node is lost `count` times: down `down` s, up `up` s, within the quiet gap */
  flaps?: { count: number; down: number; up: number };
  deathKind?: DeathKind;
  /** every log ends this many seconds after `at` (a paste cut short) */
  cutAfter?: number;
  /** every log starts this many seconds after `at` (an excerpt that starts inside the outage) */
  from?: number;
  paste?: Paste;
  /** the reaper output is not in the files: it is returned as stdin text (`cat reaper.txt | rke2-outage - bundle/`) */
  reaperOnStdin?: boolean;
  omit?: Part[];
  /** a 4 KiB NUL block at the head of the first agent's log (text-file layouts) */
  nulHead?: boolean;
  /** noise lines per node per hour (default 12) */
  noise?: number;
  /** host zone: minutes east of UTC and the abbreviation date(1) prints (default +08:00 CST) */
  zone?: { offsetMin: number; abbrev: string };
  /** Cloudera: each host's folder as a .tar.gz inside the zip */
  nested?: boolean;
  /** write one archive member as a truncated gzip */
  corruptMember?: boolean;
  /** stateful pods on the dead node (namespace, name) */
  pods?: Array<[string, string]>;
}

/** One loss and return of a node (ms); `up` null: not back in the logs. */
export interface Cycle { down: number; up: number | null }
export interface Outage { node: GenNode; cycles: Cycle[] }

const S = 1000;

/** The outages a scenario implies, in the order of `dies`. */
export function outagesOf(s: Scenario): Outage[] {
  const t0 = Date.parse(s.at);
  const names = typeof s.dies === 'string' ? [s.dies] : s.dies;
  return names.map((name, i) => {
    const node = s.nodes.find((n) => n.name === name);
    if (!node) throw new Error(`generate: ${name} is not one of the nodes`);
    const down = t0 + (s.stagger?.[i] ?? 0) * S;
    const back = Array.isArray(s.backAfter) ? s.backAfter[i] ?? null : s.backAfter;
    if (s.flaps) {
      const { count, down: d, up: u } = s.flaps;
      return { node, cycles: Array.from({ length: count }, (_, k) => ({ down: down + k * (d + u) * S, up: down + (k * (d + u) + d) * S })) };
    }
    return { node, cycles: [{ down, up: back === null ? null : down + back * S }] };
  });
}

/** What the input carries besides the rke2 logs (decides which milestones can be expected). */
export interface Has { kcm: boolean; controlPlane: boolean; reaper: boolean; names: boolean }

export function hasOf(s: Scenario): Has {
  const h = { ...LAYOUT_HAS[s.layout] };
  if (s.paste && s.paste !== 'files') Object.assign(h, { kcm: false, controlPlane: false, names: false });
  for (const p of s.omit ?? []) {
    if (p === 'nodes') h.names = false;
    else h[p] = false;
  }
  return h;
}

/** The report's incident as the generator predicts it (the parts `observed()` compares). */
export interface Expected {
  peer: { address: string | null; node: string | null };
  start: string;
  /** the start is estimated from deletion timestamps (no rke2 evidence names the loss) */
  estimated: boolean;
  milestones: Record<MilestoneName, string | null>;
  durations: Record<DurationName, number | null>;
  pods: string[];
}

/** What the incident's node's own logs must show as its cause (DESIGN §6b). */
export interface ExpectedCause {
  kind: 'shutdown' | 'reboot' | 'crash' | 'partition' | 'unknown';
  /** for each group, some evidence line's text holds one of its strings */
  lines: string[][];
  /** the NUL block the evidence must cite (crash in a text log) */
  nul?: { path: string; line: number };
  likelyNode?: string;
}

/** The incident with the new fields of the contract: cycles, end, logsEnd, cause. */
export interface ExpectedIncident extends Expected {
  /** each loss and return within the incident */
  cycles: Array<{ lost: string; back: string | null }>;
  /** the last recovery (null: not back) */
  end: string | null;
  /** when not back: the latest time any observer's logs cover */
  logsEnd: string | null;
  cause?: ExpectedCause;
}

/** A cluster window; start/end/peers undefined: not predicted exactly (only its kind). */
export interface ExpectedWindow { kind: 'control-plane-down' | 'etcd-quorum-lost'; start?: string; end?: string | null; peers?: string[] }

export interface ExpectedReport {
  incidents: ExpectedIncident[];
  windows: ExpectedWindow[];
  /** NUL blocks written: file (as written) and 1-based line */
  nulBlocks: Array<{ path: string; line: number }>;
  /** the latest instant any observer's log covers */
  logsEnd: string;
}
