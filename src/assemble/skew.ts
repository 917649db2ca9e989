// `clock-skew` findings (DESIGN §6): an observer whose clock disagrees with the others by more than
// a few seconds makes every cross-node duration wrong. Two measures: a journald prefix that runs
// away from the payload's own time (per source), and observers that saw one abrupt tunnel close at
// different times (a killed peer closes every tunnel at the same instant).
import type { Event, Finding, SourceLag } from '../types';
import type { Fact } from './facts';

/** Disagreement that is more than journald's receive lag and logrus' 1 s resolution. */
export const SKEW_THRESHOLD_MS = 5_000;

/** Errors that every observer sees at the same instant: the peer's kernel closed the sockets. */
const ABRUPT = /close 1006|unexpected EOF|connection reset by peer/;

const secs = (ms: number): string => `${Math.round(ms / 100) / 10}s`;

/** Per-source skew between journald prefixes and payload times. */
export function lagFindings(lags: SourceLag[]): Finding[] {
  return lags.filter((l) => Math.abs(l.medianMs) > SKEW_THRESHOLD_MS).map((l) => ({
    code: 'clock-skew', severity: 'warning' as const,
    message: `${l.node ?? l.path}: the journald time stamps run ${secs(Math.abs(l.medianMs))} ${l.medianMs > 0 ? 'after' : 'before'} the rke2 lines' own times (median of ${l.samples} lines): the host clock was stepped or the journal lagged; times from the prefix alone (klog, kubelet) are off by that much.`,
    evidence: [l.evidence],
  }));
}

/** The earliest abrupt tunnel close per observer among an incident's facts. */
function abruptCloses(facts: Fact[]): Map<string, Event> {
  const by = new Map<string, Event>();
  for (const f of facts) {
    const e = f.ev;
    if (e.kind !== 'tunnel.error' || !e.node || e.detail.side === 'server') continue;
    if (!ABRUPT.test(String(e.detail.error ?? ''))) continue;
    if (!by.has(e.node)) by.set(e.node, e);
  }
  return by;
}

/** Observers whose abrupt-close time differs from the others' median by more than the threshold. */
export function observerSkewFindings(facts: Fact[], peer: string | null): Finding[] {
  const closes = [...abruptCloses(facts).values()];
  if (closes.length < 2) return [];
  const times = closes.map((e) => e.time!).sort((a, b) => a - b);
  if (times[times.length - 1] - times[0] <= SKEW_THRESHOLD_MS) return [];
  const median = times[Math.floor((times.length - 1) / 2)];
  const outliers = closes.length >= 3 ? closes.filter((e) => Math.abs(e.time! - median) > SKEW_THRESHOLD_MS) : closes;
  const what = closes.length >= 3
    ? outliers.map((e) => `${e.node} ${e.time! > median ? '+' : '-'}${secs(Math.abs(e.time! - median))}`).join(', ')
    : `${closes[0].node} and ${closes[1].node} differ by ${secs(Math.abs(closes[0].time! - closes[1].time!))}`;
  return [{
    code: 'clock-skew', severity: 'warning',
    message: `Observers saw the abrupt close of ${peer ?? 'the peer'}'s tunnels at different times (${what}), although a dead peer closes every tunnel at once: their clocks disagree, so per-observer times and cross-node durations carry that error.`,
    evidence: outliers.map((e) => e.evidence),
  }];
}
