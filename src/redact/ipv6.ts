// IPv6 address pseudonyms that keep the shape and the prefixes: addresses sharing a /64 (and a
// /48) still share one after redaction, and hosts keep their order inside a /64. Pseudonyms live
// in the documentation prefix 2001:db8::/32 and never equal an original address.
import { numberNested } from './nested';

const H = '[0-9A-Fa-f]{1,4}';
/**
 * An IPv6 address in free text: eight groups, or a `::`-compressed form with at least one group
 * (times like `10:13:37`, MAC addresses and a bare `::` are not). Bounded: fixed repetitions; not
 * glued to word characters, to a hex group or `::` before it, or to an embedded IPv4 tail
 * (`::ffff:10.0.0.1` is left to IPv4). A label and a colon before it are fine: `addr:fd00:10:20::3`.
 */
export const IPV6 = new RegExp(
  String.raw`(?<![\w.])(?<![0-9A-Fa-f]:)(?<!::)(?:${H}(?::${H}){7}|${H}(?::${H}){0,6}::(?:${H}(?::${H}){0,6})?|::${H}(?::${H}){0,6})(?![\w:]|\.\d)`,
  'g',
);

/** The eight 16-bit groups of an address, or null when it is not one (too many groups, no groups). */
export function groupsOf(ip: string): number[] | null {
  const parts = ip.toLowerCase().split('::');
  if (parts.length > 2) return null;
  const side = (s: string) => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  const left = side(parts[0]);
  const right = parts.length === 2 ? side(parts[1]) : [];
  if (left.some(Number.isNaN) || right.some(Number.isNaN)) return null;
  if (parts.length === 1) return left.length === 8 ? left : null;
  if (left.length + right.length > 7 || left.length + right.length < 1) return null;
  return [...left, ...Array(8 - left.length - right.length).fill(0), ...right];
}

/** RFC 5952 text of eight groups: lower case, the longest run of two or more zero groups as `::`. */
export function formatIpv6(g: number[]): string {
  let best = -1;
  let len = 0;
  for (let i = 0; i < 8; i++) {
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > len && j - i >= 2) { best = i; len = j - i; }
    if (j > i) i = j;
  }
  const hex = g.map((x) => x.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + len).join(':')}`;
}

/** The canonical text of an address (the key of the mapping), or null when it is not one. */
export function canonicalIpv6(ip: string): string | null {
  const g = groupsOf(ip);
  return g ? formatIpv6(g) : null;
}

/** Addresses that identify nothing: loopback, unspecified, link-local, multicast. */
export function isNeutralIpv6(ip: string): boolean {
  const g = groupsOf(ip);
  if (!g) return true;
  const zeroHead = g.slice(0, 7).every((x) => x === 0);
  return (zeroHead && g[7] <= 1) || (g[0] & 0xffc0) === 0xfe80 || (g[0] & 0xff00) === 0xff00;
}

const key = (g: number[], n: number) => g.slice(0, n).map((x) => x.toString(16)).join(':');

/** Assigns pseudonyms 2001:db8:A:B::H: one A per original /48, one B per /64 inside it, H in order. */
export function allocateIpv6(originals: Iterable<string>): Map<string, string> {
  const seen = new Map<string, number[]>();
  for (const ip of originals) {
    const g = groupsOf(ip);
    if (g && !isNeutralIpv6(ip)) seen.set(formatIpv6(g), g);
  }
  const cmp = (a: number[], b: number[]) => { for (let i = 0; i < 8; i++) if (a[i] !== b[i]) return a[i] - b[i]; return 0; };
  const all = [...seen.entries()].sort((a, b) => cmp(a[1], b[1]));
  const taken = new Set(seen.keys());
  const items = all.map(([canon, g]) => ({ original: canon, outer: key(g, 3), inner: key(g, 4) }));
  return numberNested(items, (p48, p64, h) => formatIpv6([0x2001, 0xdb8, p48 & 0xffff, p64 & 0xffff, 0, 0, 0, h & 0xffff]), taken, 70000);
}
