// The literal prefilter (DESIGN §9): one alternation of every rule's needles. A line without any
// needle cannot match any rule, so it is never parsed in full.
import type { Rule } from './rule';

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Builds the needle alternation, longest first so the engine settles early. */
export function needleRegex(rules: Rule[], flags = ''): RegExp {
  const all = [...new Set(rules.flatMap((r) => r.needles))].sort((a, b) => b.length - a.length);
  return new RegExp(all.map(escape).join('|'), flags);
}

/** Every distinct needle (for the grep comparison in the benchmark). */
export function allNeedles(rules: Rule[]): string[] {
  return [...new Set(rules.flatMap((r) => r.needles))];
}
