// Known host names (short labels such as `feng-ws1`) found in free text in one linear pass: the text
// is cut into runs of letters, digits and hyphens, and every span between hyphens or run ends is
// looked up in a set. Same matches as one big alternation with alphanumeric boundaries (leftmost,
// longest), without its cost of trying every name at every position (30,000 names).

const RUN = /[A-Za-z0-9-]+/g;

export class KnownNames {
  private readonly names: Set<string>;
  private readonly longest: number;

  /** `names`: lower-case labels of letters, digits and hyphens. */
  constructor(names: Iterable<string>) {
    this.names = new Set();
    let longest = 0;
    for (const n of names) {
      if (!/^[a-z0-9-]+$/.test(n)) continue;
      this.names.add(n);
      if (n.length > longest) longest = n.length;
    }
    this.longest = longest;
  }

  get size(): number {
    return this.names.size;
  }

  /** `s` with every known name replaced by `to(name)` (the name lower-cased). */
  replace(s: string, to: (name: string) => string): string {
    if (!this.names.size) return s;
    return s.replace(RUN, (run) => this.inRun(run, to));
  }

  /** One run: names start at its beginning or after a hyphen and end at its end or before a hyphen. */
  private inRun(run: string, to: (name: string) => string): string {
    if (run.indexOf('-') < 0) {
      // most runs are one word: one lookup
      if (run.length > this.longest) return run;
      const low = run.toLowerCase();
      return this.names.has(low) ? to(low) : run;
    }
    const low = run.toLowerCase();
    const ends: number[] = []; // where a name may end: before each hyphen, and the run's end
    for (let i = low.indexOf('-'); i >= 0; i = low.indexOf('-', i + 1)) ends.push(i);
    ends.push(low.length);
    let out = '';
    let copied = 0;
    for (let s = 0, k = 0; s < low.length;) {
      while (k < ends.length && ends[k] <= s) k++;
      let hit = -1;
      // candidate ends, longest first, bounded by the longest known name
      for (let j = ends.length - 1; j >= k; j--) {
        if (ends[j] - s > this.longest) continue;
        if (this.names.has(low.slice(s, ends[j]))) { hit = ends[j]; break; }
      }
      if (hit >= 0) {
        out += run.slice(copied, s) + to(low.slice(s, hit));
        copied = hit;
      }
      // the next start: after the hyphen that ends this name or this word
      const next = low.indexOf('-', hit >= 0 ? hit : s);
      if (next < 0) break;
      s = next + 1;
    }
    return copied ? out + run.slice(copied) : run;
  }
}
