// Repeated events as runs (DESIGN §9): an agent that lost its server logs the same reconnect loop
// every few seconds for days. Events of one input with the same run key (observer, rule, peer and
// the detail that matters, per the kind's row) at most RUN_GAP_MS apart are one run: first, last,
// count. Memory grows with runs, not lines. Plain data: a run book crosses worker threads as is.
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
}

/** More open run keys than this (hostile input) closes them all: memory stays bounded. */
export const MAX_OPEN = 4096;

/** The runs of one input, in order of their first line. */
export interface RunBook {
  runs: RawRun[];
  /** the run key of each run */
  keys: Array<string | null>;
  /** run key -> index of the run still open for that key */
  open: Map<string, number>;
  /** the open keys were dropped once (more than MAX_OPEN) */
  cleared: boolean;
}

export function newRunBook(): RunBook {
  return { runs: [], keys: [], open: new Map(), cleared: false };
}

/**
 * Adds one classified line to the open run of its key when it comes at most RUN_GAP_MS after that
 * run's last line (by `at`, a time or a stand-in for a year-less one): the run's index, else -1
 * (then the line starts a run: startRun). A null key never joins.
 */
export function joinRun(book: RunBook, key: string | null, stamp: Stamp): number {
  const at = stamp.at;
  if (key === null || at === null) return -1;
  const i = book.open.get(key);
  if (i === undefined) return -1;
  const r = book.runs[i];
  const prev = (r.last ?? r.first).at;
  if (prev === null || at < prev || at - prev > RUN_GAP_MS) return -1;
  r.last = stamp;
  r.count++;
  return i;
}

/** Starts a run with one line (its `first`); it stays open for its key. Returns its index. */
export function startRun(book: RunBook, key: string | null, run: RawRun): number {
  const index = book.runs.push(run) - 1;
  book.keys.push(key);
  if (key !== null && run.first.at !== null) {
    if (book.open.size >= MAX_OPEN && !book.open.has(key)) { book.open.clear(); book.cleared = true; }
    book.open.set(key, index);
  }
  return index;
}
