// The numbering both address families share: one number per outer prefix, one per inner prefix
// within it (first-seen order, so shared subnets stay shared), hosts counted within the inner one.

export interface Placed {
  original: string;
  outer: string;
  inner: string;
}

/** Pseudonyms for `items` (already in order); `format` builds one from the three numbers; a pseudonym in `taken` is skipped. */
export function numberNested(items: Placed[], format: (outer: number, inner: number, host: number) => string, taken: Set<string>, maxHost: number): Map<string, string> {
  const out = new Map<string, string>();
  const outers = new Map<string, number>();
  const inners = new Map<string, number>();
  const innersPerOuter = new Map<string, number>();
  const hosts = new Map<string, number>();
  for (const { original, outer, inner } of items) {
    if (!outers.has(outer)) outers.set(outer, outers.size + 1);
    if (!inners.has(inner)) {
      const n = (innersPerOuter.get(outer) ?? 0) + 1;
      innersPerOuter.set(outer, n);
      inners.set(inner, n);
    }
    let h = hosts.get(inner) ?? 0;
    let pseudo: string;
    do {
      h += 1;
      pseudo = format(outers.get(outer)!, inners.get(inner)!, h);
    } while (taken.has(pseudo) && h < maxHost);
    hosts.set(inner, h);
    out.set(original, pseudo);
  }
  return out;
}
