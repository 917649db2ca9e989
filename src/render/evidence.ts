// Evidence shared by the ticket renderers: `path:line` and a shortened, single-line log text.
import type { Evidence, Incident } from '../types';

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

/** Evidence in milestone order, then findings', then pods': the order a reader checks claims. */
export function incidentEvidence(inc: Incident): EvidenceList {
  const list = new EvidenceList();
  for (const m of Object.values(inc.milestones)) if (m) list.ref(m.evidence);
  for (const f of inc.findings) for (const e of f.evidence ?? []) list.ref(e);
  return list;
}
