// A string cut short (`…` at its end, as evidence is clipped) may end inside an address or a name
// (`dial tcp 10.113.20…`): no pattern can match the rest of it, so such a tail is masked whole.

const TOKEN = /[A-Za-z0-9._:-]/;
export const MASK = '[redacted]';

/** The start of the token just before a final `…`, or -1 when `s` is not cut or the token is empty. */
export function cutTail(s: string): number {
  if (!s.endsWith('…')) return -1;
  let i = s.length - 1;
  while (i > 0 && TOKEN.test(s[i - 1])) i--;
  return i < s.length - 1 ? i : -1;
}

/** Sorted known names, for "is this cut token the start of one of them". */
export class Prefixes {
  private readonly sorted: string[];
  constructor(names: Iterable<string>) {
    this.sorted = [...new Set(names)].sort();
  }
  /** True when some known name starts with `p` (binary search: many names, many strings). */
  has(p: string): boolean {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid] < p) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.sorted.length && this.sorted[lo].startsWith(p);
  }
}

/**
 * True when a cut token may be part of an address or a host name: it holds a dot or a colon
 * between word characters or digits (a partial address or FQDN), spells a cloud host
 * (`ip-10-1…`), or starts a known name (three characters or more).
 */
export function mayHide(token: string, known: Prefixes): boolean {
  if (/[0-9A-Za-z-][.:]|[.:][0-9A-Za-z]/.test(token) || /^ip-\d/i.test(token)) return true;
  return token.length >= 3 && known.has(token.toLowerCase());
}
