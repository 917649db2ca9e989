// Deterministic filler for generated bundles: pseudo-random numbers, harmless noise lines spread
// over a window, and the pod-reaper CronJob's runs (the only place pods are force-deleted).
import { DEFAULT_TIMING } from '../../src/assemble/timing';
import { noise, type Ctx, type Marked } from './wording';
import { reaperStamp } from './render';

const S = 1000;
const NAMESPACES = ['cdp', 'compute-hive01', 'impala-impala01', 'vault-system', 'ecs-webhooks', 'infra-prometheus'];

/** Deterministic pseudo-random numbers (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Noise spread over [from, to), `perHour` lines an hour. */
export function noiseLines(c: Ctx, from: number, to: number, perHour: number, pid: number, rnd: () => number): Marked[] {
  const n = Math.max(1, Math.round(((to - from) / 3_600_000) * perHour));
  return Array.from({ length: n }, (_, i) => noise(c, from + Math.floor(rnd() * (to - from) / 1000) * 1000 + (i % 1000), i, pid));
}

export interface ReaperRun { name: string; lines: string[]; at: number }

/**
 * The reaper CronJob, every 10 minutes: runs, force-deletes pods terminating for more than the
 * threshold. `skip`: instants when the CronJob cannot run (the API is down).
 */
export function reaperRuns(t0: number, deletionTs: number, back: number | null, until: number, pods: Array<[string, string]>, rnd: () => number, skip: (t: number) => boolean = () => false) {
  const T = DEFAULT_TIMING;
  const runs: ReaperRun[] = [];
  const deletes: number[] = [];
  const period = T.reaperPeriod * S;
  let done = false;
  for (let sched = Math.ceil((t0 - period) / period) * period; sched <= until; sched += period) {
    const r = sched + S;
    const suffix = Array.from({ length: 5 }, () => 'bcdfghjklmnpqrstvwxz2456789'[Math.floor(rnd() * 27)]).join('');
    if (skip(r)) continue;
    const lines = [`${reaperStamp(r)} Starting pod-reaper [Reap older than: ${T.reaperThreshold / 60} minute(s)][Namespace regex: *UNKNOWN*]`];
    for (const ns of NAMESPACES) lines.push(`${reaperStamp(r)} processing namespace ${ns}`);
    // pods the returned kubelet confirmed are gone before this run need no reaping
    const stuck = !done && r > deletionTs + T.reaperThreshold * S && (back === null || back > r);
    if (stuck) {
      const at = r + S;
      const ts = new Date(deletionTs).toISOString().replace('.000Z', 'Z');
      for (const [ns, p] of pods) {
        lines.push(`${reaperStamp(at)} Force delete pod ${p} in namespace ${ns} with deletion timestamp: ${ts}`);
        lines.push('warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.');
        lines.push(`pod "${p}" force deleted`);
        lines.push(`${reaperStamp(at)} Successfully force deleted pod ${p} in namespace ${ns}`);
        deletes.push(at);
      }
      done = true;
    }
    runs.push({ name: `pod-reaper-${sched / 60_000}-${suffix}`, lines, at: r });
  }
  return { runs, deletes };
}
