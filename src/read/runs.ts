// Repeated events as runs (DESIGN §9): an agent that lost its server logs the same reconnect loop
// every few seconds for days. Events of one input with the same run key (observer, rule, peer and
// the detail that matters, per the kind's row) at most RUN_GAP_MS apart are one run: first, last,
// count. Memory grows with runs, not lines. Plain data: a run book crosses worker threads as is.
//
// Past RUN_BUDGET runs in one input (repeats more than a minute apart: 200 peers in rotation, a
// month of periodic lines) a repeat also joins its key's run across a silence, as long as its
// observer logged nothing else about that peer, and nothing peer-less, since: the run counts its
// silences (`gaps`, the longest `gapMs`) and memory stays flat in lines. Below the budget nothing
// changes, so every ordinary bundle reads as before.
import type { EventDetails, EventKind, Role } from '../types';
import { RUN_GAP_MS } from '../kinds';

/**
 * Where and when one line of a run was: its time when the line fixed it, else the index of its
 * year-less time among the input's `locals` (resolved when the input is finished).
 */
export interface Stamp {
  time: number | null;
  /** index into the input's year-less times, -1 when none */
  local: number;
  /** the instant runs are merged by: the time, or a stand-in for a year-less time (never shown) */
  at: number | null;
  line: number;
  text: string;
}

/** One run of an input, before the input is finished (times may still wait for the clock). */
export interface RawRun {
  kind: EventKind;
  rule: string;
  peer: string | null;
  detail: EventDetails[EventKind];
  /** the journald host of the line, when it had one */
  host: string | null;
  /** who writes such lines, when the kind tells (a reaper line in a journal paste is the reaper's) */
  by: Role | null;
  first: Stamp;
  last: Stamp | null;
  count: number;
  /** silences longer than RUN_GAP_MS the run was joined across (past the budget only) */
  gaps?: number;
  /** the longest of those silences, ms (by the stand-in instants of year-less lines) */
  gapMs?: number;
}

/** More open run keys than this (hostile input) closes them all: memory stays bounded. */
export const MAX_OPEN = 4096;

/** Runs one input keeps before repeats join their run across silences (about 40 MB of runs and events). */
export const RUN_BUDGET = 25_000;

/** The runs of one input, in order of their first line. */
export interface RunBook {
  runs: RawRun[];
  /** the run key of each run */
  keys: Array<string | null>;
  /** run key -> index of the run still open for that key */
  open: Map<string, number>;
  /** the open keys were dropped once (more than MAX_OPEN) */
  cleared: boolean;
  /** runs kept before joining across silences */
  budget: number;
  /** past the budget: observer|peer (observer| for peer-less lines) -> how many runs of it have started */
  marks: Map<string, number>;
  /** past the budget: run key -> its run and the marks of its group and its observer's peer-less lines at its start */
  chains: Map<string, { run: number; mark: number; bare: number }>;
}

export function newRunBook(budget = RUN_BUDGET): RunBook {
  return { runs: [], keys: [], open: new Map(), cleared: false, budget, marks: new Map(), chains: new Map() };
}

/** Who a line is about, for joining across a silence: observer|peer, observer| for a peer-less line. */
const groupOf = (observer: string, peer: string | null) => `${observer}|${peer ?? ''}`;

/**
 * Adds one classified line to the open run of its key when it comes at most RUN_GAP_MS after that
 * run's last line (by `at`, a time or a stand-in for a year-less one), or, past the budget, after
 * a silence its observer kept about the run's peer (see the head of this file; no observer given:
 * never): the run's index, else -1 (then the line starts a run: startRun). A null key never joins.
 */
export function joinRun(book: RunBook, key: string | null, stamp: Stamp, observer?: string): number {
  const at = stamp.at;
  if (key === null || at === null) return -1;
  const i = book.open.get(key);
  if (i === undefined) return -1;
  const r = book.runs[i];
  const prev = (r.last ?? r.first).at;
  if (prev === null || at < prev) return -1;
  const gap = at - prev;
  if (gap > RUN_GAP_MS && !(observer !== undefined && quietSince(book, key, i, observer, r.peer))) return -1;
  if (gap > RUN_GAP_MS) {
    r.gaps = (r.gaps ?? 0) + 1;
    r.gapMs = Math.max(r.gapMs ?? 0, gap);
  }
  r.last = stamp;
  r.count++;
  return i;
}

/** Past the budget: run i of `key` started after the last other run of its observer and peer, and of its observer's peer-less lines. */
function quietSince(book: RunBook, key: string, i: number, observer: string, peer: string | null): boolean {
  if (book.runs.length < book.budget) return false;
  const c = book.chains.get(key);
  return !!c && c.run === i && c.mark === (book.marks.get(groupOf(observer, peer)) ?? 0) && c.bare === (book.marks.get(groupOf(observer, null)) ?? 0);
}

/** Starts a run with one line (its `first`); it stays open for its key. Returns its index. */
export function startRun(book: RunBook, key: string | null, run: RawRun, observer?: string): number {
  const index = book.runs.push(run) - 1;
  book.keys.push(key);
  if (observer !== undefined && book.runs.length > book.budget) chainFrom(book, key, index, observer, run.peer);
  if (key !== null && run.first.at !== null) {
    if (book.open.size >= MAX_OPEN && !book.open.has(key)) { book.open.clear(); book.chains.clear(); book.marks.clear(); book.cleared = true; }
    book.open.set(key, index);
  }
  return index;
}

/** A run started past the budget: its group's (and, peer-less, its observer's) other runs may no longer join across a silence; it may. */
function chainFrom(book: RunBook, key: string | null, index: number, observer: string, peer: string | null): void {
  const g = groupOf(observer, peer);
  const mark = (book.marks.get(g) ?? 0) + 1;
  if (book.marks.size >= MAX_OPEN && !book.marks.has(g)) { book.marks.clear(); book.chains.clear(); }
  book.marks.set(g, mark);
  if (key === null) return;
  if (book.chains.size >= MAX_OPEN && !book.chains.has(key)) book.chains.clear();
  book.chains.set(key, { run: index, mark, bare: book.marks.get(groupOf(observer, null)) ?? 0 });
}
