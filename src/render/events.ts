// The event stream (`rke2-outage events`): every classified line as one JSON object per line, in
// time order, for jq and other tools; `--runs` prints repeats as runs instead. Prepared exactly as
// assembly prepares them (peer attribution, list diffs, etcd ids); lines without an absolute time
// come last.
import type { Event, Evidence, Role } from '../types';
import type { Placed } from '../read';
import { prepareEvents } from '../assemble/prepare';
import { iso, runFields } from '../assemble/milestones';

/** One line of the stream. */
export interface EventRecord {
  kind: string;
  rule: string;
  time: string | null;
  node: string | null;
  role: Role;
  peer: string | null;
  detail: Record<string, unknown>;
  evidence: Evidence;
  /** a run (--runs): how many lines, the last one's time and line */
  count?: number;
  until?: string | null;
  lastEvidence?: Evidence;
  /** silences over a minute the run was joined across (an input past its run budget) */
  gaps?: number;
  gapMs?: number;
}

/** Events as assembly reads them (prepared copies, time order), then the untimed ones in file order. */
function prepared(events: Event[]): Event[] {
  const untimed = events.filter((e) => e.time === null).sort((a, b) => a.source - b.source || a.evidence.line - b.evidence.line);
  return [...prepareEvents(events), ...untimed];
}

function record(e: Event, time: number | null, evidence: Evidence): EventRecord {
  return { kind: e.kind, rule: e.rule, time: iso(time), node: e.node, role: e.role, peer: e.peer, detail: e.detail as Record<string, unknown>, evidence };
}

/** Runs in time order (file order within an instant), prepared as assembly prepares them. */
export function eventRecords(events: Event[]): EventRecord[] {
  return prepared(events).map((e) => ({
    ...record(e, e.time, e.evidence),
    ...runFields(e),
  }));
}

/**
 * Every line of every run, in time order: each takes its run's prepared meaning (kind, node, peer,
 * detail) and keeps its own time and line. `offsets[i]` is the seq of input i's first event.
 */
export async function* memberRecords(events: Event[], members: AsyncIterable<Placed>, keep: (t: number | null) => boolean): AsyncGenerator<EventRecord> {
  const bySeq = new Map(prepared(events).map((e) => [e.seq, e]));
  const offsets: number[] = [];
  for (const e of events) if (offsets[e.source] === undefined) offsets[e.source] = e.seq;
  for await (const m of members) {
    const e = bySeq.get((offsets[m.input] ?? NaN) + m.run);
    if (!e || !keep(m.time)) continue;
    yield record(e, m.time, { path: e.evidence.path, line: m.line, text: m.text });
  }
}

/** Characters JSON leaves raw that a terminal or viewer would act on (C1, DEL, line separators, bidi controls). */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

/** One JSON value on one line, with the characters above escaped as `\uXXXX` (the data is the same). */
export function jsonLine(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(UNSAFE_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** NDJSON text: one record per line. */
export function renderEventLines(records: EventRecord[]): string {
  return records.map((r) => jsonLine(r) + '\n').join('');
}
