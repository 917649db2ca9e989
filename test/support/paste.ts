// How the input reaches the tool besides a layout's files: cut short (the logs end, or start, inside
// the outage), one stdin paste of every node's journal (interleaved by time, or host after host)
// with the reaper output below it, or the reaper output alone on stdin.
import type { Model } from './layouts';
import { journalLines, journalText } from './layouts';

const text = (lines: string[]) => lines.join('\n') + '\n';

/** Keeps every line in [from, cut] (null: no bound); returns the reaper deletes that remain. */
export function trim(m: Model, deletes: number[], cut: number | null, from: number | null): { deletes: number[] } {
  if (cut === null && from === null) return { deletes };
  const keep = (t: number) => (cut === null || t <= cut) && (from === null || t >= from);
  for (const n of m.nodes) {
    for (const k of ['rke2', 'kubelet', 'kubeletOld', 'etcd', 'apiserver'] as const) n[k] = n[k].filter((l) => keep(l.t));
  }
  m.nodes = m.nodes.filter((n) => n.rke2.some((l) => l.kind !== 'marker'));
  if (m.kcm) m.kcm.lines = m.kcm.lines.filter((l) => keep(l.t));
  // a run is a whole `kubectl logs` output: kept when it ran inside the window
  m.reaper = m.reaper.filter((r) => keep(r.at));
  // the logs were collected (or pasted) at the cut
  if (cut !== null) m.collect = Math.min(m.collect, cut);
  return { deletes: deletes.filter(keep) };
}

/** Every node's journal in one paste, then the reaper runs' output. */
export function pasteText(m: Model, mode: 'interleaved' | 'concatenated'): string {
  const reaper = m.reaper.flatMap((r) => r.lines);
  if (mode === 'concatenated') return m.nodes.map((n) => journalText(m, n)).join('') + text(reaper);
  // interleaved: ordered by time; lines of one instant keep their node's order
  const all = m.nodes.flatMap((n, i) => {
    const sorted = [...n.rke2].filter((l) => l.kind !== 'nul' && l.kind !== 'marker').sort((a, b) => a.t - b.t);
    const lines = journalLines({ ...m }, { ...n, rke2: sorted });
    return sorted.map((l, k) => ({ t: l.t, i, k, line: lines[k] }));
  });
  all.sort((a, b) => a.t - b.t || a.i - b.i || a.k - b.k);
  return text([...all.map((x) => x.line), ...reaper]);
}

/** The reaper runs' output as one `kubectl logs` paste. */
export function reaperText(m: Model): string {
  return text(m.reaper.flatMap((r) => r.lines));
}
