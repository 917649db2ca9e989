// `observer-isolated`: one node loses its tunnels to several peers at once and no other node
// whose logs cover that moment sees any of them go: that node was cut off (a network partition,
// its own restart), not the peers. When the others saw that node vanish, the majority decides
// (DESIGN §6b): its losses are evidence of its own incident, not incidents of the peers.
import type { Finding, Incident, InputSummary } from '../types';
import { nodeSpans } from './coverage';

/** Losses of different peers this close together are one event seen from the observer. */
const TOGETHER_MS = 60_000;

/** One node that lost several peers alone, the incidents it alone opened, and the nodes that saw nothing. */
export interface Isolated { who: string; incidents: Incident[]; others: string[] }

/** `tunnelNodes`: nodes whose logs hold tunnel or load-balancer lines (rke2 logs, not only kubelet or kcm). */
export function isolatedObservers(incidents: Incident[], inputs: InputSummary[], tunnelNodes: Set<string>): Isolated[] {
  const spans = nodeSpans(inputs).filter((s) => tunnelNodes.has(s.node));
  const out: Isolated[] = [];
  const lone = incidents.filter((i) => !i.estimatedStart && i.observers.filter((o) => o.firstSign).length === 1);
  const done = new Set<Incident>();
  for (const a of lone) {
    if (done.has(a)) continue;
    const who = a.observers.find((o) => o.firstSign)!.node;
    if (!who) continue;
    const t = Date.parse(a.start);
    const set = lone.filter((b) => !done.has(b) && b.observers.find((o) => o.firstSign)!.node === who && Math.abs(Date.parse(b.start) - t) <= TOGETHER_MS);
    // a lost peer's own log that runs on past the loss counts too: a dead node's log stops there
    const others = spans.filter((s) => s.node !== who && s.first <= t && s.last >= t + TOGETHER_MS);
    if (set.length < 2 || !others.length) continue;
    set.forEach((b) => done.add(b));
    out.push({ who, incidents: set, others: others.map((s) => s.node) });
  }
  return out;
}

/** The finding for an isolated observer whose own incident is not in the logs (the incidents stay). */
export function isolationFinding(i: Isolated): Finding {
  return {
    code: 'observer-isolated', severity: 'warning',
    message: `${i.who} lost ${i.incidents.map((b) => b.peer.node ?? b.peer.address).join(', ')} within ${TOGETHER_MS / 1000}s (incidents ${i.incidents.map((b) => b.id).join(', ')}), and no other node whose logs cover that time (${i.others.join(', ')}) saw them go: ${i.who} itself was probably cut off (network partition, or its own restart), not the peers.`,
    evidence: i.incidents.map((b) => b.milestones.firstSign!.evidence),
  };
}
