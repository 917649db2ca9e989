// Pod-reaper output -> one record per force-deleted pod, with its outcome (bundles.md §1.3):
// `Successfully force deleted pod P in namespace N` or kubectl's `pod "P" force deleted` (tied by
// name to the latest open force-delete in the same source), `Error from server (NotFound)` = gone.
import type { Event } from '../types';

export interface ForceDelete {
  namespace: string;
  name: string;
  deletionTs: number | null;
  at: number;
  ev: Event;
  /** the latest attempt (the same as `at`/`ev` when it was force-deleted once) */
  lastAt: number;
  lastEv: Event;
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
  const early: Event[] = []; // outcomes seen before any force-delete of their pod
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
        // deleted again: the earlier answer did not free it; the outcome is the latest attempt's
        fd.attempts++;
        fd.runs.add(Math.floor(ev.time / 60_000));
        if (ev.time >= fd.lastAt) { fd.lastAt = ev.time; fd.lastEv = ev; fd.outcome = 'unknown'; fd.outcomeEv = null; }
      } else {
        fd = { namespace: d.namespace ?? '', name: d.pod, deletionTs: d.deletionTimestamp ?? null, at: ev.time, ev, lastAt: ev.time, lastEv: ev, outcome: 'unknown', outcomeEv: null, attempts: 1, runs: new Set([Math.floor(ev.time / 60_000)]) };
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
    if (!fd) { early.push(ev); continue; }
    settle(fd, ev);
  }
  // output pasted in reverse order puts kubectl's answer above its force-delete: match it afterwards
  for (const ev of early) {
    const d = ev.detail as { pod?: string; namespace?: string | null };
    const fd = deletes.find((x) => !x.outcomeEv && x.lastEv.source === ev.source && x.name === d.pod && (!d.namespace || x.namespace === d.namespace) && Math.abs(x.lastAt - ev.time!) <= EARLY_OUTCOME_MS);
    if (fd) settle(fd, ev);
  }
  return { runs, deletes, sources };
}

/** How far before its force-delete an outcome may sit (one reaper run, reversed paste). */
const EARLY_OUTCOME_MS = 60_000;

function settle(fd: ForceDelete, ev: Event): void {
  const gone = ev.kind === 'reaper.deleted' || (ev.detail as { reason?: string }).reason === 'NotFound';
  fd.outcome = gone ? 'deleted' : 'failed';
  fd.outcomeEv = ev;
}
