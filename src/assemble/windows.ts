// Cluster windows (DESIGN §6b): when every known server is lost at once the control plane is down
// (no API, no scheduling, no eviction) from the loss of the last reachable one to the first one
// back; when more of the servers (each an etcd member in RKE2) are lost than etcd's quorum allows,
// etcd lost quorum. Worked out from the server incidents as the agents saw them.
import type { ClusterWindow, Evidence, Incident, WindowKind } from '../types';
import { fmtDuration } from './format';
import { append } from '../lists';

interface Span { host: string; from: number; to: number; lost: Evidence | null; back: Evidence | null; closed: boolean }

const iso = (t: number) => new Date(t).toISOString();

/** Each server's lost intervals: one per cycle; an open one runs to the end of the logs. */
function spansOf(incidents: Incident[], servers: Set<string>, logsEnd: number | null): Span[] {
  const out: Span[] = [];
  for (const inc of incidents) {
    const host = inc.peer.address;
    if (!host || inc.estimatedStart || !servers.has(host)) continue;
    const cycles = inc.cycles ?? [{ lost: inc.start, back: inc.end }];
    const ev = (at: string | null) => (at ? inc.timeline.find((e) => e.time === at)?.evidence ?? null : null);
    for (const c of cycles) {
      const to = c.back ? Date.parse(c.back) : Math.max(logsEnd ?? Infinity, Date.parse(c.lost));
      out.push({ host, from: Date.parse(c.lost), to, lost: ev(c.lost) ?? inc.milestones.firstSign?.evidence ?? null, back: ev(c.back), closed: !!c.back });
    }
  }
  return out;
}

/** Intervals during which at least `need` distinct servers were lost at once. */
function sweep(spans: Span[], need: number): Array<{ from: number; to: number; closed: boolean; spans: Span[] }> {
  const points = [...new Set(spans.flatMap((s) => [s.from, s.to]))].sort((a, b) => a - b);
  const out: Array<{ from: number; to: number; closed: boolean; spans: Span[] }> = [];
  let cur: { from: number; to: number; closed: boolean; spans: Span[] } | null = null;
  for (const t of points) {
    const live = spans.filter((s) => s.from <= t && t < s.to);
    const hosts = new Set(live.map((s) => s.host));
    if (hosts.size >= need) {
      if (!cur) out.push((cur = { from: t, to: t, closed: true, spans: [] }));
      for (const s of live) if (!cur.spans.includes(s)) cur.spans.push(s);
    } else if (cur) {
      cur.to = t;
      // the window ends when the first lost server is back; an interval that merely runs out with the logs leaves it open
      cur.closed = cur.spans.some((s) => s.closed && s.to === t);
      cur = null;
    }
  }
  return out;
}

function windowOf(kind: WindowKind, w: { from: number; to: number; closed: boolean; spans: Span[] }, known: number): ClusterWindow {
  const peers = [...new Set(w.spans.map((s) => s.host))].sort();
  const end = w.closed ? w.to : null;
  const length = end !== null ? `for ${fmtDuration((end - w.from) / 1000)}` : `from ${iso(w.from)} until the logs end`;
  const message = kind === 'control-plane-down'
    ? `The control plane was down ${length}: all ${known} known server${known > 1 ? 's' : ''} lost (${peers.join(', ')}): no API, no scheduling, no eviction.`
    : `etcd lost quorum ${length}: ${peers.length} of ${known} servers (each an etcd member in RKE2) lost (${peers.join(', ')}); etcd needs ${Math.floor(known / 2) + 1} to write.`;
  const evidence = [...w.spans.map((s) => s.lost), ...(end !== null ? w.spans.filter((s) => s.to === end).map((s) => s.back) : [])]
    .filter((e): e is Evidence => !!e)
    .filter((e, i, all) => all.findIndex((x) => x.path === e.path && x.line === e.line) === i);
  return { kind, start: iso(w.from), end: end !== null ? iso(end) : null, peers, message, evidence };
}

/**
 * The cluster windows of a report, in time order. `known`: every server address the input
 * revealed; `etcdSeen`: etcd's own lines are in the input (only then is quorum claimed).
 */
export function clusterWindows(incidents: Incident[], known: Set<string>, logsEnd: number | null, etcdSeen: boolean): ClusterWindow[] {
  const servers = new Set(known);
  for (const inc of incidents) if (inc.peer.address && inc.peer.role === 'server') servers.add(inc.peer.address);
  if (!servers.size) return [];
  const spans = spansOf(incidents, servers, logsEnd);
  const n = servers.size;
  const out = sweep(spans, n).map((w) => windowOf('control-plane-down', w, n));
  // etcd needs floor(n/2)+1 members: losing n - floor(n/2) of them loses quorum (2 of 3, 2 of 4, 3 of 5)
  if (n >= 2 && etcdSeen) append(out, sweep(spans, n - Math.floor(n / 2)).map((w) => windowOf('etcd-quorum-lost', w, n)));
  return out.sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || (a.kind === 'etcd-quorum-lost' ? -1 : 1));
}

/** True when the incident overlaps a control-plane-down window: nothing was left to fail over to, nothing evicted. */
export function overlapsControlPlaneDown(windows: ClusterWindow[], inc: Incident): boolean {
  const from = Date.parse(inc.start);
  const to = inc.end ? Date.parse(inc.end) : Infinity;
  return windows.some((w) => w.kind === 'control-plane-down' && from <= (w.end === null ? Infinity : Date.parse(w.end)) && to >= Date.parse(w.start));
}
