// Rule needles (DESIGN §9): a line without any needle cannot match any rule, so it is never parsed
// in full. `needleRegex` is the exact per-line test (a trie of the needles); whole chunks are
// searched with the Wu-Manber finder in prefilter.ts, which flags the same lines.
import type { Rule } from './rule';

/** Escapes a literal for use inside a regular expression. */
export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface Node { end: boolean; next: Map<string, Node> }

/** Regex source matching any of `words`; a word that is a prefix of another ends its branch. */
function trieSource(words: string[]): string {
  const root: Node = { end: false, next: new Map() };
  for (const w of words) {
    let n = root;
    for (const ch of w) {
      let c = n.next.get(ch);
      if (!c) { c = { end: false, next: new Map() }; n.next.set(ch, c); }
      n = c;
    }
    n.end = true;
  }
  const emit = (n: Node): string => {
    if (n.end) return ''; // containing the shorter word is enough for a prefilter
    const alts = [...n.next].sort(([a], [b]) => (a < b ? -1 : 1)).map(([ch, c]) => escapeRegex(ch) + emit(c));
    return alts.length === 1 ? alts[0] : `(?:${alts.join('|')})`;
  };
  return emit(root);
}

/** Builds the needle prefilter: matches exactly where some needle of `rules` occurs. */
export function needleRegex(rules: Rule[], flags = ''): RegExp {
  const all = allNeedles(rules).filter((n) => n.length > 0);
  return new RegExp(all.length ? trieSource(all) : '(?!)', flags);
}

// Printable characters from rarest to most common, counted over the seed fixtures' rke2 and
// reaper logs; prefilter.ts places its search windows on rare ones. Characters not listed are rarer still.
export const BY_FREQUENCY = '$BVGX&jZ<>\\%{}JzH[UPMKxF\'C,+yS@;*()L_OWDqA]=TIENbp956k"w83R7u4-0gv/mf2l.idh:1ncasotre ';
/** Every distinct needle (for the grep comparison in the benchmark). */
export function allNeedles(rules: Rule[]): string[] {
  return [...new Set(rules.flatMap((r) => r.needles))];
}
