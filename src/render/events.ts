// The event stream (`rke2-outage events`): every classified event as one JSON object per line,
// in time order, for jq and other tools. Prepared exactly as assembly prepares them (peer
// attribution, list diffs, etcd ids); events without an absolute time come last.
import type { Event, Evidence, Role } from '../types';
import { prepareEvents } from '../assemble/prepare';
import { iso } from '../assemble/milestones';

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
}

/** Events in time order (file order within an instant), prepared as assembly prepares them. */
export function eventRecords(events: Event[]): EventRecord[] {
  const untimed = events.filter((e) => e.time === null).sort((a, b) => a.source - b.source || a.evidence.line - b.evidence.line);
  return [...prepareEvents(events), ...untimed].map((e) => ({
    kind: e.kind, rule: e.rule, time: iso(e.time), node: e.node, role: e.role, peer: e.peer, detail: e.detail as Record<string, unknown>, evidence: e.evidence,
  }));
}

/** NDJSON text: one record per line. */
export function renderEventLines(records: EventRecord[]): string {
  return records.map((r) => JSON.stringify(r) + '\n').join('');
}
