// Evidence shared by the ticket renderers: `path:line`, a shortened single-line log text, the
// numbered evidence list of an incident, and the run a line starts (`×120 until 09:40:02`).
import type { ClusterWindow, Evidence, Incident } from '../types';
import { fmtClock } from './time';
import { repeatsText } from './runs';
import { milestonesInOrder } from './timeline';

/** How much of a log line a report shows (cut after redaction, never before). */
export const EVIDENCE_SHOWN = 400;

/**
 * `value` with every evidence line (`{path, line, text}`) cut to `max` characters: the objects and
 * arrays on the way to a cut line are copies, the rest is shared (100,000 inputs are not copied
 * to cut nothing in them). Neither `value` nor the result is changed afterwards.
 */
export function clipEvidence<T>(value: T, max = EVIDENCE_SHOWN): T {
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      const c = clipEvidence(v, max);
      if (c !== v) (out ??= value.slice())[i] = c;
    }
    return (out ?? value) as T;
  }
  if (!value || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  if (typeof o.path === 'string' && typeof o.line === 'number' && typeof o.text === 'string') {
    return (o.text.length > max ? { ...o, text: o.text.slice(0, max - 1) + '…' } : value) as T;
  }
  let out: Record<string, unknown> | null = null;
  for (const k of Object.keys(o)) {
    const v = o[k];
    const c = clipEvidence(v, max);
    if (c !== v) (out ??= { ...o })[k] = c;
  }
  return (out ?? value) as T;
}

/** `path:line`. */
export function cite(e: Evidence): string {
  return `${e.path}:${e.line}`;
}

/** One line, at most `max` characters, control characters shown as spaces. */
export function oneLine(text: string, max = 160): string {
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}

/** Numbers each distinct evidence line of an incident (E1, E2, ...) in first-use order. */
export class EvidenceList {
  readonly items: Evidence[] = [];

  ref(e: Evidence): string {
    let i = this.items.findIndex((r) => r.path === e.path && r.line === e.line);
    if (i < 0) i = this.items.push(e) - 1;
    return `E${i + 1}`;
  }
}

/** Evidence in milestone time order, then the cause's, findings', and the first line of each run: the order a reader checks claims. */
export function incidentEvidence(inc: Incident): EvidenceList {
  const list = new EvidenceList();
  for (const p of milestonesInOrder(inc)) list.ref(p.m.evidence);
  for (const e of inc.cause?.evidence ?? []) list.ref(e);
  for (const f of inc.findings) for (const e of f.evidence ?? []) list.ref(e);
  for (const e of inc.timeline) if ((e.count ?? 1) > 1) list.ref(e.evidence);
  return list;
}

/** `×120 until 09:40:02` when the line starts a run of repeats on the incident's timeline, else null. */
export function runNote(inc: Incident, e: Evidence, tz: string): string | null {
  const run = inc.timeline.find((t) => (t.count ?? 1) > 1 && t.evidence.path === e.path && t.evidence.line === e.line);
  if (!run) return null;
  return repeatsText(run, fmtClock(run.until ?? run.time, tz));
}

/** A window's evidence as `path:line` list. */
export function windowCites(w: ClusterWindow): string[] {
  return w.evidence.map(cite);
}
