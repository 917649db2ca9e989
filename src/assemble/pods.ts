// Pod-reaper output -> one record per force-deleted pod, with its outcome (bundles.md §1.3):
// `Successfully force deleted pod P in namespace N` or kubectl's `pod "P" force deleted` (tied by
// name to the latest open force-delete in the same source), `Error from server (NotFound)` = gone.
import type { Event, Evidence } from '../types';

export interface ForceDelete {
  namespace: string;
  name: string;
  deletionTs: number | null;
  at: number;
  ev: Event;
  outcome: 'deleted' | 'failed' | 'unknown';
  outcomeEv: Event | null;
  attempts: number;
  runs: Set<number>;
}

/** Reaper runs (start lines) and force-deletes, in time order. */
export interface ReaperView {
  runs: Event[];
  deletes: ForceDelete[];
  sources: Set<number>;
}

/** Folds reaper events (time-ordered) into force-delete records, one per namespace/pod. */
export function collectPods(sorted: Event[]): ReaperView {
  const byKey = new Map<string, ForceDelete>();
  const open = new Map<string, ForceDelete[]>(); // source|name -> awaiting an outcome
  const runs: Event[] = [];
  const sources = new Set<number>();
  const deletes: ForceDelete[] = [];
  for (const ev of sorted) {
    if (!ev.kind.startsWith('reaper.')) continue;
    sources.add(ev.source);
    const d = ev.detail as { pod?: string; namespace?: string | null; deletionTimestamp?: number | null; reason?: string };
    if (ev.kind === 'reaper.run') { runs.push(ev); continue; }
    if (!d.pod || ev.time === null) continue;
    if (ev.kind === 'reaper.force-delete') {
      // a recreated StatefulSet pod reuses its name: the deletion timestamp tells the two apart
      const key = `${d.namespace}/${d.pod}@${d.deletionTimestamp ?? ''}`;
      let fd = byKey.get(key);
      if (fd) {
        fd.attempts++;
        fd.runs.add(Math.floor(ev.time / 60_000));
        if (fd.outcome !== 'deleted') fd.outcome = 'unknown';
      } else {
        fd = { namespace: d.namespace ?? '', name: d.pod, deletionTs: d.deletionTimestamp ?? null, at: ev.time, ev, outcome: 'unknown', outcomeEv: null, attempts: 1, runs: new Set([Math.floor(ev.time / 60_000)]) };
        byKey.set(key, fd);
        deletes.push(fd);
      }
      const k = `${ev.source}|${d.pod}`;
      const l = open.get(k) ?? [];
      l.push(fd);
      open.set(k, l);
      continue;
    }
    // an outcome: by namespace when the line names it, else the latest open delete of that name
    const l = open.get(`${ev.source}|${d.pod}`) ?? [];
    let idx = -1;
    for (let i = l.length - 1; i >= 0; i--) if (!d.namespace || l[i].namespace === d.namespace) { idx = i; break; }
    const fd = idx >= 0 ? l.splice(idx, 1)[0] : d.namespace ? deletes.filter((x) => x.namespace === d.namespace && x.name === d.pod).pop() : undefined;
    if (!fd) continue;
    const gone = ev.kind === 'reaper.deleted' || d.reason === 'NotFound';
    fd.outcome = gone ? 'deleted' : 'failed';
    fd.outcomeEv = ev;
  }
  return { runs, deletes, sources };
}

export function evidenceOf(ev: Event): Evidence {
  return ev.evidence;
}
