// Estimated starts get corroborated (DESIGN §6b): for an incident known only from the pod-reaper,
// the servers' unaddressed tunnel closes near the estimated start, and the one registered node
// that has no logs of its own and is never seen again while the observers' logs run on, name the
// likely node.
import type { Cause, Event, Incident } from '../types';
import { sameHost } from './peers';

/** How close to the estimated start a server's unaddressed tunnel close corroborates it. */
const NEAR_MS = 60_000;

const clock = (t: number) => new Date(t).toISOString().slice(11, 19);

/**
 * The likely node of an estimated incident, with its evidence, or null. `registered`: node names
 * the input shows joining the cluster (backend connections, kubectl nodes, NotReady), `observers`:
 * nodes with logs of their own.
 */
export function likelyCause(inc: Incident, timed: Event[], registered: Map<string, Event | null>, observers: Set<string>): Cause | null {
  if (!inc.estimatedStart || inc.peer.address || inc.peer.node) return null;
  const start = Date.parse(inc.start);
  // "never seen again" says something only when the observers' logs run past the start: a node the
  // logs stopped mentioning hours before (another incident's node, say) is no candidate
  if (!inc.logsEnd || Date.parse(inc.logsEnd) <= start) return null;
  const closes = timed.filter((e) => e.kind === 'tunnel.error' && e.detail.side === 'server' && e.peer === null && Math.abs(e.time! - start) <= NEAR_MS);
  const seenAfter = (name: string) => timed.some((e) => e.time! > start && ((e.kind === 'tunnel.backend-connected' && e.peer !== null && sameHost(e.peer, name)) || (e.kind === 'node.ready' && e.detail.nodeName !== null && sameHost(e.detail.nodeName, name)) || (e.node !== null && sameHost(e.node, name))));
  const candidates = [...registered].filter(([name]) => ![...observers].some((o) => sameHost(o, name)) && !seenAfter(name));
  if (candidates.length !== 1) return null;
  const [name, joined] = candidates[0];
  const corroborated = closes.length ? `; ${new Set(closes.map((e) => e.node)).size} server(s) saw an agent's tunnel close at ${clock(closes[0].time!)}, within a minute of the estimated start` : '';
  return {
    kind: 'unknown', likelyNode: name,
    message: `likely ${name}: it is registered in the cluster${joined ? ` (${joined.evidence.path}:${joined.evidence.line})` : ''}, has no logs of its own in the input and is never seen again${corroborated}. Its own logs would tell why it went down.`,
    evidence: [...(joined ? [joined.evidence] : []), ...closes.slice(0, 3).map((e) => e.evidence)],
  };
}
