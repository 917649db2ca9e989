// The one colour language of the HTML report: a hue per event family (what a log line said) and
// greys for the phases (what the cluster waited for), darker as the wait goes on. No colour means
// two things: a test checks the two palettes never share one.
import type { Family } from '../kinds';
import type { PhaseName } from './phases';

export const FAMILY_COLOURS: Record<Family | 'other', string> = {
  tunnel: '#d62728', lb: '#1f77b4', etcd: '#8c564b', 'control-plane': '#17becf',
  node: '#2ca02c', pod: '#e377c2', reaper: '#9467bd', other: '#bcbd22',
};

export const PHASE_COLOURS: Record<PhaseName, string> = {
  detect: '#dde1e6', failover: '#bcc3cc', evict: '#959eaa', reap: '#6c7684', down: '#3f4752',
};

/** Phases light enough for dark label text. */
export const LIGHT_PHASES: PhaseName[] = ['detect', 'failover'];

/** CSS rules for the families (`.fam-x` fill; `.legend .fam-x` swatch) and the phases. */
export function colourRules(): string {
  const fam = Object.entries(FAMILY_COLOURS).map(([f, c]) => `.fam-${f} { fill: ${c}; } .legend .fam-${f} { color: ${c}; }`);
  const ph = Object.entries(PHASE_COLOURS).map(([p, c]) => `.phase-${p} { fill: ${c}; background: ${c}; }`);
  const key = Object.entries(PHASE_COLOURS).map(([p, c]) => `.legend .ph-${p}::before { background: ${c}; }`);
  const text = (Object.keys(PHASE_COLOURS) as PhaseName[]).map((p) => `svg .pl-${p} { fill: ${LIGHT_PHASES.includes(p) ? '#1d232b' : '#fff'}; }`);
  return [...fam, ...ph, ...key, ...text].join('\n');
}
