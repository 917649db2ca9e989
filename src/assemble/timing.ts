// The timing model (DESIGN §6, bundles.md §4): Kubernetes and ECS reaper defaults, all overridable.
import type { TimingModel } from '../types';

export const DEFAULT_TIMING: TimingModel = {
  grace: 40, // node-monitor-grace-period (50 s from Kubernetes 1.32)
  toleration: 300, // not-ready / unreachable toleration
  terminationGrace: 30, // pod terminationGracePeriodSeconds
  reaperPeriod: 600, // pod-reaper CronJob every 10 min
  reaperThreshold: 600, // reaps pods terminating for more than 10 min
  gap: 1800, // quiet gap that separates two incidents of one peer
};

/** Seconds from the node's death to the pods' deletion timestamp: G + toleration + grace. */
export function expectedEvictSeconds(t: TimingModel): number {
  return t.grace + t.toleration + t.terminationGrace;
}

/** Band (seconds after death) in which the pod-reaper should force-delete: 16m10s-26m10s by default. */
export function expectedReapBand(t: TimingModel): [number, number] {
  const e = expectedEvictSeconds(t) + t.reaperThreshold;
  return [e, e + t.reaperPeriod];
}

/** Slack allowed around every expected band: clocks, heartbeats through other servers, cron jitter. */
export const SLACK_SECONDS = 60;
