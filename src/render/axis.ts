// Time scale for the swimlane: a linear map from instants to x, and round tick steps.

export interface Scale {
  t0: number;
  t1: number;
  x0: number;
  x1: number;
}

export function xOf(s: Scale, t: number): number {
  const span = Math.max(1, s.t1 - s.t0);
  return s.x0 + ((t - s.t0) / span) * (s.x1 - s.x0);
}

const STEPS_S = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

/** Tick instants on round steps, at most about `max` of them. */
export function ticks(s: Scale, max = 10): number[] {
  const span = (s.t1 - s.t0) / 1000;
  const step = (STEPS_S.find((x) => span / x <= max) ?? 86400 * Math.ceil(span / 86400 / max)) * 1000;
  const out: number[] = [];
  for (let t = Math.ceil(s.t0 / step) * step; t <= s.t1 && out.length < 200; t += step) out.push(t);
  return out;
}
